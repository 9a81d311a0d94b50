"""Wagtail pages are searchable while live, by the audience their type declares."""

import pytest
from wagtail.models import Page

from intranet.models import home_page
from search.query import SearchRequest
from search.selectors import search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]


def test_live_pages_are_found_and_unpublished_ones_are_not(make_person, index_now):
    reader = make_person("ana")
    home = home_page()
    home.intro = "<p>Welcome to the <b>orchestration</b> handbook</p>"
    home.save_revision().publish()
    child = home.add_child(instance=Page(title="Holiday calendar"))
    child.save_revision().publish()
    index_now()
    assert search(reader, SearchRequest(q="orchestration", kinds=("page",))).total == 1
    assert [h.title for h in search(reader, SearchRequest(q="holiday")).hits] == [
        "Holiday calendar"]
    child.unpublish()
    index_now()
    assert search(reader, SearchRequest(q="holiday")).total == 0
