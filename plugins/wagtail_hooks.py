"""The brand connectors in the Wagtail admin: sources, rules, the curation queue."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_brand_log_actions(actions) -> None:
    for action, label, message in (
            ("source_create", _("Create a brand source"), _("Brand source created")),
            ("source_update", _("Change a brand source"), _("Brand source changed")),
            ("source_delete", _("Delete a brand source"), _("Brand source deleted")),
            ("approve", _("Approve a brand item"), _("Brand item approved")),
            ("feature", _("Feature a brand item"), _("Brand item featured")),
            ("reject", _("Reject a brand item"), _("Brand item rejected")),
            ("caption", _("Caption a brand item"), _("Brand item caption changed"))):
        actions.register_action(f"intranet.brand.{action}", label, message)
