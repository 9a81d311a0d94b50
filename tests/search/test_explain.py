"""Why each hit was found, and "did you mean" when a query finds little, on each engine;
in the API and on the results page."""

import pytest

from intranet.feeds.services.posts import post_create
from intranet.groups.models import Visibility
from intranet.groups.services import group_create
from intranet.search.query import SearchRequest
from intranet.search.selectors import search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]


@pytest.fixture
def corpus(make_person, index_now):
    author = make_person("olivia")
    group = group_create(actor=author, name="Finance")
    post_create(actor=author, body="La comptabilité ferme ses comptes jeudi soir", group=group)
    post_create(actor=author, body="Quarterly budget review: bring your questions",
                group=group)
    index_now()
    return author


def test_each_hit_says_which_words_matched_where(corpus):
    hit = search(corpus, SearchRequest(q="comptes jeudi", kinds=("post",))).hits[0]
    assert {(match.field, match.word, match.why) for match in hit.matched} >= {
        ("body", "comptes", "typed"), ("body", "jeudi", "typed")}


def test_a_typo_is_corrected_and_offered(corpus):
    found = search(corpus, SearchRequest(q="comptabilte", kinds=("post",)))
    assert [hit.title for hit in found.hits] == ["La comptabilité ferme ses comptes jeudi soir"]
    assert ("comptabilité", "correction") in {(m.word, m.why) for m in found.hits[0].matched}
    assert found.did_you_mean == "comptabilite"


def test_nothing_is_offered_for_a_query_spelt_right(corpus):
    assert search(corpus, SearchRequest(q="budget review")).did_you_mean == ""


def test_the_api_and_the_page_explain_and_offer(corpus, api_for, client_for):
    body = api_for(corpus).get("/api/v1/search/", {"q": "comptabilte"}).json()
    assert body["did_you_mean"] == "comptabilite"
    assert {"field": "body", "word": "comptabilité", "why": "correction"} in body[
        "results"][0]["matched"]
    page = client_for(corpus).get("/search/", {"q": "comptabilte"}).content.decode()
    assert 'href="?q=comptabilite"' in page
    assert "spelling corrected" in page


@pytest.mark.parametrize("q", ["'", "\u2019\u2019\u2019", "-", "  ", "'-'"])
def test_a_query_of_no_words_finds_nothing_without_error(corpus, api_for, q):
    response = api_for(corpus).get("/api/v1/search/", {"q": q})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_corrections_never_offer_a_word_the_asker_may_not_read(corpus, make_person,
                                                                index_now, api_for):
    owner = make_person("sam")
    secret = group_create(actor=owner, name="Projet X", visibility=Visibility.SECRET)
    post_create(actor=owner, body="Kiwanuka sera annoncé en juin", group=secret)
    index_now()
    assert search(owner, SearchRequest(q="kiwanoka")).did_you_mean == "kiwanuka"
    outside = api_for(corpus).get("/api/v1/search/", {"q": "kiwanoka"}).json()
    assert outside["results"] == [] and outside["did_you_mean"] == ""
