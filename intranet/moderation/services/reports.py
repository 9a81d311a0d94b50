"""Reporting: one report per person and target, weighed by the reporter's track record;
enough weight hides the content until a moderator decides."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from intranet.core.errors import Invalid, NotFound
from intranet.core.ratelimit import check_rate
from intranet.moderation.models import Case, CaseState, Report, ReportOutcome
from intranet.moderation.selectors import is_reason
from intranet.moderation.services.decisions import announce_queued, hide_by_reports
from intranet.moderation.targets import POLICIES, author_of, find_target, group_of

MAX_NOTE = 2000


def reporter_weight(reporter: AbstractBaseUser) -> float:
    """What one more report of `reporter` counts for: more when moderators upheld their
    earlier reports, less when they dismissed them (`MODERATION_THRESHOLD`)."""
    conf = settings.MODERATION_THRESHOLD
    outcomes = dict(Report.objects.filter(reporter=reporter).exclude(outcome="")
                    .values_list("outcome").annotate(count=Count("pk")))
    weight = (1.0 + conf["UPHELD_BONUS"] * outcomes.get(ReportOutcome.UPHELD, 0)
              - conf["DISMISSED_PENALTY"] * outcomes.get(ReportOutcome.DISMISSED, 0))
    return min(max(weight, conf["MIN_WEIGHT"]), conf["MAX_WEIGHT"])


def report_create(*, actor: AbstractBaseUser, kind: str, key: str, reason: str,
                  note: str = "") -> tuple[Report, bool]:
    """Report something `actor` may read. A second report by the same person counts once
    (and is answered with the first); a new report puts a kept case back in the queue."""
    if kind not in POLICIES:
        raise Invalid(_("One reports a post, a comment, a brand item or a person."),
                      fields={"target.type": [_("One of: %(kinds)s.") % {
                          "kinds": ", ".join(POLICIES)}]})
    target = find_target(actor, kind, key)
    if target is None:
        raise NotFound(_("There is nothing to report there."))
    if not is_reason(reason):
        raise Invalid(_("Choose a reason from the list."),
                      fields={"reason": [_("Not one of the reasons offered.")]})
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid(_("A note may be %(max)s characters at most.") % {"max": MAX_NOTE},
                      fields={"note": [_("Too long.")]})
    check_rate(actor, "report")
    with transaction.atomic():
        case, _created = Case.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(target),
            object_id=str(target.pk), defaults={"kind": kind, "group": group_of(target),
                                                "author": author_of(target)})
        case = Case.objects.select_for_update().get(pk=case.pk)
        report, created = Report.objects.get_or_create(
            case=case, reporter=actor,
            defaults={"reason": reason, "note": note, "weight": reporter_weight(actor)})
        if created:
            _count(case, report)
    return report, created


def _count(case: Case, report: Report) -> None:
    case.weight += report.weight
    if case.state == CaseState.KEPT:
        case.state = CaseState.OPEN
    if case.state == CaseState.OPEN:
        case.pending = True
    case.save(update_fields=["weight", "state", "pending", "updated_at"])
    if case.state == CaseState.OPEN and case.weight >= settings.MODERATION_THRESHOLD["HIDE_AT"]:
        hide_by_reports(case)
    if case.pending:
        announce_queued(case)
