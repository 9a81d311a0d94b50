"""The feeds' part of a person's data: what they wrote (posts with their images,
comments, reactions), what they were told (notifications) and whom and what they follow
or block; its export, and its erasure.

On erasure, mentions of the person in anyone's posts, comments and earlier versions
become "Former employee", and the notifications that name them name them no more. Their
posts and comments stay, as "Former employee", or are emptied and deleted (as
ERASURE_CONTENT says); posts they only scheduled never appear.
"""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from intranet.core.personal_data import Archive, Erasure, register_personal_data
from intranet.feeds.models import (
    Block,
    Comment,
    Mute,
    Notification,
    NotificationSettings,
    PersonFollow,
    Post,
    PostRevision,
    Reaction,
    ThreadFollow,
    TopicFollow,
)
from intranet.feeds.presenters import notification_data
from intranet.feeds.services.comments import _recount
from intranet.feeds.services.events import post_event
from intranet.feeds.services.posts import rendered
from intranet.search.indexing import enqueue
from intranet.search.registry import index_for_model


def _post_record(post: Post, archive: Archive) -> dict:
    return {
        "id": post.pk, "group": post.group.slug if post.group_id else None,
        "body": post.body, "created_at": post.created_at, "publish_at": post.publish_at,
        "published_at": post.published_at, "edited_at": post.edited_at,
        "deleted_at": post.deleted_at, "is_question": post.is_question,
        "topics": [topic.slug for topic in post.topics.all()],
        "link": post.link_url or None,
        "images": [{"file": archive.add_file(f"files/posts/{post.pk}-{image.position}",
                                             image.image), "alt": image.alt_text}
                   for image in post.images.all()],
        "earlier_versions": [{"body": revision.body, "replaced_at": revision.replaced_at}
                             for revision in post.revisions.all()],
    }


def export_feeds(user: AbstractBaseUser, archive: Archive) -> None:
    posts = (Post.objects.filter(author=user).select_related("group")
             .prefetch_related("topics", "images", "revisions").order_by("created_at", "pk"))
    archive.add_json("posts.json", [_post_record(post, archive)
                                    for post in posts.iterator(chunk_size=500)])
    archive.add_json("comments.json", [
        {"id": comment.pk, "post": comment.post_id, "parent": comment.parent_id,
         "body": comment.body, "created_at": comment.created_at,
         "edited_at": comment.edited_at, "deleted_at": comment.deleted_at}
        for comment in Comment.objects.filter(author=user).order_by("created_at", "pk")])
    archive.add_json("reactions.json", list(
        Reaction.objects.filter(user=user).order_by("created_at", "pk")
        .values("kind", "post", "comment", "created_at")))
    archive.add_json("notifications.json", [
        notification_data(notification) for notification in
        Notification.objects.filter(recipient=user).select_related("group")
        .order_by("created_at", "pk").iterator(chunk_size=500)])
    preferences = NotificationSettings.objects.filter(user=user).values(
        "email_mentions", "daily_digest", "notify_reactions", "notify_comments",
        "muted_until", "quiet_from", "quiet_until").first()
    archive.add_json("following.json", {
        "people": list(PersonFollow.objects.filter(follower=user)
                       .values_list("followed__username", flat=True)),
        "topics": list(TopicFollow.objects.filter(user=user)
                       .values_list("topic__slug", flat=True)),
        "threads": list(ThreadFollow.objects.filter(user=user)
                        .values_list("post_id", flat=True)),
        "blocked": list(Block.objects.filter(blocker=user)
                        .values_list("blocked__username", flat=True)),
        "mutes": [{"group": mute.group.slug if mute.group_id else None,
                   "post": mute.post_id, "until": mute.until}
                  for mute in Mute.objects.filter(user=user).select_related("group")],
        "notification_settings": preferences,
    })


def _reindex(post_ids: Iterable[int]) -> None:
    for index in index_for_model(Post):
        enqueue(index, list(post_ids))


def _without_mentions(erasure: Erasure) -> None:
    """Anyone's text that mentions the person is written again without them."""
    mention = f"@{erasure.username}"
    link = f"/people/{erasure.username}/"
    for model in (Post, Comment):
        for text in model.objects.filter(Q(body__contains=mention) | Q(html__contains=link)):
            body = erasure.without_mentions(text.body)
            html = rendered(body).html
            if (body, html) == (text.body, text.html):
                continue  # another name that starts like theirs
            text.body, text.html = body, html
            text.save(update_fields=["body", "html"])
            if isinstance(text, Post) and text.is_published:
                post_event("post.updated", text)
    for revision in PostRevision.objects.filter(body__contains=mention):
        revision.body = erasure.without_mentions(revision.body)
        revision.save(update_fields=["body"])
    Post.mentions.through.objects.filter(user_id=erasure.user.pk).delete()


def _empty_posts(posts: Iterable[Post]) -> None:
    """Posts deleted, and emptied: text, images, link preview and earlier versions."""
    now = timezone.now()
    for post in posts:
        shown = post.is_published
        files = [stored for image in post.images.all() for stored in (image.image, image.display)
                 if stored] + ([post.link_image] if post.link_image else [])
        for stored in files:
            transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))
        post.images.all().delete()
        post.revisions.all().delete()
        post.topics.clear()
        post.body = post.html = post.link_url = post.link_title = post.link_description = ""
        post.link_image, post.pinned_at = "", None
        post.deleted_at = post.deleted_at or now
        post.save()
        if shown:
            post_event("post.deleted", post)


def _empty_comments(user: AbstractBaseUser) -> None:
    """The person's comments deleted and emptied; their posts' counts follow."""
    now, threads = timezone.now(), set()
    for comment in Comment.objects.filter(author=user):
        if comment.deleted_at is None and not comment.moderation_state:
            Post.objects.filter(pk=comment.post_id, comment_count__gt=0).update(
                comment_count=F("comment_count") - 1)
        comment.body = comment.html = ""
        comment.deleted_at = comment.deleted_at or now
        comment.save(update_fields=["body", "html", "deleted_at"])
        threads.add(comment.post_id)
    Post.objects.filter(best_answer__author=user).update(best_answer=None)
    for post in Post.objects.filter(pk__in=threads, published_at__isnull=False,
                                    deleted_at__isnull=True):
        post_event("post.updated", post)


def _withdraw_reactions(user: AbstractBaseUser) -> None:
    reactions = Reaction.objects.filter(user=user).select_related("post", "comment")
    targets = {reaction.comment or reaction.post for reaction in reactions}
    reactions.delete()
    for target in targets:
        _recount(target)


def erase_feeds(erasure: Erasure) -> None:
    user = erasure.user
    _without_mentions(erasure)
    own = Post.objects.filter(author=user)
    if erasure.delete_content:
        # A conversation under an announcement holds others' comments, not the person's
        # words: it stays, under "Former employee".
        _empty_posts(own.filter(subject_type="").select_related("group", "author"))
        _empty_comments(user)
        _withdraw_reactions(user)
        Notification.objects.filter(Q(post__author=user) | Q(comment__author=user)).delete()
    else:
        _empty_posts(own.filter(published_at__isnull=True, deleted_at__isnull=True))
    _reindex(own.values_list("pk", flat=True))
    Notification.objects.filter(recipient=user).delete()
    for notification in Notification.objects.filter(erasure.naming("actors")
                                                    | erasure.naming("data")):
        Notification.objects.filter(pk=notification.pk).update(
            actors=erasure.scrub(notification.actors), data=erasure.scrub(notification.data))
    for model, fields in ((NotificationSettings, ["user"]), (Mute, ["user"]),
                          (TopicFollow, ["user"]), (ThreadFollow, ["user"]),
                          (PersonFollow, ["follower", "followed"]),
                          (Block, ["blocker", "blocked"])):
        found = Q(pk__in=[])
        for field in fields:
            found |= Q(**{field: user})
        model.objects.filter(found).delete()


register_personal_data("feeds", export=export_feeds, erase=erase_feeds, order=30)
