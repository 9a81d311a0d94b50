"""The announcement editor: a translation's audience and delivery settings are its
original's, shown but not editable, so every language version reaches the same people."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

DELIVERY_FIELDS = ("departments", "locations", "groups", "importance", "ack_due",
                   "pinned_until", "pin_until_seen", "allow_comments", "allow_reactions")


class AnnouncementPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None or self.instance.is_original:
            return
        original = self.instance.original
        for name in DELIVERY_FIELDS:
            field = self.fields.get(name)
            if field is None:
                continue
            field.disabled = True
            field.help_text = _("Set on the original version, in %(language)s.") % {
                "language": original.locale.get_display_name()}
            value = getattr(original, name)
            self.initial[name] = (list(value.values_list("pk", flat=True))
                                  if hasattr(value, "values_list") else value)
