"""The conversation under an announcement is a post of the feeds, whose subject is the
announcement's original: comments, reactions, mentions, notifications, blocks, live
events and search work there as under any post. The announcement's read policy says
who takes part, its switches (`allow_comments`, `allow_reactions`) whether they may;
the comment's author, HR and the community managers edit and delete comments."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.announcements.models import AnnouncementPage
from intranet.announcements.selectors import SUBJECT, can_read, conversation_for
from intranet.core.errors import NotFound
from intranet.feeds.models import Comment, Post
from intranet.feeds.services import comments

User = get_user_model()


def conversation_of(page: AnnouncementPage, *, actor: AbstractBaseUser) -> Post:
    """The original's conversation post, made the first time someone takes part. Its
    author, told of comments like any post's, is the announcement's owner."""
    original = page.original
    found = conversation_for(original)
    if found is not None:
        return found
    now = timezone.now()
    try:
        with transaction.atomic():
            return Post.objects.create(
                author=original.owner or actor, subject_type=SUBJECT, subject_id=original.pk,
                audience_key=f"{SUBJECT}:{original.pk}", body=original.title,
                published_at=now, last_activity_at=now)
    except IntegrityError:  # made by someone else meanwhile
        return conversation_for(original)


def _readable(actor: AbstractBaseUser, page: AnnouncementPage) -> AnnouncementPage:
    if not can_read(actor, page):
        raise NotFound(_("No such announcement."))
    return page


def comment_create(*, actor: AbstractBaseUser, page: AnnouncementPage, body: str,
                   parent: Comment | None = None) -> Comment:
    post = conversation_of(_readable(actor, page), actor=actor)
    return comments.comment_create(actor=actor, post=post, body=body, parent=parent)


def reaction_set(*, actor: AbstractBaseUser, page: AnnouncementPage, kind: str,
                 on: bool) -> Post:
    post = conversation_of(_readable(actor, page), actor=actor)
    return comments.reaction_set(actor=actor, post=post, kind=kind, on=on)
