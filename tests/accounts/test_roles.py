"""Company-wide roles: auth groups with named permissions, created by a migration."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from intranet.accounts.roles import ROLE_PERMISSIONS
from intranet.accounts.selectors import roles_of
from intranet.accounts.services import role_set
from intranet.core.errors import Forbidden

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_roles_exist_with_their_permissions():
    for role, permissions in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert set(permissions) <= held


def test_granting_a_role_gives_its_permissions_and_is_audited(make_person):
    admin = make_person("root")
    admin.is_superuser = True
    admin.save()
    ana = make_person("ana")
    assert not ana.has_perm("intranet_accounts.publish_announcements")
    role_set(actor=admin, user=ana, role="HR", granted=True)
    ana = type(ana).objects.get(pk=ana.pk)
    assert ana.has_perm("intranet_accounts.publish_announcements")
    assert roles_of(ana) == ["HR"]
    entry = ModelLogEntry.objects.get(action="intranet.role.grant", object_id=str(ana.pk))
    assert entry.data == {"role": "HR"}
    assert entry.user_id == admin.pk


def test_only_superusers_change_roles(make_person):
    ana, bob = make_person("ana"), make_person("bob")
    with pytest.raises(Forbidden):
        role_set(actor=ana, user=bob, role="HR", granted=True)
    assert roles_of(bob) == []


def test_the_superuser_holds_every_role(make_person):
    admin = make_person("root")
    admin.is_superuser = True
    assert roles_of(admin) == list(ROLE_PERMISSIONS)
