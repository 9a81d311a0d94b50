"""Decisions on cases: keep, approve, hide, remove, restore, lock, warn; the threshold's
automatic hide; the author's one appeal. Every decision is a `Decision` row and an audit
entry, and the people concerned are told: reporters the outcome, never who else
reported; authors what happened and why."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Conflict, Forbidden, Invalid, NotFound
from intranet.core.events import publish_events
from intranet.core.models import Event
from intranet.feeds.models import Comment, NotificationKind, Post, Withheld
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.feeds.services.comments import comment_delete
from intranet.feeds.services.notifications import notify, notify_many
from intranet.feeds.services.posts import post_delete, post_lock
from intranet.feeds.services.withholding import set_withheld, undelete
from intranet.groups.models import Membership, Role
from intranet.moderation.models import Action, Case, CaseState, Decision, ReportOutcome
from intranet.moderation.selectors import may_review
from intranet.moderation.targets import content_of

MAX_REASON = 500
MAX_APPEAL = 2000

# What each decision makes of the case, and of its reports (None: unchanged).
OUTCOMES = {
    Action.KEEP: (CaseState.KEPT, ReportOutcome.DISMISSED),
    Action.APPROVE: (CaseState.KEPT, ReportOutcome.DISMISSED),
    Action.RESTORE: (CaseState.KEPT, ReportOutcome.DISMISSED),
    Action.HIDE: (CaseState.HIDDEN, ReportOutcome.UPHELD),
    Action.REMOVE: (CaseState.REMOVED, ReportOutcome.UPHELD),
}
# Said to the author, so they must be given a reason.
NEEDS_REASON = {Action.HIDE, Action.REMOVE, Action.WARN}
CASE_ACTIONS = [*OUTCOMES, Action.LOCK, Action.WARN]


def _clean_reason(action: str, reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise Invalid(_("A reason may be %(max)s characters at most.") % {"max": MAX_REASON},
                      fields={"reason": [_("Too long.")]})
    if action in NEEDS_REASON and not reason:
        raise Invalid(_("Say why: the author is told."),
                      fields={"reason": [_("This field is required.")]})
    return reason


def record(*, case: Case | None, actor: AbstractBaseUser | None, action: str, reason: str,
           subject: AbstractBaseUser | None, data: dict | None = None,
           about: Model | None = None) -> Decision:
    """The moderation record and the audit entry of one action, logged against `about`
    (a mute), else the case, else the person."""
    decision = Decision.objects.create(case=case, actor=actor, action=action, reason=reason,
                                       subject=subject, data=data or {})
    logged = {"reason": reason, "case": case.pk if case else None, **(data or {})}
    if subject is not None:
        logged["subject"] = subject.username
    audit(about or case or subject, f"intranet.moderation.{action}", actor=actor,
          data=logged)
    return decision


def case_decide(*, actor: AbstractBaseUser, case: Case, action: str,
                reason: str = "") -> Case:
    """Decide on a case `actor` reviews (`selectors.case_for` found it for them)."""
    if action not in CASE_ACTIONS:
        raise Invalid(_("Unknown action."), fields={"action": [
            _("One of: %(actions)s.") % {"actions": ", ".join(CASE_ACTIONS)}]})
    if not may_review(actor, case):
        raise NotFound(_("No such item."))
    reason = _clean_reason(action, reason)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.pending and case.appealed_at and case.decided_by_id == actor.pk \
                and action in OUTCOMES:
            raise Forbidden(_("You decided on this item: another moderator reviews the "
                              "appeal."), code="appeal_for_another")
        content = content_of(case.target)
        if action in (Action.HIDE, Action.REMOVE, Action.LOCK) and content is None:
            raise Invalid(_("Only posts and comments can be hidden, removed or locked."),
                          code="not_content")
        if action == Action.WARN:
            tell_author(case, action, reason)
            record(case=case, actor=actor, action=action, reason=reason, subject=case.author)
            return case
        if action == Action.LOCK:
            post = content.post if isinstance(content, Comment) else content
            post_lock(actor=actor, post=post, locked=True, authorized=True)
            record(case=case, actor=actor, action=action, reason=reason, subject=case.author)
            return case
        was = case.state
        _apply(actor, content, action, reason, removed=was == CaseState.REMOVED)
        state, outcome = OUTCOMES[action]
        case.state, case.pending, case.decided_by, case.reason = state, False, actor, reason
        if outcome == ReportOutcome.DISMISSED:
            case.weight = 0  # new reports start again
        case.save()
        case.reports.update(outcome=outcome)
        record(case=case, actor=actor, action=action, reason=reason, subject=case.author)
        _tell_reporters(case)
        if content is not None and (state != CaseState.KEPT or was != CaseState.OPEN):
            tell_author(case, action, reason)
    return case


def _apply(actor: AbstractBaseUser, content: Post | Comment | None, action: str,
           reason: str, *, removed: bool) -> None:
    """What a decision does to the content itself; only what moderators `removed` comes
    back (never what its author deleted)."""
    if content is None:
        return
    if action == Action.HIDE:
        set_withheld(content, Withheld.HIDDEN, reason)
    elif action == Action.REMOVE:
        if isinstance(content, Post):
            post_delete(actor=actor, post=content, authorized=True)
        else:
            comment_delete(actor=actor, comment=content, authorized=True)
    else:
        set_withheld(content, "")
        if removed:
            undelete(content)


def hide_by_reports(case: Case) -> None:
    """The reports' weight reached the threshold: the content is hidden until a moderator
    decides; the author is told, and the case stays in the queue."""
    content = content_of(case.target)
    if content is None or content.moderation_state or content.deleted_at is not None:
        return
    set_withheld(content, Withheld.HIDDEN)
    case.state = CaseState.HIDDEN
    case.save(update_fields=["state", "updated_at"])
    record(case=case, actor=None, action=Action.HIDE, reason="", subject=case.author,
           data={"automatic": True, "weight": case.weight})
    tell_author(case, Action.HIDE, "")


def case_appeal(*, actor: AbstractBaseUser, case_id: int, note: str = "") -> Case:
    """The author asks, once, that another moderator look at a decision on their content."""
    note = (note or "").strip()
    if len(note) > MAX_APPEAL:
        raise Invalid(_("An appeal may be %(max)s characters at most.") % {"max": MAX_APPEAL},
                      fields={"note": [_("Too long.")]})
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=case_id, author_id=actor.pk).first()
        if case is None:
            raise NotFound(_("No such decision."))
        if case.state not in (CaseState.HIDDEN, CaseState.REMOVED):
            raise Conflict(_("There is no decision to appeal."), code="nothing_to_appeal")
        if case.appealed_at is not None:
            raise Conflict(_("You already appealed this decision."), code="already_appealed")
        case.appealed_at, case.appeal_note, case.pending = timezone.now(), note, True
        case.save(update_fields=["appealed_at", "appeal_note", "pending", "updated_at"])
        record(case=case, actor=actor, action=Action.APPEAL, reason=note, subject=actor)
        announce_queued(case)
    return case


def decision_url(case: Case) -> str:
    return reverse("moderation:decision", args=[case.pk])


def tell_author(case: Case, action: str, reason: str) -> None:
    if case.author is None:
        return
    notify(case.author, NotificationKind.MODERATION, actor=None, data={
        "role": "author", "action": action, "reason": reason, "kind": case.kind,
        "case": case.pk, "url": decision_url(case)})


def _tell_reporters(case: Case) -> None:
    """Each reporter hears the outcome, and nothing of the others."""
    reporters = [report.reporter for report in case.reports.select_related("reporter")]
    notify_many(reporters, NotificationKind.MODERATION, actor=None,
                data=lambda _person: {"role": "reporter", "state": case.state,
                                      "kind": case.kind, "case": case.pk})


def announce_queued(case: Case) -> None:
    """Tell the moderators who review `case` that it waits for them, on their own
    streams (ids only): the queue pages they have open say so at once."""
    reviewers = set(get_user_model().objects.with_perm(
        MODERATE_EVERYWHERE, backend="django.contrib.auth.backends.ModelBackend")
        .filter(is_active=True).values_list("pk", flat=True))
    if case.group_id:
        reviewers |= set(Membership.objects.filter(
            group_id=case.group_id, role__in=[Role.OWNER, Role.MODERATOR],
            user__is_active=True).values_list("user_id", flat=True))
    publish_events([Event(stream=f"user:{pk}", type="moderation.queued",
                          data={"case": {"id": case.pk, "state": case.state}},
                          audience=[f"user:{pk}"]) for pk in sorted(reviewers)])
