"""The analytics dashboard in the Wagtail admin, for HR, Communications and Community
managers: headline figures, one chart per question, each downloadable as CSV."""

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from intranet.analytics import selectors
from intranet.analytics.charts import Table, chart_policy, csv_response, svg_response
from intranet.analytics.dashboard import CHARTS, Filters, chart_entries, chart_names
from intranet.analytics.forms import FiltersForm


def _filters(request: HttpRequest) -> tuple[FiltersForm, Filters]:
    if not selectors.may_read_analytics(request.user):
        raise PermissionDenied
    form = FiltersForm(request.GET or None, user=request.user)
    return form, form.filters()


def dashboard(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    totals = selectors.overview(since=filters.since, until=filters.until, group=filters.group)
    return render(request, "analytics/admin/dashboard.html", {
        "form": form, "filters": filters, "totals": totals,
        "minimum_audience": settings.ANALYTICS_MIN_AUDIENCE,
        "charts": chart_entries(filters, "analytics_admin"), "header_title": _("Analytics")})


def _table(request: HttpRequest, name: str) -> tuple[Table, Filters]:
    form, filters = _filters(request)
    if name not in chart_names(filters):
        raise Http404
    if form.is_bound and not form.is_valid():
        raise BadRequest(_("Choose a valid period."))
    return CHARTS[name](filters), filters


@chart_policy
def chart_svg(request: HttpRequest, name: str) -> HttpResponse:
    return svg_response(_table(request, name)[0])


def chart_csv(request: HttpRequest, name: str) -> HttpResponse:
    table, filters = _table(request, name)
    return csv_response(table, f"{name}-{filters.since}-{filters.until}")
