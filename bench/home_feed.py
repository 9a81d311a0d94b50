"""Home feed latency with a large company, against the one raw SQL query of the same page.

Loads 2,000 people, 200 groups and 100,000 posts into a fresh benchmark database, then
times the home feed API for one person (a member of ten groups who follows people and
topics) and, as the floor, the single SQL query that returns the same twenty posts.

    deploy/services start && eval "$(deploy/services env)"
    .venv/bin/python bench/home_feed.py            # PostgreSQL: a database of its own
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(DEBUG="1", LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="intranet.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="bench-")
    import django

    django.setup()
    from django.db import connection

    # A database of its own ("test_<name>"), kept between runs to skip the loading.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)


def load(people: int, groups: int, posts: int) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from intranet.feeds.markup import render
    from intranet.feeds.models import Post, Topic
    from intranet.groups.models import Membership
    from intranet.groups.services import group_create

    User = get_user_model()
    if Post.objects.count() >= posts:
        return
    rng = random.Random(7)
    password = make_password(None)
    print(f"loading {people} people, {groups} groups, {posts} posts...", flush=True)
    with transaction.atomic():
        User.objects.bulk_create([User(username=f"p{n}", display_name=f"Person {n}",
                                       password=password) for n in range(people)])
        users = list(User.objects.filter(username__startswith="p").order_by("pk"))
        made = [group_create(actor=users[n % len(users)], name=f"Group {n}",
                             visibility=["open", "private", "secret"][n % 3])
                for n in range(groups)]
        memberships, links = [], []
        Through = User.groups.through
        for user in users:
            for group in rng.sample(made, 10):
                if group.created_by_id != user.pk:
                    memberships.append(Membership(group=group, user=user))
                    links.append(Through(user_id=user.pk, group_id=group.members_id))
        Membership.objects.bulk_create(memberships, ignore_conflicts=True)
        Through.objects.bulk_create(links, ignore_conflicts=True)
        topics = [Topic.objects.get_or_create(slug=f"topic{n}", defaults={"name": f"topic{n}"})[0]
                  for n in range(50)]
        now = timezone.now()
        html = render("A post with **some** text and a #topic").html
        batch = []
        for n in range(posts):
            group = rng.choice(made) if rng.random() > 0.05 else None
            when = now - timedelta(minutes=rng.randint(1, 525_600))
            batch.append(Post(author=rng.choice(users), group=group,
                              audience_key=f"group:{group.pk}" if group else "company",
                              body=f"Post {n}", html=html, published_at=when,
                              last_activity_at=when,
                              reaction_counts={"like": rng.randint(0, 9)}))
            if len(batch) == 5000:
                Post.objects.bulk_create(batch)
                batch = []
        Post.objects.bulk_create(batch)
        PostTopic = Post.topics.through
        ids = list(Post.objects.values_list("pk", flat=True)[:posts // 5])
        PostTopic.objects.bulk_create([PostTopic(post_id=pk, topic_id=rng.choice(topics).pk)
                                       for pk in ids], ignore_conflicts=True)


def timed(call, runs: int) -> list[float]:
    call()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    setup()
    load(args.people, args.groups, args.posts)
    from django.db import connection

    if connection.vendor == "postgresql":
        # Plans on fresh statistics, not on those of an empty database just loaded.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from django.contrib.auth import get_user_model
    from django.db import connection
    from rest_framework.test import APIClient

    from intranet.core.audience import audience_keys
    from intranet.feeds.models import PersonFollow, Topic, TopicFollow

    User = get_user_model()
    reader = User.objects.get(username="p1")
    PersonFollow.objects.get_or_create(follower=reader, followed=User.objects.get(username="p2"))
    TopicFollow.objects.get_or_create(user=reader, topic=Topic.objects.get(slug="topic1"))
    client = APIClient()
    client.force_authenticate(reader)

    def feed() -> None:
        response = client.get("/api/v1/feed/")
        assert response.status_code == 200 and len(response.json()["results"]) == 20

    keys = sorted(audience_keys(reader))
    groups = [k.replace("member:", "group:") for k in keys if k.startswith("member:")]

    audience = ["company", *groups]
    placeholders = ", ".join(["%s"] * len(audience))
    query = (  # only "%s" placeholders are formatted in; the values are parameters
        "SELECT p.id, p.body, p.html, p.published_at, p.comment_count, "
        "p.reaction_counts, u.username, u.display_name "
        "FROM intranet_feeds_post p JOIN intranet_accounts_user u ON u.id = p.author_id "
        f"WHERE p.audience_key IN ({placeholders}) AND p.published_at IS NOT NULL "
        "AND p.deleted_at IS NULL AND (p.moderation_state = '' OR p.author_id = %s) "
        "ORDER BY p.published_at DESC, p.id DESC LIMIT 20")

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(query, [*audience, reader.pk])
            assert len(cursor.fetchall()) == 20

    floor = summary(timed(raw, args.runs))
    measured = summary(timed(feed, args.runs))
    print(f"database={connection.vendor} people={args.people} groups={args.groups} "
          f"posts={args.posts} runs={args.runs}")
    print(f"floor (one SQL query) p50 {floor[0]:7.2f} ms  p95 {floor[1]:7.2f} ms")
    print(f"home feed API         p50 {measured[0]:7.2f} ms  p95 {measured[1]:7.2f} ms")
    print(f"ratio                 p50 {measured[0] / floor[0]:6.1f}     "
          f"p95 {measured[1] / floor[1]:6.1f}")


if __name__ == "__main__":
    main()
