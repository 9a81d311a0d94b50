"""Per-field privacy: a field its owner hid never reaches another person, by any path."""

import pytest
from django.urls import reverse

from intranet.people.models import PRIVACY_DEFAULTS
from intranet.people.selectors import can_contact, visible_fields
from intranet.people.services import profile_ensure

pytestmark = pytest.mark.django_db

SECRET_VALUES = {
    "pronouns": "xe/xem", "job_title": "Chief Secret Officer", "team": "Hidden Team",
    "phone": "+33 6 11 22 33 44", "bio": "A bio nobody else may read",
    "skills": ["Clandestine Skill"], "languages": ["eu"],
}


@pytest.fixture
def hidden_owner(make_person):
    """Someone who set every field to "only me", with a distinctive value in each."""
    return make_person("owner", first_name="Olga", last_name="Owner", **SECRET_VALUES,
                       privacy={field: "private" for field in PRIVACY_DEFAULTS})


def texts_of_secret_values() -> list[str]:
    return ["xe/xem", "Chief Secret Officer", "Hidden Team", "+33 6 11 22 33 44",
            "A bio nobody else may read", "Clandestine Skill", "euskara"]


@pytest.mark.smoke
def test_only_me_fields_are_absent_from_the_profile_page(hidden_owner, make_person, client_for):
    viewer = make_person("viewer")
    page = client_for(viewer).get(reverse("people:profile", args=["owner"])).content.decode()
    assert "Olga Owner" in page
    for text in texts_of_secret_values():
        assert text not in page


@pytest.mark.smoke
def test_only_me_fields_are_absent_from_the_directory(hidden_owner, make_person, client_for):
    viewer = make_person("viewer")
    page = client_for(viewer).get(reverse("people:directory"), {"q": "olga"}).content.decode()
    assert "Olga Owner" in page
    for text in texts_of_secret_values():
        assert text not in page


@pytest.mark.smoke
def test_only_me_fields_are_absent_from_the_api(hidden_owner, make_person, api_for):
    api = api_for(make_person("viewer"))
    person = api.get("/api/v1/people/owner/").json()
    listed = api.get("/api/v1/people/", {"q": "olga"}).json()["results"]
    assert [p["username"] for p in listed] == ["owner"]
    for shown in (person, listed[0]):
        assert set(SECRET_VALUES) & set(shown) == set()
        for text in texts_of_secret_values():
            assert text not in str(shown)


def test_the_owner_sees_every_field(hidden_owner, client_for, api_for):
    person = api_for(hidden_owner).get("/api/v1/people/owner/").json()
    assert person["job_title"] == "Chief Secret Officer"
    assert person["skills"] == ["Clandestine Skill"]
    page = client_for(hidden_owner).get(reverse("people:profile", args=["owner"]))
    assert "Chief Secret Officer" in page.content.decode()


def test_staff_and_superusers_get_no_bypass(hidden_owner, make_person, api_for):
    admin = make_person("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    person = api_for(admin).get("/api/v1/people/owner/").json()
    assert "job_title" not in person
    assert "phone" not in person


def test_members_of_my_groups_behaves_as_only_me_without_groups(make_person):
    owner = make_person("owner", phone="+44 20 1234 5678", privacy={"phone": "groups"})
    viewer = make_person("viewer")
    profile = profile_ensure(user=owner)
    assert "phone" not in visible_fields(viewer, profile)
    assert "phone" in visible_fields(owner, profile)


def test_filters_cannot_reveal_a_hidden_value(hidden_owner, make_person, api_for):
    from intranet.people.models import Location

    paris = Location.objects.create(name="Paris")
    from intranet.people.services import profile_update

    profile_update(actor=None, profile=profile_ensure(user=hidden_owner),
                   changes={"location": paris})
    api = api_for(make_person("viewer"))
    by_skill = api.get("/api/v1/people/", {"skill": "Clandestine Skill"}).json()["results"]
    by_location = api.get("/api/v1/people/", {"location": "Paris"}).json()["results"]
    assert by_skill == [] and by_location == []
    mine = api_for(hidden_owner).get("/api/v1/people/", {"skill": "Clandestine Skill"})
    assert [p["username"] for p in mine.json()["results"]] == ["owner"]


def test_contact_policy(make_person):
    open_person = make_person("open")
    closed = make_person("closed", contact_policy="nobody")
    groups_only = make_person("groupy", contact_policy="groups")
    sender = make_person("sender")
    assert can_contact(sender, open_person)
    assert not can_contact(sender, closed)
    assert not can_contact(sender, groups_only)
    assert can_contact(closed, closed)


def test_a_hidden_photo_is_not_served_to_others(make_person, client_for, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from intranet.people.services import profile_update

    image = tmp_path / "me.png"
    Image.new("RGB", (40, 40), "red").save(image)
    owner = make_person("owner")
    profile = profile_update(actor=owner, profile=profile_ensure(user=owner), changes={
        "photo": SimpleUploadedFile("me.png", image.read_bytes(), content_type="image/png"),
        "privacy": {"photo": "private"}})
    url = profile.photo.url
    assert url.startswith("/private-media/people/photos/")
    assert client_for(owner).get(url).status_code == 200
    viewer = make_person("viewer")
    assert client_for(viewer).get(url).status_code == 404
    profile_update(actor=owner, profile=profile, changes={"privacy": {"photo": "everyone"}})
    assert client_for(viewer).get(url).status_code == 200
