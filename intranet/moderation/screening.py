"""Moderation rules on new posts and comments, through the one rule engine
(`intranet.core.rules`): the screen the feeds call as content is published, and the dry
run that tries a rule on the last posts before it is switched on."""

import html
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from intranet.core import rules as engine
from intranet.feeds.models import Comment, NotificationKind, Post
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.feeds.services.notifications import notify_many
from intranet.groups.models import InterestGroup
from intranet.moderation.models import (
    Action,
    Case,
    CaseState,
    ModerationRule,
    Restriction,
    RuleAction,
    RuleHit,
)
from intranet.moderation.services.decisions import announce_queued, record, tell_author

LINK = re.compile(r'href="(https?://[^"]+)"')
# What each rule action makes of the content and of its case.
WITHHOLDS = {RuleAction.HOLD: ("held", CaseState.HELD), RuleAction.HIDE: ("hidden",
                                                                          CaseState.HIDDEN)}
MAX_TRY = 5000


def engine_rule(row: ModerationRule) -> engine.Rule:
    """A stored rule as the engine runs it (its conditions were checked when saved)."""
    found = row.conditions or {}
    rate = found.get("rate")
    return engine.Rule(
        action=engine.Action(row.action),
        words=tuple(found.get("words") or ()) + tuple(found.get("phrases") or ()),
        exceptions=tuple(found.get("exceptions") or ()), pattern=found.get("pattern") or "",
        has_links=found.get("has_links"), has_media=found.get("has_images"),
        domains=tuple(found.get("domains") or ()),
        new_author_days=found.get("new_authors_days"),
        author_muted=found.get("muted_authors"), first_items=found.get("first_posts"),
        rate=(rate["posts"], rate["minutes"]) if rate else None, label=row.name)


def rules_for(group: InterestGroup | None) -> list[ModerationRule]:
    """The rules in force where content is written: everywhere, then the group's."""
    scope = Q(group__isnull=True) | Q(group=group) if group is not None \
        else Q(group__isnull=True)
    return list(ModerationRule.objects.filter(scope, enabled=True)
                .order_by("position", "pk"))


def _post_of(content: Post | Comment) -> Post:
    return content.post if isinstance(content, Comment) else content


def subject_of(content: Post | Comment, *, muted: set[int] | None = None) -> engine.Subject:
    """What the rules look at: the text, its links, images, where, and who wrote it."""
    post, author = _post_of(content), content.author
    profile = getattr(author, "profile", None)
    since = (datetime.combine(profile.start_date, datetime.min.time(),
                              tzinfo=timezone.get_current_timezone())
             if profile is not None and profile.start_date else author.date_joined)
    moment = _moment(content)
    if muted is None:
        muted = set(Restriction.objects.filter(user_id=author.pk, until__gt=moment)
                    .values_list("user_id", flat=True))
    return engine.Subject(
        text=content.body, author=author.username,
        has_media=isinstance(content, Post) and len(content.images.all()) > 0,
        links=tuple(html.unescape(link) for link in LINK.findall(content.html)),
        group=post.group.slug if post.group_id else "",
        author_age_days=(moment - since).total_seconds() / 86400 if since else None,
        author_muted=author.pk in muted, is_reply=isinstance(content, Comment))


def _moment(content: Post | Comment) -> datetime:
    return getattr(content, "published_at", None) or content.created_at or timezone.now()


@dataclass
class AuthorContext:
    """The author's other writing, as of the moment `content` was written."""

    content: Post | Comment

    def _mine(self, model):
        rows = model.objects.filter(author_id=self.content.author_id)
        return rows.filter(subject_type="") if model is Post else rows

    def _before(self, model, since=None):
        """The author's posts published (comments written) up to the moment, and after
        `since`: posts count from when they reached people, comments from when written."""
        moment, field = _moment(self.content), "published_at" if model is Post else \
            "created_at"
        rows = self._mine(model).filter(**{f"{field}__lte": moment})
        return rows.filter(**{f"{field}__gt": since}) if since is not None else rows

    def count_recent(self, minutes: int) -> int:
        since = _moment(self.content) - timedelta(minutes=minutes)
        return self._before(Post, since).count() + self._before(Comment, since).count()

    def count_earlier(self) -> int:
        shown = {"moderation_state": "", "deleted_at__isnull": True}
        posts = self._before(Post).filter(**shown)
        comments = self._before(Comment).filter(**shown)
        if isinstance(self.content, Post):
            posts = posts.exclude(pk=self.content.pk)
        else:
            comments = comments.exclude(pk=self.content.pk)
        return posts.count() + comments.count()

    def count_today(self) -> int:
        return 0

    def recent_texts(self):
        return ()


def matching_rule(content: Post | Comment, rows: list[ModerationRule],
                  muted: set[int] | None = None) -> ModerationRule | None:
    """The first of `rows` that matches `content`."""
    subject, context = subject_of(content, muted=muted), AuthorContext(content)
    for row in rows:
        if engine_rule(row).matches(subject, context):
            return row
    return None


def _is_official(user) -> bool:
    profile = getattr(user, "profile", None)
    return bool(profile is not None and profile.is_official)


def screen(content: Post | Comment) -> str:
    """The feeds' content screen: the first matching rule acts; its hit is logged, and
    anything but a guidance reply puts the item in the queue."""
    if _is_official(content.author):
        return ""
    post = _post_of(content)
    row = matching_rule(content, rules_for(post.group))
    if row is None:
        return ""
    withheld, state = WITHHOLDS.get(row.action, ("", CaseState.OPEN))
    case = None
    if row.action != RuleAction.REPLY:
        case = _case_for(content, post, state)
    RuleHit.objects.create(rule=row, rule_name=row.name, case=case, action=row.action,
                           kind="comment" if isinstance(content, Comment) else "post",
                           object_id=str(content.pk))
    if case is not None:
        announce_queued(case)
    if withheld:
        record(case=case, actor=None, action=Action.HOLD if withheld == "held"
               else Action.HIDE, reason="", subject=content.author,
               data={"rule": row.name})
        tell_author(case, Action.HOLD, "")
    elif row.action == RuleAction.NOTIFY:
        _tell_managers(case, row)
    elif row.action == RuleAction.REPLY and row.reply:
        transaction.on_commit(lambda: _reply(content, row.reply))
    return withheld


def _case_for(content: Post | Comment, post: Post, state: str) -> Case:
    case, _created = Case.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(content), object_id=str(content.pk),
        defaults={"kind": "comment" if isinstance(content, Comment) else "post",
                  "group": post.group, "author": content.author, "state": state})
    return case


def _tell_managers(case: Case, row: ModerationRule) -> None:
    managers = get_user_model().objects.with_perm(
        MODERATE_EVERYWHERE, backend="django.contrib.auth.backends.ModelBackend"
    ).filter(is_active=True)
    notify_many(managers, NotificationKind.MODERATION, actor=None,
                data=lambda _person: {"role": "moderator", "rule": row.name, "case": case.pk,
                                      "url": reverse("moderation:queue") + f"#case-{case.pk}"})


def _reply(content: Post | Comment, message: str) -> None:
    from intranet.feeds.services.official import official_reply

    official_reply(to=content, body=message)


@dataclass(frozen=True)
class Trial:
    examined: int
    matched: list[int]


def rule_try(row: ModerationRule, last: int) -> Trial:
    """Which of the last `last` published posts (in the rule's group, if it has one)
    `row` would have matched, as of when each was written; nothing is changed."""
    posts = (Post.objects.filter(published_at__isnull=False, deleted_at__isnull=True,
                                 subject_type="")
             .select_related("author", "author__profile", "group")
             .prefetch_related("images").order_by("-published_at", "-pk"))
    if row.group_id:
        posts = posts.filter(group_id=row.group_id)
    posts = list(posts[:min(last, MAX_TRY)])
    now = timezone.now()
    muted = set(Restriction.objects.filter(user_id__in={p.author_id for p in posts},
                                           until__gt=now).values_list("user_id", flat=True))
    matched = [post.pk for post in posts
               if not _is_official(post.author) and matching_rule(post, [row], muted)]
    return Trial(examined=len(posts), matched=matched)
