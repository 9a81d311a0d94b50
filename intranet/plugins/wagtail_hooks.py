"""The brand connectors in the Wagtail admin: sources, rules, the curation queue."""

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
    from intranet.core.home_panels import HomePanel
    from intranet.plugins.selectors import highlights

    return HomePanel(title=_("Brand highlights"), template="plugins/panels/highlights.html",
                     region="side", order=5,
                     context={"items": list(highlights(request.user)[:HOME_HIGHLIGHTS])})


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


def _register_admin() -> None:
    """Brand screens follow the company roles, not Django's per-model permissions."""
    from wagtail.permissions import register_permission_policy
    from wagtail.snippets.models import register_snippet

    from intranet.core.admin_views import RolePermissionPolicy
    from intranet.plugins.admin_curation import (
        ApproveBulkAction,
        BrandItemViewSet,
        FeatureBulkAction,
        RejectBulkAction,
    )
    from intranet.plugins.models import CURATE, MANAGE_SOURCES, BrandItem, CurationRule, Source

    register_permission_policy(Source, RolePermissionPolicy(Source, MANAGE_SOURCES))
    register_permission_policy(CurationRule, RolePermissionPolicy(CurationRule, MANAGE_SOURCES))
    register_permission_policy(BrandItem, RolePermissionPolicy(
        BrandItem, CURATE, frozenset({"change", "view"})), exact_class=True)
    register_snippet(BrandItemViewSet)
    for action in (ApproveBulkAction, FeatureBulkAction, RejectBulkAction):
        hooks.register("register_bulk_action", action)


_register_admin()



@hooks.register("seed_demo", order=50)
def seed_brand(*, password: str, stdout) -> None:
    from intranet.plugins.demo import seed_brand as seed

    seed(stdout=stdout)
