"""The audit trail for our own models, kept in Wagtail's audit log.

Entries are ModelLogEntry rows, written in the same transaction as the change and shown
in the admin under Reports > Site history. Each app registers its action names in its
wagtail_hooks.py (`register_log_actions`).
"""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from wagtail.log_actions import log


def audit(instance: models.Model, action: str, *, actor: AbstractBaseUser | None,
          data: dict[str, Any] | None = None) -> None:
    """Record that `actor` did `action` to `instance` (actor None: the system did)."""
    log(instance, action, user=actor if actor is not None and actor.is_authenticated else None,
        data=data or {})
