"""Announcements on the home page, on top of the feed."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("home_panels")
def announcements_panel(request):
    from intranet.announcements.selectors import home_announcements
    from intranet.core.home_panels import HomePanel

    return HomePanel(title=_("Announcements"), template="announcements/panels/home.html",
                     region="main", order=1,
                     context={"announcements": home_announcements(request.user)})


@hooks.register("register_admin_urls")
def reach_urls():
    from django.urls import include, path

    from intranet.announcements import admin_views, writing_views

    patterns = ([
        path("", admin_views.reach_index, name="index"),
        path("new/", writing_views.announcement_new, name="new"),
        path("audience-count/", writing_views.audience_count, name="audience_count"),
        path("<int:page_id>/", admin_views.reach_detail, name="detail"),
        path("<int:page_id>/outstanding.csv", admin_views.outstanding_csv, name="outstanding"),
        path("<int:page_id>/remind/", admin_views.remind, name="remind"),
    ], "announcements_reach")
    return [path("announcements/reach/", include(patterns))]


def _hr_menu_item(label, url_name: str, icon: str, order: int):
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from intranet.announcements.permissions import PUBLISH

    class HrMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(PUBLISH)

    return HrMenuItem(label, reverse(url_name), icon_name=icon, order=order)


@hooks.register("register_admin_menu_item")
def new_announcement_menu_item():
    return _hr_menu_item(_("New announcement"), "announcements_reach:new", "plus", 319)


@hooks.register("register_admin_menu_item")
def reach_menu_item():
    return _hr_menu_item(_("Announcement reach"), "announcements_reach:index", "doc-full",
                         320)


@hooks.register("insert_editor_js")
def searchable_audience_pickers():
    """Search boxes over the audience's checkbox lists in Wagtail's page editor."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>',
                       static("announcements/writing.js"))


@hooks.register("register_log_actions")
def register_announcement_log_actions(actions) -> None:
    actions.register_action("intranet.announcement.remind", _("Remind"),
                            _("Reminder sent to those who have not acknowledged"))


@hooks.register("seed_demo", order=60)
def seed_announcements(*, password: str, stdout) -> None:
    from intranet.announcements.demo import seed_announcements as seed

    seed(stdout=stdout)
