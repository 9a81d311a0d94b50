"""HR's focused "New announcement" form: what to say, to whom, how and when. It makes an
ordinary announcement page, which Wagtail's editor, workflow and scheduling then own."""

from django import forms
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Locale
from wagtail.rich_text import RichText

from intranet.announcements.models import AnnouncementPage, Importance
from intranet.announcements.services.writing import announcement_write
from intranet.groups.models import InterestGroup
from intranet.groups.selectors import visible_groups
from intranet.people.models import Department, Location

IMPORTANCE_EXPLANATIONS = {
    Importance.INFO: _("Appears in employees' list of announcements and notifications."),
    Importance.IMPORTANT: _("Also sent by e-mail to everyone it reaches."),
    Importance.ACK_REQUIRED: _(
        "Sent by e-mail and marked \"Action required\": each employee confirms they have "
        "read it, is reminded before the due date, and you follow who has in the reach "
        "report."),
}


class Pinning(models.TextChoices):
    NONE = "none", _("Not pinned")
    UNTIL = "until", _("Pinned until a date")
    SEEN = "seen", _("Pinned until each employee has opened it")


def _choices(queryset, label: str, search: str) -> forms.ModelMultipleChoiceField:
    """Checkboxes that writing.js gives a search box (its label: `search`)."""
    return forms.ModelMultipleChoiceField(
        queryset=queryset, required=False, label=label,
        widget=forms.CheckboxSelectMultiple(attrs={"data-searchable-choices": search}))


class AnnouncementWriteForm(forms.Form):
    """HR's "New announcement": what to say, to whom, how and when. The page it makes is
    an ordinary announcement page, edited afterwards in Wagtail's editor."""

    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("A sentence or two, shown in the list of "
                                          "announcements and in notifications."))
    body = forms.CharField(label=_("Text"), widget=get_rich_text_editor_widget())
    importance = forms.ChoiceField(label=_("Importance"), choices=Importance.choices,
                                   initial=Importance.INFO, widget=forms.RadioSelect)
    departments = _choices(Department.objects.order_by("name"), _("Departments"),
                           _("Search departments"))
    locations = _choices(Location.objects.order_by("name"), _("Locations"),
                         _("Search locations"))
    groups = _choices(InterestGroup.objects.none(), _("Groups"), _("Search groups"))
    ack_due = forms.DateTimeField(label=_("Acknowledge by"), required=False,
                                  widget=AdminDateTimeInput())
    pinning = forms.ChoiceField(label=_("Pinning"), choices=Pinning.choices,
                                initial=Pinning.NONE, widget=forms.RadioSelect)
    pinned_until = forms.DateTimeField(label=_("Pinned until"), required=False,
                                       widget=AdminDateTimeInput())
    publish_at = forms.DateTimeField(
        label=_("Publish at"), required=False, widget=AdminDateTimeInput(),
        help_text=_("Empty: as soon as it is published (or approved)."))
    expire_at = forms.DateTimeField(label=_("Withdraw at"), required=False,
                                    widget=AdminDateTimeInput(),
                                    help_text=_("Empty: it stays until withdrawn by hand."))
    language = forms.ChoiceField(
        label=_("Language"), choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        help_text=_("The language you write it in. Once saved, add other language versions "
                    "with \"Translate\" in the actions menu at the top of its page editor."))

    def __init__(self, *args, user: AbstractBaseUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].help_text = _("Their members receive it.")
        # Only the groups the writer may know exist: a secret group they are not in is
        # neither offered nor accepted.
        self.fields["groups"].queryset = visible_groups(user).order_by("name")
        self.fields["language"].initial = Locale.get_default().language_code

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not strip_tags(body).strip():
            raise forms.ValidationError(_("This field is required."), code="required")
        return body

    def clean(self) -> dict:
        data = super().clean()
        now = timezone.now()
        if data.get("importance") == Importance.ACK_REQUIRED:
            if data.get("ack_due") is not None and data["ack_due"] <= now:
                self.add_error("ack_due", _("Choose a time in the future."))
        else:
            data["ack_due"] = None
        if data.get("pinning") == Pinning.UNTIL and data.get("pinned_until") is None:
            self.add_error("pinned_until", _("Choose until when it stays pinned."))
        if data.get("pinning") != Pinning.UNTIL:
            data["pinned_until"] = None
        publish_at, expire_at = data.get("publish_at"), data.get("expire_at")
        if expire_at is not None and expire_at <= (publish_at or now):
            self.add_error("expire_at", _("Choose a time after the publication."))
        return data

    def write(self, *, actor: AbstractBaseUser, draft: bool) -> AnnouncementPage:
        """The announcement page, through the service that publishes or submits it."""
        data = self.cleaned_data
        return announcement_write(
            actor=actor, locale=Locale.objects.get(language_code=data["language"]),
            text={"title": " ".join(data["title"].split()), "summary": data["summary"],
                  "body": [("text", RichText(data["body"]))]},
            importance=data["importance"], departments=data["departments"],
            locations=data["locations"], groups=data["groups"], ack_due=data["ack_due"],
            publish_at=data["publish_at"], expire_at=data["expire_at"],
            pinned_until=data["pinned_until"], pin_until_seen=data["pinning"] == Pinning.SEEN,
            draft=draft)
