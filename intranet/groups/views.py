"""Pages of interest groups: the directory, a group's page, its settings and members."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from intranet.core.errors import DomainError
from intranet.core.forms import add_domain_error
from intranet.groups import selectors, services
from intranet.groups.forms import GroupForm, InviteForm, JoinForm, RoleForm
from intranet.groups.models import InterestGroup, JoinRequest
from intranet.groups.permissions import MANAGE, MODERATE, group_permissions

User = get_user_model()


def _visible(request: HttpRequest, slug: str) -> InterestGroup:
    group = selectors.visible_group(request.user, slug)
    if group is None:
        raise Http404
    return group


def _allowed(request: HttpRequest, group: InterestGroup, permission: str) -> frozenset[str]:
    permissions = group_permissions(request.user, group)
    if permission not in permissions:
        raise Http404
    return permissions


def _done(request: HttpRequest, action, success: str) -> bool:
    """Run a service call; show its refusal, or `success`, as a message."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


def directory(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    mine = request.GET.get("membership") == "mine"
    groups = selectors.group_listing(request.user, q=q, mine=mine)
    page = Paginator(groups, 24).get_page(request.GET.get("page"))
    return render(request, "groups/directory.html", {"page": page, "q": q, "mine": mine})


def create(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.changes()
        try:
            group = services.group_create(actor=request.user, name=data["name"],
                                          description=data["description"],
                                          visibility=data["visibility"],
                                          cover=data.get("cover") or None)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your group is ready: invite people to join."))
            return redirect("groups:detail", slug=group.slug)
    return render(request, "groups/form.html", {"form": form, "creating": True})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = _visible(request, slug)
    readable = selectors.can_read(request.user, group)
    membership = selectors.membership_of(request.user, group)
    permissions = group_permissions(request.user, group)
    members = list(selectors.members_of(group)[:12]) if readable else []
    panels = [panel for fn in hooks.get_hooks("group_page_panels")
              if (panel := fn(request, group)) is not None] if readable else []
    return render(request, "groups/detail.html", {
        "group": group, "readable": readable, "membership": membership,
        "member_count": selectors.member_count(group), "members": members,
        "can_manage": MANAGE in permissions, "can_moderate": MODERATE in permissions,
        "invitation": selectors.pending_invitation(request.user, group),
        "pending_request": selectors.pending_request(request.user, group),
        "request_count": selectors.pending_requests(group).count()
        if MODERATE in permissions else 0,
        "join_form": JoinForm(), "panels": panels,
    })


@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    group = _visible(request, slug)
    form = JoinForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        outcome = services.group_join(actor=request.user, group=group, message=message)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Welcome to the group!") if outcome.membership else
                         _("Your request has been sent to the group's managers."))
    return redirect("groups:detail", slug=group.slug)


@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    group = _visible(request, slug)
    if _done(request, lambda: services.group_leave(actor=request.user, group=group),
             _("You have left the group.")):
        return redirect("groups:directory")
    return redirect("groups:detail", slug=group.slug)


def settings_page(request: HttpRequest, slug: str) -> HttpResponse:
    group = _visible(request, slug)
    _allowed(request, group, MANAGE)
    form = GroupForm(request.POST or None, request.FILES or None, instance=group)
    if request.method == "POST" and form.is_valid():
        fresh = InterestGroup.objects.get(pk=group.pk)
        try:
            services.group_update(actor=request.user, group=fresh, changes=form.changes())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The group has been saved."))
            return redirect("groups:detail", slug=fresh.slug)
    # What other apps show its managers there (its activity, for one).
    panels = [panel for fn in hooks.get_hooks("group_settings_panels")
              if (panel := fn(request, group)) is not None]
    return render(request, "groups/form.html", {"form": form, "group": group,
                                                "panels": panels})


@require_POST
def archive(request: HttpRequest, slug: str) -> HttpResponse:
    group = _visible(request, slug)
    archived = request.POST.get("archived") == "1"
    _done(request, lambda: services.group_set_archived(actor=request.user, group=group,
                                                       archived=archived),
          _("The group is archived: it is read-only now.") if archived else
          _("The group is active again."))
    return redirect("groups:detail", slug=group.slug)


@require_POST
def delete(request: HttpRequest, slug: str) -> HttpResponse:
    group = _visible(request, slug)
    if _done(request, lambda: services.group_delete(actor=request.user, group=group),
             _("The group has been deleted.")):
        return redirect("groups:directory")
    return redirect("groups:detail", slug=group.slug)


def members(request: HttpRequest, slug: str) -> HttpResponse:
    group = _visible(request, slug)
    if not selectors.can_read(request.user, group):
        raise Http404
    permissions = group_permissions(request.user, group)
    page = Paginator(selectors.members_of(group), 50).get_page(request.GET.get("page"))
    return render(request, "groups/members.html", {
        "group": group, "page": page, "can_manage": MANAGE in permissions,
        "can_moderate": MODERATE in permissions, "invite_form": InviteForm(),
        "role_form": RoleForm(),
    })


@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    group = _visible(request, slug)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the username of the person to invite."))
        return redirect("groups:members", slug=group.slug)
    invitee = User.objects.filter(username=form.cleaned_data["username"].strip()).first()
    if invitee is None:
        messages.error(request, _("Nobody has that username."))
    else:
        _done(request, lambda: services.member_invite(
            actor=request.user, group=group, invitee=invitee, role=form.cleaned_data["role"]),
            _("%(name)s has been invited.") % {"name": invitee.get_display_name()})
    return redirect("groups:members", slug=group.slug)


@require_POST
def member_role(request: HttpRequest, slug: str, username: str) -> HttpResponse:
    group = _visible(request, slug)
    person = get_object_or_404(User, username=username)
    form = RoleForm(request.POST)
    if form.is_valid():
        _done(request, lambda: services.member_set_role(
            actor=request.user, group=group, user=person, role=form.cleaned_data["role"]),
            _("%(name)s's role has been changed.") % {"name": person.get_display_name()})
    return redirect("groups:members", slug=group.slug)


@require_POST
def member_remove(request: HttpRequest, slug: str, username: str) -> HttpResponse:
    group = _visible(request, slug)
    person = get_object_or_404(User, username=username)
    _done(request, lambda: services.member_remove(actor=request.user, group=group, user=person),
          _("%(name)s is no longer a member.") % {"name": person.get_display_name()})
    return redirect("groups:members", slug=group.slug)


def requests_page(request: HttpRequest, slug: str) -> HttpResponse:
    group = _visible(request, slug)
    _allowed(request, group, MODERATE)
    return render(request, "groups/requests.html", {
        "group": group, "requests": selectors.pending_requests(group)})


@require_POST
def decide(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    group = _visible(request, slug)
    _allowed(request, group, MODERATE)
    join_request = get_object_or_404(JoinRequest, pk=request_id, group=group)
    approve = request.POST.get("decision") == "approve"
    _done(request, lambda: services.request_decide(actor=request.user, request=join_request,
                                                   approve=approve),
          _("%(name)s is now a member.") % {"name": join_request.user.get_display_name()}
          if approve else _("The request has been declined."))
    return redirect("groups:requests", slug=group.slug)
