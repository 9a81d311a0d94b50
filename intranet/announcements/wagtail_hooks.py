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

    from intranet.announcements import admin_views

    patterns = ([
        path("", admin_views.reach_index, name="index"),
        path("<int:page_id>/", admin_views.reach_detail, name="detail"),
        path("<int:page_id>/outstanding.csv", admin_views.outstanding_csv, name="outstanding"),
        path("<int:page_id>/remind/", admin_views.remind, name="remind"),
    ], "announcements_reach")
    return [path("announcements/reach/", include(patterns))]


@hooks.register("register_admin_menu_item")
def reach_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from intranet.announcements.permissions import PUBLISH

    class ReachMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(PUBLISH)

    return ReachMenuItem(_("Announcement reach"), reverse("announcements_reach:index"),
                         icon_name="doc-full", order=320)


@hooks.register("register_log_actions")
def register_announcement_log_actions(actions) -> None:
    actions.register_action("intranet.announcement.remind", _("Remind"),
                            _("Reminder sent to those who have not acknowledged"))


@hooks.register("seed_demo", order=60)
def seed_announcements(*, password: str, stdout) -> None:
    from intranet.announcements.demo import seed_announcements as seed

    seed(stdout=stdout)
