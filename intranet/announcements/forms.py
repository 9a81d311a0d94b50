"""The announcement editor: a translation's audience and delivery settings are its
original's, shown but not editable, so every language version reaches the same people."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from intranet.groups.selectors import visible_groups

DELIVERY_FIELDS = ("departments", "locations", "groups", "importance", "ack_due",
                   "pinned_until", "pin_until_seen", "allow_comments", "allow_reactions")


class AnnouncementPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "groups" in self.fields and self.for_user is not None:
            # The writer chooses among the groups they may know exist; groups already in
            # the audience that they may not see are kept, unnamed (`clean_groups`).
            self.fields["groups"].queryset = visible_groups(self.for_user).order_by("name")
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

    def clean_groups(self):
        chosen = self.cleaned_data.get("groups")
        if self.instance.pk is None or self.for_user is None or chosen is None:
            return chosen
        hidden = list(self.instance.groups.exclude(pk__in=visible_groups(self.for_user)))
        return [*chosen, *hidden] if hidden else chosen
