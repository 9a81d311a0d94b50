"""Every action x every position x every visibility, against one table of expectations.

Staff and superusers manage a group's metadata (as the admin does) but get no bypass to
read a private or secret group's content, nor to act inside it.
"""

import pytest
from django.contrib.auth import get_user_model

from intranet.core.errors import Conflict, Forbidden, NotFound
from intranet.groups import selectors, services
from intranet.groups.models import JoinRequest, Role

pytestmark = pytest.mark.django_db

ROLES = ["owner", "moderator", "member", "outsider", "staff", "superuser"]
VISIBILITIES = ["open", "private", "secret"]


def fresh(person):
    """Reload, so that permission caches start empty as in a new request."""
    return get_user_model().objects.get(pk=person.pk)


def see(cast, actor):
    if not selectors.can_see(actor, cast.group):
        raise NotFound()


def read(cast, actor):
    if not selectors.can_read(actor, cast.group):
        raise NotFound()


ACTIONS = {
    "see": see,
    "read": read,
    "edit": lambda cast, actor: services.group_update(
        actor=actor, group=cast.group, changes={"description": "New words"}),
    "archive": lambda cast, actor: services.group_set_archived(
        actor=actor, group=cast.group, archived=True),
    "delete": lambda cast, actor: services.group_delete(actor=actor, group=cast.group),
    "join": lambda cast, actor: services.group_join(actor=actor, group=cast.group),
    "leave": lambda cast, actor: services.group_leave(actor=actor, group=cast.group),
    "invite": lambda cast, actor: services.member_invite(
        actor=actor, group=cast.group, invitee=cast.invitee),
    "change_role": lambda cast, actor: services.member_set_role(
        actor=actor, group=cast.group, user=cast.target, role=Role.MODERATOR),
    "remove_member": lambda cast, actor: services.member_remove(
        actor=actor, group=cast.group, user=cast.target),
    "decide_request": lambda cast, actor: services.request_decide(
        actor=actor, request=JoinRequest.objects.get(group=cast.group, user=cast.requester),
        approve=True),
}


def expected(action: str, role: str, visibility: str) -> str:
    member = role in ("owner", "moderator", "member")
    # Outsiders (staff and superusers included) are told a secret group does not exist.
    refused = "not_found" if visibility == "secret" else "forbidden"
    if action == "see":
        return "ok" if member or visibility != "secret" else "not_found"
    if action == "read":
        return "ok" if member or visibility == "open" else "not_found"
    if action in ("edit", "archive", "delete"):
        if role in ("owner", "staff", "superuser"):
            return "ok"
        return "forbidden" if member else refused
    if action == "join":
        if member:
            return "conflict"
        return "not_found" if visibility == "secret" else "ok"
    if action == "leave":
        if role == "owner":
            return "conflict"  # the last owner
        if member:
            return "ok"
        return "not_found" if visibility == "secret" else "conflict"
    if action in ("invite", "remove_member", "decide_request"):
        if role in ("owner", "moderator"):
            return "ok"
        return "forbidden" if member else refused
    if action == "change_role":
        if role == "owner":
            return "ok"
        return "forbidden" if member else refused
    raise AssertionError(action)


def outcome(call) -> str:
    try:
        call()
    except NotFound:
        return "not_found"
    except Forbidden:
        return "forbidden"
    except Conflict:
        return "conflict"
    return "ok"


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_permission_table(cast_for, action, role, visibility):
    cast = cast_for(visibility)
    actor = fresh(cast.person(role))
    assert outcome(lambda: ACTIONS[action](cast, actor)) == expected(action, role, visibility)
