"""Compute one day's figures into `DailyFigure`, from the raw records and the feeds.

A day is a calendar day in the site's time zone. Recomputing a day replaces its figures,
so the periodic job can run again and again over today and yesterday. Deleted posts and
comments, and people left out of analytics, count nowhere. Each kind of event is read
in one grouped query; the roll-ups per department, location and group are done from
those few rows, so the cost grows with the number of people and groups, not of events.
"""

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from intranet.analytics import measures as m
from intranet.analytics.exclusion import excluded_user_ids
from intranet.analytics.models import ActiveDay, DailyFigure, Dimension, View
from intranet.announcements.models import AnnouncementPage, Receipt
from intranet.announcements.selectors import audience_people
from intranet.feeds.models import Comment, Post, Reaction
from intranet.groups.models import InterestGroup, Membership
from intranet.people.models import Profile
from intranet.plugins.models import BrandClick, BrandItem, BrandShare

Key = tuple[str, int]  # (dimension, key)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_default_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)


class _Figures:
    """The figures of one day, keyed by (measure, dimension, key)."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str, int], float] = defaultdict(float)
        self.audience: dict[Key, int] = {}

    def add(self, measure: str, dimension: str, key: int, value: float) -> None:
        self.values[(measure, dimension, key)] += value

    def rows(self, day: date) -> list[DailyFigure]:
        return [DailyFigure(date=day, measure=measure, dimension=dimension, key=key,
                            value=value, audience=self.audience.get((dimension, key)))
                for (measure, dimension, key), value in self.values.items()]


class _People:
    """Everyone's department and location, and the size of each (people counted: active
    accounts not left out of analytics)."""

    def __init__(self) -> None:
        self.place: dict[int, tuple[int | None, int | None]] = {}
        rows = (Profile.objects.filter(user__is_active=True)
                .exclude(user__in=excluded_user_ids())
                .values_list("user_id", "department_id", "location_id"))
        for user_id, department, location in rows:
            self.place[user_id] = (department, location)

    def places(self, user_id: int) -> Iterable[Key]:
        department, location = self.place.get(user_id, (None, None))
        if department is not None:
            yield Dimension.DEPARTMENT.value, department
        if location is not None:
            yield Dimension.LOCATION.value, location

    def sizes(self) -> Counter:
        sizes: Counter = Counter()
        for user_id in self.place:
            sizes.update(self.places(user_id))
        return sizes


def _events(figures: _Figures, people: _People, measure: str,
            rows: Iterable[tuple[int, int | None, int]]) -> set[tuple[int, int | None]]:
    """Add (actor, group, count) rows to the total, the actor's department and location,
    and the group; return the (actor, group) pairs."""
    actors = set()
    for actor, group, count in rows:
        actors.add((actor, group))
        figures.add(measure, Dimension.TOTAL, 0, count)
        for dimension, key in people.places(actor):
            figures.add(measure, dimension, key, count)
        if group is not None:
            figures.add(measure, Dimension.GROUP, group, count)
    return actors


def _distinct(figures: _Figures, people: _People, measure: str, actors: set[int],
              by_group: Iterable[tuple[int, int]] = ()) -> None:
    """Count distinct people in the total, per department and location, and per group
    from (group, count) rows."""
    figures.add(measure, Dimension.TOTAL, 0, len(actors))
    for actor in actors:
        for dimension, key in people.places(actor):
            figures.add(measure, dimension, key, 1)
    for group, count in by_group:
        if group is not None:
            figures.add(measure, Dimension.GROUP, group, count)


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _grouped_people(rows: QuerySet, group_field: str, person_field: str) -> list:
    return list(rows.values_list(group_field).annotate(n=Count(person_field, distinct=True))
                .order_by())


def _reached_in_groups(views: QuerySet) -> list[tuple[int, int]]:
    """(group, people) who had one of its posts on screen. A view names its item by id
    alone (any kind), so the join to posts is written out."""
    inner, params = (views.filter(kind="post").values("object_id", "user_id")
                     .query.sql_with_params())
    with connection.cursor() as cursor:
        cursor.execute(  # the ORM's own SQL and a model's table name; values are parameters
            f"SELECT group_id, count(*) FROM (SELECT DISTINCT p.group_id, v.user_id "  # noqa: S608
            f"FROM ({inner}) v JOIN {Post._meta.db_table} p ON p.id = v.object_id "
            "WHERE p.group_id IS NOT NULL) pairs GROUP BY group_id", params)
        return cursor.fetchall()


def compute_day(day: date) -> int:
    """Replace `day`'s figures; return how many were written."""
    start, end = day_bounds(day)
    excluded = excluded_user_ids()
    people = _People()
    figures = _Figures()

    posts = Post.objects.filter(published_at__gte=start, published_at__lt=end,
                                deleted_at__isnull=True, subject_type="").exclude(
        author__in=excluded)
    comments = Comment.objects.filter(created_at__gte=start, created_at__lt=end,
                                      deleted_at__isnull=True,
                                      post__deleted_at__isnull=True).exclude(author__in=excluded)
    reactions = Reaction.objects.filter(
        created_at__gte=start, created_at__lt=end, post__deleted_at__isnull=True).exclude(
        Exists(Comment.objects.filter(pk=OuterRef("comment_id"), deleted_at__isnull=False))
    ).exclude(user__in=excluded)
    views = View.objects.filter(seen_at__gte=start, seen_at__lt=end).exclude(user__in=excluded)
    active = ActiveDay.objects.filter(date=day).exclude(user__in=excluded)

    # Activity.
    active_ids = set(active.values_list("user_id", flat=True))
    _distinct(figures, people, m.ACTIVE, active_ids, _grouped_people(
        Membership.objects.filter(user__in=active.values("user_id")), "group_id", "user_id"))
    for measure, days in ((m.ACTIVE_7, 7), (m.ACTIVE_30, 30)):
        figures.add(measure, Dimension.TOTAL, 0, ActiveDay.objects.filter(
            date__gt=day - timedelta(days=days), date__lte=day).exclude(
            user__in=excluded).values("user_id").distinct().count())

    # Posts, comments, reactions; who engaged and who was reached.
    _events(figures, people, m.POSTS, posts.values_list("author_id", "group_id")
            .annotate(n=Count("pk")).order_by())
    commenters = _events(figures, people, m.COMMENTS, comments.values_list(
        "author_id", "post__group_id").annotate(n=Count("pk")).order_by())
    reactors = _events(figures, people, m.REACTIONS, reactions.values_list(
        "user_id", "post__group_id").annotate(n=Count("pk")).order_by())
    engaged_in_groups = Counter(group for _person, group in commenters | reactors)
    _distinct(figures, people, m.ENGAGED, {person for person, _ in commenters | reactors},
              engaged_in_groups.items())
    _distinct(figures, people, m.REACHED,
              set(views.values_list("user_id", flat=True).distinct()), _reached_in_groups(views))

    # Groups: new members, and every group's size (so that dormant groups show).
    for group, count in (Membership.objects.filter(joined_at__gte=start, joined_at__lt=end)
                         .exclude(user__in=excluded).values_list("group_id")
                         .annotate(n=Count("pk")).order_by()):
        figures.add(m.NEW_MEMBERS, Dimension.GROUP, group, count)
    for group, count in (InterestGroup.objects.filter(archived_at__isnull=True)
                         .annotate(n=Count("memberships", filter=Q(
                             memberships__user__is_active=True) & ~Q(
                             memberships__user__in=excluded)))
                         .values_list("pk", "n")):
        figures.audience[(Dimension.GROUP.value, group)] = count
        figures.add(m.MEMBERS, Dimension.GROUP, group, count)
    for (dimension, key), count in people.sizes().items():
        figures.audience[(dimension, key)] = count
        figures.add(m.PEOPLE, dimension, key, count)

    # Topics.
    for topic, count in (Post.topics.through.objects.filter(post__in=posts)
                         .values_list("topic_id").annotate(n=Count("pk")).order_by()):
        figures.add(m.POSTS, Dimension.TOPIC, topic, count)

    _announcements(figures, views, start, end, excluded)
    _brand_items(figures, views, reactions, start, end)
    _response_times(figures, start, end, excluded)

    rows = figures.rows(day)
    with transaction.atomic():
        DailyFigure.objects.filter(date=day).delete()
        DailyFigure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _announcements(figures: _Figures, views: QuerySet, start: datetime, end: datetime,
                   excluded: QuerySet) -> None:
    """Seen (on screen, any language version counting for the original), acknowledged,
    and the median time from announcing to acknowledging, per announcement."""
    seen = dict(views.filter(kind="announcement").values_list("object_id")
                .annotate(n=Count("pk")).order_by())
    pages = AnnouncementPage.objects.filter(pk__in=seen).values_list("pk", "translation_key")
    versions = dict(pages)
    originals = dict(AnnouncementPage.objects.filter(translation_key__in=versions.values())
                     .order_by("-pk").values_list("translation_key", "pk"))
    touched = set()
    for pk, count in seen.items():
        if pk in versions:
            original = originals[versions[pk]]
            touched.add(original)
            figures.add(m.SEEN, Dimension.ANNOUNCEMENT, original, count)
    waits: dict[int, list[float]] = defaultdict(list)
    for page, acknowledged, announced, published in (
            Receipt.objects.filter(acknowledged_at__gte=start, acknowledged_at__lt=end)
            .exclude(user__in=excluded)
            .values_list("page_id", "acknowledged_at", "page__announced_at",
                         "page__first_published_at")):
        touched.add(page)
        figures.add(m.ACKNOWLEDGED, Dimension.ANNOUNCEMENT, page, 1)
        since = announced or published
        if since is not None:
            waits[page].append(max(0.0, (acknowledged - since).total_seconds()))
    for page, samples in waits.items():
        figures.add(m.ACK_MEDIAN, Dimension.ANNOUNCEMENT, page, _median(samples))
    for page in AnnouncementPage.objects.filter(pk__in=touched):
        figures.audience[(Dimension.ANNOUNCEMENT.value, page.pk)] = audience_people(
            page).exclude(pk__in=excluded).count()


def _brand_items(figures: _Figures, views: QuerySet, reactions: QuerySet, start: datetime,
                 end: datetime) -> None:
    """Seen, reactions to the post each brand item became, shares outward and the
    visits that came back through them."""
    for item, count in (views.filter(kind="brand item").values_list("object_id")
                        .annotate(n=Count("pk")).order_by()):
        figures.add(m.SEEN, Dimension.BRAND_ITEM, item, count)
    for measure, rows in ((m.SHARES, BrandShare.objects), (m.CLICKS, BrandClick.objects)):
        for item, count in (rows.filter(created_at__gte=start, created_at__lt=end)
                            .values_list("item_id").annotate(n=Count("pk")).order_by()):
            figures.add(measure, Dimension.BRAND_ITEM, item, count)
    items = BrandItem.objects.filter(post=OuterRef("post_id")).values("pk")
    for item, count in (reactions.filter(comment__isnull=True, post__brand_item__isnull=False)
                        .annotate(item=items).values_list("item")
                        .annotate(n=Count("pk")).order_by()):
        figures.add(m.REACTIONS, Dimension.BRAND_ITEM, item, count)


def _response_times(figures: _Figures, start: datetime, end: datetime,
                    excluded: QuerySet) -> None:
    """Questions answered (first comment by someone else) and posts mentioning an official
    account answered by it, on this day: how many, the median and the sum of the waits."""
    answers = Comment.objects.filter(created_at__gte=start, created_at__lt=end,
                                     deleted_at__isnull=True, post__deleted_at__isnull=True,
                                     post__published_at__isnull=False).exclude(
        author__in=excluded).exclude(post__author__in=excluded)
    earlier = Comment.objects.filter(post=OuterRef("post_id"), deleted_at__isnull=True,
                                     created_at__lt=OuterRef("created_at")).exclude(
        author__in=excluded)
    questions = (answers.filter(post__is_question=True).exclude(author=F("post__author"))
                 .filter(~Exists(earlier.exclude(author=OuterRef("post__author")))))
    officials = (answers.filter(author__profile__is_official=True,
                                post__mentions=F("author"))
                 .filter(~Exists(earlier.filter(author=OuterRef("author")))))
    for prefix, rows in ((m.QUESTION, questions), (m.OFFICIAL, officials)):
        first: dict[int, float] = {}
        for post, posted, answered in rows.values_list("post_id", "post__published_at",
                                                       "created_at"):
            wait = max(0.0, (answered - posted).total_seconds())
            first[post] = min(wait, first.get(post, wait))
        waits = list(first.values())
        if waits:
            figures.add(f"{prefix}_answered", Dimension.TOTAL, 0, len(waits))
            figures.add(f"{prefix}_wait_sum", Dimension.TOTAL, 0, sum(waits))
            figures.add(f"{prefix}_wait_median", Dimension.TOTAL, 0, _median(waits))
