"""Moderation pages: the report form for everyone, the queue for moderators, and the
decision page where an author reads why and appeals. The same services as the API."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from intranet.core.errors import DomainError, Invalid
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.feeds.selectors import moderation_of, my_reactions
from intranet.groups.models import InterestGroup
from intranet.moderation import selectors
from intranet.moderation.forms import RuleForm
from intranet.moderation.models import Case, CaseState
from intranet.moderation.presenters import author_histories
from intranet.moderation.screening import rule_try
from intranet.moderation.services.answers import answer_as_official
from intranet.moderation.services.decisions import case_appeal, case_decide
from intranet.moderation.services.reports import report_create
from intranet.moderation.services.restrictions import mute, suspend
from intranet.moderation.services.rules import rule_build, rule_delete, rule_save
from intranet.moderation.targets import content_of, find_target

# The lengths a mute is offered for on the queue page, in hours.
MUTE_HOURS = (1, 24, 24 * 7, 24 * 30)
# How many of the latest posts "Try" runs a rule on.
TRY_LAST = 1000


def _next(request: HttpRequest) -> str:
    """Where to go once reported: back to the page the report was asked from."""
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    return target if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}) else "/"


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    if find_target(request.user, kind, key) is None:
        raise Http404
    error, status = None, 200
    if request.method == "POST":
        try:
            _report, created = report_create(
                actor=request.user, kind=kind, key=key,
                reason=request.POST.get("reason", ""), note=request.POST.get("note", ""))
        except DomainError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(request, _("Thank you: the moderators will look at it. You "
                                        "will be told what they decide.") if created else
                             _("You had already reported it; the moderators have it."))
            return redirect(_next(request))
    return render(request, "moderation/report.html", {
        "reasons": selectors.reasons(), "kind": kind, "next": _next(request),
        "chosen": request.POST.get("reason", ""), "note": request.POST.get("note", ""),
        "error": error}, status=status)


def _moderates_anything(request: HttpRequest) -> bool:
    return request.user.has_perm(MODERATE_EVERYWHERE) or bool(
        selectors.moderated_group_ids(request.user))


def queue(request: HttpRequest) -> HttpResponse:
    """Items waiting for a decision (or, with `state`, every item in that state), each
    with its content as reported, its reports, its appeal and its author's history."""
    if not _moderates_anything(request):
        raise Http404
    state = request.GET.get("state", "")
    state = state if state in CaseState.values else ""
    cases = selectors.cases_for(request.user, state=state)
    if not state:
        cases = cases.filter(pending=True)
    page = Paginator(cases, 20).get_page(request.GET.get("page"))
    histories = author_histories(page.object_list)
    labels = {reason.code: reason.label for reason in selectors.reasons()}
    items = [{"case": case, "content": content_of(case.target),
              "history": histories.get(case.author_id, {}),
              "reports": [(labels.get(r.reason, r.reason), r) for r in case.reports.all()]}
             for case in page.object_list]
    return render(request, "moderation/queue.html", {
        "items": items, "page": page, "state": state, "states": CaseState.choices,
        "mute_choices": _mute_choices(), "everywhere": request.user.has_perm(MODERATE_EVERYWHERE)})


def _mute_choices() -> list[tuple[int, str]]:
    return [(hours, ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
             if hours < 24 else ngettext("%(count)s day", "%(count)s days", hours // 24)
             % {"count": hours // 24}) for hours in MUTE_HOURS]


@require_POST
def act(request: HttpRequest, case_id: int) -> HttpResponse:
    """One decision from the queue page: the pressed button names it."""
    case = selectors.case_for(request.user, case_id)
    if case is None:
        raise Http404
    action, reason = request.POST.get("action", ""), request.POST.get("reason", "")
    try:
        if action == "mute":
            _mute(request, case, reason)
        elif action == "suspend":
            if case.author is None:
                raise Http404
            suspend(actor=request.user, user=case.author, reason=reason, case=case)
        else:
            case_decide(actor=request.user, case=case, action=action, reason=reason)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Done: the people concerned are told."))
    return redirect(request.POST.get("next") if url_has_allowed_host_and_scheme(
        request.POST.get("next", ""), allowed_hosts={request.get_host()})
        else "moderation:queue")


def _mute(request: HttpRequest, case: Case, reason: str) -> None:
    try:
        hours = int(request.POST.get("hours", ""))
    except ValueError:
        hours = 0
    if case.author is None:
        raise Http404
    if hours not in MUTE_HOURS:
        raise Invalid(_("Choose how long the mute lasts."),
                      fields={"hours": [_("One of the lengths offered.")]})
    group = case.group if request.POST.get("scope") != "company" else None
    mute(actor=request.user, user=case.author, group=group, reason=reason, case=case,
         until=timezone.now() + timedelta(hours=hours))


@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, case_id: int) -> HttpResponse:
    """What moderators decided about the reader's own content, why, and their appeal."""
    case = selectors.decisions_about(request.user).filter(pk=case_id).first()
    if case is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            case_appeal(actor=request.user, case_id=case.pk, note=request.POST.get("note", ""))
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("Your appeal is sent: another moderator will look "
                                        "at it, and you will be told."))
            return redirect("moderation:decision", case.pk)
    return render(request, "moderation/decision.html", {
        "case": case, "content": content_of(case.target), "error": error},
        status=400 if error else 200)


def _hours(request: HttpRequest) -> float:
    """The `hours` asked for, within a month; the setting otherwise."""
    try:
        hours = float(request.GET.get("hours", ""))
    except ValueError:
        return settings.ALWAYS_ANSWER_HOURS
    return hours if 0 <= hours <= 24 * 31 else settings.ALWAYS_ANSWER_HOURS


@require_http_methods(["GET", "POST"])
def unanswered(request: HttpRequest) -> HttpResponse:
    """"Always answer": what nobody answered, oldest first, each with a reply box that
    answers as an official account."""
    if not request.user.has_perm(MODERATE_EVERYWHERE):
        raise Http404
    if request.method == "POST":
        post_id = request.POST.get("post", "")
        try:
            if not (post_id.isascii() and post_id.isdigit()):
                raise Http404
            answer_as_official(actor=request.user, post_id=int(post_id),
                               body=request.POST.get("body", ""),
                               account=request.POST.get("account", ""))
        except DomainError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Answered: the author is told."))
        return redirect(request.get_full_path())
    hours = _hours(request)
    page = Paginator(selectors.unanswered(request.user, hours), 20).get_page(
        request.GET.get("page"))
    posts = list(page.object_list)
    return render(request, "moderation/unanswered.html", {
        "posts": posts, "page": page, "hours": hours, "whole_hours": round(hours),
        "accounts": selectors.official_accounts(),
        "mine": my_reactions(request.user, posts), "moderation": moderation_of(request.user)})


def _rule_form(request: HttpRequest, data=None, initial=None) -> RuleForm:
    groups = InterestGroup.objects.order_by("name")
    if not request.user.has_perm(MODERATE_EVERYWHERE):
        groups = groups.filter(pk__in=selectors.moderated_group_ids(request.user))
    return RuleForm(data, initial=initial, everywhere=request.user.has_perm(
        MODERATE_EVERYWHERE), groups=[(group.slug, group.name) for group in groups])


@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest, rule_id: int | None = None) -> HttpResponse:
    """The rules one manages, and the form of a new one (or of `rule_id`): "Try" runs it
    on the last 1,000 posts and says what it would have matched; "Save" stores it."""
    if not _moderates_anything(request):
        raise Http404
    rule = None
    if rule_id is not None:
        rule = selectors.rules_for_manager(request.user).filter(pk=rule_id).first()
        if rule is None:
            raise Http404
    form = _rule_form(request, initial=RuleForm.initial_of(rule) if rule else None)
    trial, trial_posts, error = None, [], None
    if request.method == "POST":
        form = _rule_form(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                built = rule_build(
                    actor=request.user, name=data["name"], action=data["action"],
                    group=selectors.moderated_group(request.user, data["group"])
                    if data["group"] else None, conditions=form.conditions(),
                    reply=data["reply"], enabled=data["enabled"], rule=rule)
                if "try" in request.POST:
                    trial = rule_try(built, TRY_LAST)
                    trial_posts = list(selectors.readable_posts_in(
                        request.user, trial.matched[:5]))
                else:
                    rule_save(actor=request.user, rule=built)
                    messages.success(request, _("The rule is saved."))
                    return redirect("moderation:rules")
            except DomainError as refused:
                error = refused.message + "".join(
                    f" {field}: {' '.join(problems)}"
                    for field, problems in (refused.fields or {}).items())
    return render(request, "moderation/rules.html", {
        "rules": selectors.rules_for_manager(request.user).prefetch_related("hits"),
        "form": form, "rule": rule, "trial": trial, "trial_posts": trial_posts,
        "error": error, "try_last": TRY_LAST}, status=400 if error else 200)


@require_POST
def rule_switch(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = selectors.rules_for_manager(request.user).filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    if request.POST.get("delete"):
        rule_delete(actor=request.user, rule=rule)
        messages.success(request, _("The rule is deleted."))
    else:
        rule.enabled = request.POST.get("on") == "1"
        rule_save(actor=request.user, rule=rule)
        messages.success(request, _("The rule is switched on.") if rule.enabled
                         else _("The rule is switched off."))
    return redirect("moderation:rules")
