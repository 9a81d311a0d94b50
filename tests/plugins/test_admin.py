"""Sources, rules and the curation queue in the Wagtail admin, for Communications."""

import re

import pytest

from intranet.plugins.models import CurationRule, Source
from intranet.plugins.services.polling import poll_source

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

SOURCES = "/admin/brand/sources/"
ITEMS = "/admin/brand/items/"


@pytest.fixture
def staff(client_for, brand):
    return client_for(brand.curator)


def source_form(**settings) -> dict:
    return {"name": "Acme on Mastodon", "team": "Communications", "account": "",
            "group": "", "interval_minutes": "30", "enabled": "on", **settings}


def test_adding_a_source_starts_by_choosing_its_connector(staff):
    page = staff.get(f"{SOURCES}new/")
    assert page.status_code == 200
    for key in ("rss", "youtube", "mastodon", "peertube", "json"):
        assert f"?connector={key}" in page.content.decode()


def test_a_source_is_created_with_its_secret_write_only(staff, brand):
    form = staff.get(f"{SOURCES}new/?connector=mastodon").content.decode()
    assert 'name="setting_token"' in form and 'type="password"' in form
    data = source_form(connector="mastodon", account=str(brand.account.pk),
                       setting_server="https://social.acme.example", setting_account="acme",
                       setting_token="tok-123")
    answer = staff.post(f"{SOURCES}new/?connector=mastodon", data)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    source = Source.objects.get()
    assert source.connector == "mastodon" and source.settings["account"] == "acme"
    assert "tok-123" not in source.secrets
    edit = staff.get(f"{SOURCES}edit/{source.pk}/").content.decode()
    assert "tok-123" not in edit and "Leave empty to keep it" in edit
    data.pop("setting_token")
    data["name"] = "Acme Mastodon"
    assert staff.post(f"{SOURCES}edit/{source.pk}/", data).status_code == 302
    source.refresh_from_db()
    assert source.name == "Acme Mastodon"
    from intranet.plugins.services.sources import settings_of

    assert settings_of(source)["token"] == "tok-123"


def test_bad_settings_show_on_the_form_and_save_nothing(staff, brand):
    answer = staff.post(f"{SOURCES}new/?connector=rss", source_form(
        connector="rss", account=str(brand.account.pk), setting_url="not a url"))
    assert answer.status_code == 200
    assert "Enter a valid URL" in answer.content.decode()
    assert not Source.objects.exists()


def test_the_source_list_shows_health_in_words(staff, brand, channels):
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    poll_source(source)
    broken = brand.source("rss", {"url": f"{channels.url}/gone.xml"}, name="Gone blog")
    poll_source(broken)
    brand.source("rss", {"url": f"{channels.url}/feed.xml"}, name="Quiet", enabled=False)
    page = staff.get(SOURCES).content.decode()
    assert "Working — last new item" in page
    assert re.search(r"Failing since \d+ \w+: the address was not found \(404\)", page)
    assert "Paused" in page
    assert "The server answered with status 404" not in page
    assert ">False<" not in page and ">True<" not in page
    inspect = staff.get(f"{SOURCES}inspect/{broken.pk}/").content.decode()
    assert "the address was not found (404)" in inspect
    assert "The server answered with status 404." in inspect
    assert ">False<" not in inspect


def test_rules_are_managed_in_the_admin(staff):
    answer = staff.post("/admin/brand/rules/new/", {
        "label": "No replies", "source": "", "position": "0", "action": "reject",
        "words": "", "authors": "", "media": "any", "replies": "yes", "reposts": "any",
        "daily_cap": "", "enabled": "on"})
    assert answer.status_code == 302
    assert CurationRule.objects.get().replies == "yes"


def test_employees_see_none_of_it(client_for, make_person, brand, channels):
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    poll_source(source)
    employee = client_for(make_person("rita"))
    for url in (SOURCES, f"{SOURCES}new/?connector=rss", ITEMS, "/admin/brand/rules/",
                f"{SOURCES}inspect/{source.pk}/"):
        assert employee.get(url).status_code in (302, 403), url
