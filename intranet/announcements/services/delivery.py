"""Delivering announcements: Wagtail published or withdrew a version, and the audience
hears of it, each person in their language."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.announcements.models import AnnouncementPage, DeliveryKey, Importance
from intranet.announcements.presenters import event_data
from intranet.announcements.selectors import (
    audience_people,
    outstanding_people,
    reader_language,
    versions_in,
)
from intranet.core.errors import Forbidden, Invalid
from intranet.core.events import publish_event
from intranet.feeds.models import NotificationKind
from intranet.feeds.services.notifications import notify_many
from intranet.search.indexing import enqueue
from intranet.search.registry import indexes


def announcement_published(page: AnnouncementPage) -> bool:
    """Wagtail published a version (now or at its go-live time).

    The original's delivery keys follow its audience at each publication. The first
    time it is live, it goes out to exactly its audience and their notifications are
    written in the background; later publications (edits) tell nobody again, nor does
    scheduling one for later (Wagtail signals that too, with the page not live yet). A
    translation goes out with its original: published first, it waits for it, and
    published later, readers of its language find it from then on."""
    if not page.live or not page.is_original:
        return False
    with transaction.atomic():
        refresh_delivery_keys(page)
        _reindex_translations(page)
        claimed = AnnouncementPage.objects.filter(pk=page.pk, announced_at__isnull=True) \
            .update(announced_at=timezone.now())
        if not claimed:
            return False
        publish_event(stream="company", type="announcement.published",
                      data={"announcement": event_data(page)}, audience=page.delivery_keys())
        from intranet.announcements.tasks import notify_audience

        transaction.on_commit(lambda: notify_audience.enqueue(page.pk))
    return True


def announcement_unpublished(page: AnnouncementPage) -> None:
    """Wagtail withdrew a version (by hand, or at its expiry). Withdrawing the original
    withdraws the announcement: open home pages drop it, and its translations leave
    search."""
    if not page.is_original:
        return
    with transaction.atomic():
        _reindex_translations(page)
        publish_event(stream="company", type="announcement.withdrawn",
                      data={"announcement": {"id": page.pk}},
                      audience=list(DeliveryKey.objects.filter(page=page)
                                    .values_list("key", flat=True)))


def _reindex_translations(page: AnnouncementPage) -> None:
    """Translations are searchable while their original is live."""
    enqueue(indexes()["page"], list(
        AnnouncementPage.objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk).values_list("pk", flat=True)))


def refresh_delivery_keys(page: AnnouncementPage) -> None:
    """Each publication may change the audience: its rows follow."""
    keys = page.delivery_keys()
    DeliveryKey.objects.filter(page=page).exclude(key__in=keys).delete()
    DeliveryKey.objects.bulk_create([DeliveryKey(page=page, key=key) for key in keys],
                                    ignore_conflicts=True)


def _notify_each(page: AnnouncementPage, people: Iterable[AbstractBaseUser], *,
                 email: bool, **extra) -> int:
    """One notification per person, with the title and address of their language,
    written in bulk."""
    shown: dict[str, AnnouncementPage] = {}

    def data(person: AbstractBaseUser) -> dict:
        language = reader_language(person)
        if language not in shown:
            shown[language] = versions_in([page], language)[page.pk]
        version = shown[language]
        return {"title": version.title, "summary": version.summary, "url": version.url,
                "importance": page.importance, "announcement": page.pk, "email": email,
                **extra}

    with transaction.atomic():
        return len(notify_many(people, NotificationKind.ANNOUNCEMENT, actor=None, data=data,
                               target_id=page.pk, email=email))


def notify_audience_of(page: AnnouncementPage) -> int:
    """One notification per person addressed; e-mail too when it is important."""
    people = audience_people(page).select_related("profile").iterator(chunk_size=2000)
    return _notify_each(page, people, email=page.importance != Importance.INFO)


def remind_outstanding(*, actor: AbstractBaseUser, page: AnnouncementPage) -> int:
    """Notify again, and e-mail, only those who have not acknowledged it yet."""
    from intranet.announcements.permissions import PUBLISH
    from intranet.core.audit import audit

    if not actor.has_perm(PUBLISH):
        raise Forbidden(_("Only HR sends reminders."))
    page = page.original
    if page.importance != Importance.ACK_REQUIRED or not page.live:
        raise Invalid(_("Only live announcements that ask for an acknowledgement have "
                        "reminders."), code="no_acknowledgement")
    people = outstanding_people(page).select_related("profile").iterator(chunk_size=500)
    count = _notify_each(page, people, email=True, reminder=True)
    audit(page, "intranet.announcement.remind", actor=actor, data={"reminded": count})
    return count


def remind_before_due(now: datetime | None = None) -> dict[int, int]:
    """The automatic reminder: for each live announcement that requires an
    acknowledgement and whose due date is less than `ANNOUNCEMENT_REMINDER_HOURS` away,
    notify and e-mail, once, those who have not acknowledged it. The reminder's row is
    claimed in the same transaction as the notifications, so two workers or runs never
    both send it, and a failed sending leaves it to the next run. Returns the people
    reminded, by announcement."""
    from intranet.announcements.models import AutomaticReminder
    from intranet.announcements.selectors import due_for_reminder
    from intranet.core.audit import audit

    now = now or timezone.now()
    lead = timedelta(hours=settings.ANNOUNCEMENT_REMINDER_HOURS)
    sent = {}
    for page in due_for_reminder(now=now, lead=lead):
        try:
            with transaction.atomic():
                reminder = AutomaticReminder.objects.create(page=page, due=page.ack_due)
                people = outstanding_people(page).select_related("profile") \
                    .iterator(chunk_size=500)
                count = _notify_each(page, people, email=True, reminder=True)
                AutomaticReminder.objects.filter(pk=reminder.pk).update(reminded=count)
                audit(page, "intranet.announcement.remind", actor=None,
                      data={"reminded": count, "automatic": True})
        except IntegrityError:  # another worker sent it
            continue
        sent[page.pk] = count
    return sent
