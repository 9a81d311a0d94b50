"""A person downloads everything the intranet keeps about them: built in the background,
shown progressing on their settings page, a ZIP of JSON files and their images that only
they may download, until its link expires."""

import io
import json
import uuid
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from intranet.core.media import private_storage
from intranet.core.personal_data import Section
from intranet.people import exports, tasks
from intranet.people.models import ExportState, PersonalDataExport, Profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


def download(client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body


def built(person) -> PersonalDataExport:
    """The person's latest export, once the background job built it."""
    export = PersonalDataExport.objects.filter(owner=person).latest("created_at")
    tasks.build_export.call(str(export.pk))
    export.refresh_from_db()
    return export


def test_the_settings_page_prepares_a_zip_of_everything_about_the_person(demo, client_for):
    browser = client_for(demo.person)
    answer = browser.post(reverse("people:export_start"))
    assert answer.status_code == 302
    pending = browser.get(reverse("people:settings"))
    assert b"<progress" in pending.content
    export = built(demo.person)
    assert export.state == ExportState.READY and export.progress == 100
    page = browser.get(reverse("people:settings")).content.decode()
    assert export.file.url in page and "Download (ZIP)" in page

    status, body = download(browser, export.file.url)
    assert status == 200
    archive = zipfile.ZipFile(io.BytesIO(body))
    names = set(archive.namelist())
    assert {"export.json", "account.json", "profile.json", "posts.json", "comments.json",
            "reactions.json", "notifications.json", "following.json", "groups.json",
            "acknowledgements.json"} <= names
    read = {name: json.loads(archive.read(name)) for name in names if name.endswith(".json")}
    assert read["account.json"]["email"] == "helene@example.com"
    profile = read["profile.json"]
    assert profile["phone"] == "+33 4 00 00 00 01"
    assert profile["skills"] == ["Consolidation", "IFRS"]
    assert archive.read(profile["photo"]) == Profile.objects.get(user=demo.person).photo.read()
    post = next(p for p in read["posts.json"] if p["id"] == demo.post.pk)
    assert post["body"].startswith("Quarterly close") and post["topics"] == ["budget"]
    image = post["images"][0]
    assert image["alt"] == "The close calendar"
    assert archive.read(image["file"]) == demo.post.images.get().image.read()
    assert [c["body"] for c in read["comments.json"]] == ["Glad to help @bruno"]
    assert read["reactions.json"][0]["kind"] == "celebrate"
    assert "mention" in {n["kind"] for n in read["notifications.json"]}
    assert read["groups.json"]["memberships"][0]["group"] == "Finance club"
    assert read["acknowledgements.json"][0]["announcement"] == "Expense policy"
    assert read["acknowledgements.json"][0]["acknowledged_at"]


def test_the_api_starts_an_export_and_lists_it_until_it_is_ready(demo, api_for, client_for):
    api = api_for(demo.person)
    started = api.post("/api/v1/me/export/")
    assert started.status_code == 202
    assert started.json() == {"id": started.json()["id"], "state": "pending"}
    again = api.post("/api/v1/me/export/", {}, format="json")
    assert again.status_code == 202 and again.json()["id"] == started.json()["id"]
    listed = api.get("/api/v1/me/export/").json()["results"]
    assert [(e["id"], e["state"], e["url"]) for e in listed] == [
        (started.json()["id"], "pending", None)]
    export = built(demo.person)
    ready = api.get("/api/v1/me/export/").json()["results"][0]
    assert ready["state"] == "ready" and ready["progress"] == 100
    assert ready["url"] == export.file.url and ready["expires_at"]
    # Like images in API answers, the address is for the person's signed-in browser.
    assert download(client_for(demo.person), ready["url"])[0] == 200


def test_only_its_owner_downloads_an_export(demo, client_for, api_for, client):
    client_for(demo.person).post(reverse("people:export_start"))
    url = built(demo.person).file.url
    for other in (demo.colleague, demo.hr, demo.reader):
        assert download(client_for(other), url)[0] == 404
        assert api_for(other).get("/api/v1/me/export/").json()["results"] == []
    assert download(client, url)[0] != 200
    assert download(client_for(demo.person), url)[0] == 200


def test_an_expired_link_answers_404_like_a_missing_one(demo, client_for, api_for,
                                                        settings):
    settings.EXPORT_LINK_DAYS = 2
    browser = client_for(demo.person)
    browser.post(reverse("people:export_start"))
    export = built(demo.person)
    assert export.expires_at - export.finished_at == timedelta(days=2)
    missing = f"/private-media/{exports.FOLDER}{uuid.uuid4().hex}.zip"
    assert download(browser, missing)[0] == 404
    PersonalDataExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    assert download(browser, export.file.url)[0] == 404
    listed = api_for(demo.person).get("/api/v1/me/export/").json()["results"][0]
    assert listed["state"] == "expired" and listed["url"] is None
    assert tasks.expire_exports.call() == 1
    assert not private_storage().exists(export.file.name)
    export.refresh_from_db()
    assert export.state == ExportState.EXPIRED and not export.file
    assert "Expired" in browser.get(reverse("people:settings")).content.decode()


def test_the_export_says_how_far_it_got_and_a_failure_is_shown(demo, client_for,
                                                               monkeypatch):
    seen = []

    def progress(user, archive) -> None:
        seen.append(PersonalDataExport.objects.get(owner=user).progress)

    def broken(user, archive) -> None:
        raise OSError("disk full")

    parts = [Section("first", progress, None, 1), Section("second", progress, None, 2)]
    monkeypatch.setattr(exports, "sections", lambda: parts)
    browser = client_for(demo.person)
    browser.post(reverse("people:export_start"))
    assert built(demo.person).state == ExportState.READY
    assert seen == [0, 33]

    monkeypatch.setattr(exports, "sections", lambda: [*parts, Section("bad", broken, None, 3)])
    browser.post(reverse("people:export_start"))
    failed = built(demo.person)
    assert failed.state == ExportState.FAILED and not failed.file
    page = browser.get(reverse("people:settings"))
    assert page.status_code == 200 and "Failed: prepare a new copy." in page.content.decode()


@pytest.mark.parametrize("body, content_type", [
    ('{"format": "csv"}', "application/json"),
    ("[]", "application/json"),
    ("{", "application/json"),
    ("null", "application/json"),
])
def test_bad_input_is_refused_with_4xx(demo, api_for, body, content_type):
    api = api_for(demo.person)
    answer = api.generic("POST", "/api/v1/me/export/", body, content_type=content_type)
    assert answer.status_code == 400
    assert "error" in answer.json()
    assert not PersonalDataExport.objects.exists()


def test_odd_requests_never_break_a_page(demo, client_for, client, api_for):
    browser = client_for(demo.person)
    assert browser.get(reverse("people:export_start")).status_code == 405
    assert download(browser, "/private-media/people/exports/../photos/x.jpg")[0] == 404
    assert download(browser, "/private-media/people/exports/")[0] == 404
    assert client.post("/api/v1/me/export/").status_code == 401
    assert api_for(demo.person).delete("/api/v1/me/export/").status_code == 405
