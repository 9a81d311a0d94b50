"""French and English together: accents, elision, stems, typos, name prefixes."""

import pytest

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from intranet.search.query import SearchRequest
from intranet.search.selectors import search, suggest

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(make_person, index_now):
    author = make_person("olivia")
    make_person("helene", first_name="Hélène", last_name="Lefèvre", job_title="Juriste")
    group = group_create(actor=author, name="Communication")
    for body in ["Les réseaux sociaux d'entreprise changent notre façon de travailler",
                 "Our running shoes were delivered this morning",
                 "L'équipe prépare la présentation trimestrielle",
                 "Notre e-réputation tient au bouche-à-oreille"]:
        post_create(actor=author, body=body, group=group)
    index_now()
    return author


def titles(user, q: str, kinds=("post",)) -> list[str]:
    return [hit.title for hit in search(user, SearchRequest(q=q, kinds=kinds)).hits]


@pytest.mark.usefixtures("search_engine")
@pytest.mark.parametrize(("q", "expected"), [
    ("reseaux sociaux entreprise", "Les réseaux sociaux"),
    ("RÉSEAUX", "Les réseaux sociaux"),
    ("l'entreprise", "Les réseaux sociaux"),
    ("equipe", "L'équipe prépare"),
])
def test_accents_case_and_elision(corpus, q, expected):
    assert any(title.startswith(expected) for title in titles(corpus, q))


@pytest.mark.usefixtures("search_engine")
def test_names_are_found_without_accents_and_by_prefix(corpus):
    assert "Hélène Lefèvre" in titles(corpus, "Helene", ("person",))
    assert "Hélène Lefèvre" in titles(corpus, "lefevre", ("person",))
    assert "Hélène Lefèvre" in [hit.title for hit in suggest(corpus, "hel").hits]
    assert "Hélène Lefèvre" in [hit.title for hit in suggest(corpus, "Hélène Le").hits]


@pytest.mark.usefixtures("search_engine")
@pytest.mark.parametrize(("q", "expected"), [
    ("réseau social", "Les réseaux sociaux"),      # French stems
    ("shoe deliver", "Our running shoes"),          # English stems
    ("presentaton", "L'équipe prépare"),            # one typo in a long word
    ("trimestriele", "L'équipe prépare"),
    ("L\u2019ÉQUIPE", "L'équipe prépare"),          # typographic apostrophe, capitals
    ("e-reputation", "Notre e-réputation"),          # hyphenated words
    ("e reputation", "Notre e-réputation"),
    ("bouche a oreille", "Notre e-réputation"),
])
def test_the_search_engine_stems_and_forgives_typos(corpus, q, expected):
    assert any(title.startswith(expected) for title in titles(corpus, q))


@pytest.mark.usefixtures("search_engine")
def test_short_words_are_not_fuzzy(corpus):
    assert titles(corpus, "shoo") == []
