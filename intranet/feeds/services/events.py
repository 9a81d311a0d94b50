"""The feeds' events, each written with its change and sent once it commits."""

from intranet.core.events import publish_event
from intranet.feeds.models import Comment, Post
from intranet.feeds.presenters import comment_data, post_data
from intranet.feeds.selectors import open_audience, post_audience, withheld_audience


def post_stream(post: Post) -> str:
    return f"group:{post.group_id}" if post.group_id else "company"


def post_event(type: str, post: Post) -> None:
    data = {"post": {"id": post.pk}} if type == "post.deleted" else {"post": post_data(post)}
    publish_event(stream=post_stream(post), type=type, data=data, audience=post_audience(post))


def comment_event(comment: Comment) -> None:
    post = comment.post
    audience = withheld_audience(comment) if comment.moderation_state else post_audience(post)
    publish_event(stream=post_stream(post), type="comment.created",
                  data={"comment": comment_data(comment), "post": {
                      "id": post.pk, "comment_count": post.comment_count}},
                  audience=audience)


def reaction_event(post: Post, comment: Comment | None) -> None:
    target = comment or post
    publish_event(stream=post_stream(post), type="reaction.changed",
                  data={"post": post.pk, "comment": comment.pk if comment else None,
                        "reactions": dict(target.reaction_counts)},
                  audience=post_audience(post))


def moderated_event(content: Post | Comment) -> None:
    """Content held, hidden or shown again: sent to everyone who read it or reads it now,
    with ids only; each socket turns it into an update or a removal for its reader
    (`intranet.core.replay.is_per_reader`)."""
    post = content.post if isinstance(content, Comment) else content
    audience = sorted({*open_audience(post), *withheld_audience(content)})
    data = {"post": {"id": post.pk}}
    if isinstance(content, Comment):
        data["comment"] = {"id": content.pk}
    kind = "comment" if isinstance(content, Comment) else "post"
    publish_event(stream=post_stream(post), type=f"{kind}.moderated", data=data,
                  audience=audience)
