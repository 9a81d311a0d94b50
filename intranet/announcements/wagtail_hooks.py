"""Announcements on the home page, on top of the feed."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("home_panels")
def announcements_panel(request):
    from intranet.announcements.selectors import home_announcements
    from intranet.home_panels import HomePanel

    return HomePanel(title=_("Announcements"), template="announcements/panels/home.html",
                     region="main", order=1,
                     context={"announcements": home_announcements(request.user)})
