"""Template helpers of the feeds: reaction buttons and the unread badge."""

from django import template
from django.utils.translation import gettext_lazy as _

from intranet.feeds.models import ReactionKind
from intranet.feeds.presenters import notification_url
from intranet.feeds.selectors import unread_count

register = template.Library()
# What each reaction button says to a screen reader and on hover; the emoji is decoration.
REACTION_LABELS = {"like": _("Like"), "love": _("Love"), "celebrate": _("Celebrate"),
                   "laugh": _("Funny"), "insightful": _("Insightful"), "sad": _("Sad")}


@register.simple_tag
def reaction_buttons(post, mine: dict, comment=None) -> list[dict]:
    """Each reaction kind with its count and whether the reader gave it (none yet when
    there is no post: a conversation nobody has joined)."""
    target = comment or post
    counts = target.reaction_counts if target is not None else {}
    given = mine.get(post.pk, set()) if post is not None and comment is None else set()
    return [{"kind": kind, "emoji": emoji, "label": REACTION_LABELS[kind],
             "count": counts.get(kind, 0), "mine": kind in given}
            for kind, emoji in ReactionKind.choices]


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = context["request"].user
    return unread_count(user) if user.is_authenticated else 0


@register.filter
def moderates(moderation, post) -> bool:
    """`{% if moderation|moderates:post %}`: may the reader moderate this post?"""
    return moderation is not None and moderation.covers(post)


@register.filter
def notification_link(notification) -> str:
    return notification_url(notification)
