"""A person opening an announcement, and acknowledging it: recorded on the original, so
reading any language version counts once."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.announcements.models import AnnouncementPage, Importance, Receipt
from intranet.announcements.selectors import can_read, is_addressed_to
from intranet.core.errors import Forbidden, Invalid, NotFound


def _receipt(user: AbstractBaseUser, page: AnnouncementPage) -> Receipt:
    try:
        with transaction.atomic():
            receipt, _created = Receipt.objects.get_or_create(page=page, user=user)
    except IntegrityError:  # two tabs at once: the other one created it
        receipt = Receipt.objects.get(page=page, user=user)
    return receipt


def mark_seen(*, user: AbstractBaseUser, page: AnnouncementPage) -> None:
    """The person opened it (its page, or expanded it in the feed); the first time counts."""
    if not user.is_authenticated or not is_addressed_to(user, page):
        return
    receipt = _receipt(user, page.original)
    if receipt.seen_at is None:
        Receipt.objects.filter(pk=receipt.pk, seen_at__isnull=True).update(
            seen_at=timezone.now())


def acknowledge(*, user: AbstractBaseUser, page: AnnouncementPage) -> tuple[Receipt, bool]:
    """"I have read this": idempotent; returns the receipt and whether this call made it."""
    if not can_read(user, page):
        raise NotFound(_("No such announcement."))
    if not is_addressed_to(user, page):
        raise Forbidden(_("This announcement is not addressed to you."))
    original = page.original
    if original.importance != Importance.ACK_REQUIRED:
        raise Invalid(_("This announcement asks for no acknowledgement."),
                      code="no_acknowledgement")
    receipt = _receipt(user, original)
    now = timezone.now()
    made = bool(Receipt.objects.filter(pk=receipt.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, seen_at=receipt.seen_at or now))
    receipt.refresh_from_db()
    return receipt, made
