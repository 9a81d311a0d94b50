"""A group of each visibility with a person in every position around it."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission

from intranet.groups.models import InterestGroup, JoinRequest, Role
from intranet.groups.services import group_create, group_join, member_invite, member_set_role


@dataclass
class Cast:
    group: InterestGroup
    owner: object
    moderator: object
    member: object
    target: object      # a plain member that actions act upon
    outsider: object
    staff: object
    superuser: object
    requester: object   # has a pending request to join
    invitee: object     # someone to invite

    def person(self, role: str):
        return getattr(self, role)


def join_as(group, person, role: str, owner) -> None:
    member_invite(actor=owner, group=group, invitee=person)
    group_join(actor=person, group=group)
    if role != Role.MEMBER:
        member_set_role(actor=owner, group=group, user=person, role=role)


@pytest.fixture
def cast_for(make_person):
    def build(visibility: str) -> Cast:
        owner = make_person("olivia")
        group = group_create(actor=owner, name=f"The {visibility} group",
                             description="What we talk about", visibility=visibility)
        cast = Cast(group=group, owner=owner, moderator=make_person("mona"),
                    member=make_person("mike"), target=make_person("tess"),
                    outsider=make_person("nora"), staff=make_person("stan"),
                    superuser=make_person("sue"), requester=make_person("rita"),
                    invitee=make_person("ivan"))
        join_as(group, cast.moderator, Role.MODERATOR, owner)
        join_as(group, cast.member, Role.MEMBER, owner)
        join_as(group, cast.target, Role.MEMBER, owner)
        JoinRequest.objects.create(group=group, user=cast.requester, message="Please")
        cast.staff.is_staff = True
        cast.staff.save()
        cast.staff.user_permissions.add(*Permission.objects.filter(
            content_type__app_label="intranet_groups", codename__in=[
                "view_interestgroup", "change_interestgroup", "delete_interestgroup"]))
        cast.superuser.is_superuser = cast.superuser.is_staff = True
        cast.superuser.save()
        return cast

    return build
