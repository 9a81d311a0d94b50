"""Bad input gets a 4xx in the API's error shape, never a server error, and changes
nothing: tampered cursors, impossible dates, deep or odd JSON, unknown fields, loose
booleans, numbers no key can hold, bodies too large; the feed pages' parameters too."""

import base64
import json
from urllib.parse import urlencode

import pytest

from intranet.feeds.services.notifications import settings_of
from intranet.groups.models import InterestGroup
from intranet.plugins.models import Source
from tests.feeds.conftest import give_role

pytestmark = pytest.mark.django_db

IDENTITY = {"HTTP_ACCEPT_ENCODING": "identity"}
LISTS = ["/api/v1/people/", "/api/v1/groups/", "/api/v1/feed/",
         "/api/v1/notifications/", "/api/v1/brand/items/", "/api/v1/moderation/queue/",
         "/api/v1/moderation/mutes/", "/api/v1/moderation/unanswered/", "/api/v1/search/"]


def cursor(**tokens: str) -> str:
    return base64.b64encode(urlencode(tokens).encode()).decode()


UNREADABLE = ["garbage", "²", cursor(o="1e400"), cursor(p="\x00")]
# Positions a list ordered by date refuses; one ordered by name may read them as names.
ODD = [cursor(p="not-a-date"), cursor(p="2024-02-30"), cursor(p="9" * 400),
       cursor(r="1", p="x")]
BY_DATE = {"/api/v1/feed/", "/api/v1/notifications/", "/api/v1/brand/items/",
           "/api/v1/moderation/queue/", "/api/v1/moderation/mutes/",
           "/api/v1/moderation/unanswered/"}


@pytest.fixture
def staff(company):
    person = company.hr
    person.is_staff = person.is_superuser = True
    person.save()
    for role in ("Communications", "Community managers"):
        give_role(person, role)
    return person


def assert_refused(response, status: int = 400) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()["error"]


@pytest.mark.parametrize("url", LISTS)
def test_a_cursor_the_list_did_not_make_is_refused(url, staff, api_for):
    api = api_for(staff)
    for value in UNREADABLE + (ODD if url in BY_DATE else []):
        error = assert_refused(api.get(url, {"cursor": value}, **IDENTITY))
        assert "cursor" in error["fields"], (url, value)
    for value in ODD:
        assert api.get(url, {"cursor": value}, **IDENTITY).status_code in (200, 400)


def test_a_search_cursor_beyond_any_number_is_refused(staff, api_for):
    value = base64.urlsafe_b64encode(b'{"o": 1e400}').decode()
    error = assert_refused(api_for(staff).get("/api/v1/search/", {"cursor": value}))
    assert "cursor" in error["fields"]


def test_a_list_followed_by_its_own_cursors_still_pages(company, api_for, publish):
    for number in range(3):
        publish(company.member, f"Post {number}", group=company.open)
    api = api_for(company.member)
    first = api.get(f"/api/v1/groups/{company.open.slug}/posts/", {"page_size": 2}).json()
    rest = api.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(rest["results"]) == 1


@pytest.mark.parametrize("query", ["'", "'''", "\"'", "''' '"])
def test_search_for_apostrophes_and_impossible_dates(query, staff, api_for, client_for):
    api = api_for(staff)
    assert api.get("/api/v1/search/", {"q": query}).status_code in (200, 503)
    error = assert_refused(api.get("/api/v1/search/", {"q": query, "since": "2024-02-30"}))
    assert "since" in error["fields"]
    page = client_for(staff).get("/search/", {"q": query, "until": "2024-02-30"})
    assert page.status_code == 400


@pytest.mark.parametrize("value", ["²", "1e400", "-1", "9" * 40, "x"])
def test_feed_pages_read_only_their_own_numbers(value, company, client_for):
    client = client_for(company.member)
    for url in ("/", "/brand/", f"/groups/{company.open.slug}/"):
        assert client.get(url, {"before": value}).status_code == 200


@pytest.mark.parametrize("body", ["[" * 50_000 + "]" * 50_000,
                                  '{"a":' * 5_000 + "1" + "}" * 5_000,
                                  "null", "[]", '"text"', "1e400", "{",
                                  '{"body": "half \\ud800 a pair"}', '{"body": "nul \\u0000"}'])
def test_bodies_that_are_not_an_object_of_text(body, company, api_for):
    api = api_for(company.member)
    for url in ("/api/v1/posts/", "/api/v1/notifications/read/", "/api/v1/groups/",
                f"/api/v1/groups/{company.open.slug}/join/"):
        assert_refused(api.generic("POST", url, body, content_type="application/json",
                                   **IDENTITY))
    assert not company.member.posts.exists()


def test_a_body_too_large_is_refused_in_the_error_shape(company, api_for):
    body = json.dumps({"body": "x" * (20 * 1024 * 1024)})
    error = assert_refused(api_for(company.member).generic(
        "POST", "/api/v1/posts/", body, content_type="application/json", **IDENTITY), 413)
    assert error["code"] == "too_large"


@pytest.mark.parametrize("ids", [[1e30], [10**30], [None], [True], [0], 7, "all"])
def test_marking_notifications_read_takes_ids(ids, company, api_for):
    assert_refused(api_for(company.member).post("/api/v1/notifications/read/", {"ids": ids},
                                                format="json"))


@pytest.mark.parametrize("minutes", [-1, 0, 10**30, 1e30, "x", 10**9, True])
def test_mutes_of_impossible_lengths(minutes, company, api_for):
    api = api_for(company.member)
    for url in ("/api/v1/me/mute/", f"/api/v1/groups/{company.open.slug}/mute/"):
        assert_refused(api.post(url, {"minutes": minutes}, format="json"))


@pytest.mark.parametrize("minutes", ["x", "²", "9" * 40, "-5", "600000"])
def test_the_mute_form_refuses_what_it_cannot_read(minutes, company, client_for):
    client = client_for(company.member)
    response = client.post("/feed/mute/", {"minutes": minutes}, follow=True)
    assert response.status_code in (200, 400)
    assert settings_of(company.member.pk).muted_until is None


def test_a_patch_refused_in_part_changes_nothing(company, api_for):
    api = api_for(company.owner)
    url = f"/api/v1/groups/{company.open.slug}/"
    for body in ({"archived": True, "name": ""}, {"archived": True, "visibility": "nope"},
                 {"archived": True, "name": "x" * 500}):
        assert_refused(api.patch(url, body, format="json"))
    group = InterestGroup.objects.get(pk=company.open.pk)
    assert not group.is_archived and group.name == "Book club"
    answer = api.patch(url, {"archived": True, "description": "Closed for summer"},
                       format="json")
    assert answer.status_code == 200 and answer.json()["archived"] is True
    assert InterestGroup.objects.get(pk=company.open.pk).description == "Closed for summer"


def test_unknown_and_read_only_fields_are_named(company, api_for):
    api = api_for(company.owner)
    error = assert_refused(api.patch(f"/api/v1/groups/{company.open.slug}/",
                                     {"descripton": "typo", "slug": "mine"}, format="json"))
    assert set(error["fields"]) == {"descripton", "slug"}
    error = assert_refused(api.post("/api/v1/posts/", {"body": "Hi", "grop": "x"},
                                    format="json"))
    assert set(error["fields"]) == {"grop"}
    assert not company.owner.posts.exists()


def test_booleans_are_json_booleans(staff, api_for):
    api = api_for(staff)
    answer = api.post("/api/v1/brand/sources/", {
        "connector": "rss", "name": "Blog", "enabled": "false",
        "settings": {"url": "https://example.com/feed.xml"}}, format="json")
    error = assert_refused(answer)
    assert set(error["fields"]) == {"enabled"}
    assert not Source.objects.exists()
    error = assert_refused(api.post("/api/v1/posts/", {"body": "Hi", "is_question": "yes"},
                                    format="json"))
    assert set(error["fields"]) == {"is_question"}


def test_a_form_still_sends_its_booleans_as_text(company, api_for):
    answer = api_for(company.member).post("/api/v1/posts/", {
        "body": "Anyone?", "group": company.open.slug, "is_question": "true"}, format="multipart")
    assert answer.status_code == 201 and answer.json()["is_question"] is True


def test_an_unknown_api_address_answers_a_json_404(company, api_for):
    for method in ("get", "post", "delete"):
        assert_refused(getattr(api_for(company.member), method)("/api/v1/nowhere/"), 404)
