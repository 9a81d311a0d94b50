"""The audit trail for our own models, kept in Wagtail's audit log.

Entries are ModelLogEntry rows, written in the same transaction as the change and shown
in the admin under Reports > Site history. Each app registers its action names in its
wagtail_hooks.py (`register_log_actions`).
"""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils.functional import LazyObject, empty
from wagtail.log_actions import log

if TYPE_CHECKING:
    from intranet.core.personal_data import Erasure


def audit(instance: models.Model, action: str, *, actor: AbstractBaseUser | None,
          data: dict[str, Any] | None = None) -> None:
    """Record that `actor` did `action` to `instance` (actor None: the system did)."""
    user = actor if actor is not None and actor.is_authenticated else None
    log(_model(instance), action, user=user, data=data or {})


def _model(instance: models.Model) -> models.Model:
    """The model behind a lazy proxy such as `request.user`: Wagtail logs models only,
    and silently skips anything else."""
    while isinstance(instance, LazyObject):
        if instance._wrapped is empty:
            instance._setup()
        instance = instance._wrapped
    return instance


def redact(instance: models.Model) -> None:
    """Forget the values that entries about `instance` recorded (a profile's edits),
    keeping who did what and when: for a person's erasure."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk)).update(data={})


def erase_mentions(erasure: "Erasure") -> None:
    """Entries that name an erased person, in their label or their data, name them no
    more."""
    from wagtail.models import ModelLogEntry, PageLogEntry

    for model in (ModelLogEntry, PageLogEntry):
        for entry in model.objects.filter(erasure.naming("label") | erasure.naming("data")):
            model.objects.filter(pk=entry.pk).update(
                label=erasure.scrub_text(entry.label)[:255], data=erasure.scrub(entry.data))
