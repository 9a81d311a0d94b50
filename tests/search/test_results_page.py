"""The search page says who wrote each result, where and when, and its facets read as
words in the reader's language: kinds, group names, author names and months."""

import pytest
from django.utils import formats, timezone, translation

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from intranet.people.services import profile_ensure, profile_update

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]


def test_hits_and_facets_in_french(make_person, client_for, index_now):
    ana = make_person("ana", first_name="Ana", last_name="Lima")
    profile_update(actor=None, profile=profile_ensure(user=ana),
                   changes={"preferred_language": "fr"})
    garden = group_create(actor=ana, name="Jardin partagé", visibility="private")
    post = post_create(actor=ana, group=garden, body="Les tomates du jardin sont mûres.")
    index_now()
    page = client_for(ana).get("/search/", {"q": "tomates"}).content.decode()
    assert ">Publication</span>" in page
    assert "par Ana Lima" in page and "dans Jardin partagé" in page
    assert f'<time datetime="{timezone.localtime(post.published_at):%Y-%m-%d}' in page
    assert "Par groupe" in page and ">Jardin partagé</a>" in page
    assert f"group={garden.slug}" in page
    assert ">Ana Lima</a>" in page and "author=ana" in page
    with translation.override("fr"):
        month = formats.date_format(post.published_at, "YEAR_MONTH_FORMAT")
    assert f">{month}</a>" in page and f"since={post.published_at:%Y-%m}-01" in page
    assert ">Publications</a>" in page


def test_a_group_one_may_not_see_is_never_named(make_person, client_for, index_now):
    owner, outsider = make_person("olivia"), make_person("nora")
    secret = group_create(actor=owner, name="Projet Atlas", visibility="secret")
    post_create(actor=owner, group=secret, body="Atlas tomates budget")
    post_create(actor=outsider, group=group_create(actor=outsider, name="Potager"),
                body="Tomates for everyone")
    index_now()
    page = client_for(outsider).get("/search/", {"q": "tomates"}).content.decode()
    assert "Atlas" not in page and secret.slug not in page


def test_nothing_found_offers_a_correction_another_type_and_the_experts(
        make_person, client_for, index_now):
    ana = make_person("ana", first_name="Ana")
    post_create(actor=ana, group=group_create(actor=ana, name="Potager"),
                body="Les tomates du potager sont mûres.")
    index_now()
    client = client_for(ana)
    page = client.get("/search/", {"q": "tomatos", "type": "group"}).content.decode()
    assert "Nothing found for “tomatos”." in page
    assert 'href="?q=tomatos"' in page  # every type, not only groups
    assert 'href="/search/experts/?skill=tomatos"' in page
    typo = client.get("/search/", {"q": "zzzyx"}).content.decode()
    assert 'href="/search/experts/?skill=zzzyx"' in typo
    assert "Search everything, not only this type" not in typo
