"""Catching up: the feeds' events as they are now, for the socket's resume and for
`GET /api/v1/events/`.

Each resolver takes frames of the log and returns those the reader may still see, in the
current state of what they are about: an edited post's current text; a post deleted
since, or moved out of reach, as `post.deleted`; comments, reactions and notifications
only while their post (and the notification itself) may still be read; nothing by
people the reader blocks.
"""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser

from intranet.core.audience import audience_keys
from intranet.core.replay import check_since, person_streams, replay
from intranet.core.sequencer import dispatch_events
from intranet.feeds import selectors
from intranet.feeds.presenters import comment_data, notification_data, post_data
from intranet.groups.selectors import readable_groups

Frame = dict


def _post_id(frame: Frame) -> int | None:
    post = frame["data"].get("post")
    return post.get("id") if isinstance(post, dict) else post


def _readable_posts(user: AbstractBaseUser, frames: list[Frame]) -> dict:
    ids = {_post_id(frame) for frame in frames} - {None}
    return {post.pk: post for post in selectors.with_page_data(
        selectors.readable_posts(user).filter(pk__in=ids))}


def post_frames(user: AbstractBaseUser, frames: list[Frame]) -> list[Frame]:
    """A `post.moderated` frame (held, hidden, approved, restored) becomes, for each
    reader, the post as they read it now or its removal (`post.deleted`)."""
    posts, blocked = _readable_posts(user, frames), selectors.blocked_ids(user)
    current = []
    for frame in frames:
        post = posts.get(_post_id(frame))
        if post is None:
            current.append({**frame, "type": "post.deleted",
                            "data": {"post": {"id": _post_id(frame)}}})
        elif post.author_id not in blocked and frame["type"] != "post.deleted":
            current.append({**frame, "type": _moderated_as(frame["type"], post, "post"),
                            "data": {"post": post_data(post)}})
    return current


def _moderated_as(kind: str, content, name: str) -> str:
    """What a `<name>.moderated` frame is for one who reads the content: it appears
    (`created`: approved or restored, shown to all) or changes (`updated`: still withheld,
    marked, for its author and moderators)."""
    if kind != f"{name}.moderated":
        return kind
    return f"{name}.updated" if content.moderation_state else f"{name}.created"


def _readable_comments(user: AbstractBaseUser, ids: Iterable[int], posts: dict) -> dict:
    return {comment.pk: comment for comment in selectors.readable_comments(user).filter(
        pk__in=list(ids), post__in=list(posts)).select_related("author")}


def comment_frames(user: AbstractBaseUser, frames: list[Frame]) -> list[Frame]:
    """A `comment.moderated` frame becomes the comment as the reader reads it now or its
    removal (`comment.deleted`)."""
    posts, blocked = _readable_posts(user, frames), selectors.blocked_ids(user)
    comments = _readable_comments(user, [frame["data"]["comment"]["id"] for frame in frames],
                                  posts)
    current = []
    for frame in frames:
        comment_id, post = frame["data"]["comment"]["id"], posts.get(_post_id(frame))
        comment = comments.get(comment_id)
        if post is not None and comment is None and frame["type"] == "comment.moderated":
            current.append({**frame, "type": "comment.deleted", "data": {
                "comment": {"id": comment_id}, "post": {
                    "id": post.pk, "comment_count": post.comment_count}}})
        if comment is None or comment.author_id in blocked:
            continue
        kind = _moderated_as(frame["type"], comment, "comment")
        current.append({**frame, "type": kind, "data": {"comment": comment_data(comment),
                                                        "post": {
            "id": post.pk, "comment_count": post.comment_count}}})
    return current


def reaction_frames(user: AbstractBaseUser, frames: list[Frame]) -> list[Frame]:
    posts = _readable_posts(user, frames)
    comments = _readable_comments(user, [frame["data"]["comment"] for frame in frames
                                         if frame["data"]["comment"]], posts)
    current = []
    for frame in frames:
        post, comment_id = posts.get(frame["data"]["post"]), frame["data"]["comment"]
        target = comments.get(comment_id) if comment_id else post
        if post is not None and target is not None:
            current.append({**frame, "data": {**frame["data"],
                                              "reactions": dict(target.reaction_counts)}})
    return current


def notification_frames(user: AbstractBaseUser, frames: list[Frame]) -> list[Frame]:
    notifications = {n.pk: n for n in selectors.notifications_for(user).filter(
        pk__in=[frame["data"]["notification"]["id"] for frame in frames])}
    return [{**frame, "data": {"notification": notification_data(
        notifications[frame["data"]["notification"]["id"]])}} for frame in frames
        if frame["data"]["notification"]["id"] in notifications]


def own_frames(user: AbstractBaseUser, frames: list[Frame]) -> list[Frame]:
    """Events about the person themselves (whom they block) go to them as they were."""
    return frames


def watched_groups(user: AbstractBaseUser, slugs: Iterable[str]) -> set[int]:
    """The open groups a page watches, of those the person may read (others ignored)."""
    slugs = [str(slug) for slug in slugs][:50]
    return set(readable_groups(user).filter(slug__in=slugs).values_list("pk", flat=True)) \
        if slugs else set()


def events_since(user: AbstractBaseUser, since: int, *, watching: Iterable[str] = ()
                 ) -> tuple[list[Frame], int | None]:
    """Frames after `since` in the person's streams, and where to go on from when more
    remain (None when this is all). Raises TooOld when the log no longer goes back so far."""
    dispatch_events()
    check_since(since)
    keys = audience_keys(user)
    streams = person_streams(user, keys, watched_groups(user, watching))
    return replay(user, keys, streams, since)

