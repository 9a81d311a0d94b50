"""What may be reported, found through each kind's read policy: one reports only what
one may read, and anything else is "not found", exactly as if it did not exist."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model

from intranet.core.policy import read_policy
from intranet.feeds.models import Comment, Post
from intranet.groups.models import InterestGroup

# The kinds of target the API names, and the read policy of each (people: any colleague).
POLICIES = {"post": "post", "comment": "comment", "brand_item": "brand item", "person": None}


def find_target(user: AbstractBaseUser, kind: str, key: str) -> Model | None:
    """The object `kind` + `key` names, if `user` may read it."""
    key = str(key)
    if kind == "person":
        return (get_user_model().objects.filter(username=key, is_active=True)
                .exclude(pk=user.pk).first())
    if kind not in POLICIES or not key.isascii() or not key.isdigit() or len(key) > 18:
        return None
    return read_policy(POLICIES[kind]).readable(user).filter(pk=int(key)).first()


def group_of(target: Model) -> InterestGroup | None:
    """The group whose moderators review `target`: a post's group, a comment's or brand
    item's post's group; none for company-wide content and people."""
    if isinstance(target, get_user_model()):
        return None
    if hasattr(target, "group_id"):
        return target.group
    post = getattr(target, "post", None)
    return post.group if post is not None else None


def target_key(target: Model) -> str:
    """How the API names `target`: a username for a person, an id otherwise."""
    return target.username if isinstance(target, get_user_model()) else str(target.pk)


def content_of(target: Model | None):
    """The post or comment a decision on `target` holds, hides or removes: the post a
    brand item became; None for a person (and a brand item never published)."""
    if isinstance(target, Post | Comment):
        return target
    post = getattr(target, "post", None)
    return post if isinstance(post, Post) else None


def author_of(target: Model | None) -> AbstractBaseUser | None:
    """Whom decisions on `target` are about: its author, or the person reported."""
    if target is None or isinstance(target, get_user_model()):
        return target
    content = content_of(target)
    return content.author if content is not None else None
