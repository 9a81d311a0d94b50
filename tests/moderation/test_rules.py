"""Rules on posts and comments: tried on the last posts before they are switched on
(exactly the posts they would match), then holding, hiding, flagging, notifying or
replying to new content over every path; pre-approval per group and for first posts."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from intranet.feeds.models import Comment, Notification, NotificationKind, Post
from intranet.feeds.search_indexes import PostIndex
from intranet.feeds.services.comments import comment_create
from intranet.moderation.models import Case, ModerationRule, RuleHit
from tests.feeds.conftest import give_role, join_as

pytestmark = pytest.mark.django_db

FILLER = ["lunch", "réunion", "planning", "budget", "offsite", "café", "release", "sprint",
          "badge", "parking", "formation", "congés"]


@pytest.fixture
def manager(make_person):
    person = make_person("cora")
    give_role(person, "Community managers")
    return person


def rule(api, **fields):
    body = {"name": "Money talk", "action": "hold", "enabled": False,
            "conditions": {"phrases": ["free money"], "exceptions": ["money back"]}, **fields}
    return api.post("/api/v1/moderation/rules/", body, format="json")


def test_a_rule_tried_on_a_thousand_posts_reports_exactly_those_it_would_match(
        company, api_for, manager):
    chance = random.Random(1905)
    expected, now = set(), timezone.now()
    rows = []
    for number in range(1000):
        words = chance.choices(FILLER, k=8)
        if number % 7 == 0:
            words.insert(chance.randrange(8), chance.choice(["FREE money", "Free Money",
                                                             "free monéy"]))
        if number % 11 == 0:
            words.append("or your money back")
        body = " ".join(words)
        rows.append(Post(author=company.member, group=company.open,
                         audience_key=f"group:{company.open.pk}", body=body, html=body,
                         published_at=now - timedelta(minutes=number)))
    posts = Post.objects.bulk_create(rows)
    for post in posts:
        text = post.body.lower().replace("é", "e")
        if "free money" in text and "money back" not in text:
            expected.add(post.pk)
    api = api_for(manager)
    trial = api.post("/api/v1/moderation/rules/try/", {
        "name": "Money talk", "action": "hold", "last": 1000,
        "conditions": {"phrases": ["free money"], "exceptions": ["money back"]}},
        format="json").json()
    assert trial["examined"] == 1000
    assert trial["matched"] == len(expected) == 143 - 13
    assert set(trial["examples"]) <= expected and len(trial["examples"]) == 100
    narrow = api.post("/api/v1/moderation/rules/try/", {
        "name": "Money talk", "action": "hold", "last": 50,
        "conditions": {"phrases": ["free money"]}}, format="json").json()
    assert narrow["examined"] == 50
    assert set(narrow["examples"]) == {p.pk for p in posts[:50]
                                       if "free money" in p.body.lower().replace("é", "e")}
    assert not Case.objects.exists() and not RuleHit.objects.exists()


def test_switched_on_a_rule_holds_new_posts_from_everyone_but_author_and_moderators(
        company, publish, api_for, manager):
    created = rule(api_for(manager), enabled=True)
    assert created.status_code == 201
    post = publish(company.member, "Get FREE money now, ask @nora", group=company.open)
    post.refresh_from_db()
    assert post.moderation_state == "held"
    assert api_for(company.outsider).get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert not Notification.objects.filter(recipient=company.outsider,
                                           kind=NotificationKind.MENTION).exists()
    assert PostIndex().document_for(PostIndex().queryset().get(pk=post.pk)) is None
    assert api_for(company.member).get(f"/api/v1/posts/{post.pk}/").json()[
        "moderation"]["state"] == "held"
    queue = api_for(company.moderator).get("/api/v1/moderation/queue/").json()["results"]
    assert queue[0]["state"] == "held" and queue[0]["rule_hits"][0]["rule"] == "Money talk"
    told = Notification.objects.get(recipient=company.member, kind=NotificationKind.MODERATION)
    assert told.data["action"] == "hold"
    fine = publish(company.member, "Money back guarantee, free money", group=company.open)
    assert Post.objects.get(pk=fine.pk).moderation_state == ""
    approved = api_for(company.moderator).post(
        f"/api/v1/moderation/items/{queue[0]['id']}/approve/", {}, format="json")
    assert approved.status_code == 200
    assert api_for(company.outsider).get(f"/api/v1/posts/{post.pk}/").status_code == 200
    assert Notification.objects.filter(recipient=company.outsider, post=post,
                                       kind=NotificationKind.MENTION).count() == 1
    assert RuleHit.objects.count() == 1


def test_pre_approval_in_a_group_and_for_a_person_s_first_posts(
        company, publish, api_for, manager, make_person):
    owner = api_for(company.owner)
    everything = owner.post("/api/v1/moderation/rules/", {
        "name": "Pre-approval", "action": "hold", "enabled": True,
        "group": company.private.slug, "conditions": {}}, format="json")
    assert everything.status_code == 201
    held = publish(company.member, "Anything at all", group=company.private)
    free = publish(company.member, "Anything at all", group=company.open)
    assert Post.objects.get(pk=held.pk).moderation_state == "held"
    assert Post.objects.get(pk=free.pk).moderation_state == ""
    assert owner.post("/api/v1/moderation/rules/", {
        "name": "Everywhere", "action": "hold", "conditions": {}},
        format="json").status_code == 403
    api_for(manager).post("/api/v1/moderation/rules/", {
        "name": "First post", "action": "hold", "enabled": True,
        "conditions": {"first_posts": 1}}, format="json")
    newcomer = make_person("newbie")
    join_as(company.open, newcomer, company.owner)
    first = publish(newcomer, "Hello everyone!", group=company.open)
    assert Post.objects.get(pk=first.pk).moderation_state == "held"
    case = Case.objects.get(object_id=first.pk)
    api_for(company.moderator).post(f"/api/v1/moderation/items/{case.pk}/approve/", {},
                                    format="json")
    second = publish(newcomer, "Second message", group=company.open)
    assert Post.objects.get(pk=second.pk).moderation_state == ""


def test_flag_notify_and_guidance_replies(company, publish, api_for, manager, make_person,
                                          django_capture_on_commit_callbacks):
    acme = make_person("acme", first_name="Acme", is_official=True)
    api = api_for(manager)
    api.post("/api/v1/moderation/rules/", {
        "name": "Salary questions", "action": "reply", "enabled": True,
        "reply": "Salary questions go to your HR partner, in private.",
        "conditions": {"words": ["salary"]}}, format="json")
    api.post("/api/v1/moderation/rules/", {
        "name": "Competitors", "action": "notify", "enabled": True, "position": 1,
        "conditions": {"domains": ["rival.example"]}}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        asked = publish(company.member, "What is the salary grid?", group=company.open)
    reply = Comment.objects.get(post=asked)
    assert reply.author == acme and "HR partner" in reply.body
    linked = publish(company.member, "Look https://www.rival.example/offer",
                     group=company.open)
    assert Post.objects.get(pk=linked.pk).moderation_state == ""
    told = Notification.objects.get(recipient=manager, kind=NotificationKind.MODERATION)
    assert told.data["rule"] == "Competitors"
    assert Case.objects.get(object_id=linked.pk).pending
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(actor=company.owner, post=linked, body="And the salary?")
    assert Comment.objects.filter(post=linked, parent=comment, author=acme).exists()


@pytest.mark.parametrize("fields, field", [
    ({"conditions": {"colour": ["red"]}}, "conditions.colour"),
    ({"conditions": {"pattern": "(unclosed"}}, "conditions.pattern"),
    ({"conditions": {"rate": {"posts": 0, "minutes": 5}}}, "conditions.rate"),
    ({"conditions": {"has_links": "false"}}, "conditions.has_links"),
    ({"conditions": {"words": ["x" * 300]}}, "conditions.words"),
    ({"conditions": {"first_posts": 1e30}}, "conditions.first_posts"),
    ({"action": "explode"}, "action"),
    ({"action": "reply", "reply": ""}, "reply"),
    ({"conditions": ["a list"]}, "conditions"),
])
def test_bad_rules_are_refused_with_the_field_and_nothing_is_stored(
        company, api_for, manager, fields, field):
    answer = rule(api_for(manager), **fields)
    assert answer.status_code == 400 and field in answer.json()["error"]["fields"]
    assert api_for(manager).get("/api/v1/moderation/rules/").json() == []


def test_the_rules_page_tries_a_rule_then_saves_and_switches_it(company, publish, client_for,
                                                                 manager):
    publish(company.member, "Free money for all", group=company.open)
    publish(company.member, "Lunch at noon", group=company.open)
    client = client_for(manager)
    form = {"name": "Money talk", "group": "", "action": "hold",
            "words": "free money\nwin cash", "exceptions": "money back"}
    tried = client.post("/moderation/rules/", {**form, "try": "1"})
    page = tried.content.decode()
    assert tried.status_code == 200 and "It would have matched 1 of the last 2 posts" in page
    assert "Free money for all" in page and not ModerationRule.objects.exists()
    saved = client.post("/moderation/rules/", {**form, "save": "1", "enabled": "on"},
                        follow=True)
    assert "The rule is saved." in saved.content.decode()
    rule = ModerationRule.objects.get()
    assert rule.enabled and rule.conditions == {"words": ["free money", "win cash"],
                                                "exceptions": ["money back"]}
    bad = client.post("/moderation/rules/", {**form, "pattern": "(oops", "save": "1"})
    assert bad.status_code == 400 and "conditions.pattern" in bad.content.decode()
    client.post(f"/moderation/rules/{rule.pk}/switch/", {"on": "0"})
    rule.refresh_from_db()
    assert not rule.enabled
    owner = client_for(company.owner)
    assert owner.get("/moderation/rules/").status_code == 200
    assert owner.get(f"/moderation/rules/{rule.pk}/").status_code == 404
    assert client_for(company.outsider).get("/moderation/rules/").status_code == 404


def test_a_rate_is_judged_as_of_when_each_post_was_published(company, api_for, manager):
    now = timezone.now()
    Post.objects.bulk_create([Post(
        author=company.member, group=company.open, audience_key=f"group:{company.open.pk}",
        body=f"Offer {number}", html=f"Offer {number}",
        published_at=now - timedelta(minutes=number)) for number in range(100)])
    api = api_for(manager)

    def matched(posts, minutes):
        return api.post("/api/v1/moderation/rules/try/", {
            "name": "Flood", "action": "hide", "last": 100,
            "conditions": {"rate": {"posts": posts, "minutes": minutes}}},
            format="json").json()["matched"]

    # A post and the nine before it were published within ten minutes, but not eleven.
    assert matched(10, 10) == 91
    assert matched(11, 10) == 0
