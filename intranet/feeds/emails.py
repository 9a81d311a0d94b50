"""E-mails of notifications: at once for mentions, and a daily digest of the rest."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from intranet.feeds.models import Notification, NotificationKind, NotificationSettings
from intranet.feeds.presenters import notification_url
from intranet.feeds.selectors import notifications_for

User = get_user_model()


def _language(user) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE


def _send(user, subject_template: str, body_template: str, context: dict) -> None:
    with translation.override(_language(user)):
        context = {**context, "user": user, "base_url": settings.BASE_URL}
        subject = render_to_string(subject_template, context).strip()
        text = render_to_string(body_template, context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.send()


def email_one(notification_id: int) -> bool:
    """E-mail one notification at once, if its reader may still see it and has not yet."""
    with transaction.atomic():
        notification = (Notification.objects.select_for_update()
                        .filter(pk=notification_id, emailed_at__isnull=True, read_at__isnull=True)
                        .select_related("recipient").first())
        if notification is None or not notification.recipient.email:
            return False
        still_visible = notifications_for(notification.recipient).filter(pk=notification.pk)
        if not still_visible.exists():
            return False
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        template = "announcement" if notification.kind == NotificationKind.ANNOUNCEMENT \
            else "mention"
        _send(notification.recipient, f"feeds/email/{template}_subject.txt",
              f"feeds/email/{template}.txt",
              {"notification": notification, "url": notification_url(notification)})
    return True


def send_digests(now=None) -> int:
    """One e-mail per person with the unread notifications no e-mail has told of yet,
    grouped by thread; each is then marked e-mailed so nothing is said twice."""
    now = now or timezone.now()
    since = now - timedelta(days=7)
    wants = NotificationSettings.objects.filter(daily_digest=False).values("user_id")
    recipients = (User.objects.filter(is_active=True, notifications__read_at__isnull=True,
                                      notifications__emailed_at__isnull=True,
                                      notifications__created_at__gte=since)
                  .exclude(pk__in=wants).exclude(email="").distinct())
    sent = 0
    for user in recipients:
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
                   "count": len(pending)})
            sent += 1
    return sent
