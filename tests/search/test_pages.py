"""Wagtail pages are searchable while live, by the audience their type declares."""

import pytest
from wagtail.models import Locale, Page

from intranet.announcements.models import AnnouncementPage
from intranet.core.site import site_home
from intranet.groups.services import group_create
from intranet.search.query import SearchRequest
from intranet.search.selectors import search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]


def test_live_pages_are_found_and_unpublished_ones_are_not(make_person, index_now):
    reader = make_person("ana")
    home = site_home()
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


def test_a_translation_is_found_by_its_originals_readers_only(make_person, index_now):
    owner, member, outsider = (make_person(name) for name in ("olga", "mia", "oscar"))
    secret = group_create(actor=owner, name="Atlas", visibility="secret")
    original = site_home().add_child(instance=AnnouncementPage(title="Atlas kickoff",
                                                               live=False))
    original.groups.set([secret])
    version = original.copy_for_translation(Locale.objects.get(language_code="fr"))
    version.title = "Lancement zygomorphe"
    version.save_revision().publish()
    index_now()
    assert search(owner, SearchRequest(q="zygomorphe")).total == 0  # the original waits
    original.save_revision().publish()
    index_now()
    assert search(owner, SearchRequest(q="zygomorphe")).total == 1
    for person in (member, outsider):
        assert search(person, SearchRequest(q="zygomorphe")).total == 0, person
    AnnouncementPage.objects.get(pk=original.pk).unpublish()
    index_now()
    assert search(owner, SearchRequest(q="zygomorphe")).total == 0


def test_wagtail_view_restrictions_hold_in_search(make_person, index_now):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    board = Group.objects.create(name="Board")
    director, employee = make_person("dina"), make_person("emil")
    director.groups.add(board)
    home = site_home()
    minutes = home.add_child(instance=Page(title="Quasimodal board minutes"))
    minutes.save_revision().publish()
    vault = home.add_child(instance=Page(title="Vault"))
    vault.save_revision().publish()
    behind_password = vault.add_child(instance=Page(title="Quasimodal vault notes"))
    behind_password.save_revision().publish()
    index_now()
    assert search(employee, SearchRequest(q="quasimodal")).total == 2
    restriction = PageViewRestriction.objects.create(
        page=minutes, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([board])
    restriction.save()
    PageViewRestriction.objects.create(page=vault, password="s3same",
                                       restriction_type=PageViewRestriction.PASSWORD)
    index_now()
    assert [h.title for h in search(director, SearchRequest(q="quasimodal")).hits] == [
        "Quasimodal board minutes"]
    found = search(employee, SearchRequest(q="quasimodal"))
    assert found.total == 0 and "Quasimodal" not in str(found.facets)
    restriction.delete()
    index_now()
    assert search(employee, SearchRequest(q="quasimodal")).total == 1
