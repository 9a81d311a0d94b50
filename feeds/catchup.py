"""Catching up after a dropped connection: what happened in my streams since an id.

Events come back oldest first, filtered by what the person may read *now*, each carrying
the current state of what it is about: an edited post's current text, a post deleted
since (or moved out of reach) as `post.deleted`.
"""

from django.contrib.auth.base_user import AbstractBaseUser

from feeds import selectors
from feeds.presenters import comment_data, post_data
from groups.models import InterestGroup
from groups.selectors import can_read
from intranet.core.audience import audience_keys
from intranet.core.events import event_frame
from intranet.core.models import Event

PAGE = 500


def _streams(user: AbstractBaseUser, keys: frozenset[str], watching: list[str]) -> list[str]:
    groups = {int(key.removeprefix("member:")) for key in keys if key.startswith("member:")}
    for group in InterestGroup.objects.filter(slug__in=watching[:50]):
        if can_read(user, group):
            groups.add(group.pk)
    return ["company", f"user:{user.pk}", *(f"group:{pk}" for pk in groups)]


def _current(user: AbstractBaseUser, frames: list[dict]) -> list[dict]:
    """Each frame as things are now; posts and comments of people `user` blocks left out."""
    blocked = selectors.blocked_ids(user)
    post_ids = {frame["data"]["post"]["id"] for frame in frames
                if frame["type"].startswith("post.")}
    post_ids |= {frame["data"]["post"]["id"] for frame in frames
                 if frame["type"] == "comment.created"}
    posts = {post.pk: post for post in selectors.with_page_data(
        selectors.readable_posts(user).filter(pk__in=post_ids))}
    current = []
    for frame in frames:
        kind = frame["type"]
        if kind.startswith("post."):
            post = posts.get(frame["data"]["post"]["id"])
            if post is None:
                frame = {**frame, "type": "post.deleted",
                         "data": {"post": {"id": frame["data"]["post"]["id"]}}}
            elif post.author_id in blocked:
                continue
            elif kind != "post.deleted":
                frame = {**frame, "data": {"post": post_data(post)}}
        elif kind == "comment.created":
            post = posts.get(frame["data"]["post"]["id"])
            if post is None:
                continue
            comment = post.comments.filter(pk=frame["data"]["comment"]["id"],
                                           deleted_at__isnull=True).select_related("author")
            found = comment.first()
            if found is None or found.author_id in blocked:
                continue
            frame = {**frame, "data": {"comment": comment_data(found), "post": {
                "id": post.pk, "comment_count": post.comment_count}}}
        current.append(frame)
    return current


def events_since(user: AbstractBaseUser, since: int, *, watching: list[str] = ()
                 ) -> tuple[list[dict], int | None]:
    """Frames after `since` in the person's streams, and where to go on from when more
    remain (None when this is all)."""
    keys = audience_keys(user)
    rows = list(Event.objects.filter(id__gt=since, stream__in=_streams(user, keys,
                                                                        list(watching)))
                .order_by("id")[:PAGE + 1])
    next_since = rows[PAGE - 1].id if len(rows) > PAGE else None
    frames = [event_frame(row) for row in rows[:PAGE] if not keys.isdisjoint(row.audience)]
    return _current(user, frames), next_since
