"""Held and hidden posts and comments: the one write that withholds content from its
audience, or shows it again. Moderation (`intranet.moderation`) decides when; this keeps
counts, search and open pages in step."""

from django.db import transaction
from django.db.models import F

from intranet.feeds.models import Comment, NotificationKind, Post, Withheld
from intranet.feeds.services.comments import notify_thread
from intranet.feeds.services.events import moderated_event
from intranet.feeds.services.notifications import notify
from intranet.feeds.services.posts import rendered


def set_withheld(content: Post | Comment, state: str, reason: str = "") -> bool:
    """Withhold `content` (`Withheld.HELD` or `HIDDEN`) with the reason its author is
    shown, or show it again (state ""); False when nothing changed."""
    if state and state not in Withheld.values:
        raise ValueError(f"unknown state {state!r}")
    reason = reason[:500] if state else ""
    was = content.moderation_state
    if was == state and content.moderation_reason == reason:
        return False
    with transaction.atomic():
        content.moderation_state, content.moderation_reason = state, reason
        content.save(update_fields=["moderation_state", "moderation_reason"])
        if isinstance(content, Comment) and bool(was) != bool(state):
            _count(content, -1 if state else 1)
        if was != state:
            moderated_event(content)
        if was == Withheld.HELD and not state:
            _released(content)
    return True


def _released(content: Post | Comment) -> None:
    """Held content reaches its readers for the first time: the people it mentions, and
    the thread, hear of it as if it had just been written."""
    if isinstance(content, Post):
        for person in content.mentions.all():
            notify(person, NotificationKind.MENTION, actor=content.author, post=content)
    else:
        notify_thread(content, rendered(content.body).mentions)


def _count(comment: Comment, delta: int) -> None:
    """Comment counts are what the post's readers see: withheld comments do not count."""
    posts = Post.objects.filter(pk=comment.post_id)
    if delta < 0:
        posts = posts.filter(comment_count__gt=0)
    posts.update(comment_count=F("comment_count") + delta)
    comment.post.refresh_from_db(fields=["comment_count"])


def undelete(content: Post | Comment) -> bool:
    """Bring back content a moderator removed (a decision reversed); False when it was
    not removed."""
    if content.deleted_at is None:
        return False
    with transaction.atomic():
        content.deleted_at = None
        fields = ["deleted_at"]
        if isinstance(content, Post):
            content.deleted_by = None
            fields.append("deleted_by")
        content.save(update_fields=fields)
        if isinstance(content, Comment) and not content.moderation_state:
            _count(content, 1)
        moderated_event(content)
    return True
