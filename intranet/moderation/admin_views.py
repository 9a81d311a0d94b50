"""Moderation in the Wagtail admin, for community managers: every case with its reports
(read only: decisions are taken on the moderation pages, which tell the people
concerned), the mutes in force, and the rules, edited through the same service as the
API and the pages; one menu leads to all of it, and to those pages, and the dashboard
says how much waits for a decision."""

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from intranet.core.admin_views import RolePermissionPolicy, ServiceEditView, ServiceFormMixin
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.moderation import selectors
from intranet.moderation.models import Case, ModerationRule, Restriction
from intranet.moderation.services.rules import rule_build, rule_delete, rule_save

READ_ONLY = frozenset({"view"})
# Moderation's submenu: its viewsets, the report reasons' snippets and the links below.
MENU_HOOK = "register_moderation_menu_item"


class DecideColumn(Column):
    """A link to the item on the moderation queue, where decisions are taken."""

    def get_value(self, instance):
        return format_html('<a href="{}?state={}#case-{}">{}</a>', reverse("moderation:queue"),
                           instance.state, instance.pk, _("Decide"))


class CaseIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (super().get_base_queryset().select_related("group", "author")
                .annotate(report_count=Count("reports")))


class CaseViewSet(ModelViewSet):
    model = Case
    name = "moderation-cases"
    url_prefix = "moderation/cases"
    icon = "warning"
    menu_label = _("Moderation cases")
    menu_order = 20
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CaseIndexView
    list_display = ["kind", "group", "author", "state", "pending", "weight",
                    Column("report_count", label=_("Reports")), "updated_at",
                    DecideColumn("decide", label=_("Decision"))]
    list_filter = ["state", "pending", "kind"]
    form_fields = ["state"]  # never shown: nobody edits a case here
    inspect_view_fields = ["kind", "object_id", "group", "author", "state", "pending",
                           "weight", "reason", "appealed_at", "appeal_note", "created_at",
                           "updated_at"]


class RestrictionViewSet(ModelViewSet):
    model = Restriction
    name = "moderation-mutes"
    url_prefix = "moderation/mutes"
    icon = "lock"
    menu_label = _("Mutes")
    menu_order = 30
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["user", "group", "until", "reason", "created_by", "created_at"]
    list_filter = ["group"]
    form_fields = ["until"]  # never shown: nobody edits a mute here


class RuleAdminForm(forms.ModelForm):
    class Meta:
        model = ModerationRule
        fields = ["name", "enabled", "group", "action", "reply", "position", "conditions"]


class RuleSaveMixin(ServiceFormMixin):
    def save_instance(self):
        data = self.form.cleaned_data
        rule = rule_build(actor=self.request.user, name=data["name"], action=data["action"],
                          group=data["group"], conditions=data["conditions"],
                          reply=data["reply"], enabled=data["enabled"],
                          position=data["position"],
                          rule=self.object if getattr(self.object, "pk", None) else None)
        return rule_save(actor=self.request.user, rule=rule)


class RuleCreateView(RuleSaveMixin, generic.CreateView):
    pass


class RuleEditView(RuleSaveMixin, ServiceEditView):
    pass


class RuleDeleteView(generic.DeleteView):
    def delete_action(self):
        rule_delete(actor=self.request.user, rule=self.object)


class RuleViewSet(ModelViewSet):
    model = ModerationRule
    name = "moderation-rules"
    url_prefix = "moderation/rules"
    icon = "cogs"
    menu_label = _("Moderation rules")
    menu_order = 40
    copy_view_enabled = False
    add_view_class = RuleCreateView
    edit_view_class = RuleEditView
    delete_view_class = RuleDeleteView
    list_display = ["name", "group", "action", "enabled", "position", "updated_at"]
    list_filter = ["enabled", "action"]

    def get_form_class(self, for_update=False):
        return RuleAdminForm


def register_permission_policies() -> None:
    """Community managers read cases and mutes and edit rules, whatever Django's
    per-model permissions say; nobody edits a case or a mute here."""
    for model in (Case, Restriction):
        register_permission_policy(model, RolePermissionPolicy(model, MODERATE_EVERYWHERE,
                                                               READ_ONLY))
    register_permission_policy(ModerationRule, RolePermissionPolicy(ModerationRule,
                                                                    MODERATE_EVERYWHERE))


class ModerationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "warning"
    menu_order = 410
    submenu_hook = MENU_HOOK
    items = (CaseViewSet, RestrictionViewSet, RuleViewSet)


class ManagerMenuItem(MenuItem):
    """A link of moderation's menu for community managers: the pages where decisions are
    taken, and the audit log, are outside moderation's own admin screens."""

    def is_shown(self, request) -> bool:
        return request.user.has_perm(MODERATE_EVERYWHERE)


def queue_menu_item() -> MenuItem:
    return ManagerMenuItem(_("Waiting for a decision"), reverse("moderation:queue"),
                           name="moderation-queue", icon_name="warning", order=10)


def unanswered_menu_item() -> MenuItem:
    return ManagerMenuItem(_("Unanswered"), reverse("moderation:unanswered"),
                           name="moderation-unanswered", icon_name="help", order=60)


def history_menu_item() -> MenuItem:
    return ManagerMenuItem(_("Moderation history"),
                           reverse("wagtailadmin_reports:site_history"),
                           name="moderation-history", icon_name="history", order=70)


class WaitingPanel(Component):
    """The dashboard of a community manager: how many items wait for a decision."""

    name = "moderation_waiting"
    order = 90
    template_name = "moderation/admin/waiting_panel.html"

    def __init__(self, user: AbstractBaseUser) -> None:
        self.user = user

    def get_context_data(self, parent_context=None) -> dict:
        return {"waiting": selectors.cases_for(self.user).filter(pending=True).count(),
                "queue": reverse("moderation:queue")}
