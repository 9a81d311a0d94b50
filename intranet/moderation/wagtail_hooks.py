"""The admin: community managers edit the reasons people choose from when reporting;
every moderation action is an entry of the audit log (Reports > Site history)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from intranet.core.admin_views import RolePermissionPolicy
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.moderation.models import Action, ReportReason


class ReportReasonViewSet(SnippetViewSet):
    model = ReportReason
    icon = "warning"
    menu_label = _("Report reasons")
    add_to_admin_menu = True
    menu_order = 420
    list_display = ["label", "code", "position", "active", "locale"]


register_permission_policy(ReportReason, RolePermissionPolicy(ReportReason, MODERATE_EVERYWHERE))
register_snippet(ReportReasonViewSet)


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions) -> None:
    for action in Action:
        # Lazy, so that each reader sees it in their language, whichever was active
        # when the hooks ran.
        actions.register_action(f"intranet.moderation.{action.value}",
                                format_lazy(_("Moderation: {action}"), action=action.label),
                                action.label)
    actions.register_action("intranet.moderation.rule", _("Moderation rule saved"),
                            _("Moderation rule saved"))
    actions.register_action("intranet.moderation.rule_delete", _("Moderation rule deleted"),
                            _("Moderation rule deleted"))


@hooks.register("register_admin_viewset")
def register_moderation_viewsets():
    from intranet.moderation.admin_views import (
        ModerationViewSetGroup,
        register_permission_policies,
    )

    register_permission_policies()
    return ModerationViewSetGroup()
