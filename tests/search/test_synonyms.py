"""Synonyms and translations, applied when searching: the built-in thesaurus and the
company's own sets, which never widen what a person may read."""

import pytest
from django.contrib.auth.models import Group

from intranet.feeds.services.posts import post_create
from intranet.groups.models import Visibility
from intranet.groups.services import group_create
from intranet.search.models import SynonymSet
from intranet.search.query import SearchRequest
from intranet.search.selectors import search

pytestmark = pytest.mark.django_db
on_each_engine = pytest.mark.usefixtures("search_engine")


@pytest.fixture
def corpus(make_person, index_now):
    author = make_person("olivia")
    group = group_create(actor=author, name="Vie de l'entreprise")
    post_create(actor=author, body="La grève des mineurs entre dans sa troisième semaine",
                group=group)
    post_create(actor=author, body="Les salariés du site de Lyon déménagent en mars",
                group=group)
    post_create(actor=author, body="Our quarterly all-hands is moved to Thursday", group=group)
    index_now()
    return author


def found(user, q: str) -> list:
    return search(user, SearchRequest(q=q, kinds=("post",))).hits


@on_each_engine
def test_an_english_query_finds_french_text_and_the_reverse(corpus):
    strike = found(corpus, "miners strike")
    assert strike and strike[0].title.startswith("La grève des mineurs")
    assert any(match.why == "synonym" for match in strike[0].matched)
    assert [hit.title for hit in found(corpus, "employés")] == [
        "Les salariés du site de Lyon déménagent en mars"]


@on_each_engine
def test_a_company_set_applies_at_once_without_reindexing(corpus):
    assert found(corpus, "agora") == []
    synonyms = SynonymSet(terms="agora, all-hands, réunion générale")
    synonyms.full_clean()
    synonyms.save()
    hits = found(corpus, "agora")
    assert [hit.title for hit in hits] == ["Our quarterly all-hands is moved to Thursday"]
    assert ("hands", "synonym") in {(match.word.lower(), match.why)
                                    for match in hits[0].matched}


@on_each_engine
def test_synonyms_never_reach_what_the_asker_may_not_read(corpus, make_person, index_now):
    owner = make_person("sam")
    secret = group_create(actor=owner, name="Négociations", visibility=Visibility.SECRET)
    post_create(actor=owner, body="Préavis de débrayage déposé ce matin", group=secret)
    SynonymSet.objects.create(terms="débrayage, walkout, arrêt de travail")
    index_now()
    assert "Préavis de débrayage déposé ce matin" in [hit.title for hit in found(owner,
                                                                                 "walkout")]
    for q in ("walkout", "débrayage", "arrêt de travail"):
        assert "Préavis de débrayage déposé ce matin" not in [
            hit.title for hit in found(corpus, q)]


@pytest.mark.smoke
def test_a_set_needs_two_different_terms():
    from django.core.exceptions import ValidationError

    for terms in ("salarié", "Salarié, salarie", ", ,"):
        with pytest.raises(ValidationError):
            SynonymSet(terms=terms).full_clean()


@pytest.mark.smoke
def test_communications_keep_the_synonyms_in_the_admin(make_person, client_for):
    employee = make_person("olivia")
    editor = make_person("camille")
    editor.groups.add(Group.objects.get(name="Communications"))
    client = client_for(editor)
    response = client.post("/admin/search/synonyms/new/",
                           {"terms": "open space, bureau paysager"})
    assert response.status_code == 302
    assert SynonymSet.objects.get().terms == "open space, bureau paysager"
    refused = client_for(employee).get("/admin/search/synonyms/")
    assert refused.status_code in (302, 403)
