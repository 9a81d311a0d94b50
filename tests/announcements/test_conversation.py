"""Comments and reactions under announcements, switched per announcement, kept to those
who may read it: a conversation of the feeds, so mentions, notifications, blocks, live
events and search work there as under any post."""

import pytest

from intranet.core.models import Event
from intranet.feeds.models import Comment, Notification
from intranet.feeds.services.social import block_person
from intranet.search.indexing import drain_all
from intranet.search.query import SearchRequest
from intranet.search.selectors import search
from tests.announcements.conftest import publish

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_readers_comment_and_react_once_per_kind(company, api_for):
    sales, _secret, people = company
    page = publish("Team lunch", departments=[sales])
    seller = api_for(people["seller"])
    base = f"/api/v1/announcements/{page.pk}"
    made = seller.post(f"{base}/comments/", {"body": "See you **there**"}, format="json")
    assert made.status_code == 201 and "<strong>there</strong>" in made.json()["html"]
    # Anyone who may open it takes part, not only its audience.
    assert api_for(people["other"]).post(f"{base}/comments/", {"body": "Me too"},
                                         format="json").status_code == 201
    listed = seller.get(f"{base}/comments/").json()["results"]
    assert [c["author"] for c in listed] == ["sara", "otto"]
    for _ in range(2):
        reacted = seller.post(f"{base}/reactions/", {"kind": "like"}, format="json")
    assert reacted.json() == {"reactions": {"like": 1}, "mine": ["like"]}
    assert seller.delete(f"{base}/reactions/", {"kind": "like"},
                         format="json").json()["reactions"] == {}
    bad = seller.post(f"{base}/reactions/", {"kind": "angry"}, format="json")
    assert bad.status_code == 400 and "kind" in bad.json()["error"]["fields"]
    empty = seller.post(f"{base}/comments/", {"body": "  "}, format="json")
    assert empty.status_code == 400 and Comment.objects.count() == 2


def test_switched_off_comments_and_reactions_are_refused(company, api_for):
    sales, _secret, people = company
    page = publish("Payroll date", departments=[sales], allow_comments=False,
                   allow_reactions=False)
    seller = api_for(people["seller"])
    base = f"/api/v1/announcements/{page.pk}"
    for answer, code in ((seller.get(f"{base}/comments/"), "comments_off"),
                         (seller.post(f"{base}/comments/", {"body": "x"}, format="json"),
                          "comments_off"),
                         (seller.post(f"{base}/reactions/", {"kind": "like"}, format="json"),
                          "reactions_off")):
        assert answer.status_code == 403 and answer.json()["error"]["code"] == code
    assert not Comment.objects.exists()


def test_a_secret_groups_conversation_stays_with_its_members(company, api_for):
    _sales, secret, people = company
    page = publish("Atlas budget", groups=[secret])
    base = f"/api/v1/announcements/{page.pk}"
    made = api_for(people["member"]).post(f"{base}/comments/", {"body": "Noted"},
                                          format="json")
    assert made.status_code == 201
    outsider = api_for(people["other"])
    assert outsider.get(f"{base}/comments/").status_code == 404
    assert outsider.post(f"{base}/comments/", {"body": "?"}, format="json").status_code == 404
    assert outsider.post(f"{base}/reactions/", {"kind": "like"},
                         format="json").status_code == 404
    comment = f"{base}/comments/{made.json()['id']}/"
    assert outsider.delete(comment).status_code == 404


def test_only_the_author_or_hr_change_a_comment(company, api_for):
    sales, _secret, people = company
    page = publish("Parking", departments=[sales])
    base = f"/api/v1/announcements/{page.pk}/comments/"
    made = api_for(people["seller"]).post(base, {"body": "Full again"}, format="json").json()
    url = f"{base}{made['id']}/"
    assert api_for(people["other"]).patch(url, {"body": "x"},
                                          format="json").status_code == 403
    edited = api_for(people["seller"]).patch(url, {"body": "Full"}, format="json")
    assert edited.status_code == 200 and edited.json()["edited_at"]
    assert api_for(people["hr"]).delete(url).status_code == 204
    assert api_for(people["seller"]).get(base).json()["results"] == []


def test_the_page_holds_one_conversation_for_every_language(company, client_for):
    sales, _secret, people = company
    from intranet.people.services import set_preferred_language
    from tests.announcements.test_translations import translate

    page = publish("Summer party", departments=[sales])
    version = translate(page, "Fête de l'été", slug="fete-ete")
    client = client_for(people["seller"])
    client.post(f"/announcements/{page.pk}/comments/", {"body": "Great idea"})
    client.post(f"/announcements/{page.pk}/reactions/", {"kind": "celebrate", "on": "1"})
    set_preferred_language(user=people["other"], language="fr")
    shown = client_for(people["other"]).get(version.url).content.decode()
    assert "Fête de l&#x27;été" in shown and "Great idea" in shown
    assert 'data-kind="celebrate" aria-pressed="false"' in shown


def test_the_page_hides_a_switched_off_conversation(company, client_for):
    sales, _secret, people = company
    page = publish("Fire drill", departments=[sales], allow_comments=False,
                   allow_reactions=False)
    shown = client_for(people["seller"]).get(page.url).content.decode()
    assert 'id="conversation"' not in shown
    answer = client_for(people["seller"]).post(f"/announcements/{page.pk}/comments/",
                                               {"body": "Can I skip it?"}, follow=True)
    assert "Comments are off" in answer.content.decode() and not Comment.objects.exists()


def test_the_conversation_is_a_conversation_of_the_feeds(company, api_for, settings):
    settings.SEARCH_URL = "db"
    _sales, secret, people = company
    page = publish("Atlas offsite", groups=[secret])
    page.owner = people["hr"]
    page.save()
    base = f"/api/v1/announcements/{page.pk}/comments/"
    member = api_for(people["member"])
    made = member.post(base, {"body": "Ask @olivia and @otto about the zeppelin venue"},
                       format="json")
    assert made.status_code == 201
    # Mentions reach those who may read it (the secret group's owner), not others.
    mentioned = set(Notification.objects.filter(kind="mention").values_list(
        "recipient__username", flat=True))
    assert mentioned == {"olivia"}
    assert Notification.objects.filter(kind="comment", recipient=people["hr"]).exists() \
        is False  # HR, who wrote it, is not a member of the secret group: not told
    event = Event.objects.get(type="comment.created")
    assert event.audience == [f"group:{secret.pk}"]
    drain_all()
    assert search(people["owner"], SearchRequest(q="zeppelin")).total == 1
    assert search(people["other"], SearchRequest(q="zeppelin")).total == 0
    block_person(actor=people["owner"], person=people["member"], on=True)
    assert api_for(people["owner"]).get(base).json()["results"] == []


def test_a_comment_under_an_announcement_is_reported_hidden_and_gone_for_readers(
        company, api_for, make_person):
    from tests.feeds.conftest import give_role

    sales, _secret, people = company
    page = publish("Team lunch", departments=[sales])
    base = f"/api/v1/announcements/{page.pk}"
    rude = api_for(people["seller"]).post(f"{base}/comments/", {"body": "Lunch is for losers"},
                                          format="json").json()
    other = api_for(people["other"])
    reported = other.post("/api/v1/reports/", {"target": {"type": "comment",
                                                          "id": str(rude["id"])},
                                               "reason": "harassment"}, format="json")
    assert reported.status_code == 201
    manager = make_person("cora")
    give_role(manager, "Community managers")
    item = api_for(manager).get("/api/v1/moderation/queue/").json()["results"][0]
    assert item["target"]["text"] == "Lunch is for losers"
    assert api_for(manager).post(f"/api/v1/moderation/items/{item['id']}/hide/",
                                 {"reason": "Be kind"}, format="json").status_code == 200
    assert other.get(f"{base}/comments/").json()["results"] == []
    mine = api_for(people["seller"]).get(f"{base}/comments/").json()["results"]
    assert mine[0]["moderation"] == {"state": "hidden", "reason": "Be kind"}
