"""Follow and block buttons: one small form each (`feeds/_switch.html`), the same whether
a page draws it or the in-place answer to pressing it does."""

from django.utils.translation import gettext_lazy as _

# kind: (the label while off, the label while on)
LABELS = {
    "topic": (_("Follow this topic"), _("Stop following")),
    "person": (_("Follow"), _("Stop following")),
    "block": (_("Block"), _("Unblock")),
    "thread": (_("Follow this thread"), _("Stop following this thread")),
}


def switch_context(kind: str, action: str, on: bool) -> dict:
    off_label, on_label = LABELS[kind]
    return {"kind": kind, "action": action, "on": on, "label": on_label if on else off_label,
            "danger": kind == "block"}
