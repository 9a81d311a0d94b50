"""The charts of the analytics dashboard, each a table built from one selector, so that
the picture, the CSV file and the screen-reader table always say the same thing.

A chart is known by its name in the dashboard's addresses; a group's dashboard shows
only the charts of its own activity."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from intranet.analytics import selectors
from intranet.analytics.charts import Table
from intranet.groups.models import InterestGroup

HOUR = 3600


@dataclass(frozen=True)
class Filters:
    """Who asks, for which days, and for the whole company or one group."""

    user: AbstractBaseUser
    since: date
    until: date
    group: InterestGroup | None = None


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / HOUR, 1)


def _day(entry: dict) -> date:
    return parse_date(entry["date"])


def activity(filters: Filters) -> Table:
    days = selectors.by_day(since=filters.since, until=filters.until, group=filters.group)
    if filters.group is not None:
        return Table(_("Active members"), [_("Date"), _("Active members")],
                     [(_day(d), d["active_people"]) for d in days])
    return Table(_("Active people"),
                 [_("Date"), _("Active that day"), _("Active in 7 days"),
                  _("Active in 30 days")],
                 [(_day(d), d["active_people"], d["active_people_7d"],
                   d["active_people_30d"]) for d in days])


def contributions(filters: Filters) -> Table:
    days = selectors.by_day(since=filters.since, until=filters.until, group=filters.group)
    return Table(_("Posts, comments and reactions"),
                 [_("Date"), _("Posts"), _("Comments"), _("Reactions")],
                 [(_day(d), d["posts"], d["comments"], d["reactions"]) for d in days])


def engagement(filters: Filters) -> Table:
    days = selectors.by_day(since=filters.since, until=filters.until, group=filters.group)
    return Table(_("Engagement rate"), [_("Date"), _("Engagement rate")],
                 [(_day(d), d["engagement_rate"]) for d in days], percent=True,
                 note=_("People who commented or reacted, among the people who had "
                        "something on their screen that day."))


def _places(rows: list[dict], key: str, title: str, heading: str) -> Table:
    return Table(title, [heading, _("Posts"), _("Comments"), _("Reactions")],
                 [(row[key], row["posts"], row["comments"], row["reactions"])
                  for row in rows], kind="bar",
                 note=_("Departments and locations with fewer people than the minimum "
                        "audience are not shown."))


def departments(filters: Filters) -> Table:
    return _places(selectors.by_department(since=filters.since, until=filters.until),
                   "department", _("By department"), _("Department"))


def locations(filters: Filters) -> Table:
    return _places(selectors.by_location(since=filters.since, until=filters.until),
                   "location", _("By location"), _("Location"))


def topics(filters: Filters) -> Table:
    rows = selectors.top_topics(user=filters.user, since=filters.since, until=filters.until)
    return Table(_("Top topics"), [_("Topic"), _("Posts")],
                 [(f"#{row['topic']}", row["posts"]) for row in rows], kind="bar")


def growing_groups(filters: Filters) -> Table:
    rows = selectors.group_trends(user=filters.user, since=filters.since,
                                  until=filters.until)["growing"]
    return Table(_("Growing groups"),
                 [_("Group"), _("New members"), _("Posts"), _("Posts the period before")],
                 [(row["name"], row["new_members"], row["posts"], row["previous_posts"])
                  for row in rows], kind="bar")


def dormant_groups(filters: Filters) -> Table:
    rows = selectors.group_trends(user=filters.user, since=filters.since,
                                  until=filters.until)["dormant"]
    return Table(_("Dormant groups"), [_("Group"), _("Members")],
                 [(row["name"], row["members"]) for row in rows], kind="bar",
                 note=_("No post and no comment in the period."))


def announcements(filters: Filters) -> Table:
    rows = selectors.announcement_reach(since=filters.since, until=filters.until)
    return Table(_("Announcement reach"),
                 [_("Announcement"), _("Seen"), _("Acknowledged"), _("Audience"),
                  _("Median hours to acknowledge")],
                 [(row["title"], row["seen"], row["acknowledged"], row["audience"],
                   _hours(row["median_seconds_to_acknowledge"])) for row in rows],
                 kind="bar")


def highlights(filters: Filters) -> Table:
    rows = selectors.highlight_reach(since=filters.since, until=filters.until)
    return Table(_("Brand highlight reach"),
                 [_("Highlight"), _("Seen"), _("Reactions"), _("Shares"),
                  _("Visits through shares")],
                 [(row["title"] or _("Untitled"), row["seen"], row["reactions"],
                   row["shares"], row["clicks"]) for row in rows], kind="bar")


def response_times(filters: Filters) -> Table:
    times = selectors.response_times(since=filters.since, until=filters.until)
    questions, official = times["questions"]["by_day"], times["official_mentions"]["by_day"]
    return Table(_("Time to a first answer"),
                 [_("Date"), _("Questions (median hours)"),
                  _("Mentions of official accounts (median hours)")],
                 [(_day(q), _hours(q["median_seconds"]), _hours(o["median_seconds"]))
                  for q, o in zip(questions, official, strict=True)])


CHARTS: dict[str, Callable[[Filters], Table]] = {
    "activity": activity, "contributions": contributions, "engagement": engagement,
    "departments": departments, "locations": locations, "topics": topics,
    "growing-groups": growing_groups, "dormant-groups": dormant_groups,
    "announcements": announcements, "highlights": highlights,
    "response-times": response_times}
# What a group's page shows: its own activity; the rest is company-wide.
GROUP_CHARTS = ("activity", "contributions", "engagement")


def chart_names(filters: Filters) -> list[str]:
    return [name for name in CHARTS if filters.group is None or name in GROUP_CHARTS]


def query_of(filters: Filters) -> str:
    """The address's query for these filters, so a chart shows what its page shows."""
    query = {"since": filters.since.isoformat(), "until": filters.until.isoformat()}
    if filters.group is not None:
        query["group"] = filters.group.slug
    return urlencode(query)


def chart_entries(filters: Filters, namespace: str, **kwargs) -> list[dict]:
    """Each chart's table with the addresses of its picture and its CSV file, under the
    URL namespace of the page that shows them (`kwargs`: that namespace's arguments)."""
    query = query_of(filters)
    return [{"name": name, "table": CHARTS[name](filters),
             **{ext: f"{reverse(f'{namespace}:{ext}', kwargs={**kwargs, 'name': name})}"
                     f"?{query}" for ext in ("svg", "csv")}}
            for name in chart_names(filters)]
