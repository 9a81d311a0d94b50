"""The account's part of a person's data: closing it when their erasure is approved, its
export, and its erasure (last of all: the other parts still find the person by it)."""

import time

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import APIToken
from wagtail.users.models import UserProfile

from intranet.accounts.models import WebsocketTicket
from intranet.accounts.selectors import roles_of
from intranet.accounts.signin import account_prefix
from intranet.core.audit import redact
from intranet.core.personal_data import Archive, Erasure, register_personal_data
from intranet.core.ratelimit import parse_rate, window_key


def close_account(user: AbstractBaseUser) -> None:
    """The person can no longer sign in: no password, tokens revoked, sessions no longer
    valid (the password they were tied to is gone), and their sockets close (switching
    an account off ends its access: `intranet.accounts.signals`)."""
    with transaction.atomic():
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
        APIToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now())
        WebsocketTicket.objects.filter(user=user).delete()


def export_account(user: AbstractBaseUser, archive: Archive) -> None:
    archive.add_json("account.json", {
        "username": user.username, "display_name": user.display_name,
        "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
        "date_joined": user.date_joined, "last_login": user.last_login,
        "roles": roles_of(user),
        "api_tokens": [{"name": token.name, "starts_with": token.prefix,
                        "created": token.created, "last_used_at": token.last_used_at,
                        "revoked_at": token.revoked_at}
                       for token in APIToken.objects.filter(user=user).order_by("created")],
    })


def erase_account(erasure: Erasure) -> None:
    """Names, e-mail, login and roles go; the row stays, under a pseudonym, so that what
    the settings keep of the person's content reads "Former employee"."""
    user = erasure.user
    user.username = erasure.pseudonym
    user.first_name = user.last_name = user.email = user.display_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.erased_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    APIToken.objects.filter(user=user).delete()
    WebsocketTicket.objects.filter(user=user).delete()
    for profile in UserProfile.objects.filter(user=user).exclude(avatar=""):
        avatar = profile.avatar.name
        profile.avatar = ""
        profile.save(update_fields=["avatar"])
        transaction.on_commit(lambda storage=profile.avatar.storage, name=avatar:
                              storage.delete(name))
    redact(user)
    _forget_counters(erasure)


def _forget_counters(erasure: Erasure) -> None:
    """The cache's counters about the person: failed sign-ins on their username, and
    their writes (rate limits)."""
    now = time.time()
    prefixes = {account_prefix(erasure.username): settings.SIGN_IN_LIMITS.get("account", ())}
    for scope, rates in settings.WRITE_RATE_LIMITS.items():
        prefixes[f"ratelimit:{scope}:{erasure.user.pk}"] = rates
    keys = [window_key(prefix, parse_rate(rate)[1], now)[0]
            for prefix, rates in prefixes.items() for rate in rates]
    transaction.on_commit(lambda: cache.delete_many(keys))


register_personal_data("account", export=export_account, erase=erase_account, order=100)
