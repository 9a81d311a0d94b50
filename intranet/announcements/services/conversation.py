"""Comments and reactions under an announcement, when the original allows them: any
reader may take part; the author or HR edits and deletes a comment."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feeds.models import ReactionKind
from feeds.services.posts import clean_body, rendered
from intranet.announcements.models import AnnouncementPage, Comment, Reaction
from intranet.announcements.permissions import PUBLISH
from intranet.announcements.selectors import can_read
from intranet.core.errors import Forbidden, Invalid, NotFound
from intranet.core.ratelimit import check_rate

SWITCHED_OFF = {
    "allow_comments": ("comments_off", gettext_lazy("Comments are off for this announcement.")),
    "allow_reactions": ("reactions_off", gettext_lazy("Reactions are off for this announcement.")),
}


def _open(actor: AbstractBaseUser, page: AnnouncementPage, switch: str) -> AnnouncementPage:
    """The original, if the actor may read it and it has `switch` on."""
    if not can_read(actor, page):
        raise NotFound(_("No such announcement."))
    original = page.original
    if not getattr(original, switch):
        code, message = SWITCHED_OFF[switch]
        raise Forbidden(str(message), code=code)
    return original


def comment_create(*, actor: AbstractBaseUser, page: AnnouncementPage, body: str) -> Comment:
    original = _open(actor, page, "allow_comments")
    body = clean_body(body)
    check_rate(actor, "comment")
    return Comment.objects.create(page=original, author=actor, body=body,
                                  html=rendered(body).html)


def _own_or_hr(actor: AbstractBaseUser, comment: Comment) -> None:
    _open(actor, comment.page, "allow_comments")
    if comment.deleted_at is not None:
        raise NotFound(_("No such comment."))
    if actor.pk != comment.author_id and not actor.has_perm(PUBLISH):
        raise Forbidden(_("Only its author or HR may change this comment."))


def comment_edit(*, actor: AbstractBaseUser, comment: Comment, body: str) -> Comment:
    _own_or_hr(actor, comment)
    body = clean_body(body)
    comment.body, comment.html = body, rendered(body).html
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "html", "edited_at"])
    return comment


def comment_delete(*, actor: AbstractBaseUser, comment: Comment) -> None:
    _own_or_hr(actor, comment)
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["deleted_at"])


def reaction_set(*, actor: AbstractBaseUser, page: AnnouncementPage, kind: str,
                 on: bool) -> AnnouncementPage:
    """Add (on=True) or take back one kind of reaction; doing it twice changes nothing."""
    original = _open(actor, page, "allow_reactions")
    if kind not in ReactionKind.values:
        raise Invalid(_("Unknown reaction."), fields={"kind": [
            _("One of: %(kinds)s.") % {"kinds": ", ".join(ReactionKind.values)}]})
    if on:
        try:
            with transaction.atomic():
                Reaction.objects.create(page=original, user=actor, kind=kind)
        except IntegrityError:
            pass
    else:
        Reaction.objects.filter(page=original, user=actor, kind=kind).delete()
    return original
