"""Reads about accounts that depend on who is asking."""

from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser

from intranet.accounts.roles import ROLE_PERMISSIONS


def account_audience_keys(users: Sequence[AbstractBaseUser]) -> dict[int, set[str]]:
    """Everyone holds `company`; each person holds their own `user:<id>`."""
    return {user.pk: {"company", f"user:{user.pk}"} for user in users}


def roles_of(user: AbstractBaseUser) -> list[str]:
    """The company-wide roles a person holds; the superuser holds them all."""
    if user.is_superuser:
        return list(ROLE_PERMISSIONS)
    names = {group.name for group in user.groups.all()}
    return [role for role in ROLE_PERMISSIONS if role in names]
