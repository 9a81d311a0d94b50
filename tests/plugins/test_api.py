"""The brand API: sources and curation for Communications, highlights for everyone."""

import pytest

from intranet.plugins.models import BrandItem, ItemState, Source
from intranet.plugins.services.polling import poll_source

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.fixture
def comms(api_for, brand):
    return api_for(brand.curator)


def test_a_source_is_created_and_its_secret_never_comes_back(comms, channels):
    created = comms.post("/api/v1/brand/sources/", {
        "connector": "mastodon", "name": "Mastodon", "interval_minutes": 15,
        "settings": {"server": channels.url, "account": "acme", "token": "t0ken"}},
        format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["account"] == "acme" and body["secrets_set"] == ["token"]
    assert "t0ken" not in created.content.decode()
    source_id = body["id"]
    shown = comms.get(f"/api/v1/brand/sources/{source_id}/").json()
    assert shown["settings"] == {"server": channels.url, "account": "acme"}
    assert {"last_success", "last_error", "items_seen"} <= set(shown)
    changed = comms.patch(f"/api/v1/brand/sources/{source_id}/", {"settings": {
        "server": channels.url, "account": "acme"}}, format="json")
    assert changed.status_code == 200 and changed.json()["secrets_set"] == ["token"]


def test_bad_settings_are_400_with_field_errors_and_nothing_is_saved(comms):
    answer = comms.post("/api/v1/brand/sources/", {
        "connector": "rss", "name": "Blog", "settings": {"url": "not a url"}}, format="json")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] and "settings.url" in error["fields"]
    unknown = comms.post("/api/v1/brand/sources/", {
        "connector": "gopher", "name": "Old", "settings": {}}, format="json")
    assert unknown.status_code == 400 and "connector" in unknown.json()["error"]["fields"]
    interval = comms.post("/api/v1/brand/sources/", {
        "connector": "rss", "name": "Blog", "interval_minutes": 1,
        "settings": {"url": "https://blog.acme.example/feed"}}, format="json")
    assert "interval_minutes" in interval.json()["error"]["fields"]
    assert Source.objects.count() == 0


def test_poll_now_reports_what_it_did_even_when_the_fetch_fails(comms, channels, brand):
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    first = comms.post(f"/api/v1/brand/sources/{source.pk}/poll/")
    assert first.json() == {"new": 6, "skipped": 0, "error": None}
    broken = brand.source("rss", {"url": f"{channels.url}/missing.xml"}, enabled=False)
    answer = comms.post(f"/api/v1/brand/sources/{broken.pk}/poll/")
    assert answer.status_code == 200 and answer.json()["new"] == 0
    assert "404" in answer.json()["error"]


def test_the_queue_filters_and_decisions(comms, channels, brand, api_for, make_person):
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    poll_source(source)
    queue = comms.get("/api/v1/brand/items/", {"state": "pending", "source": source.pk})
    results = queue.json()["results"]
    assert len(results) == 6
    assert {"id", "source", "external_id", "url", "title", "html", "published_at", "state",
            "post"} <= set(results[0])
    item_id = results[0]["id"]
    approved = comms.post(f"/api/v1/brand/items/{item_id}/approve/").json()
    assert approved["state"] == "approved" and approved["post"]
    assert len(comms.get("/api/v1/brand/items/", {"state": "pending"}).json()["results"]) == 5
    assert comms.get("/api/v1/brand/items/", {"state": "maybe"}).status_code == 400
    reader = api_for(make_person("rita"))
    highlights = reader.get("/api/v1/brand/highlights/").json()["results"]
    assert [item["id"] for item in highlights] == [item_id]
    shared = reader.post(f"/api/v1/brand/items/{item_id}/share/")
    assert shared.json()["share_count"] == 1
    assert BrandItem.objects.get(pk=item_id).state == ItemState.APPROVED


def test_employees_may_not_manage_or_curate(api_for, make_person, brand, channels):
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    poll_source(source)
    item = source.items.first()
    employee = api_for(make_person("rita"))
    assert employee.get("/api/v1/brand/sources/").status_code == 403
    assert employee.post("/api/v1/brand/sources/", {"connector": "rss", "name": "x",
                                                    "settings": {}}, format="json"
                         ).status_code == 403
    assert employee.post(f"/api/v1/brand/sources/{source.pk}/poll/").status_code == 403
    assert employee.get("/api/v1/brand/items/").status_code == 403
    assert employee.post(f"/api/v1/brand/items/{item.pk}/approve/").status_code == 403
    assert employee.post(f"/api/v1/brand/items/{item.pk}/share/").status_code == 404
    item.refresh_from_db()
    assert item.state == ItemState.PENDING
