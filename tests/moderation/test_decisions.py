"""Decisions: held and hidden content leaves everyone but its author and moderators on
every path; reports weigh by their reporters' record; moderators act on their groups
only; authors are told why and may appeal once, to another moderator."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from intranet.feeds.models import Notification, NotificationKind
from intranet.feeds.search_indexes import PostIndex
from intranet.feeds.services.comments import comment_create
from intranet.moderation.models import Case, Decision, Report, ReportOutcome
from intranet.moderation.services.decisions import case_decide
from intranet.moderation.services.reports import report_create
from tests.feeds.conftest import give_role, join_as

pytestmark = pytest.mark.django_db


def act(api, case_id, action, reason="Breaks the rules on selling"):
    return api.post(f"/api/v1/moderation/items/{case_id}/{action}/", {"reason": reason},
                    format="json")


@pytest.fixture
def manager(make_person):
    person = make_person("cora")
    give_role(person, "Community managers")
    return person


def readers(make_person, company, count, prefix):
    people = []
    for number in range(count):
        person = make_person(f"{prefix}{number}")
        join_as(company.open, person, company.owner)
        people.append(person)
    return people


def with_record(person, outcome, times, company, publish):
    """Give `person` a track record: `times` earlier reports that a moderator upheld
    (the post removed) or dismissed (kept)."""
    action = "remove" if outcome == ReportOutcome.UPHELD else "keep"
    for number in range(times):
        post = publish(company.owner, f"Earlier {outcome} {number}", group=company.open)
        report, _ = report_create(actor=person, kind="post", key=str(post.pk), reason="spam")
        case_decide(actor=company.moderator, case=report.case, action=action, reason="Seen")


def test_two_reporters_with_poor_records_cannot_hide_what_three_good_reports_hide(
        company, publish, make_person, api_for):
    poor = readers(make_person, company, 2, "poor")
    for person in poor:
        with_record(person, ReportOutcome.DISMISSED, 1, company, publish)
    post = publish(company.member, "My bike is for sale", group=company.open)
    for person in poor:
        report_create(actor=person, kind="post", key=str(post.pk), reason="spam")
    post.refresh_from_db()
    case = Case.objects.get(object_id=post.pk)
    assert post.moderation_state == "" and case.weight == 1.0
    assert api_for(company.outsider).get(f"/api/v1/posts/{post.pk}/").status_code == 200
    other = publish(company.member, "Another sale", group=company.open)
    good = readers(make_person, company, 3, "good")
    for number, person in enumerate(good):
        report_create(actor=person, kind="post", key=str(other.pk), reason="spam")
        other.refresh_from_db()
        assert (other.moderation_state == "hidden") == (number == 2)
    assert api_for(company.outsider).get(f"/api/v1/posts/{other.pk}/").status_code == 404
    told = Notification.objects.get(recipient=company.member, kind=NotificationKind.MODERATION)
    assert told.data["action"] == "hide" and not told.data["reason"]
    assert told.data["url"].startswith("/moderation/")


def test_one_person_never_hides_alone_and_the_numbers_are_settings(
        company, publish, make_person):
    star = readers(make_person, company, 1, "star")[0]
    with_record(star, ReportOutcome.UPHELD, 6, company, publish)
    post = publish(company.member, "Borderline", group=company.open)
    report_create(actor=star, kind="post", key=str(post.pk), reason="spam")
    post.refresh_from_db()
    assert post.moderation_state == "" and Case.objects.get(object_id=post.pk).weight == 2.0
    threshold = {"HIDE_AT": 2.0, "UPHELD_BONUS": 0.25, "DISMISSED_PENALTY": 0.5,
                 "MIN_WEIGHT": 0.1, "MAX_WEIGHT": 1.0}
    with override_settings(MODERATION_THRESHOLD=threshold):
        second = publish(company.member, "Borderline again", group=company.open)
        for person in readers(make_person, company, 2, "pair"):
            report_create(actor=person, kind="post", key=str(second.pk), reason="spam")
    second.refresh_from_db()
    assert second.moderation_state == "hidden"


def test_a_hidden_post_leaves_every_path_but_its_author_and_moderators_see_it_marked(
        company, publish, api_for, manager, make_person):
    reader = readers(make_person, company, 1, "reader")[0]
    post = publish(company.member, "Selling tickets, ask @reader0", group=company.open)
    comment_create(actor=reader, post=post, body="Interested")
    report_create(actor=company.outsider, kind="post", key=str(post.pk), reason="spam")
    case = Case.objects.get()
    answer = act(api_for(company.moderator), case.pk, "hide")
    assert answer.status_code == 200 and answer.json()["state"] == "hidden"
    outsider = api_for(company.outsider)
    assert outsider.get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert post.pk not in [p["id"] for p in
                           outsider.get(f"/api/v1/groups/{company.open.slug}/posts/").json()
                           ["results"]]
    assert PostIndex().document_for(PostIndex().queryset().get(pk=post.pk)) is None
    assert api_for(reader).get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert [n for n in api_for(reader).get("/api/v1/notifications/").json()["results"]
            if n["post"] == post.pk] == []
    assert api_for(company.owner).get(f"/api/v1/posts/{post.pk}/").status_code == 200
    mine = api_for(company.member).get(f"/api/v1/posts/{post.pk}/").json()
    assert mine["moderation"] == {"state": "hidden",
                                  "reason": "Breaks the rules on selling"}
    seen = api_for(company.moderator).get(f"/api/v1/posts/{post.pk}/")
    assert seen.json()["moderation"]["state"] == "hidden"
    told = Notification.objects.filter(recipient=company.member,
                                       kind=NotificationKind.MODERATION).latest("pk")
    assert told.data["reason"] == "Breaks the rules on selling"
    reporter_told = Notification.objects.get(recipient=company.outsider,
                                             kind=NotificationKind.MODERATION)
    assert reporter_told.data == {"role": "reporter", "state": "hidden", "kind": "post",
                                  "case": case.pk}
    assert act(api_for(company.moderator), case.pk, "restore", "").status_code == 200
    assert outsider.get(f"/api/v1/posts/{post.pk}/").status_code == 200
    assert Report.objects.get().outcome == ReportOutcome.DISMISSED


def test_moderators_act_on_their_groups_only_and_managers_on_what_was_reported(
        company, publish, api_for, manager, make_person):
    secret = publish(company.owner, "Atlas: the numbers", group=company.secret)
    report_create(actor=company.member, kind="post", key=str(secret.pk), reason="spam")
    case = Case.objects.get()
    stranger = make_person("otto")
    join_as(company.open, stranger, company.owner, "moderator")
    refused = act(api_for(stranger), case.pk, "remove")
    missing = act(api_for(stranger), 987654, "remove")
    assert refused.status_code == missing.status_code == 404
    assert refused.json()["error"]["code"] == missing.json()["error"]["code"]
    assert act(api_for(company.member), case.pk, "keep").status_code == 404
    item = api_for(manager).get(f"/api/v1/moderation/items/{case.pk}/").json()
    assert item["target"]["text"] == "Atlas: the numbers"
    assert api_for(manager).get(f"/api/v1/posts/{secret.pk}/").status_code == 404
    other = publish(company.owner, "Atlas: the plan", group=company.secret)
    assert api_for(manager).get(f"/api/v1/posts/{other.pk}/").status_code == 404
    assert act(api_for(manager), case.pk, "remove").status_code == 200
    secret.refresh_from_db()
    assert secret.deleted_at is not None
    assert api_for(company.member).get(f"/api/v1/posts/{secret.pk}/").status_code == 404
    decision = Decision.objects.get(action="remove")
    assert decision.actor == manager and decision.reason == "Breaks the rules on selling"


def test_the_author_appeals_once_and_another_moderator_decides(
        company, publish, api_for, manager):
    post = publish(company.member, "A strong opinion", group=company.open)
    report_create(actor=company.outsider, kind="post", key=str(post.pk), reason="spam")
    case = Case.objects.get()
    act(api_for(company.moderator), case.pk, "hide")
    assert api_for(company.owner).post(f"/api/v1/moderation/items/{case.pk}/appeal/", {
        "note": "Not mine"}, format="json").status_code == 404
    author = api_for(company.member)
    first = author.post(f"/api/v1/moderation/items/{case.pk}/appeal/",
                        {"note": "It was a joke among friends"}, format="json")
    assert first.status_code == 201
    again = author.post(f"/api/v1/moderation/items/{case.pk}/appeal/", {}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_appealed"
    queue = api_for(manager).get("/api/v1/moderation/queue/").json()["results"]
    assert queue[0]["appeal"]["note"] == "It was a joke among friends"
    same = act(api_for(company.moderator), case.pk, "keep", "")
    assert same.status_code == 403 and same.json()["error"]["code"] == "appeal_for_another"
    assert act(api_for(manager), case.pk, "restore", "").status_code == 200
    post.refresh_from_db()
    assert post.moderation_state == ""


@pytest.mark.parametrize("action, body, status", [
    ("explode", {"reason": "x"}, 400),
    ("hide", {"reason": ""}, 400),
    ("warn", {}, 400),
    ("hide", {"reason": "x" * 501}, 400),
    ("hide", ["not", "an", "object"], 400),
])
def test_bad_decisions_are_refused_and_change_nothing(company, publish, api_for,
                                                      action, body, status):
    post = publish(company.member, "Anything", group=company.open)
    report_create(actor=company.outsider, kind="post", key=str(post.pk), reason="spam")
    case = Case.objects.get()
    answer = api_for(company.moderator).post(f"/api/v1/moderation/items/{case.pk}/{action}/",
                                             body, format="json")
    assert answer.status_code == status and "error" in answer.json()
    case.refresh_from_db()
    post.refresh_from_db()
    assert case.state == "open" and case.pending and post.moderation_state == ""
    assert not Decision.objects.exists()


def test_a_hidden_comment_leaves_the_thread_for_others(company, publish, api_for):
    post = publish(company.owner, "Lunch on Friday?", group=company.open)
    comment = comment_create(actor=company.member, post=post, body="Only losers eat there")
    report_create(actor=company.outsider, kind="comment", key=str(comment.pk), reason="spam")
    act(api_for(company.moderator), Case.objects.get().pk, "hide")
    post.refresh_from_db()
    assert post.comment_count == 0
    others = api_for(company.outsider).get(f"/api/v1/posts/{post.pk}/comments/").json()
    assert others["results"] == []
    mine = api_for(company.member).get(f"/api/v1/posts/{post.pk}/comments/").json()
    assert mine["results"][0]["moderation"]["state"] == "hidden"


def test_a_muted_person_reads_but_writes_nowhere_the_mute_covers(company, publish, api_for,
                                                                 manager):
    post = publish(company.owner, "Open question", group=company.open)
    in_private = publish(company.owner, "Private question", group=company.private)
    until = (timezone.now() + timedelta(hours=2)).isoformat()
    moderator = api_for(company.moderator)
    muted = moderator.post("/api/v1/moderation/mutes/", {
        "username": company.member.username, "group": company.open.slug, "until": until,
        "reason": "Cool down"}, format="json")
    assert muted.status_code == 201 and muted.json()["group"] == company.open.slug
    member = api_for(company.member)
    refused = member.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "Hey"}, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "muted"
    assert "Cool down" in refused.json()["error"]["message"]
    assert member.get(f"/api/v1/posts/{post.pk}/").status_code == 200
    assert member.post(f"/api/v1/posts/{in_private.pk}/comments/", {"body": "Hey"},
                       format="json").status_code == 201
    company_wide = moderator.post("/api/v1/moderation/mutes/", {
        "username": company.member.username, "group": None, "until": until,
        "reason": "Everywhere"}, format="json")
    assert company_wide.status_code == 403
    assert api_for(manager).post("/api/v1/moderation/mutes/", {
        "username": company.member.username, "group": None, "until": until,
        "reason": "Everywhere"}, format="json").status_code == 201
    assert member.post(f"/api/v1/posts/{in_private.pk}/comments/", {"body": "Again"},
                       format="json").status_code == 403
    past = api_for(manager).post("/api/v1/moderation/mutes/", {
        "username": company.member.username, "until": "2020-01-01T00:00:00Z",
        "reason": "x"}, format="json")
    assert past.status_code == 400 and "until" in past.json()["error"]["fields"]
    listed = api_for(company.moderator).get("/api/v1/moderation/mutes/").json()["results"]
    assert [m["group"] for m in listed] == [company.open.slug]


def test_keeping_a_post_its_author_deleted_does_not_bring_it_back(company, publish, api_for):
    from intranet.feeds.services.posts import post_delete

    post = publish(company.member, "Second thoughts", group=company.open)
    report_create(actor=company.outsider, kind="post", key=str(post.pk), reason="spam")
    post_delete(actor=company.member, post=post)
    assert act(api_for(company.moderator), Case.objects.get().pk, "keep", "").status_code == 200
    post.refresh_from_db()
    assert post.deleted_at is not None


def test_the_queue_page_mutes_for_a_length_offered_and_refuses_others(company, publish,
                                                                     client_for):
    from intranet.moderation.models import Restriction

    post = publish(company.member, "Spam spam spam", group=company.open)
    report_create(actor=company.outsider, kind="post", key=str(post.pk), reason="spam")
    case = Case.objects.get()
    client = client_for(company.moderator)
    refused = client.post(f"/moderation/items/{case.pk}/", {
        "action": "mute", "hours": "9999", "reason": "Cool down"}, follow=True)
    assert "Choose how long the mute lasts." in refused.content.decode()
    assert not Restriction.objects.exists()
    client.post(f"/moderation/items/{case.pk}/", {"action": "mute", "hours": "24",
                                                  "reason": "Cool down"})
    muted = Restriction.objects.get()
    assert muted.user == company.member and muted.group == company.open
