"""Comments, with one level of replies, and reactions on posts and comments."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.core.errors import Conflict, Forbidden, Invalid, NotFound
from intranet.core.ratelimit import check_rate
from intranet.feeds.extensions import post_subject, posting_refusal, screened
from intranet.feeds.models import Comment, NotificationKind, Post, Reaction, ReactionKind
from intranet.feeds.permissions import can_moderate, can_post_in
from intranet.feeds.selectors import can_read_post
from intranet.feeds.services.events import comment_event, post_event, reaction_event
from intranet.feeds.services.notifications import notify
from intranet.feeds.services.posts import (
    check_not_archived,
    clean_body,
    readable_mentions,
    rendered,
)

User = get_user_model()


SWITCHED_OFF = {
    "comments": ("comments_off", gettext_lazy("Comments are off here.")),
    "reactions": ("reactions_off", gettext_lazy("Reactions are off here.")),
}


def _readable(actor: AbstractBaseUser, post: Post) -> None:
    if not can_read_post(actor, post) or post.published_at is None:
        raise NotFound(_("No such post."))


def _allowed(post: Post, what: str) -> None:
    """A conversation under another app's object follows its switches (an announcement
    may have comments or reactions off)."""
    subject = post_subject(post.subject_type)
    if subject is not None and not subject.allows(post.subject_id, what):
        code, message = SWITCHED_OFF[what]
        raise Forbidden(str(message), code=code)


def comment_create(*, actor: AbstractBaseUser, post: Post, body: str,
                   parent: Comment | None = None) -> Comment:
    """Comment on a post, or reply to a top-level comment (one level of replies)."""
    _readable(actor, post)
    _allowed(post, "comments")
    body = clean_body(body)
    if post.locked_at is not None:
        raise Conflict(_("This thread is locked: no new comments."), code="locked")
    refusal = posting_refusal(actor, post.group)
    if refusal:
        raise Forbidden(refusal, code="muted")
    if post.group_id and not can_post_in(actor, post.group):
        if post.group.is_archived:
            raise Conflict(_("This group is archived: it is read-only."), code="archived")
        raise Forbidden(_("Join the group to comment."))
    if parent is not None:
        if parent.post_id != post.pk or parent.deleted_at is not None:
            raise Invalid(_("You can only reply to a comment of this post."),
                          fields={"parent": [_("Not a comment of this post.")]})
        parent = parent.parent or parent
    check_rate(actor, "comment")
    result = rendered(body)
    with transaction.atomic():
        comment = Comment.objects.create(post=post, parent=parent, author=actor, body=body,
                                         html=result.html)
        withheld = screened(comment)
        if withheld:
            comment.moderation_state = withheld
            comment.save(update_fields=["moderation_state"])
            comment_event(comment)
            return comment  # counted and told once a moderator approves it
        Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1,
                                               last_activity_at=timezone.now())
        post.refresh_from_db(fields=["comment_count", "last_activity_at"])
        comment_event(comment)
        notify_thread(comment, result.mentions)
    return comment


def notify_thread(comment: Comment, mentions: list[str]) -> None:
    """Mentioned people, the post's author, earlier commenters and the thread's followers
    hear of a comment."""
    post, actor = comment.post, comment.author
    mentioned = readable_mentions(post, actor, mentions)
    for person in mentioned:
        notify(person, NotificationKind.MENTION, actor=actor, post=post, comment=comment)
    told = {person.pk for person in mentioned} | {actor.pk}
    if post.author_id not in told:
        notify(post.author, NotificationKind.COMMENT, actor=actor, post=post, comment=comment)
        told.add(post.author_id)
    earlier = post.comments.filter(deleted_at__isnull=True).exclude(author_id__in=told)
    followers = post.followers.exclude(user_id__in=told)
    # notify() tells only those who may still read the thread and do not mute it.
    for person in User.objects.filter(Q(pk__in=earlier.values("author_id"))
                                      | Q(pk__in=followers.values("user_id"))):
        notify(person, NotificationKind.REPLY, actor=actor, post=post, comment=comment)


def _own_or_moderated(actor: AbstractBaseUser, comment: Comment, verb: str) -> None:
    _readable(actor, comment.post)
    _allowed(comment.post, "comments")
    if comment.deleted_at is not None:
        raise NotFound(_("No such comment."))
    if actor.pk != comment.author_id and not can_moderate(actor, comment.post):
        raise Forbidden(_("Only the author or a moderator may %(verb)s this comment.") % {
            "verb": verb})


def comment_edit(*, actor: AbstractBaseUser, comment: Comment, body: str) -> Comment:
    _own_or_moderated(actor, comment, _("edit"))
    check_not_archived(comment.post)
    body = clean_body(body)
    with transaction.atomic():
        comment.body, comment.html = body, rendered(body).html
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "html", "edited_at"])
        post_event("post.updated", comment.post)
    return comment


def comment_delete(*, actor: AbstractBaseUser, comment: Comment,
                   authorized: bool = False) -> None:
    """`authorized`: the caller checked the actor's right (a moderation case)."""
    if not authorized:
        _own_or_moderated(actor, comment, _("delete"))
    with transaction.atomic():
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["deleted_at"])
        if not comment.moderation_state:  # withheld comments were not counted
            Post.objects.filter(pk=comment.post_id, comment_count__gt=0).update(
                comment_count=F("comment_count") - 1)
        post = comment.post
        post.refresh_from_db(fields=["comment_count"])
        if post.best_answer_id == comment.pk:
            post.best_answer = None
            post.save(update_fields=["best_answer"])
        post_event("post.updated", post)


def _recount(target: Post | Comment) -> None:
    field = "comment" if isinstance(target, Comment) else "post"
    reactions = Reaction.objects.filter(**{field: target})
    if field == "post":
        reactions = reactions.filter(comment__isnull=True)
    counts: dict[str, int] = {}
    for kind in reactions.values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    target.reaction_counts = counts
    type(target).objects.filter(pk=target.pk).update(reaction_counts=counts)


def reaction_set(*, actor: AbstractBaseUser, post: Post, kind: str, on: bool,
                 comment: Comment | None = None) -> Post | Comment:
    """Add (on=True) or take back a reaction to a post or one of its comments."""
    _readable(actor, post)
    _allowed(post, "reactions")
    check_not_archived(post)
    if kind not in ReactionKind.values:
        raise Invalid(_("Unknown reaction."), fields={"kind": [
            _("One of: %(kinds)s.") % {"kinds": ", ".join(ReactionKind.values)}]})
    target = comment or post
    with transaction.atomic():
        lookup = {"user": actor, "post": post, "comment": comment, "kind": kind}
        if on:
            try:
                with transaction.atomic():
                    Reaction.objects.create(**lookup)
            except IntegrityError:
                return target
        elif not Reaction.objects.filter(**lookup).delete()[0]:
            return target
        _recount(target)
        reaction_event(post, comment)
        # A second kind from the same person is not a new reactor to tell of.
        if on and not Reaction.objects.filter(user=actor, post=post, comment=comment).exclude(
                kind=kind).exists():
            notify(target.author, NotificationKind.REACTION, actor=actor, post=post,
                   comment=comment, data={"kind": kind})
    return target
