"""Results pinned or hidden for a query by whoever tunes search, and the queries that
found nothing: a pinned result is shown only to those who may read it."""

import pytest
from django.contrib.auth.models import Group

from intranet.core.errors import Forbidden, Invalid, NotFound
from intranet.feeds.services.posts import post_create
from intranet.groups.models import Visibility
from intranet.groups.services import group_create, group_join
from intranet.search.models import SearchPromotion, UnansweredQuery
from intranet.search.query import SearchRequest
from intranet.search.selectors import search
from intranet.search.services import promotion_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(make_person, index_now):
    author = make_person("olivia")
    editor = make_person("camille")
    editor.groups.add(Group.objects.get(name="Communications"))
    group = group_create(actor=author, name="Vie pratique")
    group_join(actor=editor, group=group)
    posts = [post_create(actor=author, body=f"Parking: {text}", group=group)
             for text in ("les places visiteurs", "le badge d'accès au parking",
                          "travaux du parking en mars")]
    secret = group_create(actor=author, name="Comité", visibility=Visibility.SECRET)
    hidden_post = post_create(actor=author, body="Parking de la direction", group=secret)
    index_now()
    return author, editor, posts, hidden_post


def titles(user, q: str) -> list[tuple[str, bool]]:
    return [(hit.title, hit.promoted)
            for hit in search(user, SearchRequest(q=q, kinds=("post",))).hits]


@pytest.mark.usefixtures("search_engine")
def test_a_pinned_result_comes_first_and_a_hidden_one_not_at_all(corpus, make_person):
    author, editor, posts, _hidden = corpus
    promotion_set(actor=editor, query="Parking", kind="post", object_id=posts[2].pk,
                  action="pin")
    promotion_set(actor=editor, query="parking", kind="post", object_id=posts[0].pk,
                  action="hide")
    found = titles(author, "PARKING")
    assert found[0] == ("Parking: travaux du parking en mars", True)
    assert "Parking: les places visiteurs" not in [title for title, _pinned in found]
    assert len(found) == len({title for title, _pinned in found})
    assert titles(author, "parking visiteurs")[0][0] == "Parking: les places visiteurs"


@pytest.mark.usefixtures("search_engine")
def test_a_pinned_result_is_shown_only_to_its_readers(corpus, make_person):
    author, editor, _posts, hidden_post = corpus
    with pytest.raises(NotFound):
        promotion_set(actor=editor, query="parking", kind="post", object_id=hidden_post.pk,
                      action="pin")
    SearchPromotion.objects.create(query="parking", query_key="parking", kind="post",
                                   object_id=hidden_post.pk, action="pin")
    outsider = make_person("nina")
    assert "Parking de la direction" not in [title for title, _pinned in titles(outsider,
                                                                                "parking")]
    assert titles(author, "parking")[0] == ("Parking de la direction", True)


@pytest.mark.smoke
def test_only_who_tunes_search_may_pin(corpus):
    author, _editor, posts, _hidden = corpus
    with pytest.raises(Forbidden):
        promotion_set(actor=author, query="parking", kind="post", object_id=posts[0].pk,
                      action="pin")


@pytest.mark.usefixtures("search_engine")
def test_the_results_page_pins_and_the_admin_lists(corpus, client_for):
    _author, editor, posts, _hidden = corpus
    client = client_for(editor)
    page = client.get("/search/", {"q": "parking"}).content.decode()
    assert "Pin for this query" in page
    response = client.post("/search/promote/", {"q": "parking", "type": "post",
                                                 "id": str(posts[1].pk), "action": "pin"})
    assert response.status_code == 302
    assert SearchPromotion.objects.get().object_id == posts[1].pk
    assert client.post("/search/promote/", {"q": "parking", "type": "post", "id": "x",
                                            "action": "pin"}).status_code == 302
    assert "parking" in client.get("/admin/search/promotions/").content.decode()
    assert "Pin for this query" not in client_for(corpus[0]).get(
        "/search/", {"q": "parking"}).content.decode()


@pytest.mark.usefixtures("search_engine")
def test_queries_that_found_nothing_are_counted_without_who_asked(corpus, api_for,
                                                                   client_for):
    author, editor, _posts, _hidden = corpus
    api_for(author).get("/api/v1/search/", {"q": "Navette  gratuite"})
    client_for(editor).get("/search/", {"q": "navette gratuite"})
    api_for(author).get("/api/v1/search/", {"q": "parking"})
    asked = UnansweredQuery.objects.get()
    assert (asked.query_key, asked.times) == ("navette gratuite", 2)
    assert {field.name for field in UnansweredQuery._meta.get_fields()} == {
        "id", "query_key", "query", "times", "last_asked_at"}
    listing = client_for(editor).get("/admin/search/unanswered/").content.decode()
    assert "navette gratuite" in listing


@pytest.mark.smoke
def test_a_bad_promotion_is_refused_and_changes_nothing(corpus):
    _author, editor, posts, _hidden = corpus
    for query, kind, action in [("", "post", "pin"), ("\x00", "post", "pin"),
                                ("parking", "post", "star"), ("parking", "nokind", "pin"),
                                ("x" * 201, "post", "pin")]:
        with pytest.raises((Invalid, NotFound)):
            promotion_set(actor=editor, query=query, kind=kind, object_id=posts[0].pk,
                          action=action)
    assert not SearchPromotion.objects.exists()
