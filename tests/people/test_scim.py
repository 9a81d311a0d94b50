"""SCIM 2.0 provisioning at /scim/v2/, called as a company directory (Entra ID, Okta,
Keycloak) calls it: with its bearer token, SCIM JSON bodies and no CSRF token."""

import hashlib
import json
from typing import Any

import pytest
from channels.db import database_sync_to_async as in_thread
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from intranet.feeds.models import Post
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from intranet.people.importer import import_employees
from intranet.people.models import Department, Profile
from tests.accounts.test_access_ends import assert_closed_for_session_end
from tests.sockets import open_socket
from tests.test_settings import start_django

pytestmark = pytest.mark.django_db

User = get_user_model()
TOKEN = "a-token-only-the-directory-holds-3f9a1c"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


class Directory:
    """The company directory's side: SCIM requests with its bearer token."""

    def __init__(self, token: str | None = TOKEN, **headers: str) -> None:
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        self.http = Client(enforce_csrf_checks=True, headers=headers)

    def get(self, path: str, params: dict | None = None):
        return self.http.get(f"/scim/v2/{path}", params or {})

    def send(self, method: str, path: str, body: Any = None):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return getattr(self.http, method)(f"/scim/v2/{path}", data=data,
                                          content_type="application/scim+json")

    def post(self, path: str, body: Any):
        return self.send("post", path, body)

    def put(self, path: str, body: Any):
        return self.send("put", path, body)

    def patch(self, path: str, *operations: dict):
        return self.send("patch", path, {"schemas": [PATCH_OP], "Operations": list(operations)})

    def delete(self, path: str):
        return self.send("delete", path)

    def create(self, username: str = "ana", **attributes: Any) -> dict:
        response = self.post("Users", person(username, **attributes))
        assert response.status_code == 201, response.content
        return response.json()


def person(username: str, **attributes: Any) -> dict:
    return {"schemas": [USER, ENTERPRISE], "userName": username,
            "name": {"givenName": username.capitalize(), "familyName": "Lima"},
            "emails": [{"value": f"{username}@example.com", "type": "work", "primary": True}],
            "active": True, **attributes}


def assert_error(response, status: int, scim_type: str | None = None) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/scim+json"
    body = response.json()
    assert body["schemas"] == [ERROR] and body["status"] == str(status) and body["detail"]
    if scim_type:
        assert body["scimType"] == scim_type


def directory_usernames(api) -> list[str]:
    return [p["username"] for p in api.get("/api/v1/people/").json()["results"]]


def footprint() -> tuple[int, ...]:
    return (User.objects.count(), Profile.objects.exclude(employee_id=None).count(),
            Department.objects.count(), ModelLogEntry.objects.count(),
            User.objects.filter(is_active=False).count())


@pytest.fixture(autouse=True)
def scim_on(settings):
    settings.SCIM_TOKEN_DIGESTS = [hashlib.sha256(TOKEN.encode()).hexdigest()]


@pytest.fixture
def directory() -> Directory:
    return Directory()


@pytest.fixture
def viewer(make_person):
    return make_person("viewer")


def test_a_person_the_directory_creates_is_in_the_directory(directory, viewer, api_for):
    response = directory.post("Users", person(
        "ana.lima@example.com", externalId="E100", displayName="Ana Lima",
        title="Accountant", **{ENTERPRISE: {"department": "Finance", "employeeNumber": "x"}},
        emails=[{"value": "ana@home.example", "type": "home"},
                {"value": "ana.lima@example.com", "type": "work", "primary": True}],
        phoneNumbers=[{"value": "+33 1", "type": "work"}], password="ignored-Pa55"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == body["meta"]["location"]
    assert body["meta"]["location"].endswith(f"/scim/v2/Users/{body['id']}")
    assert (body["userName"], body["externalId"], body["title"], body["active"]) == (
        "ana.lima@example.com", "E100", "Accountant", True)
    assert body[ENTERPRISE] == {"department": "Finance"}
    assert body["groups"][0]["display"] == "Finance"
    user = User.objects.get(username="ana.lima@example.com")
    assert not user.has_usable_password()
    assert (user.display_name, user.email) == ("Ana Lima", "ana.lima@example.com")
    assert user.profile.employee_id == "E100"
    found = api_for(viewer).get("/api/v1/people/ana.lima@example.com/").json()
    assert (found["job_title"], found["department"]) == ("Accountant", "Finance")
    assert "ana.lima@example.com" in directory_usernames(api_for(viewer))
    entry = ModelLogEntry.objects.get(action="intranet.profile.scim")
    assert entry.data["changes"]["employee_id"] == {"from": "", "to": "E100"}
    assert directory.get(f"Users/{body['id']}").json() == body


def test_the_directory_updates_title_and_department(directory, viewer, api_for):
    ana = directory.create("ana", title="Accountant")
    response = directory.patch(
        f"Users/{ana['id']}", {"op": "Replace", "path": "title", "value": "Controller"},
        {"op": "Add", "path": f"{ENTERPRISE}:department", "value": "Audit"})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Controller"
    found = api_for(viewer).get("/api/v1/people/ana/").json()
    assert (found["job_title"], found["department"]) == ("Controller", "Audit")

    okta_style = directory.patch(f"Users/{ana['id']}", {"op": "replace", "value": {
        "title": "Head of audit", "name": {"familyName": "Silva"}}})
    assert okta_style.status_code == 200
    ana_user = User.objects.get(username="ana")
    assert (ana_user.last_name, ana_user.display_name) == ("Silva", "Ana Silva")

    replaced = directory.put(f"Users/{ana['id']}", person("ana", title="Auditor", **{
        ENTERPRISE: {"department": "Finance"}}))
    assert replaced.status_code == 200, replaced.content
    found = api_for(viewer).get("/api/v1/people/ana/").json()
    assert (found["job_title"], found["department"]) == ("Auditor", "Finance")
    assert Department.objects.filter(name__in=["Audit", "Finance"]).count() == 2

    # What a PUT leaves out is kept: a directory not sending departments keeps HR's.
    assert directory.put(f"Users/{ana['id']}", {"schemas": [USER], "userName": "ana"}
                         ).status_code == 200
    found = api_for(viewer).get("/api/v1/people/ana/").json()
    assert (found["job_title"], found["department"]) == ("Auditor", "Finance")
    entra_style = directory.patch(f"Users/{ana['id']}", {
        "op": "Replace", "path": 'emails[type eq "work"].value', "value": "ana@corp.example"})
    assert entra_style.json()["emails"] == [
        {"value": "ana@corp.example", "type": "work", "primary": True}]


def test_sending_the_same_values_again_changes_nothing(directory):
    ana = directory.create("ana", title="Accountant")
    before = footprint()
    assert directory.put(f"Users/{ana['id']}", person("ana", title="Accountant")
                         ).status_code == 200
    assert footprint() == before


def test_the_manager_is_set_by_id_and_a_loop_is_refused(directory):
    boss = directory.create("boss")
    ana = directory.create("ana", **{ENTERPRISE: {"manager": {"value": boss["id"]}}})
    assert ana[ENTERPRISE]["manager"]["value"] == boss["id"]
    assert Profile.objects.get(user__username="ana").manager.user.username == "boss"
    assert_error(directory.patch(f"Users/{boss['id']}", {
        "op": "add", "path": f"{ENTERPRISE}:manager", "value": ana["id"]}), 400)
    assert Profile.objects.get(user__username="boss").manager is None
    assert directory.patch(f"Users/{ana['id']}", {
        "op": "remove", "path": f"{ENTERPRISE}:manager"}).status_code == 200
    assert Profile.objects.get(user__username="ana").manager is None


def test_listing_with_a_filter(directory):
    for username in ("ana", "bruno", "carla"):
        directory.create(username, externalId=f"E-{username}")
    listed = directory.get("Users", {"filter": 'userName eq "Bruno"'}).json()
    assert listed["totalResults"] == 1
    assert [p["userName"] for p in listed["Resources"]] == ["bruno"]
    by_id = directory.get("Users", {"filter": 'externalId eq "E-carla"'}).json()
    assert [p["userName"] for p in by_id["Resources"]] == ["carla"]
    assert directory.get("Users", {"filter": 'userName eq "nobody"'}).json()[
        "totalResults"] == 0
    page = directory.get("Users", {"filter": 'emails co "@example.com"', "startIndex": "2",
                                   "count": "1"}).json()
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (3, 2, 1)
    assert [p["userName"] for p in page["Resources"]] == ["bruno"]
    searched = directory.post("Users/.search", {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter": 'userName eq "ana"'}).json()
    assert [p["userName"] for p in searched["Resources"]] == ["ana"]
    for broken in ('nickName eq "x"', 'userName eq "ana" or foo eq "x"', "userName eq",
                   'userName zz "ana"', "(" * 300):
        assert_error(directory.get("Users", {"filter": broken}), 400, "invalidFilter")


def leaver_state(username: str) -> tuple[bool, bool]:
    profile = Profile.objects.select_related("user").get(user__username=username)
    return profile.user.is_active, profile.left_at is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_deactivating_a_person_closes_their_socket_and_reactivating_brings_them_back(
        make_person, api_for):
    # Each call closes the database connection it used, as the websocket consumer does:
    # one left open in the worker thread would outlive the test database.
    directory = Directory()
    viewer = await in_thread(make_person)("viewer")
    api = await in_thread(api_for)(viewer)
    ana = await in_thread(directory.create)("ana")
    socket = await open_socket(await in_thread(User.objects.get)(username="ana"))
    response = await in_thread(directory.patch)(
        f"Users/{ana['id']}", {"op": "Replace", "path": "active", "value": "False"})
    assert response.status_code == 200, response.content
    assert response.json()["active"] is False
    await assert_closed_for_session_end(socket)
    assert await in_thread(leaver_state)("ana") == (False, True)
    assert "ana" not in await in_thread(directory_usernames)(api)
    assert await in_thread(ModelLogEntry.objects.filter(
        action="intranet.profile.leave").exists)()

    back = await in_thread(directory.patch)(
        f"Users/{ana['id']}", {"op": "replace", "value": {"active": True}})
    assert back.json()["active"] is True
    assert await in_thread(leaver_state)("ana") == (True, False)
    assert "ana" in await in_thread(directory_usernames)(api)


def test_deleting_a_person_makes_a_leaver_whose_posts_stay(directory):
    ana = directory.create("ana")
    user = User.objects.get(username="ana")
    post = post_create(actor=user, body="My last post", group=group_create(
        actor=user, name="Ana's club"))
    assert directory.delete(f"Users/{ana['id']}").status_code == 204
    user.refresh_from_db()
    assert not user.is_active and user.profile.left_at is not None
    assert Post.objects.get(pk=post.pk).author == user
    assert directory.get(f"Users/{ana['id']}").json()["active"] is False


def test_a_person_from_the_hr_import_is_matched_not_duplicated(directory):
    import_employees(actor=None, data=b"employee_id,username,first_name,last_name\n"
                                      b"E7,ana,Ana,Lima\n")
    before = User.objects.count()
    by_name = directory.get("Users", {"filter": 'userName eq "ana"'}).json()["Resources"]
    by_employee_id = directory.get("Users", {"filter": 'externalId eq "E7"'}).json()[
        "Resources"]
    assert [p["id"] for p in by_name] == [p["id"] for p in by_employee_id]
    assert by_name[0]["externalId"] == "E7"
    assert_error(directory.post("Users", person("ANA")), 409, "uniqueness")
    assert_error(directory.post("Users", person("ana2", externalId="E7")), 409, "uniqueness")
    updated = directory.patch(f"Users/{by_name[0]['id']}",
                              {"op": "replace", "path": "title", "value": "Buyer"})
    assert updated.status_code == 200
    assert User.objects.count() == before
    assert Profile.objects.get(employee_id="E7").job_title == "Buyer"


def test_groups_are_departments(directory):
    ana, bruno, carla = (directory.create(name) for name in ("ana", "bruno", "carla"))
    created = directory.post("Groups", {"schemas": [GROUP], "displayName": "Sales",
                                        "externalId": "g-1", "members": [{"value": ana["id"]}]})
    assert created.status_code == 201, created.content
    sales = created.json()
    assert [m["value"] for m in sales["members"]] == [ana["id"]]
    department = Department.objects.get(name="Sales")
    assert [p.user.username for p in department.people.all()] == ["ana"]
    assert ModelLogEntry.objects.filter(action="wagtail.create",
                                        object_id=str(department.pk)).exists()

    legal = directory.post("Groups", {"schemas": [GROUP], "displayName": "Legal",
                                      "members": [{"value": bruno["id"]}]}).json()
    assert directory.patch(f"Groups/{sales['id']}", {
        "op": "Add", "path": "members",
        "value": [{"value": bruno["id"]}, {"value": carla["id"]}]}).status_code == 200
    assert sorted(p.user.username for p in department.people.all()) == ["ana", "bruno",
                                                                        "carla"]
    assert directory.get(f"Groups/{legal['id']}").json().get("members", []) == []
    assert directory.patch(f"Groups/{sales['id']}", {
        "op": "Remove", "path": "members", "value": [{"value": ana["id"]}]}).status_code == 200
    assert directory.patch(f"Groups/{sales['id']}", {
        "op": "remove", "path": f'members[value eq "{carla["id"]}"]'}).status_code == 200
    assert [p.user.username for p in department.people.all()] == ["bruno"]
    assert Profile.objects.get(user__username="ana").department is None

    renamed = directory.patch(f"Groups/{sales['id']}",
                              {"op": "Replace", "path": "displayName", "value": "Sales EMEA"})
    assert renamed.json()["displayName"] == "Sales EMEA"
    found = directory.get("Groups", {"filter": 'displayName eq "sales emea"',
                                     "excludedAttributes": "members"}).json()["Resources"]
    assert found == [{"schemas": [GROUP], "id": sales["id"], "displayName": "Sales EMEA",
                      "meta": {"resourceType": "Group", "location": sales["meta"]["location"]}}]
    assert directory.get(f"Users/{bruno['id']}").json()[ENTERPRISE]["department"] == \
        "Sales EMEA"
    assert_error(directory.post("Groups", {"schemas": [GROUP], "displayName": "LEGAL"}),
                 409, "uniqueness")
    assert_error(directory.patch(f"Groups/{sales['id']}", {
        "op": "add", "path": "members", "value": [{"value": "999999"}]}), 400)

    assert directory.delete(f"Groups/{sales['id']}").status_code == 204
    assert not Department.objects.filter(name="Sales EMEA").exists()
    assert User.objects.get(username="bruno").profile.department is None
    assert_error(directory.get(f"Groups/{sales['id']}"), 404)


def test_only_the_directory_s_token_is_accepted(make_person, api_for, client_for):
    admin = make_person("admin")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    for caller in (Directory(token=None), Directory(token="not-the-token"),
                   Directory(token=""), Directory(token=None, Authorization=f"Basic {TOKEN}")):
        response = caller.get("Users")
        assert_error(response, 401)
        assert response["WWW-Authenticate"] == 'Bearer realm="SCIM"'
    assert_error(api_for(admin).get("/scim/v2/Users"), 401)
    assert_error(client_for(admin).get("/scim/v2/Users"), 401)
    assert_error(Directory(token="not-the-token").post("Users", person("eve")), 401)
    assert not User.objects.filter(username="eve").exists()


def test_the_settings_take_token_digests_not_tokens():
    digest = hashlib.sha256(TOKEN.encode()).hexdigest()
    assert start_django(DEBUG="1", SCIM_TOKEN_DIGESTS=digest.upper()).returncode == 0
    refused = start_django(DEBUG="1", SCIM_TOKEN_DIGESTS=f"{digest},{TOKEN}")
    assert refused.returncode != 0
    assert "SCIM_TOKEN_DIGESTS lists the SHA-256 hex digests" in refused.stderr


def test_scim_is_off_until_a_token_digest_is_set(settings, directory):
    settings.SCIM_TOKEN_DIGESTS = []
    assert_error(directory.get("Users"), 404)
    assert_error(directory.post("Users", person("eve")), 404)
    assert not User.objects.filter(username="eve").exists()


@pytest.mark.parametrize(("body", "status", "scim_type"), [
    ("{not json", 400, "invalidSyntax"),
    (b"\xff\xfe", 400, "invalidSyntax"),
    ("[1, 2]", 400, "invalidSyntax"),
    ({"userName": "eve"}, 400, "invalidSyntax"),
    ({"schemas": [USER, "urn:example:params:scim:schemas:extension:custom:2.0:User"],
      "userName": "eve"}, 400, "invalidValue"),
    ({"schemas": [USER], "name": {"givenName": "Eve"}}, 400, "invalidValue"),
    ({"schemas": [USER], "userName": "eve has spaces"}, 400, "invalidValue"),
    ({"schemas": [USER], "userName": "eve", "emails": [{"value": "not an address"}]}, 400,
     "invalidValue"),
    ({"schemas": [USER], "userName": "eve", "active": "perhaps"}, 400, "invalidValue"),
    ({"schemas": [USER], "userName": "eve", "title": ["a list"]}, 400, "invalidValue"),
    ({"schemas": [USER], "userName": "eve", "shoeSize": 42}, 400, "invalidPath"),
    ({"schemas": [USER], "userName": "eve", "title": "x" * 151}, 400, "invalidValue"),
    ({"schemas": [USER], "userName": "eve\x00"}, 400, "invalidValue"),
])
def test_bad_bodies_are_refused_in_scim_s_shape_and_write_nothing(directory, body, status,
                                                                  scim_type):
    before = footprint()
    assert_error(directory.post("Users", body), status, scim_type)
    assert footprint() == before


def test_a_refused_request_writes_nothing_of_itself(directory):
    ana = directory.create("ana", title="Accountant")
    before = footprint()
    assert_error(directory.post("Users", person(
        "eve", title="Buyer", emails=[{"value": "broken"}],
        **{ENTERPRISE: {"department": "Brand new department"}})), 400)
    assert_error(directory.patch(
        f"Users/{ana['id']}", {"op": "replace", "path": "title", "value": "Controller"},
        {"op": "replace", "path": "active", "value": False},
        {"op": "replace", "path": f"{ENTERPRISE}:department", "value": "Another new one"},
        {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "broken"}), 400)
    assert footprint() == before
    assert Profile.objects.get(user__username="ana").job_title == "Accountant"
    assert User.objects.get(username="ana").is_active


def test_duplicate_user_name_is_a_conflict(directory):
    directory.create("ana")
    before = footprint()
    assert_error(directory.post("Users", person("ana")), 409, "uniqueness")
    bruno = directory.create("bruno")
    assert_error(directory.patch(f"Users/{bruno['id']}", {
        "op": "replace", "path": "userName", "value": "Ana"}), 409, "uniqueness")
    assert footprint()[0] == before[0] + 1


@pytest.mark.parametrize("operations", [
    [{"op": "replace", "path": "shoeSize", "value": 42}],
    [{"op": "replace", "path": "name.nickname", "value": "x"}],
    [{"op": "replace", "path": "title[type eq \"x\"]", "value": "x"}],
    [{"op": "remove"}],
    [{"op": "move", "path": "title", "value": "x"}],
    [{"op": "replace", "value": "not an object"}],
    [{"op": "remove", "path": "userName"}],
    [{"op": "remove", "path": "active"}],
    ["not an operation"],
    [],
])
def test_bad_patches_are_refused(directory, operations):
    ana = directory.create("ana")
    assert_error(directory.patch(f"Users/{ana['id']}", *operations), 400)


def test_patch_needs_its_schema(directory):
    ana = directory.create("ana")
    response = directory.send("patch", f"Users/{ana['id']}", {"Operations": [
        {"op": "replace", "path": "title", "value": "x"}]})
    assert_error(response, 400, "invalidSyntax")


def test_unknown_addresses_and_ids_are_scim_404s(directory):
    for path in ("Users/abc", "Users/0", "Users/99999999999999999999999", "Groups/12345",
                 "Nothing", "Users/1/more", "Bulk"):
        assert_error(directory.get(path), 404)
    assert_error(directory.delete("Users/abc"), 404)
    assert_error(directory.send("delete", "ServiceProviderConfig"), 405)
    ana = directory.create("ana")
    assert_error(directory.post(f"Users/{ana['id']}", person("eve")), 405)
    assert_error(directory.put("Users", person("eve")), 405)
    assert not User.objects.filter(username="eve").exists()


def test_discovery_endpoints(directory):
    config = directory.get("ServiceProviderConfig").json()
    assert config["patch"]["supported"] and config["filter"]["supported"]
    assert not config["bulk"]["supported"] and not config["changePassword"]["supported"]
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"
    types = {t["id"]: t for t in directory.get("ResourceTypes").json()["Resources"]}
    assert types["User"]["endpoint"] == "/scim/v2/Users"
    assert types["User"]["schemaExtensions"] == [{"schema": ENTERPRISE, "required": False}]
    assert types["Group"]["endpoint"] == "/scim/v2/Groups"
    schemas = {s["id"] for s in directory.get("Schemas").json()["Resources"]}
    assert {USER, ENTERPRISE, GROUP} <= schemas


@pytest.fixture
def fuzzed(directory) -> str:
    return directory.create("fuzzed")["id"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4), max_leaves=20)
attributes = st.sampled_from(["userName", "name", "name.givenName", "displayName", "title",
                              "emails", 'emails[type eq "work"].value', "active",
                              "externalId", f"{ENTERPRISE}:department",
                              f"{ENTERPRISE}:manager", "members", "phoneNumbers"])


@hypothesis_settings(max_examples=150, deadline=None,
                     suppress_health_check=list(HealthCheck))
@given(body=st.dictionaries(attributes | st.text(max_size=12), json_values, max_size=5),
       operations=st.lists(st.fixed_dictionaries(
           {"op": st.sampled_from(["add", "replace", "remove", "Replace", "x"])},
           optional={"path": attributes | st.text(max_size=20), "value": json_values}),
           max_size=3))
def test_whatever_the_directory_sends_is_never_a_server_error(directory, fuzzed, body,
                                                             operations):
    for response in (
            directory.post("Users", {"schemas": [USER, ENTERPRISE], **body}),
            directory.put(f"Users/{fuzzed}", {"schemas": [USER], **body}),
            directory.patch(f"Users/{fuzzed}", *operations),
            directory.post("Groups", {"schemas": [GROUP], **body}),
            directory.get("Users", {"filter": json.dumps(body)[:60]})):
        assert response.status_code < 500, response.content
        if response.status_code >= 400:
            assert_error(response, response.status_code)
