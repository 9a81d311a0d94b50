"""E-mails of notifications: at once for mentions, and a daily digest of the rest.

Nothing is e-mailed during a person's quiet hours: an e-mail due then is held, nothing is
marked, and the same task is enqueued again to run when those quiet hours end (by then the
notification may have been read, or told of by a digest, and is not sent twice). Every
e-mail carries a one-click unsubscribe link (RFC 8058) for its stream.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from intranet.feeds.models import Notification, NotificationKind, NotificationSettings
from intranet.feeds.presenters import notification_url
from intranet.feeds.selectors import notifications_for

User = get_user_model()


def _language(user) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE


def unsubscribe_url(user, stream: str) -> str:
    """The absolute one-click unsubscribe address of `user` for one stream of e-mails
    ("mentions", "announcements", "digest")."""
    from intranet.feeds.services.notifications import unsubscribe_token

    return settings.BASE_URL + reverse("feeds:unsubscribe",
                                       args=[unsubscribe_token(user, stream)])


def _send(user, subject_template: str, body_template: str, context: dict, *,
          stream: str) -> None:
    unsubscribe = unsubscribe_url(user, stream)
    with translation.override(_language(user)):
        context = {**context, "user": user, "base_url": settings.BASE_URL,
                   "unsubscribe_url": unsubscribe, "stream": stream}
        subject = render_to_string(subject_template, context).strip()
        text = render_to_string(body_template, context).rstrip("\n") + "\n\n" \
            + render_to_string("feeds/email/_unsubscribe.txt", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email],
                                     headers={"List-Unsubscribe": f"<{unsubscribe}>",
                                              "List-Unsubscribe-Post":
                                                  "List-Unsubscribe=One-Click"})
    message.send()


def _settings(user_id: int) -> NotificationSettings | None:
    return NotificationSettings.objects.filter(user_id=user_id).first()


def _email(notification_id: int, now: datetime) -> bool | datetime:
    """Send one notification's e-mail: True if sent, False if it is not to be (any more),
    or the end of the reader's quiet hours, when it is to be tried again."""
    with transaction.atomic():
        notification = (Notification.objects.select_for_update()
                        .filter(pk=notification_id, emailed_at__isnull=True, read_at__isnull=True)
                        .select_related("recipient").first())
        if notification is None or not notification.recipient.email:
            return False
        preferences = _settings(notification.recipient_id)
        if preferences is not None and not preferences.email_mentions:
            return False  # turned off since it was enqueued (the announcements' too)
        still_visible = notifications_for(notification.recipient).filter(pk=notification.pk)
        if not still_visible.exists():
            return False
        quiet_end = preferences.quiet_end(now) if preferences is not None else None
        if quiet_end is not None:
            return quiet_end
        notification.emailed_at = now
        notification.save(update_fields=["emailed_at"])
        template = "announcement" if notification.kind == NotificationKind.ANNOUNCEMENT \
            else "mention"
        _send(notification.recipient, f"feeds/email/{template}_subject.txt",
              f"feeds/email/{template}.txt",
              {"notification": notification, "url": notification_url(notification)},
              stream="announcements" if template == "announcement" else "mentions")
    return True


def email_many(notification_ids: list[int], now: datetime | None = None) -> int:
    """E-mail these notifications at once, except to those in their quiet hours: theirs
    are enqueued again for the end of those hours (one job per end). The number sent."""
    from intranet.feeds.tasks import email_notifications

    now = now or timezone.now()
    sent = 0
    held: dict[datetime, list[int]] = defaultdict(list)
    for notification_id in notification_ids:
        outcome = _email(notification_id, now)
        if isinstance(outcome, datetime):
            held[outcome].append(notification_id)
        else:
            sent += outcome
    for end, ids in held.items():
        email_notifications.using(run_after=end).enqueue(ids)
    return sent


def email_one(notification_id: int, now: datetime | None = None) -> bool:
    """E-mail one notification at once, if its reader may still see it and has not yet;
    during their quiet hours, enqueue it again for when they end (and return False)."""
    return email_many([notification_id], now=now) == 1


def send_digests(now: datetime | None = None, user_ids: list[int] | None = None) -> int:
    """One e-mail per person with the unread notifications no e-mail has told of yet,
    grouped by thread; each is then marked e-mailed so nothing is said twice.

    Those in their quiet hours get theirs when the quiet hours end: a job for just them
    (`user_ids`) is enqueued for that time."""
    from intranet.feeds.tasks import send_held_digests

    now = now or timezone.now()
    since = now - timedelta(days=7)
    wants = NotificationSettings.objects.filter(daily_digest=False).values("user_id")
    recipients = (User.objects.filter(is_active=True, notifications__read_at__isnull=True,
                                      notifications__emailed_at__isnull=True,
                                      notifications__created_at__gte=since)
                  .exclude(pk__in=wants).exclude(email="").distinct())
    if user_ids is not None:
        recipients = recipients.filter(pk__in=user_ids)
    quiet = {preferences.user_id: preferences for preferences in NotificationSettings.objects
             .filter(quiet_from__isnull=False, user__in=recipients)}
    held: dict[datetime, list[int]] = defaultdict(list)
    sent = 0
    for user in recipients:
        quiet_end = quiet[user.pk].quiet_end(now) if user.pk in quiet else None
        if quiet_end is not None:
            held[quiet_end].append(user.pk)
            continue
        with transaction.atomic():
            pending = list(notifications_for(user).select_for_update(of=("self",))
                           .filter(read_at__isnull=True, emailed_at__isnull=True,
                                   created_at__gte=since).order_by("post_id", "created_at"))
            if not pending:
                continue
            threads: dict = defaultdict(list)
            for notification in pending:
                threads[notification.post or notification.group].append(notification)
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
            _send(user, "feeds/email/digest_subject.txt", "feeds/email/digest.txt",
                  {"threads": [(about, items, notification_url(items[0]))
                               for about, items in threads.items()],
                   "count": len(pending)}, stream="digest")
            sent += 1
    for end, ids in held.items():
        send_held_digests.using(run_after=end).enqueue(ids)
    return sent
