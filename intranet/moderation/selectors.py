"""Reads of moderation for a person: the reasons offered, and the cases they review."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale

from intranet.feeds.models import Comment, Post
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.feeds.selectors import readable_posts, with_page_data
from intranet.groups.models import InterestGroup, Membership, Role
from intranet.moderation.models import (
    Case,
    CaseState,
    ModerationRule,
    ReportReason,
    Restriction,
)


def reasons(language: str | None = None) -> list[ReportReason]:
    """The reasons offered, in `language` (the current one by default); a reason not yet
    translated shows in the site's default language."""
    language = (language or get_language() or "").split("-")[0]
    offered = ReportReason.objects.filter(active=True).select_related("locale")
    by_code: dict[str, ReportReason] = {}
    default = Locale.get_default().language_code
    for reason in offered:
        code_language = reason.locale.language_code.split("-")[0]
        if code_language == language or (code_language == default.split("-")[0]
                                          and reason.code not in by_code):
            by_code[reason.code] = reason
    return sorted(by_code.values(), key=lambda reason: (reason.position, reason.code))


def is_reason(code: str) -> bool:
    return ReportReason.objects.filter(active=True, code=str(code)[:40]).exists()


def moderated_group_ids(user: AbstractBaseUser) -> list[int]:
    return list(Membership.objects.filter(user_id=user.pk, role__in=[Role.OWNER,
                                                                      Role.MODERATOR])
                .values_list("group_id", flat=True))


def cases_for(user: AbstractBaseUser, *, state: str = "") -> QuerySet[Case]:
    """The cases `user` reviews: every case for community managers, their groups' for
    group owners and moderators, none for anyone else."""
    cases = (Case.objects.select_related("group", "content_type")
             .prefetch_related("reports", "rule_hits", "target"))
    if not user.has_perm(MODERATE_EVERYWHERE):
        cases = cases.filter(group_id__in=moderated_group_ids(user))
    if state:
        cases = cases.filter(state=state)
    return cases


def case_for(user: AbstractBaseUser, case_id: int) -> Case | None:
    return cases_for(user).filter(pk=case_id).first()


def may_review(user: AbstractBaseUser, case: Case) -> bool:
    """Community managers review every case; a group's owners and moderators its own."""
    if user.has_perm(MODERATE_EVERYWHERE):
        return True
    return case.group_id is not None and case.group_id in moderated_group_ids(user)


def mutes_for(user: AbstractBaseUser) -> QuerySet[Restriction]:
    """The mutes `user` may see: all for community managers, their groups' for group
    moderators (company-wide mutes are community managers' business)."""
    mutes = Restriction.objects.select_related("user", "group")
    if user.has_perm(MODERATE_EVERYWHERE):
        return mutes
    return mutes.filter(group_id__in=moderated_group_ids(user))


def moderated_group(user: AbstractBaseUser, slug: str) -> InterestGroup | None:
    groups = InterestGroup.objects.filter(slug=str(slug)[:100])
    if not user.has_perm(MODERATE_EVERYWHERE):
        groups = groups.filter(pk__in=moderated_group_ids(user))
    return groups.first()


def person(username: str) -> AbstractBaseUser | None:
    return get_user_model().objects.filter(username=str(username)[:150],
                                           is_active=True).first()


def decisions_about(user: AbstractBaseUser) -> QuerySet[Case]:
    """The cases about `user`'s own content that were decided (by moderators, or by the
    reports' threshold), newest first."""
    return Case.objects.filter(author_id=user.pk).exclude(state=CaseState.OPEN)


def rules_for_manager(user: AbstractBaseUser) -> QuerySet[ModerationRule]:
    """The rules `user` manages: all for community managers, their groups' otherwise."""
    rules = ModerationRule.objects.select_related("group")
    if user.has_perm(MODERATE_EVERYWHERE):
        return rules
    return rules.filter(group_id__in=moderated_group_ids(user))


def unanswered(user: AbstractBaseUser, hours: float) -> QuerySet[Post]:
    """"Always answer": questions, and posts mentioning an official account, that `user`
    may read and that nobody but their author answered within `hours`, oldest first."""
    official = get_user_model().objects.filter(profile__is_official=True)
    answers = Comment.objects.filter(post=OuterRef("pk"), deleted_at__isnull=True,
                                     moderation_state="").exclude(author=OuterRef("author"))
    cutoff = timezone.now() - timedelta(hours=hours)
    return (with_page_data(readable_posts(user)).filter(
        Q(is_question=True) | Q(mentions__in=official), subject_type="",
        moderation_state="", published_at__lte=cutoff)
        .exclude(author__in=official).exclude(Exists(answers))
        .distinct().order_by("published_at", "pk"))


def official_accounts() -> QuerySet:
    return (get_user_model().objects.filter(profile__is_official=True, is_active=True)
            .order_by("pk"))


def readable_posts_in(user: AbstractBaseUser, ids: list[int]) -> QuerySet[Post]:
    """Of the posts `ids` (a rule's trial), those `user` may read, to show as examples."""
    return readable_posts(user).filter(pk__in=ids).select_related("author")
