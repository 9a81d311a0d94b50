"""The brand connectors in the Wagtail admin (sources, rules, the curation desk) and the
highlights band on the home page."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

HOME_HIGHLIGHTS = 5


@hooks.register("register_log_actions")
def register_brand_log_actions(actions) -> None:
    for action, label, message in (
            ("source_create", _("Create a brand source"), _("Brand source created")),
            ("source_update", _("Change a brand source"), _("Brand source changed")),
            ("source_delete", _("Delete a brand source"), _("Brand source deleted")),
            ("approve", _("Approve a brand item"), _("Brand item approved")),
            ("feature", _("Feature a brand item"), _("Brand item featured")),
            ("reject", _("Reject a brand item"), _("Brand item rejected")),
            ("caption", _("Caption a brand item"), _("Brand item caption changed")),
            ("rule_create", _("Create a curation rule"), _("Curation rule created")),
            ("rule_update", _("Change a curation rule"), _("Curation rule changed")),
            ("rule_delete", _("Delete a curation rule"), _("Curation rule deleted"))):
        actions.register_action(f"intranet.brand.{action}", label, message)


@hooks.register("home_panels")
def brand_highlights_panel(request):
    """The featured highlights as a band above the feed (approved ones are posts in it)."""
    from intranet.core.home_panels import HomePanel
    from intranet.plugins.selectors import featured_highlights

    items = list(featured_highlights(request.user)[:HOME_HIGHLIGHTS])
    return HomePanel(title=_("Brand highlights"), template="plugins/panels/highlights.html",
                     region="main", order=5, context={"items": items})


@hooks.register("register_admin_viewset")
def register_brand_viewsets():
    from wagtail.admin.viewsets.base import ViewSetGroup

    from intranet.plugins.admin_views import RuleViewSet, SourceViewSet

    class BrandGroup(ViewSetGroup):
        menu_label = _("Brand")
        menu_icon = "globe"
        menu_order = 310
        items = (SourceViewSet, RuleViewSet)

    return BrandGroup()


@hooks.register("register_admin_urls")
def register_desk_urls():
    from django.urls import include, path

    from intranet.plugins import admin_curation

    patterns = ([path("", admin_curation.desk, name="index"),
                 path("act/", admin_curation.act, name="act")], "brand_desk")
    return [path("brand/items/", include(patterns))]


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from intranet.plugins.models import CURATE

    class DeskMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(CURATE)

    return DeskMenuItem(_("Curation desk"), reverse("brand_desk:index"), icon_name="pick",
                        order=311)


def _register_admin() -> None:
    """Brand screens follow the company roles, not Django's per-model permissions."""
    from wagtail.permissions import register_permission_policy

    from intranet.core.admin_views import RolePermissionPolicy
    from intranet.plugins.models import MANAGE_SOURCES, CurationRule, Source

    register_permission_policy(Source, RolePermissionPolicy(Source, MANAGE_SOURCES))
    register_permission_policy(CurationRule, RolePermissionPolicy(CurationRule, MANAGE_SOURCES))


_register_admin()


@hooks.register("seed_demo", order=50)
def seed_brand(*, password: str, stdout) -> None:
    from intranet.plugins.demo import seed_brand as seed

    seed(stdout=stdout)
