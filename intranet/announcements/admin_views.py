"""For HR in the Wagtail admin: how far each announcement reached, who still has to
acknowledge it (CSV), and a reminder for them only."""

import csv
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from intranet.announcements import selectors
from intranet.announcements.models import AnnouncementPage
from intranet.announcements.permissions import PUBLISH
from intranet.announcements.services.delivery import remind_outstanding
from intranet.core.errors import DomainError


def _check(request: HttpRequest) -> None:
    if not request.user.has_perm(PUBLISH):
        raise PermissionDenied


def reach_index(request: HttpRequest) -> HttpResponse:
    _check(request)
    pages = AnnouncementPage.objects.filter(announced_at__isnull=False).order_by(
        "-announced_at")[:100]
    return render(request, "announcements/admin/reach_index.html", {
        "rows": [(page, selectors.stats(page)) for page in pages],
        "header_title": _("Announcement reach")})


def reach_detail(request: HttpRequest, page_id: int) -> HttpResponse:
    _check(request)
    page = get_object_or_404(AnnouncementPage, pk=page_id).original
    reach = selectors.reach(page)
    median = reach["median_to_acknowledge"]
    return render(request, "announcements/admin/reach_detail.html", {
        "page": page, "stats": reach, "median": duration_text(median) if median else "",
        "departments": selectors.breakdown(page, "department"),
        "locations": selectors.breakdown(page, "location"),
        "header_title": page.title})


def duration_text(duration: timedelta) -> str:
    """"2 days 3 hours", "5 hours 10 minutes", "4 minutes": the two largest units."""
    minutes = int(duration.total_seconds() // 60)
    days, hours, minutes = minutes // 1440, minutes % 1440 // 60, minutes % 60
    parts = [ngettext("%(count)s day", "%(count)s days", days) % {"count": days},
             ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours},
             ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}]
    start = 0 if days else 1 if hours else 2
    return " ".join(parts[start:start + 2]) if start < 2 else parts[2]


def outstanding_csv(request: HttpRequest, page_id: int) -> HttpResponse:
    _check(request)
    page = get_object_or_404(AnnouncementPage, pk=page_id).original
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="outstanding-{page.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["username", "name", "email", "department", "location"])
    for person in selectors.outstanding_people(page):
        profile = getattr(person, "profile", None)
        writer.writerow([
            person.username, person.get_display_name(), person.email,
            profile.department.name if profile and profile.department else "",
            profile.location.name if profile and profile.location else ""])
    return response


@require_POST
def remind(request: HttpRequest, page_id: int) -> HttpResponse:
    _check(request)
    page = get_object_or_404(AnnouncementPage, pk=page_id).original
    try:
        count = remind_outstanding(actor=request.user, page=page)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)s reminder(s) sent.") % {"count": count})
    return redirect("announcements_reach:detail", page_id=page.pk)
