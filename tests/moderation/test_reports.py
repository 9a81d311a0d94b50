"""Reporting: anyone reports what they may read, once; reports are confidential; the
reasons come in the reader's language; moderators see their groups' cases only."""

import pytest

from intranet.feeds.services.comments import comment_create
from intranet.moderation.models import Case, Report
from tests.feeds.conftest import give_role, join_as

pytestmark = pytest.mark.django_db


def report(api, kind, key, reason="spam", note=""):
    return api.post("/api/v1/reports/", {"target": {"type": kind, "id": str(key)},
                                          "reason": reason, "note": note}, format="json")


def test_reporting_twice_counts_once(company, publish, api_for):
    post = publish(company.owner, "Buy my bike, cheap!", group=company.open)
    api = api_for(company.member)
    first = report(api, "post", post.pk, note="Selling in the wrong place")
    assert first.status_code == 201 and first.json()["state"] == "open"
    again = report(api, "post", post.pk, reason="other")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Report.objects.count() == 1 and Case.objects.get().group == company.open
    assert report(api_for(company.moderator), "post", post.pk).status_code == 201
    assert Case.objects.get().reports.count() == 2


def test_one_reports_only_what_one_may_read_and_learns_nothing_else(
        company, publish, api_for, make_person):
    secret = publish(company.owner, "Atlas budget", group=company.secret)
    outsider = api_for(company.outsider)
    hidden = report(outsider, "post", secret.pk)
    absent = report(outsider, "post", 999999)
    assert hidden.status_code == absent.status_code == 404
    assert hidden.json()["error"]["code"] == absent.json()["error"]["code"]
    comment = comment_create(actor=company.owner, post=secret, body="Approved")
    assert report(outsider, "comment", comment.pk).status_code == 404
    assert report(outsider, "person", company.outsider.username).status_code == 404
    assert report(outsider, "person", company.owner.username).status_code == 201
    assert not Case.objects.filter(kind__in=["post", "comment"]).exists()


@pytest.mark.parametrize("body", [
    {}, {"target": {"type": "post", "id": "1"}},
    {"target": {"type": "planet", "id": "1"}, "reason": "spam"},
    {"target": {"type": "post", "id": "1"}, "reason": "boredom"},
    {"target": {"type": "post", "id": "x" * 5000}, "reason": "spam"},
    {"target": "post", "reason": "spam"},
    {"target": {"type": "post", "id": "1"}, "reason": "spam", "note": "n" * 2001},
])
def test_bad_reports_are_refused_with_the_error_shape(company, publish, api_for, body):
    publish(company.owner, "Something", group=company.open)
    answer = api_for(company.member).post("/api/v1/reports/", body, format="json")
    assert 400 <= answer.status_code < 500 and "error" in answer.json()
    assert not Report.objects.exists()


def test_reasons_come_in_the_reader_s_language(company, api_for):
    api = api_for(company.member)
    english = api.get("/api/v1/moderation/reasons/", HTTP_ACCEPT_LANGUAGE="en").json()
    french = api.get("/api/v1/moderation/reasons/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert [r["code"] for r in english] == [r["code"] for r in french]
    assert {"code": "spam", "label": "Spam or advertising"} in english
    assert {"code": "spam", "label": "Spam ou publicité"} in french


def test_moderators_see_their_groups_cases_only_and_never_the_reporter(
        company, publish, api_for, make_person):
    in_open = publish(company.owner, "Open thing", group=company.open)
    in_secret = publish(company.owner, "Secret thing", group=company.secret)
    report(api_for(company.member), "post", in_open.pk, note="Looks wrong")
    report(api_for(company.member), "post", in_secret.pk)
    report(api_for(company.member), "person", company.outsider.username)
    moderator_of_open = make_person("otto")
    join_as(company.open, moderator_of_open, company.owner, "moderator")
    seen = api_for(moderator_of_open).get("/api/v1/moderation/queue/").json()["results"]
    assert [(c["target"]["type"], c["group"]) for c in seen] == [("post", company.open.slug)]
    assert seen[0]["reports"][0]["note"] == "Looks wrong"
    assert "reporter" not in str(seen) and company.member.username not in str(seen)
    assert api_for(company.member).get("/api/v1/moderation/queue/").json()["results"] == []
    manager = make_person("cora")
    give_role(manager, "Community managers")
    everything = api_for(manager).get("/api/v1/moderation/queue/").json()["results"]
    assert {(c["target"]["type"], c["target"]["id"]) for c in everything} == {
        ("post", str(in_open.pk)), ("post", str(in_secret.pk)),
        ("person", company.outsider.username)}
    bad = api_for(manager).get("/api/v1/moderation/queue/", {"state": "lost"})
    assert bad.status_code == 400


def test_the_report_page_for_people_in_the_browser(company, publish, client_for):
    post = publish(company.owner, "Buy my bike", group=company.open)
    client = client_for(company.member)
    card = client.get(f"/feed/posts/{post.pk}/").content.decode()
    assert f'href="/moderation/report/post/{post.pk}/"' in card
    form = client.get(f"/moderation/report/post/{post.pk}/", HTTP_REFERER="/groups/")
    assert form.status_code == 200 and "Spam or advertising" in form.content.decode()
    refused = client.post(f"/moderation/report/post/{post.pk}/", {"note": "No reason"})
    assert refused.status_code == 400 and "No reason" in refused.content.decode()
    sent = client.post(f"/moderation/report/post/{post.pk}/",
                       {"reason": "spam", "next": "/groups/"})
    assert sent.status_code == 302 and sent["Location"] == "/groups/"
    assert Report.objects.filter(reporter=company.member).count() == 1
    own = client_for(company.owner).get(f"/feed/posts/{post.pk}/").content.decode()
    assert f'href="/moderation/report/post/{post.pk}/"' not in own
    assert client_for(company.outsider).get(
        f"/moderation/report/post/{publish(company.owner, 'x', group=company.secret).pk}/"
    ).status_code == 404
