"""Notifications: written per person, batched for reactions, sent live, e-mailed.

Nobody is told about a post they may not read, by someone they blocked, or while they
muted the thread, the group or everything.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import time, timedelta
from itertools import islice
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.errors import Invalid, NotFound
from intranet.core.events import publish_events
from intranet.core.models import Event
from intranet.feeds.models import (
    Block,
    Comment,
    Mute,
    Notification,
    NotificationKind,
    NotificationSettings,
    Post,
)
from intranet.feeds.presenters import notification_data
from intranet.feeds.selectors import muted_ids, readers_among
from intranet.feeds.tasks import email_notifications
from intranet.groups.models import InterestGroup

User = get_user_model()

SETTINGS_FIELDS = ("email_mentions", "daily_digest", "notify_reactions", "notify_comments")
# Quiet hours, both or neither (datetime.time or None); not part of the API's settings.
QUIET_FIELDS = ("quiet_from", "quiet_until")


def settings_of(user_id: int) -> NotificationSettings:
    found, _created = NotificationSettings.objects.get_or_create(user_id=user_id)
    return found


WANTS = {NotificationKind.REACTION: "notify_reactions", NotificationKind.COMMENT:
         "notify_comments", NotificationKind.REPLY: "notify_comments"}
EMAILED_AT_ONCE = {NotificationKind.MENTION, NotificationKind.GROUP_MENTION}


def _reachable(recipients: Sequence[AbstractBaseUser], kind: str,
               actor: AbstractBaseUser | None, post: Post | None,
               group_id: int | None) -> list[AbstractBaseUser]:
    """Those of `recipients` who may be told: active, not the actor, not blocking the
    actor, able to read the post, not muting it (or its group, or everything) and wanting
    this kind. A constant number of queries, whatever the number of people."""
    people = [person for person in recipients if person.is_active
              and (actor is None or person.pk != actor.pk)]
    if not people:
        return []
    ids = [person.pk for person in people]
    excluded: set[int] = set()
    if actor is not None:
        excluded |= set(Block.objects.filter(blocker_id__in=ids, blocked_id=actor.pk)
                        .values_list("blocker_id", flat=True))
    if post is not None:
        excluded |= set(ids) - readers_among(post, people)
    group_id = group_id or (post.group_id if post is not None else None)
    excluded |= muted_ids(ids, group_id=group_id, post_id=post.pk if post else None)
    if kind in WANTS:
        excluded |= set(NotificationSettings.objects.filter(
            user_id__in=ids, **{WANTS[kind]: False}).values_list("user_id", flat=True))
    return [person for person in people if person.pk not in excluded]


def _actor(actor: AbstractBaseUser | None) -> list[dict[str, str]]:
    if actor is None:
        return []
    return [{"username": actor.username, "name": actor.get_display_name()}]


def _gathering(recipient: AbstractBaseUser, kind: str, post: Post | None,
               comment: Comment | None, group: InterestGroup | None,
               data: dict[str, Any]) -> QuerySet[Notification] | None:
    """Where a notification of this kind joins others ("Ana and 4 others"): reactions to
    the same post or comment, requests to join the same group; None for the rest."""
    unread = Notification.objects.filter(recipient=recipient, kind=kind, read_at__isnull=True)
    if kind == NotificationKind.REACTION:
        return unread.filter(post=post, comment=comment)
    if kind == NotificationKind.GROUP and data.get("event") == JOIN_REQUEST:
        return unread.filter(group=group, data__event=JOIN_REQUEST)
    return None


def notify(recipient: AbstractBaseUser, kind: str, *, actor: AbstractBaseUser | None,
           post: Post | None = None, comment: Comment | None = None,
           group: InterestGroup | None = None, data: dict[str, Any] | None = None
           ) -> Notification | None:
    """Tell `recipient` about something, unless they may not or do not want to know.
    Reactions to the same thing, and requests to join the same group, gather in one
    unread notification."""
    data = data or {}
    gathering = _gathering(recipient, kind, post, comment, group, data)
    if gathering is None or actor is None:
        told = notify_many([recipient], kind, actor=actor, post=post, comment=comment,
                           group=group, data=lambda _person: data)
        return told[0] if told else None
    if not _reachable([recipient], kind, actor, post, group.pk if group else None):
        return None
    notification = gathering.select_for_update().first()
    if notification is None:
        return notify_many([recipient], kind, actor=actor, post=post, comment=comment,
                           group=group, data=lambda _person: data, checked=True)[0]
    others = [a for a in notification.actors if a["username"] != actor.username]
    if len(others) < len(notification.actors):
        return notification
    notification.actors = (_actor(actor) + others)[:10]
    notification.actor_count += 1
    notification.data = data
    # A batch that a digest already told of has news again: the next digest says it.
    notification.emailed_at = None
    notification.save(update_fields=["actors", "actor_count", "data", "updated_at",
                                     "emailed_at"])
    _announce([notification])
    return notification


def notify_many(recipients: Iterable[AbstractBaseUser], kind: str, *,
                actor: AbstractBaseUser | None, post: Post | None = None,
                comment: Comment | None = None, group: InterestGroup | None = None,
                data: Callable[[AbstractBaseUser], dict[str, Any]] = lambda _person: {},
                target_id: int | None = None, email: bool = False,
                checked: bool = False) -> list[Notification]:
    """Tell many people at once (an @group mention, an announcement's audience): the
    same checks as one, made for batches of people, the notifications and their live
    events written in bulk. `data(person)` is each one's data (in their language)."""
    told: list[Notification] = []
    people = iter(recipients)
    while batch := list(islice(people, BATCH)):
        reached = batch if checked else _reachable(batch, kind, actor, post,
                                                   group.pk if group else None)
        told += _write(reached, kind, actor=actor, post=post, comment=comment, group=group,
                       data=data, target_id=target_id, email=email)
    return told


BATCH = 500


def _write(people: list[AbstractBaseUser], kind: str, *, actor, post, comment, group, data,
           target_id, email) -> list[Notification]:
    if not people:
        return []
    notifications = Notification.objects.bulk_create([Notification(
        recipient=person, kind=kind, actors=_actor(actor), post=post, comment=comment,
        group=group, target_id=target_id, data=data(person)) for person in people])
    _announce(notifications)
    emailed = []
    if email or kind in EMAILED_AT_ONCE:
        # Mentions and important announcements alike: `email_mentions` decides.
        unwanted = set(NotificationSettings.objects.filter(
            user_id__in=[person.pk for person in people], email_mentions=False)
            .values_list("user_id", flat=True))
        emailed = [n.pk for n in notifications if n.recipient_id not in unwanted]
    for start in range(0, len(emailed), BATCH):
        chunk = emailed[start:start + BATCH]
        transaction.on_commit(lambda chunk=chunk: email_notifications.enqueue(chunk))
    return notifications


def _announce(notifications: list[Notification]) -> None:
    """Each person's live `notification.created`, on their own stream."""
    publish_events([Event(stream=f"user:{n.recipient_id}", type="notification.created",
                          data={"notification": notification_data(n)},
                          audience=[f"user:{n.recipient_id}"]) for n in notifications])


# Ids are 64-bit keys: a number beyond them names no notification, and no database
# should be asked about it.
LARGEST_ID = 2**63 - 1


def notifications_mark_read(*, actor: AbstractBaseUser, ids: list[int] | None = None) -> int:
    """Mark the given notifications (or all) of `actor` as read. Ids of other people's
    notifications change nothing; a number too large to be an id is refused."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        if not all(isinstance(i, int) and abs(i) <= LARGEST_ID for i in ids):
            raise Invalid(_("Name notifications by their numbers."),
                          fields={"ids": [_("A list of numbers.")]})
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def settings_update(*, actor: AbstractBaseUser, changes: dict[str, Any]) -> NotificationSettings:
    """Change some of `actor`'s settings: the switches of SETTINGS_FIELDS and the quiet
    hours (QUIET_FIELDS, times or None, both or neither). All are checked before anything
    is written, so an invalid change saves nothing."""
    unknown = set(changes) - set(SETTINGS_FIELDS) - set(QUIET_FIELDS)
    if unknown:
        raise Invalid(_("Unknown settings: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    for field in QUIET_FIELDS:
        if field in changes and not (changes[field] is None or isinstance(changes[field], time)):
            raise Invalid(_("Enter a valid time."), fields={field: [_("Enter a valid time.")]})
    preferences = settings_of(actor.pk)
    for field, value in changes.items():
        setattr(preferences, field, value if field in QUIET_FIELDS else bool(value))
    _check_quiet_hours(preferences.quiet_from, preferences.quiet_until)
    preferences.save()
    return preferences


def _check_quiet_hours(start: time | None, end: time | None) -> None:
    if (start is None) != (end is None):
        message = _("Give both the start and the end of your quiet hours, or neither.")
        missing = "quiet_until" if end is None else "quiet_from"
        raise Invalid(message, fields={missing: [_("This field is required.")]})
    if start is not None and start == end:
        raise Invalid(_("Quiet hours must end at another time than they start."),
                      fields={"quiet_until": [_("Choose another time than the start.")]})


# One-click unsubscribe (RFC 8058): each notification e-mail carries a signed token naming
# its reader and its stream; whoever holds it may turn that stream's e-mails off, nothing
# more. Announcements have no setting of their own: the e-mails sent at once, mentions and
# important announcements alike, follow `email_mentions`, so both streams turn it off.
UNSUBSCRIBE_SALT = "intranet.feeds.unsubscribe"
UNSUBSCRIBE_STREAMS = {"mentions": "email_mentions", "announcements": "email_mentions",
                       "digest": "daily_digest"}


def unsubscribe_token(user: AbstractBaseUser, stream: str) -> str:
    """The signed token of `user`'s unsubscribe link for one stream of e-mails."""
    if stream not in UNSUBSCRIBE_STREAMS:
        raise ValueError(f"Unknown e-mail stream: {stream}")
    return signing.dumps({"user": user.pk, "stream": stream}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_target(token: str) -> tuple[AbstractBaseUser, str]:
    """Who and which stream a token names; NotFound if it is not one we signed (or its
    person is gone). Changes nothing."""
    try:
        found = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise NotFound() from None
    if not isinstance(found, dict) or found.get("stream") not in UNSUBSCRIBE_STREAMS \
            or not isinstance(found.get("user"), int):
        raise NotFound()
    user = User.objects.filter(pk=found["user"], is_active=True).first()
    if user is None:
        raise NotFound()
    return user, found["stream"]


def unsubscribe(*, token: str) -> tuple[AbstractBaseUser, str]:
    """Turn off the e-mails of the stream the token names, for the person it names. The
    token is the authority (a mail client posts it without a session); it can only turn
    e-mails off. Doing it twice is harmless."""
    user, stream = unsubscribe_target(token)
    field = UNSUBSCRIBE_STREAMS[stream]
    with transaction.atomic():
        preferences = settings_of(user.pk)
        if getattr(preferences, field):
            setattr(preferences, field, False)
            preferences.save(update_fields=[field])
    return user, stream


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


JOIN_REQUEST = "group.request_received"
GROUP_EVENT_TYPES = {JOIN_REQUEST, "group.request_decided", "group.invited",
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
