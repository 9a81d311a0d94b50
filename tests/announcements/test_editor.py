"""Wagtail's own editor of announcements: only sensible page types, no SEO tab, the
audience as checkboxes."""

import pytest

from intranet.announcements.models import AnnouncementPage
from intranet.announcements.permissions import grant_hr_page_permissions
from intranet.core.site import site_home
from intranet.models import HomePage

pytestmark = pytest.mark.django_db


def test_under_the_home_page_only_announcements_may_be_added():
    assert HomePage.allowed_subpage_models() == [AnnouncementPage]
    assert HomePage not in HomePage.allowed_subpage_models()


def test_choosing_a_type_under_home_goes_straight_to_the_announcement(company, client_for):
    grant_hr_page_permissions()
    home = site_home()
    answer = client_for(company[2]["hr"]).get(f"/admin/pages/{home.pk}/add_subpage/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(
        f"/admin/pages/add/intranet_announcements/announcementpage/{home.pk}/")


def test_the_editor_has_no_promote_tab_and_checkbox_audiences(company, client_for):
    grant_hr_page_permissions()
    _sales, secret, people = company
    html = client_for(people["hr"]).get(
        f"/admin/pages/add/intranet_announcements/announcementpage/{site_home().pk}/"
    ).content.decode()
    assert 'id="tab-label-promote"' not in html and 'name="seo_title"' not in html
    assert 'name="search_description"' not in html
    assert "seen by the public" not in html and "What employees see first" in html
    assert 'id="tab-label-audience_and_delivery"' in html
    assert 'type="checkbox" name="departments"' in html
    assert 'type="radio" name="importance"' in html
    assert 'name="slug"' in html
    assert "announcements/writing" in html  # the pickers' search boxes
    assert secret.name not in html
