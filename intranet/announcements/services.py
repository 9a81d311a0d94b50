"""Writes of announcements: a person opening one, and acknowledging it."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feeds.models import NotificationKind
from feeds.services.notifications import notify
from intranet.announcements.models import AnnouncementPage, DeliveryKey, Importance, Receipt
from intranet.announcements.presenters import announcement_data
from intranet.announcements.selectors import audience_people, can_read, is_addressed_to
from intranet.core.errors import Forbidden, Invalid, NotFound
from intranet.core.events import publish_event


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
    receipt = _receipt(user, page)
    if receipt.seen_at is None:
        Receipt.objects.filter(pk=receipt.pk, seen_at__isnull=True).update(
            seen_at=timezone.now())


def acknowledge(*, user: AbstractBaseUser, page: AnnouncementPage) -> tuple[Receipt, bool]:
    """"I have read this": idempotent; returns the receipt and whether this call made it."""
    if not can_read(user, page):
        raise NotFound(_("No such announcement."))
    if not is_addressed_to(user, page):
        raise Forbidden(_("This announcement is not addressed to you."))
    if page.importance != Importance.ACK_REQUIRED:
        raise Invalid(_("This announcement asks for no acknowledgement."),
                      code="no_acknowledgement")
    receipt = _receipt(user, page)
    now = timezone.now()
    made = bool(Receipt.objects.filter(pk=receipt.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, seen_at=receipt.seen_at or now))
    receipt.refresh_from_db()
    return receipt, made


def announcement_published(page: AnnouncementPage) -> bool:
    """Wagtail published the page (now or at its go-live time). Its delivery keys follow
    its audience at each publication. The first time, it goes live to exactly its
    audience and their notifications are written in the background; later publications
    (edits) tell nobody again, nor does scheduling one for later (Wagtail signals that
    too, with the page not live yet)."""
    if not page.live:
        return False
    with transaction.atomic():
        refresh_delivery_keys(page)
        claimed = AnnouncementPage.objects.filter(pk=page.pk, announced_at__isnull=True) \
            .update(announced_at=timezone.now())
        if not claimed:
            return False
        publish_event(stream="company", type="announcement.published",
                      data={"announcement": announcement_data(page)},
                      audience=page.delivery_keys())
        from intranet.announcements.tasks import notify_audience

        transaction.on_commit(lambda: notify_audience.enqueue(page.pk))
    return True


def refresh_delivery_keys(page: AnnouncementPage) -> None:
    """Each publication may change the audience: its rows follow."""
    keys = page.delivery_keys()
    DeliveryKey.objects.filter(page=page).exclude(key__in=keys).delete()
    DeliveryKey.objects.bulk_create([DeliveryKey(page=page, key=key) for key in keys],
                                    ignore_conflicts=True)


def notify_audience_of(page: AnnouncementPage) -> int:
    """One notification per person addressed; e-mail too when it is important."""
    data = {"title": page.title, "summary": page.summary, "url": page.url,
            "importance": page.importance, "announcement": page.pk,
            "email": page.importance != Importance.INFO}
    count = 0
    for person in audience_people(page).iterator(chunk_size=500):
        with transaction.atomic():
            if notify(person, NotificationKind.ANNOUNCEMENT, actor=None, data=data):
                count += 1
    return count


def remind_outstanding(*, actor: AbstractBaseUser, page: AnnouncementPage) -> int:
    """Notify again, and e-mail, only those who have not acknowledged it yet."""
    from intranet.announcements.permissions import PUBLISH
    from intranet.announcements.selectors import outstanding_people
    from intranet.core.audit import audit

    if not actor.has_perm(PUBLISH):
        raise Forbidden(_("Only HR sends reminders."))
    if page.importance != Importance.ACK_REQUIRED or not page.live:
        raise Invalid(_("Only live announcements that ask for an acknowledgement have "
                        "reminders."), code="no_acknowledgement")
    data = {"title": page.title, "summary": page.summary, "url": page.url,
            "importance": page.importance, "announcement": page.pk, "email": True,
            "reminder": True}
    count = 0
    for person in outstanding_people(page).iterator(chunk_size=500):
        with transaction.atomic():
            if notify(person, NotificationKind.ANNOUNCEMENT, actor=None, data=data):
                count += 1
    audit(page, "intranet.announcement.remind", actor=actor, data={"reminded": count})
    return count
