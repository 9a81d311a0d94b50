"""The daily figures equal what independent SQL over the same raw rows finds, on the demo
company with a day of added activity; deleted content and people left out of analytics
count nowhere; a department of three people shows no figure anywhere."""
# ruff: noqa: S608 (independent SQL: table names from the models, values as parameters)

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from intranet.analytics import selectors
from intranet.analytics.aggregation import compute_day, day_bounds
from intranet.analytics.models import ActiveDay, DailyFigure, View
from intranet.analytics.services import views_record
from intranet.feeds.models import Comment, Post, Reaction
from intranet.feeds.services.comments import comment_create, reaction_set
from intranet.feeds.services.posts import post_create, post_delete
from intranet.groups.models import InterestGroup, Membership
from intranet.people.models import Department, Profile
from tests.analytics.conftest import at, exclude, give_role

pytestmark = pytest.mark.django_db


def sql(query: str, *params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def csv_rows(answer) -> list[list[str]]:
    assert answer.status_code == 200
    return list(csv.reader(io.StringIO(answer.content.decode())))


def table(model) -> str:
    return model._meta.db_table


def when(model, row, moment) -> None:
    field = {"Post": "published_at", "View": "seen_at"}.get(model.__name__, "created_at")
    model.objects.filter(pk=row.pk).update(**{field: moment})


@pytest.fixture
def demo_day(settings):
    """The demo company, and yesterday's activity in its busiest group: posts, comments,
    reactions, views and active days, a deleted post, and one person left out."""
    settings.DEMO_PASSWORD = "demo"
    call_command("seed_demo", stdout=io.StringIO())
    day = timezone.localdate() - timedelta(days=1)
    group = (InterestGroup.objects.filter(visibility="open")
             .order_by("-pk").first())
    members = [m.user for m in Membership.objects.filter(group=group, user__is_active=True)
               .select_related("user").order_by("user_id")[:12]]
    left_out = members[-1]
    exclude(left_out)
    posts = []
    for n, author in enumerate(members[:6]):
        post = post_create(actor=author, body=f"Post {n} #analytics", group=group,
                           is_question=n == 0)
        when(Post, post, at(day, 9, n))
        posts.append(post)
    for n, person in enumerate(members[1:]):
        target = posts[n % len(posts)]
        comment = comment_create(actor=person, post=target, body="Agreed")
        when(Comment, comment, at(day, 10, n))
        reaction_set(actor=person, post=target, kind="like", on=True)
        when(Reaction, Reaction.objects.filter(user=person, post=target).get(), at(day, 11, n))
    gone = post_create(actor=members[2], body="Deleted later", group=group)
    when(Post, gone, at(day, 9, 30))
    when(Comment, comment_create(actor=members[3], post=gone, body="On a deleted post"),
         at(day, 10, 30))
    post_delete(actor=members[2], post=gone)
    mine = post_create(actor=left_out, body="Left out", group=group)
    when(Post, mine, at(day, 9, 45))
    for person in members:
        views_record(user=person, items=[("post", post.pk) for post in posts[:3]])
        ActiveDay.objects.get_or_create(user=person, date=day)
        ActiveDay.objects.get_or_create(user=person, date=day - timedelta(days=3))
    View.objects.update(seen_at=at(day, 12))
    compute_day(day)
    return day, group, left_out


def test_figures_equal_independent_queries_on_the_demo(demo_day, make_person, client_for):
    day, group, left_out = demo_day
    start, end = day_bounds(day)
    excluded = f"(SELECT {left_out.pk})"
    posts_sql = (f"SELECT p.id, p.author_id, p.group_id FROM {table(Post)} p "
                 "WHERE p.published_at >= %s AND p.published_at < %s AND p.deleted_at IS NULL "
                 f"AND p.subject_type = '' AND p.author_id NOT IN {excluded}")
    comments_sql = (f"SELECT c.id, c.author_id, p.group_id FROM {table(Comment)} c "
                    f"JOIN {table(Post)} p ON p.id = c.post_id WHERE c.created_at >= %s "
                    "AND c.created_at < %s AND c.deleted_at IS NULL AND p.deleted_at IS NULL "
                    f"AND c.author_id NOT IN {excluded}")
    reactions_sql = (f"SELECT r.id, r.user_id, p.group_id FROM {table(Reaction)} r "
                     f"JOIN {table(Post)} p ON p.id = r.post_id WHERE r.created_at >= %s "
                     f"AND r.created_at < %s AND p.deleted_at IS NULL "
                     f"AND r.user_id NOT IN {excluded}")
    expected = {name: sql(f"SELECT count(*) FROM ({query}) x", start, end)[0][0]
                for name, query in (("posts", posts_sql), ("comments", comments_sql),
                                    ("reactions", reactions_sql))}
    everything = sql(f"SELECT count(*) FROM {table(Post)} WHERE published_at >= %s "
                     "AND published_at < %s AND subject_type = ''", start, end)[0][0]
    assert everything >= expected["posts"] + 2 >= 8  # the deleted and the left-out posts
    engaged = sql(f"SELECT count(DISTINCT a) FROM (SELECT author_id a FROM ({comments_sql}) c "
                  f"UNION SELECT user_id FROM ({reactions_sql}) r) x",
                  start, end, start, end)[0][0]
    reached = sql(f"SELECT count(DISTINCT user_id) FROM {table(View)} WHERE seen_at >= %s "
                  f"AND seen_at < %s AND user_id NOT IN {excluded}", start, end)[0][0]
    active = sql(f"SELECT count(*) FROM {table(ActiveDay)} WHERE date = %s "
                 f"AND user_id NOT IN {excluded}", day)[0][0]
    weekly = sql(f"SELECT count(DISTINCT user_id) FROM {table(ActiveDay)} WHERE date > %s "
                 f"AND date <= %s AND user_id NOT IN {excluded}",
                 day - timedelta(days=7), day)[0][0]

    overview = selectors.overview(since=day, until=day)
    assert {name: overview[name] for name in expected} == expected
    assert overview["active_people"] == active
    assert overview["engagement_rate"] == round(engaged / reached, 4)
    [entry] = overview["by_day"]
    assert (entry["engaged"], entry["reached"], entry["active_people_7d"]) == (
        engaged, reached, weekly)

    by_department = {row[0]: row[1:] for row in sql(
        f"SELECT d.name, count(*) FROM ({posts_sql}) x JOIN {table(Profile)} pr "
        f"ON pr.user_id = x.author_id JOIN {table(Department)} d ON d.id = pr.department_id "
        "GROUP BY d.name", start, end)}
    people = dict(sql(
        f"SELECT d.name, count(*) FROM {table(Profile)} pr JOIN {table(Department)} d "
        f"ON d.id = pr.department_id JOIN {table(get_user_model())} u ON u.id = pr.user_id "
        f"WHERE u.is_active AND pr.user_id NOT IN {excluded} GROUP BY d.name"))
    shown = {entry["department"]: entry for entry in overview["by_department"]}
    assert shown, "the demo's departments are all large enough"
    for name, entry in shown.items():
        assert entry["people"] == people[name]
        assert (entry["posts"],) == by_department.get(name, (0,))

    # The dashboard shows the same figures, in its CSV files as on its charts.
    reader = make_person("hanna")
    give_role(reader, "HR")
    dashboard = client_for(reader)
    period = {"since": day.isoformat(), "until": day.isoformat()}
    contributions = csv_rows(dashboard.get("/admin/analytics/charts/contributions.csv",
                                           period))
    assert contributions[1] == [day.isoformat(), *(str(expected[name]) for name in (
        "posts", "comments", "reactions"))]
    departments = csv_rows(dashboard.get("/admin/analytics/charts/departments.csv", period))
    assert {row[0]: row[1] for row in departments[1:]} == {
        name: str(entry["posts"]) for name, entry in shown.items()}

    group_posts = sql(f"SELECT count(*) FROM ({posts_sql}) x WHERE group_id = %s",
                      start, end, group.pk)[0][0]
    group_day = selectors.overview(since=day, until=day, group=group)
    assert group_day["posts"] == group_posts >= 6

    before = sorted(DailyFigure.objects.filter(date=day).values_list(
        "measure", "dimension", "key", "value", "audience"))
    compute_day(day)  # the periodic job recomputes a day: nothing changes
    assert sorted(DailyFigure.objects.filter(date=day).values_list(
        "measure", "dimension", "key", "value", "audience")) == before


def test_deleted_content_and_left_out_people_count_nowhere(make_person):
    from intranet.groups.services import group_create

    ana, bob, eve = (make_person(name) for name in ("ana", "bob", "eve"))
    group = group_create(actor=ana, name="Runners")
    for person in (bob, eve):
        from intranet.groups.services import group_join

        group_join(actor=person, group=group)
    exclude(eve)
    kept = post_create(actor=ana, body="Kept", group=group)
    gone = post_create(actor=bob, body="Gone", group=group)
    comment_create(actor=bob, post=kept, body="Counted")
    comment_create(actor=ana, post=gone, body="On a deleted post")
    comment_create(actor=eve, post=kept, body="Left out")
    reaction_set(actor=eve, post=kept, kind="like", on=True)
    post_create(actor=eve, body="Left out", group=group)
    post_delete(actor=bob, post=gone)
    day = timezone.localdate()
    compute_day(day)
    figures = dict(DailyFigure.objects.filter(date=day, dimension="").values_list(
        "measure", "value"))
    assert (figures["posts"], figures["comments"], figures.get("reactions", 0)) == (1, 1, 0)
    assert figures["engaged"] == 1
    group_figures = dict(DailyFigure.objects.filter(date=day, dimension="group", key=group.pk)
                         .values_list("measure", "value"))
    assert group_figures["members"] == 2  # eve is not counted in the audience either


def test_a_department_of_three_shows_no_figure_anywhere(make_person, hr, api_for):
    small = Department.objects.create(name="Legal")
    large = Department.objects.create(name="Sales")
    trio = [make_person(f"legal{n}", department=small) for n in range(3)]
    team = [make_person(f"sales{n}", department=large) for n in range(5)]
    day = timezone.localdate()
    for person in trio + team:
        ActiveDay.objects.create(user=person, date=day)
    compute_day(day)
    overview = selectors.overview(since=day, until=day)
    assert [entry["department"] for entry in overview["by_department"]] == ["Sales"]
    assert overview["active_people"] == 8
    assert [entry["department"] for entry in selectors.by_department(
        since=day, until=day)] == ["Sales"]
    answer = api_for(hr).get("/api/v1/analytics/overview/",
                             {"since": day.isoformat(), "until": day.isoformat()})
    assert answer.status_code == 200
    assert "Legal" not in answer.content.decode()
    assert [entry["department"] for entry in answer.json()["by_department"]] == ["Sales"]
