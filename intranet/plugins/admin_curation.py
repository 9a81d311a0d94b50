"""The curation queue in the Wagtail admin: pending items with approve, feature and
reject (one by one or in bulk), the internal caption, filters by source and state; who
decided and when stays on each item."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from intranet.core.admin_views import ServiceFormMixin
from intranet.core.links import safe_link
from intranet.plugins.models import CURATE, BrandItem
from intranet.plugins.services.curation import item_decide, item_set_caption, items_decide

KEEP = ""


class ItemForm(WagtailAdminModelForm):
    decision = forms.ChoiceField(label=_("Decision"), required=False, choices=[
        (KEEP, _("Leave as it is")), ("approve", _("Approve")), ("feature", _("Feature")),
        ("reject", _("Reject"))])

    class Meta:
        model = BrandItem
        fields = ["caption"]
        widgets = {"caption": forms.Textarea(attrs={"rows": 3})}


class ItemEditView(ServiceFormMixin, EditView):
    def save_instance(self):
        fresh = BrandItem.objects.select_related("post", "source").get(pk=self.object.pk)
        data = self.form.cleaned_data
        if data["caption"] != fresh.caption:
            fresh = item_set_caption(actor=self.request.user, item=fresh,
                                     caption=data["caption"])
        if data["decision"]:
            fresh = item_decide(actor=self.request.user, item=fresh,
                                decision=data["decision"])
        return fresh


class PreviewColumn(Column):
    """The title with the start of the text and a link to the original."""

    def get_value(self, instance):
        return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>'
                           '<div class="help">{}</div>', safe_link(instance.url) or "#",
                           instance.title or instance.url, instance.text[:200])


class BrandItemViewSet(SnippetViewSet):
    model = BrandItem
    icon = "pick"
    menu_label = _("Curation queue")
    url_prefix = "brand/items"
    add_to_admin_menu = True
    menu_order = 311
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = ItemEditView
    list_display = [PreviewColumn("title", label=_("Item")), "source", "state",
                    Column("published_at", label=_("Published")), "reason", "decided_by",
                    Column("decided_at", label=_("Decided")), "share_count"]
    list_filter = ["source", "state"]
    search_fields = ["title", "text", "author"]
    ordering = ["-fetched_at", "-pk"]
    inspect_view_fields = ["title", "url", "author", "published_at", "text", "source",
                           "state", "reason", "caption", "decided_by", "decided_at",
                           "post", "share_count", "is_reply", "is_repost"]

    edit_handler = ObjectList([FieldPanel("caption"), FieldPanel("decision")],
                              base_form_class=ItemForm)



class DecisionBulkAction(SnippetBulkAction):
    models = [BrandItem]
    template_name = "plugins/admin/confirm_bulk_decision.html"
    decision = ""

    def check_perm(self, item) -> bool:
        return self.request.user.has_perm(CURATE)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        items_decide(actor=user, items=objects, decision=cls.decision)
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d item: %(decision)s.", "%(count)d items: %(decision)s.",
                        num_parent_objects) % {"count": num_parent_objects,
                                               "decision": self.display_name}


class ApproveBulkAction(DecisionBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected items")
    decision = "approve"
    action_priority = 10


class FeatureBulkAction(DecisionBulkAction):
    display_name = _("Feature")
    action_type = "feature"
    aria_label = _("Feature the selected items")
    decision = "feature"
    action_priority = 20


class RejectBulkAction(DecisionBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected items")
    decision = "reject"
    action_priority = 30
    classes = {"serious"}


