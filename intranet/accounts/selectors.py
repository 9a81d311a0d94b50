"""Reads about accounts that depend on who is asking."""

from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group

from intranet.accounts.roles import ROLE_PERMISSIONS


def account_audience_keys(users: Sequence[AbstractBaseUser]) -> dict[int, set[str]]:
    """Everyone holds `company`; each person holds their own `user:<id>`, and
    `authgroup:<id>` for each Django group they are in (Wagtail pages restricted to
    groups are read by them)."""
    keys = {user.pk: {"company", f"user:{user.pk}"} for user in users}
    for user_id, group_id in Group.user_set.through.objects.filter(
            user__in=users).values_list("user_id", "group_id"):
        keys[user_id].add(f"authgroup:{group_id}")
    return keys


def roles_of(user: AbstractBaseUser) -> list[str]:
    """The company-wide roles a person holds; the superuser holds them all."""
    if user.is_superuser:
        return list(ROLE_PERMISSIONS)
    names = {group.name for group in user.groups.all()}
    return [role for role in ROLE_PERMISSIONS if role in names]
