""""Always answer": a community manager answers, as an official account, a question or a
post mentioning one that nobody answered."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext as _

from intranet.core.errors import Conflict, Forbidden, Invalid, NotFound
from intranet.feeds.models import Comment
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.feeds.selectors import post_for
from intranet.feeds.services.official import official_reply
from intranet.moderation.selectors import official_accounts


def answer_as_official(*, actor: AbstractBaseUser, post_id: int, body: str,
                       account: str = "") -> Comment:
    """Reply to a post `actor` may read as the official account `account` (a username;
    the first official account when empty)."""
    if not actor.has_perm(MODERATE_EVERYWHERE):
        raise Forbidden(_("Community managers answer as an official account."))
    post = post_for(actor, post_id)
    if post is None or post.published_at is None:
        raise NotFound(_("No such post."))
    accounts = official_accounts()
    author = accounts.filter(username=str(account)[:150]).first() if account \
        else accounts.first()
    if author is None:
        raise Invalid(_("Choose an official account."),
                      fields={"account": [_("Not an official account.")]})
    if not (body or "").strip():
        raise Invalid(_("Write the answer."), fields={"body": [_("This field is required.")]})
    comment = official_reply(to=post, body=body, author=author, authorised_by=actor)
    if comment is None:
        raise Conflict(_("This thread is locked: no new comments."), code="locked")
    return comment
