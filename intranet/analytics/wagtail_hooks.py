"""The analytics dashboard in the Wagtail admin: its pages, its menu item for those who
may read analytics, and the week's figures on the admin's home page."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

WEEK_PANEL_ORDER = 50


@hooks.register("register_admin_urls")
def analytics_urls():
    from django.urls import include, path

    from intranet.analytics import admin_views

    patterns = ([
        path("", admin_views.dashboard, name="index"),
        path("charts/<slug:name>.svg", admin_views.chart_svg, name="svg"),
        path("charts/<slug:name>.csv", admin_views.chart_csv, name="csv"),
    ], "analytics_admin")
    return [path("analytics/", include(patterns))]


@hooks.register("register_admin_menu_item")
def analytics_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from intranet.analytics.selectors import may_read_analytics

    class AnalyticsMenuItem(MenuItem):
        def is_shown(self, request):
            return may_read_analytics(request.user)

    return AnalyticsMenuItem(_("Analytics"), reverse("analytics_admin:index"),
                             icon_name="view", order=330)


@hooks.register("construct_homepage_panels")
def week_panel(request, panels) -> None:
    from intranet.analytics.panels import WeekPanel
    from intranet.analytics.selectors import may_read_analytics

    if may_read_analytics(request.user):
        panels.append(WeekPanel())


@hooks.register("group_settings_panels")
def group_activity_panel(request, group):
    """The group's own charts of the last 30 days, for its owners."""
    from django.conf import settings

    from intranet.analytics.dashboard import chart_entries
    from intranet.analytics.selectors import may_read_analytics, overview
    from intranet.analytics.views import group_filters
    from intranet.core.home_panels import HomePanel

    if not may_read_analytics(request.user, group):
        return None
    filters = group_filters(request, group)
    return HomePanel(title=_("Activity of the group"), template="analytics/panels/group.html",
                     context={"filters": filters,
                              "minimum_audience": settings.ANALYTICS_MIN_AUDIENCE,
                              "figures": overview(since=filters.since, until=filters.until,
                                                  group=group),
                              "charts": chart_entries(filters, "analytics", slug=group.slug)})
