"""Template helpers of the feeds: reaction buttons, the unread badge, notifications' links
and dates."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intranet.feeds.models import ReactionKind
from intranet.feeds.presenters import notification_url
from intranet.feeds.selectors import unread_count
from intranet.feeds.switches import switch_context

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


@register.filter
def short_when(moment) -> str:
    """How long ago, in a few words ("3 hours ago"), within a week; the date after."""
    if not moment:
        return ""
    age = timezone.now() - moment
    if age < timedelta(minutes=1):
        return gettext("just now")
    if age < timedelta(days=7):
        return gettext("%(time)s ago") % {"time": timesince(moment, depth=1)}
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


@register.inclusion_tag("feeds/_switch.html", takes_context=True)
def switch(context: template.Context, kind: str, action: str, on: bool) -> dict:
    """A follow or block button: `{% switch "topic" action following %}`."""
    return {**switch_context(kind, action, bool(on)), "csrf_token": context.get("csrf_token")}
