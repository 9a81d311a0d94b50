"""Editing one's profile through the page and the API; the org chart; the audit trail."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import ModelLogEntry

from intranet.people.models import Department, Profile
from intranet.people.selectors import org_chart
from intranet.people.services import profile_ensure

pytestmark = pytest.mark.django_db


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 30), "blue").save(out, format="PNG")
    return out.getvalue()


@pytest.mark.smoke
def test_me_returns_privacy_and_contact_policy(make_person, api_for):
    me = api_for(make_person("ana", job_title="Engineer")).get("/api/v1/me/").json()
    assert me["username"] == "ana"
    assert me["job_title"] == "Engineer"
    assert me["privacy"]["phone"] == "groups"
    assert me["contact_policy"] == "everyone"


def test_patch_me_updates_fields_and_privacy(make_person, api_for):
    Department.objects.create(name="Finance")
    api = api_for(make_person("ana"))
    response = api.patch("/api/v1/me/", {
        "job_title": "Controller", "skills": ["IFRS", "Excel"],
        "languages": ["fr", "en"], "privacy": {"phone": "private"},
        "contact_policy": "groups"}, format="json")
    assert response.status_code == 200, response.content
    me = response.json()
    assert (me["job_title"], me["department"]) == ("Controller", None)
    assert me["skills"] == ["Excel", "IFRS"]
    assert me["privacy"]["phone"] == "private"
    assert me["contact_policy"] == "groups"


@pytest.mark.parametrize(("payload", "field"), [
    ({"privacy": {"phone": "friends"}}, "privacy"),
    ({"privacy": {"salary": "private"}}, "privacy"),
    ({"department": "Nowhere"}, "department"),
    ({"manager": "ghost"}, "manager"),
    ({"languages": ["xx"]}, "languages"),
    ({"start_date": "2024-13-01"}, "start_date"),
    ({"contact_policy": "anyone"}, "contact_policy"),
    ({"job_title": "x" * 151}, "job_title"),
    ({"preferred_language": "de"}, "preferred_language"),
])
def test_patch_me_rejects_bad_input_with_field_errors(make_person, api_for, payload, field):
    ana = make_person("ana", job_title="Engineer")
    response = api_for(ana).patch("/api/v1/me/", payload, format="json")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]
    assert Profile.objects.get(user=ana).job_title == "Engineer"


@pytest.mark.parametrize("payload", [{"department": "Finance"}, {"location": "Lyon"},
                                     {"manager": "boss"}])
def test_a_person_cannot_change_what_decides_what_they_read(make_person, api_for, payload):
    """Department and location receive announcements, the manager draws the org chart:
    HR keeps them. Nothing of the request is applied."""
    from intranet.people.models import Location

    Department.objects.create(name="Finance")
    Location.objects.create(name="Lyon")
    make_person("boss")
    ana = make_person("ana", job_title="Engineer")
    response = api_for(ana).patch("/api/v1/me/", {**payload, "job_title": "Boss"},
                                  format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    profile = Profile.objects.get(user=ana)
    assert (profile.department, profile.location, profile.manager, profile.job_title) == (
        None, None, None, "Engineer")


def test_a_reporting_loop_is_refused(make_person):
    from intranet.core.errors import Invalid
    from intranet.people.services import profile_update

    boss = make_person("boss")
    ana = make_person("ana", manager=profile_ensure(user=boss))
    with pytest.raises(Invalid) as refused:
        profile_update(actor=None, profile=profile_ensure(user=boss),
                       changes={"manager": profile_ensure(user=ana)})
    assert "manager" in refused.value.fields
    assert profile_ensure(user=ana).manager.user == boss


def test_edit_page_saves_fields_privacy_and_photo(make_person, client_for):
    ana = make_person("ana")
    client = client_for(ana)
    assert client.get(reverse("people:edit")).status_code == 200
    data = {"display_name": "Ana L.", "job_title": "Designer", "skills": "Figma, UX",
            "contact_policy": "everyone", "privacy_phone": "private",
            "photo": SimpleUploadedFile("a.png", png(), content_type="image/png")}
    data.update({f"privacy_{f}": "everyone" for f in ("photo", "pronouns", "job_title",
                 "team", "location", "bio", "skills", "languages", "start_date")})
    response = client.post(reverse("people:edit"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = Profile.objects.get(user=ana)
    assert profile.job_title == "Designer"
    assert sorted(profile.skills.names()) == ["Figma", "UX"]
    assert profile.visibility_of("phone") == "private"
    assert profile.user.display_name == "Ana L."
    assert profile.photo.name.startswith("people/photos/")


def test_edit_page_rejects_a_file_that_is_not_an_image(make_person, client_for):
    ana = make_person("ana")
    response = client_for(ana).post(reverse("people:edit"), {
        "contact_policy": "everyone",
        "photo": SimpleUploadedFile("a.png", b"not an image", content_type="image/png"),
        **{f"privacy_{f}": "everyone" for f in ("photo", "pronouns", "job_title", "team",
           "location", "phone", "bio", "skills", "languages", "start_date")}})
    assert response.status_code == 200
    assert not Profile.objects.get(user=ana).photo


def test_privacy_changes_are_audited_apart_from_edits(make_person, api_for):
    ana = make_person("ana")
    api_for(ana).patch("/api/v1/me/", {"privacy": {"bio": "private"}, "bio": "Hi"},
                       format="json")
    profile = Profile.objects.get(user=ana)
    entries = {e.action: e.data for e in ModelLogEntry.objects.filter(object_id=str(profile.pk))}
    assert entries["intranet.profile.privacy"]["changes"]["privacy"]["to"]["bio"] == "private"
    assert entries["intranet.profile.edit"]["changes"]["bio"] == {"from": "", "to": "Hi"}


def test_org_chart_shows_the_manager_chain_and_reports(make_person, client_for):
    ceo = make_person("ceo", first_name="Claire")
    vp = make_person("vp", first_name="Victor", manager=profile_ensure(user=ceo))
    ana = make_person("ana", first_name="Ana", manager=profile_ensure(user=vp))
    make_person("bob", first_name="Bob", manager=profile_ensure(user=ana))
    chain, reports = org_chart(profile_ensure(user=ana))
    assert [p.user.username for p in chain] == ["vp", "ceo"]
    assert [p.user.username for p in reports] == ["bob"]
    page = client_for(ana).get(reverse("people:org_chart", args=["ana"])).content.decode()
    page = page[page.index('class="orgchart"'):]
    assert page.index("Claire") < page.index("Victor") < page.index("Ana") < page.index("Bob")


def test_a_profile_is_created_for_every_new_account(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    assert Profile.objects.filter(user=user).exists()


def test_unknown_person_is_404(make_person, api_for, client_for):
    viewer = make_person("viewer")
    assert api_for(viewer).get("/api/v1/people/ghost/").status_code == 404
    assert client_for(viewer).get(reverse("people:profile", args=["ghost"])).status_code == 404


def test_photo_upload_through_the_api(make_person, api_for, settings,
                                     django_capture_on_commit_callbacks):
    ana = make_person("ana")
    api = api_for(ana)
    uploaded = api.post("/api/v1/me/photo/", {"photo": SimpleUploadedFile(
        "a.png", png(), content_type="image/png")}, format="multipart")
    assert uploaded.status_code == 200, uploaded.content
    assert uploaded.json()["photo"].startswith("/private-media/people/photos/")
    bad = api.post("/api/v1/me/photo/", {"photo": SimpleUploadedFile(
        "a.png", b"<script>", content_type="image/png")}, format="multipart")
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid_image"
    settings.MAX_IMAGE_UPLOAD_BYTES = 10
    big = api.post("/api/v1/me/photo/", {"photo": SimpleUploadedFile(
        "a.png", png(), content_type="image/png")}, format="multipart")
    assert big.status_code == 413
    assert api.get("/api/v1/me/").json()["photo"] == uploaded.json()["photo"]
    name = Profile.objects.get(user=ana).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        removed = api.delete("/api/v1/me/photo/")
    assert removed.json()["photo"] is None
    from django.core.files.storage import storages

    assert not storages["private"].exists(name)
