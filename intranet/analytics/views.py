"""A group's own charts, for its owners (and whoever reads all analytics), outside the
Wagtail admin: the group's settings page shows them."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from intranet.analytics.charts import Table, chart_policy, csv_response, svg_response
from intranet.analytics.dashboard import CHARTS, GROUP_CHARTS, Filters
from intranet.analytics.ranges import period
from intranet.analytics.selectors import may_read_analytics
from intranet.core.policy import read_policy
from intranet.groups.models import InterestGroup


def group_filters(request: HttpRequest, group: InterestGroup) -> Filters:
    """The group's last 30 days."""
    since, until = period(None, None)
    return Filters(user=request.user, since=since, until=until, group=group)


def _table(request: HttpRequest, slug: str, name: str) -> tuple[Table, Filters]:
    group = read_policy("group content").readable(request.user).filter(slug=slug).first()
    if group is None or name not in GROUP_CHARTS:
        raise Http404
    if not may_read_analytics(request.user, group):
        raise PermissionDenied
    filters = group_filters(request, group)
    return CHARTS[name](filters), filters


@chart_policy
def group_chart_svg(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    return svg_response(_table(request, slug, name)[0])


def group_chart_csv(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    table, filters = _table(request, slug, name)
    return csv_response(table, f"{filters.group.slug}-{name}-{filters.since}-{filters.until}")
