"""`/api/v1/search/`, the search page, type-ahead and the expert finder."""

import pytest

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]


@pytest.fixture
def corpus(make_person, index_now):
    author = make_person("olivia", skills=["Gardening"], job_title="Gardener")
    make_person("bob", skills=["Gardening"])
    group = group_create(actor=author, name="Garden club")
    for n in range(25):
        post_create(actor=author, body=f"Gardening tip number {n}", group=group)
    index_now()
    return author


def test_results_pages_facets_and_highlights(corpus, api_for):
    api = api_for(corpus)
    first = api.get("/api/v1/search/", {"q": "gardening", "type": "post"}).json()
    assert first["total"] == 25
    assert len(first["results"]) == 20
    hit = first["results"][0]
    assert set(hit) >= {"type", "id", "title", "url", "snippet", "score"}
    assert hit["type"] == "post" and "<mark>" in hit["snippet"]
    assert first["facets"]["type"] == {"post": 25}
    assert first["facets"]["group"] == {"garden-club": 25}
    second = api.get(first["next"]).json()
    ids = [h["id"] for h in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == 25
    assert second["next"] is None


def test_scoping_by_author_and_group(corpus, api_for):
    api = api_for(corpus)
    assert api.get("/api/v1/search/", {"q": "gardening", "author": "bob",
                                       "type": "post"}).json()["total"] == 0
    assert api.get("/api/v1/search/", {"q": "gardening", "group": "garden-club",
                                       "type": "post"}).json()["total"] == 25


@pytest.mark.parametrize(("params", "field"), [
    ({"q": "x", "type": "spaceship"}, "type"), ({"q": "x", "since": "last week"}, "since"),
    ({"q": "x", "cursor": "not-a-cursor"}, "cursor"), ({"q": "x" * 201}, "q"),
])
def test_bad_parameters_are_400(corpus, api_for, params, field):
    response = api_for(corpus).get("/api/v1/search/", params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_anonymous_search_is_401(client):
    assert client.get("/api/v1/search/", {"q": "x"}).status_code == 401


def test_type_ahead_offers_people_and_groups(corpus, api_for):
    titles = [r["title"] for r in api_for(corpus).get("/api/v1/search/suggest/",
                                                      {"q": "gar"}).json()["results"]]
    assert titles == ["Garden club"]
    people = api_for(corpus).get("/api/v1/search/suggest/", {"q": "oli"}).json()["results"]
    assert [(p["type"], p["title"]) for p in people] == [("person", "Olivia")]


def test_experts_are_ranked_by_their_posts_too(corpus, api_for):
    found = api_for(corpus).get("/api/v1/search/experts/", {"skill": "gardening"}).json()
    assert [r["username"] for r in found["results"]][:2] == ["olivia", "bob"]
    assert found["results"][0]["posts"] == 25


def test_the_search_page_shows_results_and_facets(corpus, client_for):
    page = client_for(corpus).get("/search/", {"q": "gardening"}).content.decode()
    assert "Gardening tip number" in page and "<mark>" in page and "garden-club" in page
    assert client_for(corpus).get("/search/experts/", {"skill": "gardening"}).status_code == 200
