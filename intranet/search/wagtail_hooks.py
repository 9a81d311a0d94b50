"""Search's place in the Wagtail admin, and its audit actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_admin_viewset")
def register_search_viewsets():
    from intranet.search.admin_views import SearchViewSetGroup, register_permission_policies

    register_permission_policies()
    return SearchViewSetGroup()


@hooks.register("register_log_actions")
def register_search_log_actions(actions) -> None:
    actions.register_action("intranet.search.pin", _("Pin a result"),
                            _("Result pinned for a query"))
    actions.register_action("intranet.search.hide", _("Hide a result"),
                            _("Result hidden for a query"))
    actions.register_action("intranet.search.unpromote", _("Unpin or unhide a result"),
                            _("Result no longer pinned or hidden for a query"))
