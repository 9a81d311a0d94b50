"""The groups API: listing, creating, joining, requests, invitations and members."""

import pytest

from intranet.groups.models import JoinRequest, Membership, Role
from intranet.groups.services import group_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_person):
    return make_person("olivia")


@pytest.fixture
def private(owner):
    return group_create(actor=owner, name="Women in Tech", visibility="private",
                        description="A safe space")


@pytest.mark.smoke
def test_create_a_group_and_find_it(make_person, api_for):
    api = api_for(make_person("ana"))
    created = api.post("/api/v1/groups/", {"name": "Réseaux & sécurité",
                                           "description": "Tout sur les réseaux",
                                           "visibility": "private"}, format="json")
    assert created.status_code == 201, created.content
    group = created.json()
    assert group["slug"] == "reseaux-securite"
    assert (group["visibility"], group["member_count"], group["my_role"]) == ("private", 1,
                                                                             "owner")
    listed = api.get("/api/v1/groups/", {"q": "réseaux"}).json()["results"]
    assert [g["slug"] for g in listed] == ["reseaux-securite"]


@pytest.mark.parametrize(("payload", "field"), [
    ({"name": ""}, "name"), ({"description": "x"}, "name"),
    ({"name": "G", "visibility": "hidden"}, "visibility"), ({"name": "x" * 121}, "name"),
])
def test_create_rejects_bad_input(make_person, api_for, payload, field):
    response = api_for(make_person("ana")).post("/api/v1/groups/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_group_creation_can_be_restricted_to_a_role(make_person, api_for, settings):
    settings.GROUP_CREATION_ROLE = "Community managers"
    response = api_for(make_person("ana")).post("/api/v1/groups/", {"name": "G"}, format="json")
    assert response.status_code == 403


@pytest.mark.smoke
def test_private_join_flow(private, owner, make_person, api_for):
    ana = make_person("ana")
    api = api_for(ana)
    asked = api.post("/api/v1/groups/women-in-tech/join/", {"message": "Hello!"}, format="json")
    assert asked.status_code == 202
    assert asked.json()["state"] == "pending"
    again = api.post("/api/v1/groups/women-in-tech/join/", {}, format="json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_requested"
    assert api.get("/api/v1/groups/women-in-tech/members/").status_code == 404

    managers = api_for(owner)
    pending = managers.get("/api/v1/groups/women-in-tech/requests/").json()["results"]
    assert [(r["username"], r["message"]) for r in pending] == [("ana", "Hello!")]
    approved = managers.post(f"/api/v1/groups/women-in-tech/requests/{pending[0]['id']}/approve/")
    assert approved.status_code == 200
    assert approved.json()["state"] == "approved"
    assert Membership.objects.filter(group=private, user=ana, role=Role.MEMBER).exists()
    members = api.get("/api/v1/groups/women-in-tech/members/").json()["results"]
    assert {m["username"] for m in members} == {"olivia", "ana"}
    assert api.get("/api/v1/groups/women-in-tech/").json()["my_role"] == "member"


def test_a_rejected_request_leaves_the_person_outside(private, owner, make_person, api_for):
    ana = make_person("ana")
    api_for(ana).post("/api/v1/groups/women-in-tech/join/", {}, format="json")
    request_id = JoinRequest.objects.get(user=ana).pk
    rejected = api_for(owner).post(f"/api/v1/groups/women-in-tech/requests/{request_id}/reject/")
    assert rejected.json()["state"] == "rejected"
    assert not Membership.objects.filter(group=private, user=ana).exists()
    twice = api_for(owner).post(f"/api/v1/groups/women-in-tech/requests/{request_id}/approve/")
    assert twice.status_code == 409
    assert not Membership.objects.filter(group=private, user=ana).exists()


def test_joining_an_open_group_is_immediate_and_once(owner, make_person, api_for):
    group_create(actor=owner, name="Book club")
    api = api_for(make_person("ana"))
    joined = api.post("/api/v1/groups/book-club/join/", {}, format="json")
    assert joined.status_code == 201
    assert joined.json()["role"] == "member"
    assert api.post("/api/v1/groups/book-club/join/", {}, format="json").status_code == 409


def test_invitation_to_a_secret_group_accepted_through_join(owner, make_person, api_for):
    slug = group_create(actor=owner, name="Projet Atlas", visibility="secret").slug
    ana = make_person("ana")
    api = api_for(ana)
    assert api.get(f"/api/v1/groups/{slug}/").status_code == 404
    assert api.post(f"/api/v1/groups/{slug}/join/", {}, format="json").status_code == 404
    invited = api_for(owner).post(f"/api/v1/groups/{slug}/members/",
                                  {"username": "ana", "role": "member"}, format="json")
    assert invited.status_code == 201
    assert api.get(f"/api/v1/groups/{slug}/").status_code == 200
    joined = api.post(f"/api/v1/groups/{slug}/join/", {}, format="json")
    assert joined.status_code == 201
    assert api.get(f"/api/v1/groups/{slug}/").json()["my_role"] == "member"


def test_roles_and_the_last_owner(private, owner, make_person, api_for):
    ana = make_person("ana")
    api_for(owner).post("/api/v1/groups/women-in-tech/members/", {"username": "ana"},
                        format="json")
    api_for(ana).post("/api/v1/groups/women-in-tech/join/", {}, format="json")
    managers = api_for(owner)
    demote = managers.patch("/api/v1/groups/women-in-tech/members/olivia/", {"role": "member"},
                            format="json")
    assert demote.status_code == 409
    assert demote.json()["error"]["code"] == "last_owner"
    leave = managers.delete("/api/v1/groups/women-in-tech/members/olivia/")
    assert leave.status_code == 409
    promote = managers.patch("/api/v1/groups/women-in-tech/members/ana/", {"role": "owner"},
                             format="json")
    assert promote.json()["role"] == "owner"
    assert managers.delete("/api/v1/groups/women-in-tech/members/olivia/").status_code == 204
    assert not Membership.objects.filter(group=private, user=owner).exists()


def test_people_choose_their_own_notifications(private, owner, make_person, api_for):
    ana = make_person("ana")
    api_for(owner).post("/api/v1/groups/women-in-tech/members/", {"username": "ana"},
                        format="json")
    api_for(ana).post("/api/v1/groups/women-in-tech/join/", {}, format="json")
    mine = api_for(ana).patch("/api/v1/groups/women-in-tech/members/ana/",
                              {"notification_level": "mentions"}, format="json")
    assert mine.status_code == 200
    assert Membership.objects.get(user=ana, group=private).notification_level == "mentions"
    theirs = api_for(owner).patch("/api/v1/groups/women-in-tech/members/ana/",
                                  {"notification_level": "none"}, format="json")
    assert theirs.status_code == 403


def test_archived_groups_are_read_only(private, owner, make_person, api_for):
    managers = api_for(owner)
    assert managers.patch("/api/v1/groups/women-in-tech/", {"archived": True},
                          format="json").json()["archived"] is True
    response = api_for(make_person("ana")).post("/api/v1/groups/women-in-tech/join/", {},
                                                format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "archived"
    edit = managers.patch("/api/v1/groups/women-in-tech/", {"name": "New"}, format="json")
    assert edit.status_code == 409
    assert managers.patch("/api/v1/groups/women-in-tech/", {"archived": False},
                          format="json").json()["archived"] is False


def test_managers_edit_and_delete(private, owner, make_person, api_for):
    outsider = api_for(make_person("ana"))
    assert outsider.patch("/api/v1/groups/women-in-tech/", {"name": "Mine"},
                          format="json").status_code == 403
    assert outsider.delete("/api/v1/groups/women-in-tech/").status_code == 403
    managers = api_for(owner)
    edited = managers.patch("/api/v1/groups/women-in-tech/", {"description": "New words"},
                            format="json")
    assert edited.json()["description"] == "New words"
    assert managers.delete("/api/v1/groups/women-in-tech/").status_code == 204
    assert managers.get("/api/v1/groups/women-in-tech/").status_code == 404


def test_membership_filter_lists_my_groups(owner, make_person, api_for):
    group_create(actor=owner, name="Mine")
    group_create(actor=make_person("bob"), name="Theirs")
    listed = api_for(owner).get("/api/v1/groups/", {"membership": "mine"}).json()["results"]
    assert [g["slug"] for g in listed] == ["mine"]


def test_invite_errors(private, owner, make_person, api_for):
    managers = api_for(owner)
    unknown = managers.post("/api/v1/groups/women-in-tech/members/", {"username": "ghost"},
                            format="json")
    assert unknown.status_code == 400
    assert "username" in unknown.json()["error"]["fields"]
    make_person("ana")
    assert managers.post("/api/v1/groups/women-in-tech/members/", {"username": "ana"},
                         format="json").status_code == 201
    twice = managers.post("/api/v1/groups/women-in-tech/members/", {"username": "ana"},
                          format="json")
    assert twice.status_code == 409
    member = managers.post("/api/v1/groups/women-in-tech/members/", {"username": "olivia"},
                           format="json")
    assert member.status_code == 409


def test_the_group_list_costs_a_constant_number_of_queries(owner, make_person, api_for,
                                                            django_assert_max_num_queries):
    api = api_for(owner)
    group_create(actor=owner, name="First")
    api.get("/api/v1/groups/")
    for n in range(15):
        group_create(actor=make_person(f"p{n}"), name=f"Group {n:02d}",
                     visibility=["open", "private", "secret"][n % 3])
    with django_assert_max_num_queries(6):
        listed = api.get("/api/v1/groups/").json()["results"]
    assert len(listed) == 11


def test_my_groups_show_their_whole_member_count(owner, make_person, api_for):
    group = group_create(actor=owner, name="Big club")
    from intranet.groups.services import group_join

    for n in range(3):
        group_join(actor=make_person(f"m{n}"), group=group)
    listed = api_for(owner).get("/api/v1/groups/", {"membership": "mine"}).json()["results"]
    assert listed[0]["member_count"] == 4
