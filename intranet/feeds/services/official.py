"""Posts of official accounts published on someone's behalf: a brand item approved by a
curator, or by a curation rule Communications set up. The account never typed them, so
the caller checks the authority and names it (`authorised_by`, None for a rule); the
audit log keeps who it was."""

from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Conflict, Invalid
from intranet.core.images import sanitize_image
from intranet.feeds.models import Comment, NotificationKind, Post, PostImage, PostRevision
from intranet.feeds.services.events import comment_event, post_event
from intranet.feeds.services.notifications import notify
from intranet.feeds.services.posts import MAX_IMAGES, _publish, _topics, clean_body, rendered
from intranet.groups.models import InterestGroup
from intranet.people.models import Profile


def official_post_create(*, author: AbstractBaseUser, body: str,
                         group: InterestGroup | None = None,
                         images: Sequence[UploadedFile] = (),
                         authorised_by: AbstractBaseUser | None) -> Post:
    if not Profile.objects.filter(user=author, is_official=True).exists():
        raise Invalid(_("Only official accounts publish on behalf of the company."),
                      fields={"account": [_("Not an official account.")]})
    if group is not None and group.is_archived:
        raise Conflict(_("This group is archived: it is read-only."), code="archived")
    body = clean_body(body)
    result = rendered(body)
    cleaned = [sanitize_image(image, field="images") for image in images[:MAX_IMAGES]]
    with transaction.atomic():
        post = Post.objects.create(
            author=author, group=group,
            audience_key=f"group:{group.pk}" if group else "company", body=body,
            html=result.html, link_url=result.first_link[:2000])
        for position, image in enumerate(cleaned):
            PostImage.objects.create(post=post, image=image, position=position)
        post.topics.set(_topics(result.topics))
        _publish(post, mentions_group=False)
        audit(post, "intranet.post.official_publish", actor=authorised_by)
    return post


def official_post_edit(*, post: Post, body: str,
                       authorised_by: AbstractBaseUser | None) -> Post:
    body = clean_body(body)
    if body == post.body or post.deleted_at is not None:
        return post
    result = rendered(body)
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body, edited_by=authorised_by)
        post.body, post.html, post.edited_at = body, result.html, timezone.now()
        post.save(update_fields=["body", "html", "edited_at"])
        post.topics.set(_topics(result.topics))
        post_event("post.updated", post)
        audit(post, "intranet.post.official_edit", actor=authorised_by)
    return post


def official_post_remove(*, post: Post, authorised_by: AbstractBaseUser | None) -> None:
    if post.deleted_at is not None:
        return
    with transaction.atomic():
        post.deleted_at, post.deleted_by = timezone.now(), authorised_by
        post.save(update_fields=["deleted_at", "deleted_by"])
        post_event("post.deleted", post)
        audit(post, "intranet.post.official_remove", actor=authorised_by)


def official_account() -> AbstractBaseUser | None:
    """The account that speaks for the company when no person does (the first official
    account)."""
    profile = (Profile.objects.filter(is_official=True, user__is_active=True)
               .select_related("user").order_by("pk").first())
    return profile.user if profile is not None else None


def official_reply(*, to: Post | Comment, body: str, author: AbstractBaseUser | None = None,
                   authorised_by: AbstractBaseUser | None = None) -> Comment | None:
    """A reply of an official account (`author`, the first one by default) under a post,
    or in a comment's thread: the guidance a moderation rule gives, or a community
    manager's answer (`authorised_by`, audited). None when there is no official account,
    or the thread is gone or locked."""
    author = author or official_account()
    post = to.post if isinstance(to, Comment) else to
    post.refresh_from_db(fields=["deleted_at", "locked_at"])
    if author is None or post.deleted_at is not None or post.locked_at is not None:
        return None
    parent = (to.parent or to) if isinstance(to, Comment) else None
    body = clean_body(body)
    with transaction.atomic():
        comment = Comment.objects.create(post=post, parent=parent, author=author, body=body,
                                         html=rendered(body).html)
        Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1,
                                               last_activity_at=timezone.now())
        post.refresh_from_db(fields=["comment_count", "last_activity_at"])
        comment_event(comment)
        notify(to.author, NotificationKind.REPLY if parent else NotificationKind.COMMENT,
               actor=author, post=post, comment=comment)
        audit(comment, "intranet.post.official_reply", actor=authorised_by,
              data={"account": author.username, "post": post.pk})
    return comment
