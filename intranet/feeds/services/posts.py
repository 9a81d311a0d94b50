"""Posts: publish (now or later), edit with history, delete, pin, lock, best answers."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Conflict, Forbidden, Invalid, NotFound, TooLarge
from intranet.core.images import display_copy, sanitize_image
from intranet.core.ratelimit import check_rate
from intranet.feeds.extensions import posting_refusal, screened
from intranet.feeds.markup import Rendered, render, topic_slug
from intranet.feeds.models import (
    MAX_BODY,
    Comment,
    NotificationKind,
    Post,
    PostImage,
    PostRevision,
    Topic,
)
from intranet.feeds.permissions import can_moderate, can_post_in
from intranet.feeds.selectors import can_read_post, readers_among
from intranet.feeds.services.events import post_event
from intranet.feeds.services.notifications import notify, notify_many
from intranet.feeds.tasks import fetch_link_preview, notify_group_mention
from intranet.groups.models import InterestGroup, NotificationLevel
from intranet.groups.permissions import MODERATE, group_permissions
from intranet.people.selectors import can_contact

User = get_user_model()
MAX_IMAGES = 10
MAX_ALT_TEXT = PostImage._meta.get_field("alt_text").max_length
INACTIVE_AFTER_DAYS = 180


def clean_body(body: str) -> str:
    """The text of a post or comment: not empty, and at most MAX_BODY characters, each
    line break counted once (a browser sends them as CR LF, and they are kept as LF)."""
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise Invalid(_("Write something first."), fields={"body": [_("This field is required.")]})
    if len(body) > MAX_BODY:
        raise TooLarge(_("A text may be %(max)s characters at most; this one has %(n)s.") % {
            "max": f"{MAX_BODY:,}", "n": f"{len(body):,}"},
            fields={"body": [_("Too long.")]})
    return body


def rendered(body: str) -> Rendered:
    """Render once to find the names, then again knowing which are colleagues."""
    names = render(body).mentions
    known = {person.username: person.get_display_name()
             for person in User.objects.filter(username__in=names, is_active=True)}
    return render(body, known_users=known)


def _topics(names: Sequence[str]) -> list[Topic]:
    topics = []
    for name in names:
        topic, _created = Topic.objects.get_or_create(slug=topic_slug(name),
                                                      defaults={"name": name})
        topics.append(topic)
    return topics


def readable_mentions(post: Post, author: AbstractBaseUser, names: Sequence[str]) -> list:
    """The mentioned people who may read the post and who accept contact from the author."""
    people = list(User.objects.filter(username__in=names, is_active=True))
    readers = readers_among(post, people)
    return [person for person in people if person.pk in readers
            and person.pk != author.pk and can_contact(author, person)]


def post_create(*, actor: AbstractBaseUser, body: str, group: InterestGroup | None = None,
                images: Sequence[UploadedFile] = (), alt_texts: Sequence[str] = (),
                publish_at: datetime | None = None, is_question: bool = False) -> Post:
    """Publish a post in a group (its members) or company-wide (HR and Communications).
    `alt_texts` describe the images, in their order; an image may go undescribed."""
    body = clean_body(body)
    refusal = posting_refusal(actor, group)
    if refusal:
        raise Forbidden(refusal, code="muted")
    if not can_post_in(actor, group):
        if group is not None and group.is_archived:
            raise Conflict(_("This group is archived: it is read-only."), code="archived")
        raise Forbidden(_("You may not post here.") if group else
                        _("Only HR and Communications post to the whole company."))
    if len(images) > MAX_IMAGES:
        raise Invalid(_("A post may have %(max)s images at most.") % {"max": MAX_IMAGES},
                      fields={"images": [_("Too many images.")]})
    # An empty description beyond the images is a form's unused field, not a mistake.
    alt_texts = [text.strip() for text in alt_texts]
    alt_texts, extra = alt_texts[:len(images)], alt_texts[len(images):]
    if any(extra) or any(len(text) > MAX_ALT_TEXT for text in alt_texts):
        raise Invalid(_("Give at most one description per image, of %(max)s characters at "
                        "most.") % {"max": MAX_ALT_TEXT},
                      fields={"alt_texts": [_("Too many or too long descriptions.")]})
    if publish_at is not None and publish_at <= timezone.now():
        publish_at = None
    check_rate(actor, "post")
    cleaned = [sanitize_image(image, field="images") for image in images]
    displays = [display_copy(image) for image in cleaned]
    result = rendered(body)
    with transaction.atomic():
        post = Post.objects.create(
            author=actor, group=group, audience_key=f"group:{group.pk}" if group else "company",
            body=body, html=result.html, publish_at=publish_at, is_question=is_question,
            link_url=result.first_link[:2000])
        for position, image in enumerate(cleaned):
            PostImage.objects.create(post=post, image=image, display=displays[position],
                                     position=position,
                                     alt_text=(alt_texts[position]
                                               if position < len(alt_texts) else ""))
        post.topics.set(_topics(result.topics))
        post.mentions.set(readable_mentions(post, actor, result.mentions))
        if publish_at is None:
            _publish(post, mentions_group=result.mentions_group)
    return post


def _publish(post: Post, *, mentions_group: bool) -> None:
    """Make a post visible: its live event, its notifications and its link preview."""
    now = timezone.now()
    post.published_at = now
    post.last_activity_at = now
    post.save(update_fields=["published_at", "last_activity_at"])
    withheld = screened(post)
    if withheld:
        post.moderation_state = withheld
        post.save(update_fields=["moderation_state"])
    post_event("post.created", post)
    if withheld:
        return  # its readers hear of it once a moderator approves it
    for person in post.mentions.all():
        notify(person, NotificationKind.MENTION, actor=post.author, post=post)
    if mentions_group and post.group_id \
            and MODERATE in group_permissions(post.author, post.group):
        transaction.on_commit(lambda: notify_group_mention.enqueue(post.pk))
    if post.link_url:
        transaction.on_commit(lambda: fetch_link_preview.enqueue(post.pk))


def group_mention_notify(post_id: int) -> int:
    """@group, in the background after the post commits: members who want everything or
    mentions hear of it, active ones only, in bulk."""
    post = Post.objects.filter(pk=post_id, published_at__isnull=False,
                               deleted_at__isnull=True).select_related("author",
                                                                       "group").first()
    if post is None or post.group is None:
        return 0
    since = timezone.now() - timedelta(days=INACTIVE_AFTER_DAYS)
    members = (User.objects.filter(memberships__group=post.group, is_active=True,
                                   memberships__notification_level__in=[
                                       NotificationLevel.ALL, NotificationLevel.MENTIONS])
               .exclude(pk=post.author_id).exclude(last_login__lt=since)
               .iterator(chunk_size=2000))
    with transaction.atomic():
        return len(notify_many(members, NotificationKind.GROUP_MENTION, actor=post.author,
                               post=post, group=post.group))


def publish_due_posts() -> int:
    """Publish the scheduled posts whose time has come (a periodic job).

    A post whose author may no longer post where it was written stays unpublished; it is
    passed over, in batches, so that such posts never hold back the ones behind them.
    """
    due = Post.objects.filter(published_at__isnull=True, deleted_at__isnull=True,
                              publish_at__lte=timezone.now()).order_by("publish_at", "pk")
    published, after = 0, None
    while True:
        batch = due if after is None else due.filter(
            Q(publish_at__gt=after[0]) | Q(publish_at=after[0], pk__gt=after[1]))
        rows = list(batch.values_list("publish_at", "pk")[:200])
        if not rows:
            return published
        after = rows[-1]
        for _when, post_id in rows:
            with transaction.atomic():
                # of=("self",): PostgreSQL cannot lock the nullable side of the group join.
                post = Post.objects.select_for_update(skip_locked=True, of=("self",)).filter(
                    pk=post_id, published_at__isnull=True).select_related("author",
                                                                          "group").first()
                if post is None or not can_post_in(post.author, post.group):
                    continue
                _publish(post, mentions_group=rendered(post.body).mentions_group)
                published += 1


def _post_for_change(actor: AbstractBaseUser, post: Post) -> Post:
    if not can_read_post(actor, post):
        raise NotFound(_("No such post."))
    return post


def check_not_archived(post: Post) -> None:
    """An archived group is read-only: its posts, comments and reactions stay as they are
    (moderators may still delete)."""
    if post.group_id and post.group.is_archived:
        raise Conflict(_("This group is archived: it is read-only."), code="archived")


def post_edit(*, actor: AbstractBaseUser, post: Post, body: str) -> Post:
    """Change a post's text; the previous text is kept and the post marked edited."""
    _post_for_change(actor, post)
    if actor.pk != post.author_id and not can_moderate(actor, post):
        raise Forbidden(_("Only the author or a moderator may edit this post."))
    check_not_archived(post)
    body = clean_body(body)
    if body == post.body:
        return post
    result = rendered(body)
    link_url = result.first_link[:2000]
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body, edited_by=actor)
        post.body, post.html, post.edited_at = body, result.html, timezone.now()
        fields = ["body", "html", "edited_at"]
        if link_url != post.link_url:
            # The preview of the old link does not describe the new one: drop it, and
            # fetch the new link's (a scheduled post fetches it when it is published).
            old_image = post.link_image.name
            post.link_url, post.link_title, post.link_description = link_url, "", ""
            post.link_image = ""
            fields += ["link_url", "link_title", "link_description", "link_image"]
            if old_image:
                storage = post.link_image.storage
                transaction.on_commit(lambda: storage.delete(old_image))
            if link_url and post.published_at is not None:
                transaction.on_commit(lambda: fetch_link_preview.enqueue(post.pk))
        post.save(update_fields=fields)
        post.topics.set(_topics(result.topics))
        before = set(post.mentions.values_list("pk", flat=True))
        mentioned = readable_mentions(post, post.author, result.mentions)
        post.mentions.set(mentioned)
        if post.published_at is not None:
            post_event("post.updated", post)
            for person in mentioned:
                if person.pk not in before:
                    notify(person, NotificationKind.MENTION, actor=post.author, post=post)
        if actor.pk != post.author_id:
            audit(post, "intranet.post.moderate_edit", actor=actor)
    return post


def post_delete(*, actor: AbstractBaseUser, post: Post, authorized: bool = False) -> None:
    """Remove a post from every feed; it stays in the database for the moderation record.
    `authorized`: the caller checked the actor's right (a moderation case they review)."""
    if not authorized:
        _post_for_change(actor, post)
        if actor.pk != post.author_id and not can_moderate(actor, post):
            raise Forbidden(_("Only the author or a moderator may delete this post."))
    with transaction.atomic():
        post.deleted_at, post.deleted_by = timezone.now(), actor
        post.save(update_fields=["deleted_at", "deleted_by"])
        if post.published_at is not None:
            post_event("post.deleted", post)
        if actor.pk != post.author_id:
            audit(post, "intranet.post.moderate_delete", actor=actor)


def _moderated_change(actor: AbstractBaseUser, post: Post, field: str, value: bool,
                      action: str, authorized: bool = False) -> Post:
    if not authorized:
        _post_for_change(actor, post)
        if not can_moderate(actor, post):
            raise Forbidden(_("Only moderators may do that."))
    if (getattr(post, field) is not None) == value:
        return post
    with transaction.atomic():
        setattr(post, field, timezone.now() if value else None)
        post.save(update_fields=[field])
        post_event("post.updated", post)
        audit(post, action, actor=actor, data={"on": value})
    return post


def post_pin(*, actor: AbstractBaseUser, post: Post, pinned: bool) -> Post:
    """Pin a post at the top of its group's feed (or of everyone's, company-wide)."""
    return _moderated_change(actor, post, "pinned_at", pinned, "intranet.post.pin")


def post_lock(*, actor: AbstractBaseUser, post: Post, locked: bool,
              authorized: bool = False) -> Post:
    """Lock a thread: nobody can comment any more."""
    return _moderated_change(actor, post, "locked_at", locked, "intranet.post.lock",
                             authorized)


def post_mark_best_answer(*, actor: AbstractBaseUser, post: Post,
                          comment: Comment | None) -> Post:
    """The author of a question marks the comment that answered it (or clears it)."""
    _post_for_change(actor, post)
    if actor.pk != post.author_id:
        raise Forbidden(_("Only the author of the question chooses its best answer."))
    if not post.is_question:
        raise Invalid(_("Only questions have a best answer."), code="not_a_question")
    if comment is not None and (comment.post_id != post.pk or comment.deleted_at is not None):
        raise Invalid(_("That comment does not answer this question."),
                      fields={"comment": [_("Not a comment of this post.")]})
    with transaction.atomic():
        post.best_answer = comment
        post.save(update_fields=["best_answer"])
        post_event("post.updated", post)
        if comment is not None:
            notify(comment.author, NotificationKind.BEST_ANSWER, actor=actor, post=post,
                   comment=comment)
    return post


def post_attach_preview(*, post_id: int, url: str, title: str, description: str,
                        image) -> bool:
    """Store a fetched link preview, unless the post changed its link meanwhile."""
    with transaction.atomic():
        post = Post.objects.select_for_update().filter(
            pk=post_id, link_url=url, deleted_at__isnull=True).first()
        if post is None:
            return False
        post.link_title, post.link_description = title, description
        if image is not None:
            post.link_image = image
        post.save(update_fields=["link_title", "link_description", "link_image"])
        if post.published_at is not None:
            post_event("post.updated", post)
    return True
