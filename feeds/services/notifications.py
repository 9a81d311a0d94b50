"""Notifications: written per person, batched for reactions, sent live, e-mailed.

Nobody is told about a post they may not read, by someone they blocked, or while they
muted the thread, the group or everything.
"""

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feeds.models import (
    Block,
    Comment,
    Mute,
    Notification,
    NotificationKind,
    NotificationSettings,
    Post,
)
from feeds.presenters import notification_data
from feeds.selectors import is_muted
from feeds.tasks import email_notification
from groups.models import InterestGroup
from intranet.core.audience import audience_keys
from intranet.core.errors import Invalid
from intranet.core.events import publish_event
from intranet.core.models import Event

User = get_user_model()

SETTINGS_FIELDS = ("email_mentions", "daily_digest", "notify_reactions", "notify_comments")


def settings_of(user_id: int) -> NotificationSettings:
    found, _created = NotificationSettings.objects.get_or_create(user_id=user_id)
    return found


def _may_reach(recipient: AbstractBaseUser, actor: AbstractBaseUser | None,
               post: Post | None, group_id: int | None) -> bool:
    if not recipient.is_active or (actor is not None and recipient.pk == actor.pk):
        return False
    if actor is not None and Block.objects.filter(blocker_id=recipient.pk,
                                                  blocked_id=actor.pk).exists():
        return False
    if post is not None and post.audience_key not in audience_keys(recipient):
        return False
    group_id = group_id or (post.group_id if post is not None else None)
    return not is_muted(recipient.pk, group_id=group_id,
                        post_id=post.pk if post is not None else None)


def _actor(actor: AbstractBaseUser | None) -> list[dict[str, str]]:
    if actor is None:
        return []
    return [{"username": actor.username, "name": actor.get_display_name()}]


def notify(recipient: AbstractBaseUser, kind: str, *, actor: AbstractBaseUser | None,
           post: Post | None = None, comment: Comment | None = None,
           group: InterestGroup | None = None, data: dict[str, Any] | None = None
           ) -> Notification | None:
    """Tell `recipient` about something, unless they may not or do not want to know."""
    if not _may_reach(recipient, actor, post, group.pk if group else None):
        return None
    preferences = settings_of(recipient.pk)
    if kind == NotificationKind.REACTION and not preferences.notify_reactions:
        return None
    if kind in (NotificationKind.COMMENT, NotificationKind.REPLY) \
            and not preferences.notify_comments:
        return None
    notification = None
    if kind == NotificationKind.REACTION:
        notification = (Notification.objects.select_for_update()
                        .filter(recipient=recipient, kind=kind, post=post, comment=comment,
                                read_at__isnull=True).first())
    if notification is not None:
        others = [a for a in notification.actors if a["username"] != actor.username]
        if len(others) < len(notification.actors):
            return notification
        notification.actors = (_actor(actor) + others)[:10]
        notification.actor_count += 1
        # A batch that a digest already told of has news again: the next digest says it.
        notification.emailed_at = None
        notification.save(update_fields=["actors", "actor_count", "updated_at", "emailed_at"])
    else:
        notification = Notification.objects.create(
            recipient=recipient, kind=kind, actors=_actor(actor), post=post, comment=comment,
            group=group, data=data or {})
    publish_event(stream=f"user:{recipient.pk}", type="notification.created",
                  data={"notification": notification_data(notification)},
                  audience=[f"user:{recipient.pk}"])
    if (kind in (NotificationKind.MENTION, NotificationKind.GROUP_MENTION)
            and preferences.email_mentions) or (kind == NotificationKind.ANNOUNCEMENT
                                                and notification.data.get("email")):
        transaction.on_commit(lambda: email_notification.enqueue(notification.pk))
    return notification


def notifications_mark_read(*, actor: AbstractBaseUser, ids: list[int] | None = None) -> int:
    """Mark the given notifications (or all) of `actor` as read."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def settings_update(*, actor: AbstractBaseUser, changes: dict[str, Any]) -> NotificationSettings:
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise Invalid(_("Unknown settings: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    preferences = settings_of(actor.pk)
    for field, value in changes.items():
        setattr(preferences, field, bool(value))
    preferences.save()
    return preferences


MAX_MUTE = timedelta(days=365)


def _mute_until(duration: timedelta) -> Any:
    if duration <= timedelta(0) or duration > MAX_MUTE:
        raise Invalid(_("Mute for between a minute and a year."),
                      fields={"minutes": [_("Out of range.")]})
    return timezone.now() + duration


def mute_everything(*, actor: AbstractBaseUser, duration: timedelta | None) -> None:
    """Silence all notifications for a while (None: unmute)."""
    preferences = settings_of(actor.pk)
    preferences.muted_until = _mute_until(duration) if duration else None
    preferences.save(update_fields=["muted_until"])


def mute(*, actor: AbstractBaseUser, duration: timedelta | None,
         group: InterestGroup | None = None, post: Post | None = None) -> None:
    """Silence one group or one thread for a while (None: unmute)."""
    Mute.objects.filter(user=actor, group=group, post=post).delete()
    if duration:
        Mute.objects.create(user=actor, group=group, post=post, until=_mute_until(duration))


GROUP_EVENT_TYPES = {"group.request_received", "group.request_decided", "group.invited",
                     "group.role_changed", "group.removed"}


def notify_group_event(event: Event) -> None:
    """The groups' events for one person become their notifications."""
    if event.type not in GROUP_EVENT_TYPES or not event.stream.startswith("user:"):
        return
    recipient = User.objects.filter(pk=int(event.stream.removeprefix("user:"))).first()
    group = InterestGroup.objects.filter(slug=event.data.get("group", {}).get("slug")).first()
    actor_name = event.data.get("by") or event.data.get("username")
    actor = User.objects.filter(username=actor_name).first() if actor_name else None
    if recipient is None or group is None:
        return
    notify(recipient, NotificationKind.GROUP, actor=actor, group=group,
           data={"event": event.type, **event.data})
