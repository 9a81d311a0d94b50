"""A small company around the feeds: groups of each visibility, people in each position,
company-wide roles, and real images to attach."""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from intranet.feeds.models import Notification
from intranet.feeds.services.posts import post_create
from intranet.groups.models import InterestGroup, Role
from intranet.groups.services import group_create, group_join, member_invite, member_set_role


def png(name: str = "photo.png", *, size: tuple[int, int] = (40, 30),
        color: str = "teal") -> SimpleUploadedFile:
    """A real PNG upload."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def give_role(user, role: str) -> None:
    """Make `user` one of a company-wide role ("HR", "Communications", ...)."""
    user.groups.add(AuthGroup.objects.get(name=role))
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)


def join_as(group: InterestGroup, person, owner, role: str = Role.MEMBER) -> None:
    member_invite(actor=owner, group=group, invitee=person)
    group_join(actor=person, group=group)
    if role != Role.MEMBER:
        member_set_role(actor=owner, group=group, user=person, role=role)


@dataclass
class Company:
    owner: object       # owns every group below
    moderator: object   # moderates every group below
    member: object      # a plain member of every group below
    outsider: object    # a member of nothing
    hr: object          # HR role, member of nothing
    open: InterestGroup
    private: InterestGroup
    secret: InterestGroup


@pytest.fixture
def company(make_person) -> Company:
    owner, moderator = make_person("olivia"), make_person("mona")
    member, outsider, hr = make_person("mike"), make_person("nora"), make_person("helen")
    give_role(hr, "HR")
    groups = {}
    for visibility, name in (("open", "Book club"), ("private", "Women in Tech"),
                             ("secret", "Projet Atlas")):
        group = group_create(actor=owner, name=name, visibility=visibility)
        join_as(group, moderator, owner, Role.MODERATOR)
        join_as(group, member, owner)
        groups[visibility] = group
    Notification.objects.all().delete()  # the invitations above: everyone starts with none
    return Company(owner=owner, moderator=moderator, member=member, outsider=outsider, hr=hr,
                   **groups)


@pytest.fixture
def publish():
    """Post through the service: publish(author, "text", group=..., images=[...])."""

    def make(author, body: str, **options):
        return post_create(actor=author, body=body, **options)

    return make
