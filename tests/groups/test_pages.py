"""The group pages: create, settings, members management and requests, in the browser's
own terms (forms and redirects)."""

import pytest
from django.contrib.auth.models import Permission

from intranet.groups.models import InterestGroup, JoinRequest, Membership, Role
from intranet.groups.services import group_create, group_join

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_create_a_group_from_the_page(make_person, client_for):
    client = client_for(make_person("ana"))
    assert client.get("/groups/new/").status_code == 200
    response = client.post("/groups/new/", {"name": "Vélo au boulot", "description": "On roule",
                                            "visibility": "open"})
    assert response.status_code == 302
    group = InterestGroup.objects.get()
    assert response["Location"] == f"/groups/{group.slug}/"
    page = client.get(response["Location"]).content.decode()
    assert "Vélo au boulot" in page and "You own this group" in page


def test_settings_are_for_owners_only(make_person, client_for):
    owner = make_person("olivia")
    group_create(actor=owner, name="Club")
    ana = make_person("ana")
    group_join(actor=ana, group=InterestGroup.objects.get())
    assert client_for(ana).get("/groups/club/settings/").status_code == 404
    client = client_for(owner)
    saved = client.post("/groups/club/settings/", {"name": "Club lecture", "description": "",
                                                   "visibility": "private"})
    assert saved.status_code == 302
    assert InterestGroup.objects.get().visibility == "private"


def test_members_page_changes_roles_and_removes(make_person, client_for):
    owner = make_person("olivia")
    group = group_create(actor=owner, name="Club")
    ana = make_person("ana")
    group_join(actor=ana, group=group)
    client = client_for(owner)
    assert "ana" in client.get("/groups/club/members/").content.decode().lower()
    client.post("/groups/club/members/ana/role/", {"role": "moderator"})
    assert Membership.objects.get(user=ana).role == Role.MODERATOR
    client.post("/groups/club/members/ana/remove/")
    assert not Membership.objects.filter(user=ana).exists()


def test_the_last_owner_is_told_why_they_cannot_leave(make_person, client_for):
    owner = make_person("olivia")
    group_create(actor=owner, name="Club")
    response = client_for(owner).post("/groups/club/leave/", follow=True)
    assert "last owner" in response.content.decode()
    assert Membership.objects.filter(user=owner).exists()


def test_staff_manage_group_metadata_in_the_admin(make_person, client_for):
    owner = make_person("olivia")
    group = group_create(actor=owner, name="Secret club", visibility="secret")
    staff = make_person("stan")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(*Permission.objects.filter(codename__in=[
        "access_admin", "view_interestgroup", "change_interestgroup", "delete_interestgroup"]))
    client = client_for(staff)
    listing = client.get("/admin/interest-groups/").content.decode()
    assert "Secret club" in listing
    response = client.post(f"/admin/interest-groups/edit/{group.pk}/", {
        "name": "Renamed club", "description": "", "visibility": "secret", "archived": "on"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Renamed club" and group.is_archived
    assert client.get("/groups/secret-club/").status_code == 404
    client.post(f"/admin/interest-groups/delete/{group.pk}/")
    assert not InterestGroup.objects.exists()


def test_requests_page_approves(make_person, client_for):
    owner = make_person("olivia")
    group = group_create(actor=owner, name="Circle", visibility="private")
    ana = make_person("ana")
    group_join(actor=ana, group=group, message="Let me in")
    client = client_for(owner)
    assert "Let me in" in client.get("/groups/circle/requests/").content.decode()
    request = JoinRequest.objects.get()
    client.post(f"/groups/circle/requests/{request.pk}/", {"decision": "approve"})
    assert Membership.objects.filter(user=ana, group=group).exists()
    assert client_for(ana).get("/groups/circle/requests/").status_code == 404


def test_admin_lists_member_counts_and_hides_role_groups(make_person, client_for):
    owner = make_person("olivia")
    group = group_create(actor=owner, name="Chess club")
    group_join(actor=make_person("ana"), group=group)
    admin = make_person("root")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client = client_for(admin)
    listing = client.get("/admin/interest-groups/").content.decode()
    row = listing[listing.index("Chess club"):]
    cells = row[:row.index("</tr>")].split()
    assert any(">2<" in cell or cell == "2" for cell in cells)
    auth_groups = client.get("/admin/groups/").content.decode()
    assert "Community managers" in auth_groups
    assert "chess-club" not in auth_groups
