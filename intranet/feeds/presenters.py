"""Posts, comments and notifications as plain data: for the API, the events and pages.

One shape everywhere, so a live update shows exactly what a reload would.
"""

from django.urls import reverse

from intranet.feeds.models import Comment, Notification, NotificationKind, Post


def post_data(post: Post, *, mine: set[str] | None = None) -> dict:
    """A post as clients see it; `mine` adds the reader's own reactions."""
    data = {
        "id": post.pk,
        "author": post.author.username,
        "author_name": post.author.get_display_name(),
        "author_is_former_employee": not post.author.is_active,
        "group": post.group.slug if post.group_id else None,
        "group_name": post.group.name if post.group_id else None,
        "body": post.body,
        "html": post.html,
        "created_at": post.published_at or post.created_at,
        "publish_at": post.publish_at,
        "published": post.published_at is not None,
        "edited_at": post.edited_at,
        "comment_count": post.comment_count,
        "reactions": dict(post.reaction_counts),
        "images": [{"url": image.image.url, "width": image.width, "height": image.height,
                    "alt": image.alt_text}
                   for image in post.images.all()],
        "link": {"url": post.link_url, "title": post.link_title,
                 "description": post.link_description,
                 "image": post.link_image.url if post.link_image else None}
        if post.link_url and post.link_title else None,
        "topics": [topic.slug for topic in post.topics.all()],
        "is_question": post.is_question,
        "best_answer": post.best_answer_id,
        "pinned": post.pinned_at is not None,
        "locked": post.locked_at is not None,
        "url": reverse("feeds:post", args=[post.pk]),
        "conversation_of": {"type": post.subject_type, "id": post.subject_id}
        if post.subject_type else None,
        "moderation": moderation_data(post),
    }
    if mine is not None:
        data["my_reactions"] = sorted(mine)
    return data


def moderation_data(content: Post | Comment) -> dict | None:
    """Why held or hidden content is so; only its author and moderators read it at all."""
    if not content.moderation_state:
        return None
    return {"state": content.moderation_state, "reason": content.moderation_reason}


def comment_data(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "post": comment.post_id,
        "parent": comment.parent_id,
        "author": comment.author.username,
        "author_name": comment.author.get_display_name(),
        "body": comment.body,
        "html": comment.html,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "reactions": dict(comment.reaction_counts),
        "moderation": moderation_data(comment),
    }


def notification_data(notification: Notification) -> dict:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "actors": notification.actors,
        "actor_count": notification.actor_count,
        "post": notification.post_id,
        "comment": notification.comment_id,
        "group": notification.group.slug if notification.group_id else None,
        "data": notification.data,
        "created_at": notification.created_at,
        "updated_at": notification.updated_at,
        "read": notification.read_at is not None,
        "url": notification_url(notification),
    }


def notification_url(notification: Notification) -> str:
    if notification.kind in (NotificationKind.ANNOUNCEMENT, NotificationKind.MODERATION):
        return notification.data.get("url") or reverse("feeds:notifications")
    if notification.post_id:
        anchor = f"#comment-{notification.comment_id}" if notification.comment_id else ""
        return reverse("feeds:post", args=[notification.post_id]) + anchor
    if notification.group_id:
        # Requests to join open where they are decided; the rest, the group.
        page = ("groups:requests" if notification.data.get("event") == "group.request_received"
                else "groups:detail")
        return reverse(page, args=[notification.group.slug])
    return reverse("feeds:notifications")
