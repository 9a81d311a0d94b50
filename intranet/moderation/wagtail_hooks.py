"""The admin: community managers edit the reasons people choose from when reporting;
every moderation action is an entry of the audit log (Reports > Site history, and
Moderation > Moderation history)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from intranet.core.admin_views import RolePermissionPolicy
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.moderation.admin_views import (
    MENU_HOOK,
    ModerationViewSetGroup,
    WaitingPanel,
    history_menu_item,
    queue_menu_item,
    register_permission_policies,
    unanswered_menu_item,
)
from intranet.moderation.models import Action, ReportReason


class ReportReasonViewSet(SnippetViewSet):
    model = ReportReason
    icon = "warning"
    menu_label = _("Report reasons")
    menu_hook = MENU_HOOK
    menu_order = 50
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
    register_permission_policies()
    return ModerationViewSetGroup()


for menu_item in (queue_menu_item, unanswered_menu_item, history_menu_item):
    hooks.register(MENU_HOOK, menu_item)


@hooks.register("construct_homepage_panels")
def waiting_panel(request, panels) -> None:
    if request.user.has_perm(MODERATE_EVERYWHERE):
        panels.append(WaitingPanel(request.user))
