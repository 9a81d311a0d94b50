"""A day's analytics aggregation over 1,000,000 events, against one GROUP BY over the same
events; and the analytics overview's query count for a week and for a year.

Loads, into a database of its own, 2,000 people in 20 departments and 10 locations, 100
groups, and one day of 40,000 posts, 160,000 comments, 300,000 reactions and 500,000
views (one million events), with 1,500 people active that day. Times
`intranet.analytics.aggregation.compute_day` for that day (median of `--rounds`) and, as
the floor, a single SQL query counting the same events per kind and person with one
GROUP BY, and prints the ratio. Then counts the queries of the overview selector over 7
and over 365 days (they must be equal).

    deploy/services start && eval "$(deploy/services env)"
    .venv/bin/python bench/analytics_day.py
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEOPLE, DEPARTMENTS, LOCATIONS, GROUPS = 2000, 20, 10, 100
POSTS, COMMENTS, REACTIONS, VIEWS = 40_000, 160_000, 300_000, 500_000


def setup() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit('PostgreSQL is needed: deploy/services start; eval "$(deploy/services env)"')
    sys.path.insert(0, str(ROOT))
    os.environ.update(DEBUG="1", LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="intranet.settings",
                      SEARCH_URL="db")
    import django

    django.setup()
    from django.db import connection

    # A database of its own ("test_<name>"), kept between runs to skip the loading.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)


def load(day) -> None:
    """People, groups and one day of events, written with set-based SQL (once)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from intranet.analytics.aggregation import day_bounds
    from intranet.analytics.models import ActiveDay, View
    from intranet.feeds.models import Comment, Post, Reaction
    from intranet.groups.models import InterestGroup, Membership
    from intranet.people.models import Department, Location, Profile

    if Reaction.objects.count() >= REACTIONS:
        return
    print("loading 2,000 people, 100 groups and 1,000,000 events...", flush=True)
    User = get_user_model()
    start, _end = day_bounds(day)
    with transaction.atomic():
        password = make_password(None)
        User.objects.bulk_create([User(username=f"a{n}", display_name=f"Person {n}",
                                       password=password) for n in range(PEOPLE)])
        users = list(User.objects.order_by("pk").values_list("pk", flat=True))
        departments = Department.objects.bulk_create(
            [Department(name=f"Department {n}") for n in range(DEPARTMENTS)])
        locations = Location.objects.bulk_create(
            [Location(name=f"Location {n}") for n in range(LOCATIONS)])
        Profile.objects.bulk_create([
            Profile(user_id=pk, department=departments[n % DEPARTMENTS],
                    location=locations[n % LOCATIONS]) for n, pk in enumerate(users)])
        from django.contrib.auth.models import Group as AuthGroup

        groups = []
        for n in range(GROUPS):
            roles = AuthGroup.objects.bulk_create(
                [AuthGroup(name=f"bench-{n}-{role}") for role in ("o", "m", "e")])
            groups.append(InterestGroup(name=f"Group {n}", slug=f"group-{n}",
                                        owners=roles[0], moderators=roles[1], members=roles[2]))
        groups = InterestGroup.objects.bulk_create(groups)
        Membership.objects.bulk_create([
            Membership(group=groups[(n + k * 37) % GROUPS], user_id=pk, role="member")
            for n, pk in enumerate(users) for k in range(5)], ignore_conflicts=True)
        Post.objects.bulk_create([
            Post(author_id=users[n % PEOPLE], group=groups[n % GROUPS],
                 audience_key=f"group:{groups[n % GROUPS].pk}", body="A post", html="<p>A post</p>",
                 published_at=start + timedelta(seconds=2 * n + 1),
                 last_activity_at=start) for n in range(POSTS)], batch_size=5000)
        first_post = Post.objects.order_by("pk").values_list("pk", flat=True).first()
        first_user = users[0]
        seconds = 86_000
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Comment._meta.db_table} (post_id, author_id, body, html, "
                "created_at, reaction_counts, moderation_state, moderation_reason) "
                "SELECT %s + i %% %s, %s + (i * 7) %% %s, 'Yes', '<p>Yes</p>', "
                "%s + make_interval(secs => i %% %s), '{}', '', '' "
                "FROM generate_series(0, %s - 1) i",
                [first_post, POSTS, first_user, PEOPLE, start, seconds, COMMENTS])
            cursor.execute(
                f"INSERT INTO {Reaction._meta.db_table} (user_id, post_id, kind, created_at) "
                "SELECT %s + ((i %% %s) * 13 + (i / %s) * 101) %% %s, %s + i %% %s, 'like', "
                "%s + make_interval(secs => i %% %s) FROM generate_series(0, %s - 1) i",
                [first_user, POSTS, POSTS, PEOPLE, first_post, POSTS, start, seconds,
                 REACTIONS])
            cursor.execute(
                f"INSERT INTO {View._meta.db_table} (kind, object_id, user_id, seen_at) "
                "SELECT 'post', %s + i %% %s, %s + ((i %% %s) * 17 + (i / %s) * 151) %% %s, "
                "%s + make_interval(secs => i %% %s) FROM generate_series(0, %s - 1) i",
                [first_post, POSTS, first_user, POSTS, POSTS, PEOPLE, start, seconds, VIEWS])
        ActiveDay.objects.bulk_create([ActiveDay(user_id=pk, date=day - timedelta(days=back))
                                       for back in range(30) for pk in users[:1500]
                                       if back == 0 or pk % (back + 2) == 0])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def floor_query(day) -> None:
    """The same events, counted per kind and person with one GROUP BY."""
    from django.db import connection

    from intranet.analytics.aggregation import day_bounds
    from intranet.analytics.models import View
    from intranet.feeds.models import Comment, Post, Reaction

    start, end = day_bounds(day)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, person, count(*) FROM ("
            f"SELECT 'post' kind, author_id person FROM {Post._meta.db_table} "
            "WHERE published_at >= %s AND published_at < %s UNION ALL "
            f"SELECT 'comment', author_id FROM {Comment._meta.db_table} "
            "WHERE created_at >= %s AND created_at < %s UNION ALL "
            f"SELECT 'reaction', user_id FROM {Reaction._meta.db_table} "
            "WHERE created_at >= %s AND created_at < %s UNION ALL "
            f"SELECT 'view', user_id FROM {View._meta.db_table} "
            "WHERE seen_at >= %s AND seen_at < %s) events GROUP BY kind, person",
            [start, end] * 4)
        cursor.fetchall()


def timed(call, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    setup()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from intranet.analytics import selectors
    from intranet.analytics.aggregation import compute_day
    from intranet.analytics.models import DailyFigure

    day = timezone.localdate() - timedelta(days=1)
    load(day)
    floor = timed(lambda: floor_query(day), args.rounds)
    aggregation = timed(lambda: compute_day(day), args.rounds)
    print(f"one GROUP BY over the day's 1,000,000 events: {floor * 1000:.0f} ms")
    print(f"the day's aggregation ({DailyFigure.objects.filter(date=day).count()} figures): "
          f"{aggregation * 1000:.0f} ms")
    print(f"ratio: {aggregation / floor:.2f}")
    counts = {}
    for days in (7, 365):
        reset_queries()  # the log is a bounded queue, full after the loading
        with CaptureQueriesContext(connection) as queries:
            selectors.overview(since=day - timedelta(days=days - 1), until=day)
        counts[days] = len(queries)
    print(f"overview queries: {counts[7]} for 7 days, {counts[365]} for 365 days")
    if counts[7] != counts[365]:
        sys.exit("the overview's query count depends on the range")


if __name__ == "__main__":
    main()
