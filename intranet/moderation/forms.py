"""The rule form of the moderation pages: the API's conditions, as fields a person fills."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.moderation.models import ModerationRule, RuleAction

CHOICE = [("", _("Either")), ("yes", _("Yes")), ("no", _("No"))]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _flag(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    group = forms.ChoiceField(label=_("Where"), required=False)
    action = forms.ChoiceField(label=_("What it does"), choices=RuleAction.choices)
    reply = forms.CharField(label=_("Guidance message (for a reply)"), required=False,
                            max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    words = forms.CharField(label=_("Words or phrases, one a line (any one matches)"),
                            required=False, widget=forms.Textarea(attrs={"rows": 3}))
    exceptions = forms.CharField(label=_("Except when one of these is there, one a line"),
                                 required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pattern = forms.CharField(label=_("Pattern (a regular expression)"), required=False,
                              max_length=500)
    domains = forms.CharField(label=_("Links to these domains, one a line"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    has_links = forms.ChoiceField(label=_("Has links"), choices=CHOICE, required=False)
    has_images = forms.ChoiceField(label=_("Has images"), choices=CHOICE, required=False)
    new_authors_days = forms.IntegerField(label=_("Author here for fewer days than"),
                                          required=False, min_value=1, max_value=3650)
    first_posts = forms.IntegerField(label=_("Author's first posts and comments, this many"),
                                     required=False, min_value=1, max_value=1000)
    muted_authors = forms.BooleanField(label=_("Only authors who are muted"), required=False)
    rate_posts = forms.IntegerField(label=_("At least this many posts and comments…"),
                                    required=False, min_value=1, max_value=1000)
    rate_minutes = forms.IntegerField(label=_("…within this many minutes"), required=False,
                                      min_value=1, max_value=1440)
    enabled = forms.BooleanField(label=_("Switched on"), required=False)

    def __init__(self, *args, groups: list[tuple[str, str]], everywhere: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Everywhere"))] if everywhere else []
        self.fields["group"].choices = choices + groups

    def conditions(self) -> dict:
        data = self.cleaned_data
        found = {"words": _lines(data["words"]), "exceptions": _lines(data["exceptions"]),
                 "pattern": data["pattern"] or None, "domains": _lines(data["domains"]),
                 "has_links": _flag(data["has_links"]),
                 "has_images": _flag(data["has_images"]),
                 "new_authors_days": data["new_authors_days"],
                 "first_posts": data["first_posts"],
                 "muted_authors": True if data["muted_authors"] else None}
        if data["rate_posts"] or data["rate_minutes"]:
            found["rate"] = {"posts": data["rate_posts"], "minutes": data["rate_minutes"]}
        return {name: value for name, value in found.items() if value not in (None, [], "")}

    @classmethod
    def initial_of(cls, rule: ModerationRule) -> dict:
        found = rule.conditions or {}
        words = [*found.get("words", []), *found.get("phrases", [])]
        rate = found.get("rate") or {}
        return {"name": rule.name, "group": rule.group.slug if rule.group_id else "",
                "action": rule.action, "reply": rule.reply, "words": "\n".join(words),
                "exceptions": "\n".join(found.get("exceptions", [])),
                "pattern": found.get("pattern") or "",
                "domains": "\n".join(found.get("domains", [])),
                "has_links": {True: "yes", False: "no"}.get(found.get("has_links"), ""),
                "has_images": {True: "yes", False: "no"}.get(found.get("has_images"), ""),
                "new_authors_days": found.get("new_authors_days"),
                "first_posts": found.get("first_posts"),
                "muted_authors": bool(found.get("muted_authors")),
                "rate_posts": rate.get("posts"), "rate_minutes": rate.get("minutes"),
                "enabled": rule.enabled}
