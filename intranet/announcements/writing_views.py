"""HR's "New announcement" in the Wagtail admin, and the live count of the people an
audience reaches while they choose it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from intranet.announcements.models import AnnouncementPage
from intranet.announcements.permissions import PUBLISH
from intranet.announcements.selectors import people_in
from intranet.announcements.services.writing import announcement_parent
from intranet.announcements.writing_form import IMPORTANCE_EXPLANATIONS, AnnouncementWriteForm
from intranet.core.api import error_body
from intranet.core.errors import DomainError
from intranet.groups.selectors import visible_groups
from intranet.people.models import Department, Location

# A service's field names (the API's) and the form's.
FORM_FIELDS = {"audience.groups": "groups", "audience.departments": "departments",
               "audience.locations": "locations"}


def announcement_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PUBLISH):
        raise PermissionDenied
    form = AnnouncementWriteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            page = form.write(actor=request.user, draft="draft" in request.POST)
        except DomainError as error:
            for field, problems in error.fields.items():
                name = FORM_FIELDS.get(field, field)
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
            if not error.fields:
                form.add_error(None, error.message)
        else:
            return _written(request, page, draft="draft" in request.POST)
    parent = announcement_parent(Locale.get_default())
    return render(request, "announcements/admin/new.html", {
        "form": form, "header_title": _("New announcement"),
        "can_publish": parent.permissions_for_user(request.user).can_publish_subpage(),
        "explanations": IMPORTANCE_EXPLANATIONS,
        "count_url": reverse("announcements_reach:audience_count")})


def _written(request: HttpRequest, page: AnnouncementPage, *, draft: bool) -> HttpResponse:
    """Where the writer lands: the reach report once it is out, otherwise Wagtail's editor
    of the page, for its preview, revisions, workflow and schedule."""
    title = {"title": page.title}
    if page.live:
        messages.success(request, _("“%(title)s” is published.") % title)
        return redirect("announcements_reach:detail", page_id=page.pk)
    if draft:
        messages.success(request, _("“%(title)s” is saved as a draft.") % title)
    elif page.workflow_in_progress:
        messages.success(request, _("“%(title)s” is submitted for approval.") % title)
    elif page.go_live_at:
        messages.success(request, _("“%(title)s” is scheduled.") % title)
    else:
        messages.success(request, _("“%(title)s” is saved as a draft.") % title)
    return redirect("wagtailadmin_pages:edit", page.pk)


def _ids(request: HttpRequest, name: str) -> list[int]:
    try:
        ids = sorted({int(value) for value in request.GET.getlist(name)})
    except ValueError:
        raise _Refused(name) from None
    if ids and not (ids[0] > 0 and ids[-1] < 2**63):  # beyond the database's ids
        raise _Refused(name)
    return ids


class _Refused(Exception):
    def __init__(self, field: str) -> None:
        self.field = field


@require_GET
def audience_count(request: HttpRequest) -> JsonResponse:
    """How many people an audience reaches: `?departments=1&locations=2&groups=3` (ids,
    repeated); nothing named is everyone. Counts only, and groups only among those the
    writer may know exist: one they may not is refused like one that does not exist."""
    if not request.user.has_perm(PUBLISH):
        return JsonResponse(error_body("permission_denied",
                                       _("Only HR writes announcements.")), status=403)
    choices = {"departments": Department.objects.all(), "locations": Location.objects.all(),
               "groups": visible_groups(request.user)}
    try:
        chosen = {name: _ids(request, name) for name in choices}
    except _Refused as refused:
        return JsonResponse(error_body("invalid", _("Give ids as whole numbers."), {
            refused.field: [_("Not a whole number.")]}), status=400)
    unknown = {name: [_("Unknown: %(ids)s.") % {"ids": ", ".join(map(str, missing))}]
               for name, ids in chosen.items()
               if (missing := sorted(set(ids) - set(
                   choices[name].filter(pk__in=ids).values_list("pk", flat=True))))}
    if unknown:
        return JsonResponse(error_body("invalid", _("Some of the audience does not exist."),
                                       unknown), status=400)
    count = people_in(**chosen).count()
    if any(chosen.values()):
        label = ngettext("It will reach %(count)s person.", "It will reach %(count)s people.",
                         count)
    else:
        label = ngettext("Nobody chosen: it will reach every employee, %(count)s person.",
                         "Nobody chosen: it will reach every employee, %(count)s people.",
                         count)
    return JsonResponse({"count": count, "everyone": not any(chosen.values()),
                         "label": label % {"count": count}})
