"""Secret groups stay invisible to non-members on every path; private groups show only
their name, description and member count to outsiders."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from intranet.groups.models import InterestGroup
from intranet.groups.services import group_create, group_join, member_invite

pytestmark = pytest.mark.django_db

SECRET_NAME = "Projet Atlas"


@pytest.fixture
def world(make_person):
    owner = make_person("olivia", first_name="Olivia")
    member = make_person("mike", first_name="Mike")
    secret = group_create(actor=owner, name=SECRET_NAME, visibility="secret",
                          description="Confidential acquisition")
    private = group_create(actor=owner, name="Managers circle", visibility="private",
                           description="Peer support")
    for group in (secret, private):
        member_invite(actor=owner, group=group, invitee=member)
        group_join(actor=member, group=group)
    outsider = make_person("nora")
    admin = make_person("root")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    return {"owner": owner, "member": member, "outsider": outsider, "admin": admin,
            "secret": secret}


@pytest.mark.smoke
@pytest.mark.parametrize("who", ["outsider", "admin"])
def test_a_secret_group_is_invisible_to_non_members(world, who, client_for, api_for):
    viewer, secret = world[who], world["secret"]
    client, api = client_for(viewer), api_for(viewer)
    pages = [client.get("/groups/").content.decode(),
             client.get("/groups/", {"q": "atlas"}).content.decode(),
             client.get("/people/mike/").content.decode(),
             client.get("/").content.decode()]
    for page in pages:
        assert SECRET_NAME not in page
    listed = api.get("/api/v1/groups/").json()["results"]
    typed = api.get("/api/v1/groups/", {"q": "atl"}).json()["results"]
    assert SECRET_NAME not in str(listed) + str(typed)
    assert client.get(f"/groups/{secret.slug}/").status_code == 404
    assert client.get(f"/groups/{secret.slug}/members/").status_code == 404
    for path in ("", "members/", "requests/"):
        assert api.get(f"/api/v1/groups/{secret.slug}/{path}").status_code == 404


def test_members_see_their_secret_group_everywhere(world, client_for, api_for):
    member = world["member"]
    assert SECRET_NAME in client_for(member).get("/groups/").content.decode()
    assert SECRET_NAME in client_for(member).get("/people/olivia/").content.decode()
    assert SECRET_NAME in str(api_for(member).get("/api/v1/groups/", {"q": "atl"}).json())
    assert api_for(member).get(f"/api/v1/groups/{world['secret'].slug}/members/"
                               ).status_code == 200


def test_a_private_group_shows_its_outline_but_not_its_members(world, client_for, api_for):
    api = api_for(world["outsider"])
    group = api.get("/api/v1/groups/managers-circle/").json()
    assert (group["name"], group["description"], group["member_count"]) == (
        "Managers circle", "Peer support", 2)
    assert group["my_role"] is None
    assert api.get("/api/v1/groups/managers-circle/members/").status_code == 404
    page = client_for(world["outsider"]).get("/groups/managers-circle/").content.decode()
    assert "Peer support" in page
    assert "Mike" not in page
    assert client_for(world["outsider"]).get("/groups/managers-circle/members/").status_code == 404


def test_staff_get_no_bypass_on_private_members(world, api_for):
    assert api_for(world["admin"]).get(
        "/api/v1/groups/managers-circle/members/").status_code == 404


def test_the_cover_of_a_secret_group_is_private(world, client_for):
    from intranet.groups.models import InterestGroup
    from intranet.groups.services import group_update

    out = io.BytesIO()
    Image.new("RGB", (60, 30), "green").save(out, format="PNG")
    group = InterestGroup.objects.get(name=SECRET_NAME)
    group_update(actor=world["owner"], group=group, changes={"cover": SimpleUploadedFile(
        "c.png", out.getvalue(), content_type="image/png")})
    url = InterestGroup.objects.get(pk=group.pk).cover.url
    assert client_for(world["member"]).get(url).status_code == 200
    assert client_for(world["outsider"]).get(url).status_code == 404


def test_a_new_group_s_address_never_depends_on_a_secret_group(world, api_for):
    from django.utils.text import slugify

    api = api_for(world["outsider"])
    for name in (SECRET_NAME, "A name nobody used"):
        created = api.post("/api/v1/groups/", {"name": name}, format="json")
        assert created.status_code == 201, created.content
        assert created.json()["slug"] == slugify(name)


def test_a_group_turning_secret_leaves_its_public_address(world, api_for):
    from intranet.groups.services import group_update

    owner = world["owner"]
    api = api_for(owner)
    old = api.post("/api/v1/groups/", {"name": "Merger talks"}, format="json").json()["slug"]
    group = InterestGroup.objects.get(slug=old)
    group_update(actor=owner, group=group, changes={"visibility": "secret"})
    group.refresh_from_db()
    assert group.slug != old and group.slug.startswith(old)
    assert api_for(world["outsider"]).get(f"/api/v1/groups/{old}/").status_code == 404
    again = api_for(world["outsider"]).post("/api/v1/groups/", {"name": "Merger talks"},
                                            format="json")
    assert again.json()["slug"] == old
