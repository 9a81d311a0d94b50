"""Writes of moderation: reporting."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.core.errors import Invalid, NotFound
from intranet.core.ratelimit import check_rate
from intranet.moderation.models import Case, CaseState, Report
from intranet.moderation.selectors import is_reason
from intranet.moderation.targets import POLICIES, find_target, group_of

MAX_NOTE = 2000


def report_create(*, actor: AbstractBaseUser, kind: str, key: str, reason: str,
                  note: str = "") -> tuple[Report, bool]:
    """Report something `actor` may read. A second report by the same person counts once
    (and is answered with the first); a new report reopens a case that was kept."""
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
            object_id=str(target.pk), defaults={"kind": kind, "group": group_of(target)})
        case = Case.objects.select_for_update().get(pk=case.pk)
        report, created = Report.objects.get_or_create(
            case=case, reporter=actor, defaults={"reason": reason, "note": note})
        if created and case.state == CaseState.KEPT:
            case.state = CaseState.OPEN
        if created:
            case.save(update_fields=["state", "updated_at"])
    return report, created
