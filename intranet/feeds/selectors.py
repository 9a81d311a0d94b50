"""Reads of posts, comments and notifications for the person asking.

Every read filters on the reader's audience keys (one selector, in the core), so a post in
a private or secret group reaches its members only, however it is asked for.
"""

import html
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext

from intranet.core.audience import audience_keys, audience_keys_for_users
from intranet.feeds.extensions import post_subject, readable_conversations, readable_subjects
from intranet.feeds.models import (
    Block,
    Comment,
    Mute,
    Notification,
    NotificationKind,
    NotificationSettings,
    PersonFollow,
    Post,
    PostImage,
    Reaction,
    Topic,
    Withheld,
)
from intranet.feeds.permissions import COMPANY_WIDE, MODERATE_EVERYWHERE
from intranet.groups.models import InterestGroup, Membership, Role
from intranet.people.selectors import person_views, profile_queryset


def feed_posts(user: AbstractBaseUser, keys: frozenset[str] | None = None
               ) -> QuerySet[Post]:
    """What feeds show of the read policy: published, not deleted posts whose audience
    `user` belongs to, without the conversations under other apps' objects."""
    keys = audience_keys(user) if keys is None else keys
    if not keys:
        return Post.objects.none()
    return Post.objects.filter(Q(moderation_state="") | withheld_shown_to(user),
                               audience_key__in=keys, subject_type="",
                               published_at__isnull=False, deleted_at__isnull=True)


def withheld_shown_to(user: AbstractBaseUser, prefix: str = "") -> Q:
    """Which held or hidden posts or comments (`prefix` "post__" for comments, whose post
    decides) `user` still reads, marked: their own, and those they moderate."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.has_perm(MODERATE_EVERYWHERE):
        return Q(moderation_state__in=Withheld.values)
    moderated = Q(**{f"{prefix}group_id__in": Membership.objects.filter(
        user_id=user.pk, role__in=[Role.OWNER, Role.MODERATOR]).values("group_id")})
    if user.has_perm(COMPANY_WIDE):
        moderated |= Q(**{f"{prefix}group__isnull": True})
    return Q(author_id=user.pk) | moderated


def can_read_withheld(user: AbstractBaseUser, content: "Post | Comment") -> bool:
    """Whether `user` reads `content` (a post or a comment) although it is withheld."""
    post = content.post if isinstance(content, Comment) else content
    return content.author_id == user.pk or (
        user.is_authenticated and moderation_of(user).covers(post))


def readable_posts(user: AbstractBaseUser, keys: frozenset[str] | None = None
                   ) -> QuerySet[Post]:
    """The read policy of posts: published, not deleted posts whose audience `user`
    belongs to, and conversations under objects they may read (an announcement's)."""
    keys = audience_keys(user) if keys is None else keys
    if not keys:
        return Post.objects.none()
    shown = Q(audience_key__in=keys, subject_type="") | readable_conversations(user)
    return Post.objects.filter(shown & (Q(moderation_state="") | withheld_shown_to(user)),
                               published_at__isnull=False, deleted_at__isnull=True)


def can_read_post(user: AbstractBaseUser, post: Post) -> bool:
    if post.deleted_at is not None:
        return False
    if post.moderation_state and not can_read_withheld(user, post):
        return False
    if post.published_at is None:
        return post.author_id == user.pk
    subject = post_subject(post.subject_type)
    if subject is not None:
        return subject.readable(user).filter(pk=post.subject_id).exists()
    return post.audience_key in audience_keys(user)


def post_audience(post: Post) -> list[str]:
    """Who may read a post, as audience keys (for its events and search): its audience,
    or its subject's readers for a conversation."""
    return withheld_audience(post) if post.moderation_state else open_audience(post)


def open_audience(post: Post) -> list[str]:
    """Who reads a post when nothing withholds it."""
    subject = post_subject(post.subject_type)
    return subject.audience(post.subject_id) if subject else [post.audience_key]


def withheld_audience(content: "Post | Comment") -> list[str]:
    """Who reads held or hidden content, as audience keys: its author and the moderators
    of its group (`moderator:<id>`; community managers read it from the queue)."""
    post = content.post if isinstance(content, Comment) else content
    author = f"user:{content.author_id}"
    return [author, f"moderator:{post.group_id}"] if post.group_id else [author]


def readers_among(post: Post, people: Sequence[AbstractBaseUser]) -> set[int]:
    """The ids of those of `people` whose keys let them read `post` once published (the
    post policy for a batch of people, in one query per key provider)."""
    subject = post_subject(post.subject_type)
    if subject is not None:
        return {person.pk for person in people
                if subject.readable(person).filter(pk=post.subject_id).exists()}
    keys = audience_keys_for_users(people)
    return {person.pk for person in people if post.audience_key in keys.get(person.pk, ())}


def post_for(user: AbstractBaseUser, post_id: int) -> Post | None:
    """The post if `user` may read it (a scheduled one only for its author)."""
    post = with_page_data(Post.objects.filter(pk=post_id, deleted_at__isnull=True)).first()
    return post if post is not None and can_read_post(user, post) else None


def blocked_ids(user: AbstractBaseUser) -> set[int]:
    return set(Block.objects.filter(blocker_id=user.pk).values_list("blocked_id", flat=True))


def with_page_data(posts: QuerySet[Post]) -> QuerySet[Post]:
    """Everything a page of posts shows, in a constant number of queries."""
    return posts.select_related("author", "group", "author__profile").prefetch_related(
        Prefetch("images", queryset=PostImage.objects.order_by("position", "pk")), "topics")


def home_feed(user: AbstractBaseUser) -> QuerySet[Post]:
    """Company-wide posts, posts of my groups, of people and topics I follow; not of people
    I block."""
    keys = audience_keys(user)
    my_groups = [key.replace("member:", "group:") for key in keys if key.startswith("member:")]
    followed_people = PersonFollow.objects.filter(follower_id=user.pk).values("followed_id")
    followed_topics = Post.topics.through.objects.filter(
        topic__followers__user_id=user.pk).values("post_id")
    # Semi-joins, not joins: no duplicates to remove, so the newest posts come straight
    # off the index.
    return (feed_posts(user, keys)
            .filter(Q(audience_key__in=["company", *my_groups])
                    | Q(author_id__in=followed_people) | Q(pk__in=followed_topics))
            .exclude(author_id__in=blocked_ids(user)))


def group_feed(user: AbstractBaseUser, group) -> QuerySet[Post]:
    return feed_posts(user).filter(group=group).exclude(author_id__in=blocked_ids(user))


def readable_topics(user: AbstractBaseUser) -> QuerySet[Topic]:
    """The topics a person may know of: those of at least one post they may read. A
    topic used only in a secret group does not exist for anyone else."""
    return Topic.objects.filter(Exists(Post.topics.through.objects.filter(
        topic=OuterRef("pk"), post__in=readable_posts(user))))


def topic_for(user: AbstractBaseUser, slug: str) -> Topic | None:
    return readable_topics(user).filter(slug=str(slug)).first()


def topic_feed(user: AbstractBaseUser, topic: Topic) -> QuerySet[Post]:
    return feed_posts(user).filter(topics=topic).exclude(author_id__in=blocked_ids(user))


def person_posts(user: AbstractBaseUser, author: AbstractBaseUser) -> QuerySet[Post]:
    return feed_posts(user).filter(author=author)


def pinned_posts(user: AbstractBaseUser, posts: QuerySet[Post]) -> list[Post]:
    """The pinned posts among `posts`, most recently pinned first."""
    return list(with_page_data(posts.filter(pinned_at__isnull=False).order_by("-pinned_at")))


def scheduled_posts(user: AbstractBaseUser) -> QuerySet[Post]:
    return with_page_data(Post.objects.filter(author=user, published_at__isnull=True,
                                              deleted_at__isnull=True).order_by("publish_at"))


def my_reactions(user: AbstractBaseUser, posts: Sequence[Post]) -> dict[int, set[str]]:
    """For each post on a page, the kinds of reaction `user` gave it (one query)."""
    mine: dict[int, set[str]] = {}
    for post_id, kind in Reaction.objects.filter(
            user_id=user.pk, post__in=[p.pk for p in posts], comment__isnull=True
    ).values_list("post_id", "kind"):
        mine.setdefault(post_id, set()).add(kind)
    return mine


def comments_for(user: AbstractBaseUser, post: Post) -> QuerySet[Comment]:
    """A post's comments in order; callers have checked the post is readable. Held and
    hidden comments only for their author and the post's moderators."""
    comments = post.comments.filter(deleted_at__isnull=True)
    if not (user.is_authenticated and moderation_of(user).covers(post)):
        comments = comments.filter(Q(moderation_state="") | Q(author_id=user.pk))
    return comments.exclude(author_id__in=blocked_ids(user)).select_related("author")


def threads_of(user: AbstractBaseUser, post: Post | None) -> list[tuple[Comment, list]]:
    """A post's comments as threads: each top-level comment with its replies."""
    if post is None:
        return []
    comments = list(comments_for(user, post))
    return [(c, [r for r in comments if r.parent_id == c.pk]) for c in comments
            if c.parent_id is None]


def readable_comments(user: AbstractBaseUser) -> QuerySet[Comment]:
    """Comments not deleted, under posts `user` may read; held and hidden ones only for
    their author and the post's moderators."""
    return Comment.objects.filter(Q(moderation_state="") | withheld_shown_to(user, "post__"),
                                  post__in=readable_posts(user), deleted_at__isnull=True)


def can_read_comment(user: AbstractBaseUser, comment: Comment) -> bool:
    if comment.moderation_state and not can_read_withheld(user, comment):
        return False
    return comment.deleted_at is None and can_read_post(user, comment.post)


def comment_for(user: AbstractBaseUser, comment_id: int) -> Comment | None:
    comment = (Comment.objects.select_related("post", "post__group", "author")
               .filter(pk=comment_id).first())
    return comment if comment is not None and can_read_comment(user, comment) else None


def notifications_for(user: AbstractBaseUser) -> QuerySet[Notification]:
    """Notifications about things `user` may still read (a post can move out of reach, a
    post or comment can be deleted)."""
    return (Notification.objects.filter(recipient_id=user.pk)
            .filter(Q(post__isnull=True) | Q(post__in=readable_posts(user)))
            .filter(Q(comment__isnull=True) | Q(comment__deleted_at__isnull=True,
                                                 comment__moderation_state=""))
            .filter(readable_subjects(user))
            .select_related("post", "group", "comment"))


def unread_count(user: AbstractBaseUser) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


PREVIEW_LENGTH = 140


@dataclass(frozen=True)
class NotificationEntry:
    """One notification as its reader sees it in a list: who (`actor`: a display name and,
    when the reader may see it, a photo), what (the notification), a preview of the text
    it is about, and whether it was unread when the list was read."""

    notification: Notification
    actor: dict
    preview: str
    unread: bool


def plain_preview(text_html: str, text: str = "", length: int = PREVIEW_LENGTH) -> str:
    """The start of a post's or comment's text, as plain text on one line."""
    plain = html.unescape(strip_tags(text_html)) if text_html else text
    return Truncator(" ".join(plain.split())).chars(length)


def notification_entries(user: AbstractBaseUser,
                         notifications: Sequence[Notification]) -> list[NotificationEntry]:
    """`user`'s notifications (from `notifications_for`) ready to list, in a constant
    number of queries. The preview is the comment's text, or else the post's, read again
    here against the read policy: never a deleted comment, a post out of reach or the
    words of someone the reader blocked. The actor's photo follows their privacy."""
    readable = set(readable_posts(user).filter(
        pk__in={n.post_id for n in notifications if n.post_id}).values_list("pk", flat=True))
    blocked = blocked_ids(user)
    usernames = {n.actors[0].get("username") for n in notifications if n.actors}
    profiles = list(profile_queryset().filter(user__username__in=usernames))
    people = {view["username"]: view for view in person_views(user, profiles)}
    entries = []
    for notification in notifications:
        entries.append(NotificationEntry(
            notification=notification, actor=_actor_of(notification, people),
            preview=_preview_of(notification, readable, blocked),
            unread=notification.read_at is None))
    return entries


def _actor_of(notification: Notification, people: dict[str, dict]) -> dict:
    """The first actor as the reader may see them; without one, what it is about."""
    first = notification.actors[0] if notification.actors else {}
    view = people.get(first.get("username", ""))
    if view is not None:
        # A former colleague's photo is no longer served: their initial stands in.
        photo = None if view["is_former_employee"] else view.get("photo")
        return {"display_name": view["display_name"], "photo": photo}
    name = first.get("name") or (notification.group.name if notification.group_id else "")
    if not name and notification.kind == NotificationKind.MODERATION:
        name = gettext("The moderators")
    return {"display_name": name or notification.data.get("title", ""), "photo": None}


def _preview_of(notification: Notification, readable: set[int], blocked: set[int]) -> str:
    post = notification.post
    if post is None or post.pk not in readable or post.deleted_at is not None:
        return ""
    comment = notification.comment
    if comment is not None:
        if (comment.deleted_at is not None or comment.post_id != post.pk
                or comment.author_id in blocked or comment.moderation_state):
            return ""
        return plain_preview(comment.html, comment.body)
    if post.author_id in blocked:
        return ""
    return plain_preview(post.html, post.body)


def muted_ids(user_ids: Sequence[int], *, group_id: int | None = None,
              post_id: int | None = None) -> set[int]:
    """Those of the people who muted everything, this group or this thread, now."""
    now = timezone.now()
    muted = set(NotificationSettings.objects.filter(user_id__in=user_ids, muted_until__gt=now)
                .values_list("user_id", flat=True))
    targets = Q(pk__in=[])
    if group_id:
        targets |= Q(group_id=group_id)
    if post_id:
        targets |= Q(post_id=post_id)
    return muted | set(Mute.objects.filter(targets, user_id__in=user_ids, until__gt=now)
                       .values_list("user_id", flat=True))


def can_read_image(user: AbstractBaseUser, name: str) -> bool:
    image = (PostImage.objects.select_related("post")
             .filter(Q(image=name) | Q(display=name)).first())
    return image is not None and can_read_post(user, image.post)


def can_read_preview(user: AbstractBaseUser, name: str) -> bool:
    post = Post.objects.filter(link_image=name).first()
    return post is not None and can_read_post(user, post)


@dataclass(frozen=True)
class Moderation:
    """Where a person moderates, to show moderation buttons without a query per post."""

    groups: frozenset[int]
    company: bool
    everywhere: bool

    def covers(self, post: Post) -> bool:
        if self.everywhere:
            return True
        return post.group_id in self.groups if post.group_id else self.company


def moderation_of(user: AbstractBaseUser) -> Moderation:
    groups = frozenset(Membership.objects.filter(
        user_id=user.pk, role__in=[Role.OWNER, Role.MODERATOR]).values_list("group_id", flat=True))
    return Moderation(groups=groups, company=user.has_perm(COMPANY_WIDE),
                      everywhere=user.has_perm(MODERATE_EVERYWHERE))


def postable_groups(user: AbstractBaseUser):
    """The groups where `user` may post, for the composer."""
    return InterestGroup.objects.filter(memberships__user_id=user.pk,
                                        archived_at__isnull=True).order_by("name")


def default_audience(user: AbstractBaseUser, groups: list[InterestGroup],
                     company_wide: bool) -> str:
    """Where the composer posts unless told otherwise: where `user` posted last, if they
    still may; otherwise company-wide for those who may, or their first group. A slug,
    or "" for company-wide."""
    slugs = [group.slug for group in groups]
    latest = (Post.objects.filter(author_id=user.pk, deleted_at__isnull=True, subject_type="")
              .select_related("group").order_by("-created_at").first())
    if latest is not None:
        slug = latest.group.slug if latest.group_id else ""
        if slug in slugs or (slug == "" and company_wide):
            return slug
    return "" if company_wide or not slugs else slugs[0]


def is_muted_exactly(user_id: int, *, group_id: int | None = None,
                     post_id: int | None = None) -> bool:
    """Whether this one group or thread is muted now (not counting "everything")."""
    return Mute.objects.filter(user_id=user_id, group_id=group_id, post_id=post_id,
                               until__gt=timezone.now()).exists()
