"""Reads of moderation for a person: the reasons offered, and the cases they review."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet
from django.utils.translation import get_language
from wagtail.models import Locale

from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.groups.models import Membership, Role
from intranet.moderation.models import Case, ReportReason


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
             .prefetch_related("reports", "target"))
    if not user.has_perm(MODERATE_EVERYWHERE):
        cases = cases.filter(group_id__in=moderated_group_ids(user))
    if state:
        cases = cases.filter(state=state)
    return cases


def case_for(user: AbstractBaseUser, case_id: int) -> Case | None:
    return cases_for(user).filter(pk=case_id).first()
