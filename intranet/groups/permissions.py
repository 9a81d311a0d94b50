"""What each role may do in a group, held as django-guardian object permissions.

The permissions sit on each group's per-role auth groups (set once, when the group is
created), so a person's permissions in a group follow from which auth group they are in.
They are read here without guardian's superuser shortcut: nobody reads a group's content
by being an administrator.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from guardian.models import GroupObjectPermission
from guardian.shortcuts import assign_perm

from intranet.groups.models import InterestGroup, Role

VIEW, POST, MODERATE, MANAGE = "view_group", "post_in_group", "moderate_group", "manage_group"

ROLE_PERMISSIONS = {
    Role.OWNER: (VIEW, POST, MODERATE, MANAGE),
    Role.MODERATOR: (VIEW, POST, MODERATE),
    Role.MEMBER: (VIEW, POST),
}


def grant_role_permissions(group: InterestGroup) -> None:
    """Give each role's auth group its permissions on `group` (once, at creation)."""
    for role, codenames in ROLE_PERMISSIONS.items():
        for codename in codenames:
            assign_perm(f"intranet_groups.{codename}", group.auth_group(role), group)


def group_permissions(user: AbstractBaseUser, group: InterestGroup) -> frozenset[str]:
    """The object permissions `user` holds on `group` through its role, in one query."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    content_type = ContentType.objects.get_for_model(InterestGroup)
    return frozenset(GroupObjectPermission.objects.filter(
        content_type=content_type, object_pk=str(group.pk), group__user=user,
    ).values_list("permission__codename", flat=True))
