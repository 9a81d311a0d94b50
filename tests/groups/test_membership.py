"""Memberships: constant writes, audience keys, events, and the "groups" privacy level."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core.audience import audience_keys
from intranet.core.models import Event
from intranet.groups.models import Role
from intranet.groups.services import (
    group_create,
    group_join,
    group_leave,
    member_invite,
    member_remove,
    member_set_role,
    request_decide,
)
from intranet.people.selectors import visible_fields
from intranet.people.services import profile_ensure

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes_during(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return sum(1 for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(WRITES))


@pytest.mark.parametrize("size", [1, 30])
def test_membership_changes_write_a_constant_number_of_rows(make_person, size):
    owner = make_person("owner")
    group = group_create(actor=owner, name="Book club")
    for n in range(size):
        group_join(actor=make_person(f"reader{n}"), group=group)
    ana = make_person("ana")
    counts = [
        writes_during(lambda: group_join(actor=ana, group=group)),
        writes_during(lambda: member_set_role(actor=owner, group=group, user=ana,
                                              role=Role.MODERATOR)),
        writes_during(lambda: member_remove(actor=owner, group=group, user=ana)),
    ]
    assert counts == EXPECTED_WRITES


# join: membership, auth group, event, audit. Role change: auth group out and in,
# membership, event, audit, and the notification (its row, its event). Removal: auth
# group, membership, two events, audit, and the notification with its event. Never a row
# per member or per permission.
EXPECTED_WRITES = [4, 7, 7]


def test_audience_keys_follow_membership_at_once(make_person):
    owner, ana = make_person("owner"), make_person("ana")
    open_group = group_create(actor=owner, name="Open")
    secret = group_create(actor=owner, name="Secret", visibility="secret")
    keys = audience_keys(ana)
    assert f"group:{open_group.pk}" in keys
    assert f"member:{open_group.pk}" not in keys
    assert f"group:{secret.pk}" not in keys
    member_invite(actor=owner, group=secret, invitee=ana)
    group_join(actor=ana, group=secret)
    assert {f"group:{secret.pk}", f"member:{secret.pk}"} <= audience_keys(ana)
    group_leave(actor=ana, group=secret)
    assert f"group:{secret.pk}" not in audience_keys(ana)


def test_group_events_reach_the_people_concerned(make_person):
    owner, moderator, ana = make_person("owner"), make_person("mod"), make_person("ana")
    group = group_create(actor=owner, name="Circle", visibility="private")
    member_invite(actor=owner, group=group, invitee=moderator)
    group_join(actor=moderator, group=group)
    member_set_role(actor=owner, group=group, user=moderator, role=Role.MODERATOR)
    outcome = group_join(actor=ana, group=group, message="Hi")
    received = Event.objects.filter(type="group.request_received")
    assert sorted(e.stream for e in received) == sorted([f"user:{owner.pk}",
                                                         f"user:{moderator.pk}"])
    request_decide(actor=moderator, request=outcome.request, approve=True)
    decided = Event.objects.get(type="group.request_decided")
    assert decided.stream == f"user:{ana.pk}"
    assert decided.data["approved"] is True
    assert decided.audience == [f"user:{ana.pk}"]
    member_remove(actor=owner, group=group, user=ana)
    assert Event.objects.filter(type="group.removed", stream=f"user:{ana.pk}").exists()
    assert Event.objects.filter(type="group.invited", stream=f"user:{moderator.pk}").exists()
    assert Event.objects.filter(type="group.role_changed",
                                stream=f"user:{moderator.pk}").exists()


def test_members_of_my_groups_see_a_groups_level_field(make_person, api_for):
    owner = make_person("owner", phone="+33 6 00 00 00 01", privacy={"phone": "groups"})
    peer, stranger = make_person("peer"), make_person("stranger")
    group = group_create(actor=owner, name="Secret circle", visibility="secret")
    member_invite(actor=owner, group=group, invitee=peer)
    group_join(actor=peer, group=group)
    profile = profile_ensure(user=owner)
    assert "phone" in visible_fields(peer, profile)
    assert "phone" not in visible_fields(stranger, profile)
    assert api_for(peer).get("/api/v1/people/owner/").json()["phone"] == "+33 6 00 00 00 01"
    assert "phone" not in api_for(stranger).get("/api/v1/people/owner/").json()
    group_leave(actor=peer, group=group)
    assert "phone" not in visible_fields(peer, profile)


def test_a_groups_level_filter_matches_only_for_co_members(make_person, api_for):
    owner = make_person("owner", skills=["Rare skill"], privacy={"skills": "groups"})
    peer, stranger = make_person("peer"), make_person("stranger")
    group = group_create(actor=owner, name="Club")
    group_join(actor=peer, group=group)
    found = api_for(peer).get("/api/v1/people/", {"skill": "Rare skill"}).json()["results"]
    assert [p["username"] for p in found] == ["owner"]
    assert api_for(stranger).get("/api/v1/people/", {"skill": "Rare skill"}).json()[
        "results"] == []
