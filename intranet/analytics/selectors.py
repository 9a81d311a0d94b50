"""Reads of analytics, from the daily aggregates only: each answers a chart in a constant
number of queries whatever the range (one or two, plus the names shown).

No figure of a department, location or group is returned when it had fewer than
ANALYTICS_MIN_AUDIENCE people on any day of the range: it is left out, as if absent.
Ranges are inclusive calendar days. Over a range, `active_people` is the mean number of
people active a day, and the engagement rate the people-days engaged (commented or
reacted) over the people-days reached (something was on their screen).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone

from intranet.analytics import measures as m
from intranet.analytics.models import PEOPLE_DIMENSIONS, DailyFigure, Dimension
from intranet.announcements.models import AnnouncementPage
from intranet.core.policy import read_policy
from intranet.feeds.models import Topic
from intranet.groups.models import InterestGroup, Membership, Role
from intranet.people.models import Department, Location
from intranet.plugins.models import BrandItem

VIEW_ANALYTICS = "intranet_analytics.view_analytics"
DAY_MEASURES = (m.ACTIVE, m.ACTIVE_7, m.ACTIVE_30, m.POSTS, m.COMMENTS, m.REACTIONS,
                m.ENGAGED, m.REACHED)
PLACE_MEASURES = (m.PEOPLE, m.ACTIVE, m.POSTS, m.COMMENTS, m.REACTIONS, m.ENGAGED, m.REACHED)
GROUP_MEASURES = (m.MEMBERS, m.POSTS, m.COMMENTS, m.NEW_MEMBERS)


def may_read_analytics(user: AbstractBaseUser, group: InterestGroup | None = None) -> bool:
    """HR, Communications and Community managers read all analytics; a group's owners
    read their group's."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.has_perm(VIEW_ANALYTICS):
        return True
    return group is not None and Membership.objects.filter(
        group=group, user=user, role=Role.OWNER).exists()


def _rows(dimension: str, since: date, until: date, measures: Iterable[str],
          keys: QuerySet | list[int] | None = None) -> list[DailyFigure]:
    rows = DailyFigure.objects.filter(dimension=dimension, date__gte=since, date__lte=until,
                                      measure__in=list(measures))
    if keys is not None:
        rows = rows.filter(key__in=keys)
    return list(rows.only("date", "measure", "key", "value", "audience"))


def _audible(rows: list[DailyFigure], dimension: str) -> list[DailyFigure]:
    """Rows of keys whose audience was never under the minimum in the range."""
    if dimension not in PEOPLE_DIMENSIONS and dimension != Dimension.ANNOUNCEMENT:
        return rows
    minimum = settings.ANALYTICS_MIN_AUDIENCE
    small = {row.key for row in rows if row.audience is None or row.audience < minimum}
    return [row for row in rows if row.key not in small]


def _days(since: date, until: date) -> list[date]:
    return [since + timedelta(days=n) for n in range((until - since).days + 1)]


def _rate(engaged: float, reached: float) -> float | None:
    return round(engaged / reached, 4) if reached else None


def _day_entries(rows: list[DailyFigure], since: date, until: date) -> list[dict]:
    by_date: dict[date, dict[str, float]] = defaultdict(dict)
    for row in rows:
        by_date[row.date][row.measure] = row.value
    entries = []
    for day in _days(since, until):
        values = by_date.get(day, {})
        entries.append({
            "date": day.isoformat(),
            "active_people": int(values.get(m.ACTIVE, 0)),
            "active_people_7d": int(values.get(m.ACTIVE_7, 0)),
            "active_people_30d": int(values.get(m.ACTIVE_30, 0)),
            "posts": int(values.get(m.POSTS, 0)),
            "comments": int(values.get(m.COMMENTS, 0)),
            "reactions": int(values.get(m.REACTIONS, 0)),
            "engaged": int(values.get(m.ENGAGED, 0)),
            "reached": int(values.get(m.REACHED, 0)),
            "engagement_rate": _rate(values.get(m.ENGAGED, 0), values.get(m.REACHED, 0)),
        })
    return entries


def _totals(days: list[dict]) -> dict:
    def total(name: str) -> int:
        return sum(day[name] for day in days)

    return {"active_people": round(total("active_people") / len(days)) if days else 0,
            "posts": total("posts"), "comments": total("comments"),
            "reactions": total("reactions"),
            "engagement_rate": _rate(total("engaged"), total("reached"))}


def by_day(*, since: date, until: date, group: InterestGroup | None = None) -> list[dict]:
    """One entry a day of the range, oldest first: `{"date", "active_people",
    "active_people_7d", "active_people_30d", "posts", "comments", "reactions", "engaged",
    "reached", "engagement_rate"}` (the 7- and 30-day counts are company-wide only;
    the rate is null on a day nobody was reached). For `group`, its figures (activity
    of its members, content in it); an empty list when it is under the minimum audience.
    One query."""
    if group is None:
        return _day_entries(_rows(Dimension.TOTAL, since, until, DAY_MEASURES), since, until)
    rows = _rows(Dimension.GROUP, since, until, (*DAY_MEASURES, m.MEMBERS), [group.pk])
    rows = _audible(rows, Dimension.GROUP)
    return _day_entries(rows, since, until) if rows else []


def _by_place(dimension: str, model: type, since: date, until: date) -> list[dict]:
    rows = _audible(_rows(dimension, since, until, PLACE_MEASURES), dimension)
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    latest: dict[int, tuple[date, float]] = {}
    for row in rows:
        if row.measure == m.PEOPLE:
            if row.key not in latest or latest[row.key][0] < row.date:
                latest[row.key] = (row.date, row.value)
        else:
            sums[row.key][row.measure] += row.value
    names = dict(model.objects.filter(pk__in=latest).values_list("pk", "name"))
    days = len(_days(since, until))
    entries = [{"name": names[key], "people": int(latest[key][1]),
                "active_people": round(sums[key][m.ACTIVE] / days),
                "posts": int(sums[key][m.POSTS]), "comments": int(sums[key][m.COMMENTS]),
                "reactions": int(sums[key][m.REACTIONS]),
                "engagement_rate": _rate(sums[key][m.ENGAGED], sums[key][m.REACHED])}
               for key in latest if key in names]
    return sorted(entries, key=lambda entry: entry["name"])


def by_department(*, since: date, until: date) -> list[dict]:
    """Per department (of the people who did it), by name: `{"department", "people",
    "active_people", "posts", "comments", "reactions", "engagement_rate"}`; `people` is
    its size on the last day of the range. Departments under the minimum audience are
    left out. Two queries."""
    return [{"department": entry.pop("name"), **entry}
            for entry in _by_place(Dimension.DEPARTMENT, Department, since, until)]


def by_location(*, since: date, until: date) -> list[dict]:
    """As `by_department`, per location: `{"location", "people", ...}`. Two queries."""
    return [{"location": entry.pop("name"), **entry}
            for entry in _by_place(Dimension.LOCATION, Location, since, until)]


def overview(*, since: date, until: date, group: InterestGroup | None = None) -> dict:
    """`{"active_people", "posts", "comments", "reactions", "engagement_rate",
    "by_department": [...by_department...], "by_day": [...by_day...]}` over the range.
    For `group`: its figures, and no department breakdown; all figures null when the
    group is under the minimum audience. Three queries (one for a group)."""
    days = by_day(since=since, until=until, group=group)
    if group is not None:
        if not days:
            return {"active_people": None, "posts": None, "comments": None,
                    "reactions": None, "engagement_rate": None, "by_department": [],
                    "by_day": []}
        return {**_totals(days), "by_department": [], "by_day": days}
    return {**_totals(days), "by_department": by_department(since=since, until=until),
            "by_day": days}


def headline_week() -> dict:
    """This week (Monday to today) against the whole of last week: `{"this_week": {...},
    "last_week": {...}}`, each `{"since", "until", "active_people", "posts", "comments",
    "reactions", "engagement_rate"}`. One query."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    last_monday = monday - timedelta(days=7)
    days = _day_entries(_rows(Dimension.TOTAL, last_monday, today, DAY_MEASURES),
                        last_monday, today)
    weeks = {}
    for name, start, end in (("this_week", monday, today),
                             ("last_week", last_monday, monday - timedelta(days=1))):
        within = [day for day in days if start.isoformat() <= day["date"] <= end.isoformat()]
        weeks[name] = {"since": start.isoformat(), "until": end.isoformat(), **_totals(within)}
    return weeks


def top_topics(*, user: AbstractBaseUser, since: date, until: date,
               limit: int = 10) -> list[dict]:
    """The topics with the most posts in the range, among those `user` may read, most
    first: `{"topic" (name), "slug", "posts"}`. Two queries."""
    readable = read_policy("topic").readable(user).values("pk")
    totals: dict[int, float] = defaultdict(float)
    for row in _rows(Dimension.TOPIC, since, until, (m.POSTS,), readable):
        totals[row.key] += row.value
    best = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]
    names = {topic.pk: topic for topic in Topic.objects.filter(pk__in=[k for k, _ in best])}
    return [{"topic": names[key].name, "slug": names[key].slug, "posts": int(total)}
            for key, total in best if key in names]


def group_trends(*, user: AbstractBaseUser, since: date, until: date,
                 limit: int = 10) -> dict:
    """Among the groups `user` may see: `{"growing": [...], "dormant": [...]}`, each entry
    `{"group" (slug), "name", "members", "new_members", "posts", "comments",
    "previous_posts"}` (`previous_posts`: in the period of the same length just before).
    Growing: new members plus the rise in posts, largest first (only rises); dormant:
    no post nor comment in the range, largest first. Groups under the minimum audience
    are left out. Two queries."""
    previous = since - (until - since) - timedelta(days=1)
    visible = read_policy("group").readable(user).values("pk")
    rows = _audible(_rows(Dimension.GROUP, previous, until, GROUP_MEASURES, visible),
                    Dimension.GROUP)
    stats: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        current = row.date >= since
        if row.measure == m.MEMBERS:
            if current and row.date >= stats[row.key].get("members_date", date.min):
                stats[row.key]["members"] = row.value
                stats[row.key]["members_date"] = row.date
        elif row.measure == m.POSTS and not current:
            stats[row.key]["previous_posts"] += row.value
        elif current:
            stats[row.key][row.measure] += row.value
    groups = {group.pk: group for group in InterestGroup.objects.filter(
        pk__in=[key for key, values in stats.items() if "members" in values])}
    entries = [{"group": groups[key].slug, "name": groups[key].name,
                "members": int(values["members"]), "new_members": int(values[m.NEW_MEMBERS]),
                "posts": int(values[m.POSTS]), "comments": int(values[m.COMMENTS]),
                "previous_posts": int(values["previous_posts"])}
               for key, values in stats.items() if key in groups]
    for entry in entries:
        entry["growth"] = entry["new_members"] + entry["posts"] - entry["previous_posts"]
    growing = sorted((e for e in entries if e["growth"] > 0),
                     key=lambda e: (-e["growth"], e["name"]))[:limit]
    dormant = sorted((e for e in entries if not e["posts"] and not e["comments"]),
                     key=lambda e: (-e["members"], e["name"]))[:limit]
    for entry in entries:
        del entry["growth"]
    return {"growing": growing, "dormant": dormant}


def _weighted_median(samples: list[tuple[float, float]]) -> float | None:
    """The median of values each counted `weight` times (days' medians by their counts)."""
    if not samples:
        return None
    samples = sorted(samples)
    half, seen = sum(weight for _value, weight in samples) / 2, 0.0
    for value, weight in samples:
        seen += weight
        if seen >= half:
            return value
    return samples[-1][0]


def announcement_reach(*, since: date, until: date) -> list[dict]:
    """Per announcement seen or acknowledged in the range, newest first: `{"announcement"
    (id), "title", "audience", "seen", "acknowledged", "median_seconds_to_acknowledge"}`;
    the median is the median of the days' medians weighted by their acknowledgements.
    Announcements addressed to fewer people than the minimum audience are left out.
    Two queries."""
    rows = _audible(_rows(Dimension.ANNOUNCEMENT, since, until,
                          (m.SEEN, m.ACKNOWLEDGED, m.ACK_MEDIAN)), Dimension.ANNOUNCEMENT)
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    medians: dict[int, dict[date, float]] = defaultdict(dict)
    audience: dict[int, int] = {}
    acks: dict[tuple[int, date], float] = {}
    for row in rows:
        audience[row.key] = max(audience.get(row.key, 0), row.audience or 0)
        if row.measure == m.ACK_MEDIAN:
            medians[row.key][row.date] = row.value
        else:
            sums[row.key][row.measure] += row.value
            if row.measure == m.ACKNOWLEDGED:
                acks[(row.key, row.date)] = row.value
    titles = dict(AnnouncementPage.objects.filter(pk__in=audience).values_list("pk", "title"))
    return [{"announcement": key, "title": titles[key], "audience": audience[key],
             "seen": int(sums[key][m.SEEN]), "acknowledged": int(sums[key][m.ACKNOWLEDGED]),
             "median_seconds_to_acknowledge": _weighted_median(
                 [(value, acks.get((key, day), 1)) for day, value in medians[key].items()])}
            for key in sorted(audience, reverse=True) if key in titles]


def highlight_reach(*, since: date, until: date) -> list[dict]:
    """Per brand item seen, reacted to, shared or visited through a share in the range,
    newest first: `{"item" (id), "title", "seen", "reactions", "shares", "clicks"}`. Two
    queries."""
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in _rows(Dimension.BRAND_ITEM, since, until,
                     (m.SEEN, m.REACTIONS, m.SHARES, m.CLICKS)):
        sums[row.key][row.measure] += row.value
    titles = dict(BrandItem.objects.filter(pk__in=sums).values_list("pk", "title"))
    return [{"item": key, "title": titles[key], "seen": int(values[m.SEEN]),
             "reactions": int(values[m.REACTIONS]), "shares": int(values[m.SHARES]),
             "clicks": int(values[m.CLICKS])}
            for key, values in sorted(sums.items(), reverse=True) if key in titles]


def response_times(*, since: date, until: date) -> dict:
    """How fast questions get a first answer from someone else, and posts mentioning an
    official account an answer from it, counted on the day of the answer:
    `{"questions": {...}, "official_mentions": {...}}`, each `{"answered",
    "mean_seconds", "median_seconds", "by_day": [{"date", "answered",
    "median_seconds"}]}` (the range's median is the days' medians weighted by their
    answers; null when nothing was answered). One query."""
    names = {prefix: (f"{prefix}_answered", f"{prefix}_wait_sum", f"{prefix}_wait_median")
             for prefix in (m.QUESTION, m.OFFICIAL)}
    rows = _rows(Dimension.TOTAL, since, until,
                 [name for triple in names.values() for name in triple])
    values = {(row.measure, row.date): row.value for row in rows}
    answer = {}
    for label, prefix in (("questions", m.QUESTION), ("official_mentions", m.OFFICIAL)):
        count_name, sum_name, median_name = names[prefix]
        days = [{"date": day.isoformat(), "answered": int(values.get((count_name, day), 0)),
                 "median_seconds": values.get((median_name, day))}
                for day in _days(since, until)]
        answered = sum(day["answered"] for day in days)
        total = sum(values.get((sum_name, day), 0) for day in _days(since, until))
        answer[label] = {
            "answered": answered,
            "mean_seconds": round(total / answered, 1) if answered else None,
            "median_seconds": _weighted_median([(day["median_seconds"], day["answered"])
                                                for day in days if day["answered"]]),
            "by_day": days}
    return answer

