"""The announcement page type and each person's receipt (seen, acknowledged)."""

from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index as wagtail_index

from intranet.announcements.forms import AnnouncementPageForm


class Importance(models.TextChoices):
    INFO = "info", _("Information")
    IMPORTANT = "important", _("Important")
    ACK_REQUIRED = "ack_required", _("Acknowledgement required")


class CallToAction(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=80)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Call to action")


class AnnouncementPage(Page):
    """An announcement for everyone, or for the union of some departments, locations and
    groups' members. Wagtail saves, schedules and publishes it; the app reacts.

    Its versions in other languages are Wagtail translations of the first one written,
    the original: it alone carries the audience, the delivery settings, the receipts and
    the comments, so a person reads their language and counts once."""

    summary = models.TextField(_("summary"), max_length=500, blank=True,
                               help_text=_("Shown in feeds and notifications."))
    body = StreamField([
        ("text", blocks.RichTextBlock(label=_("Text"))),
        ("image", ImageBlock(label=_("Image"))),
        ("document", DocumentChooserBlock(label=_("Document"))),
        ("call_to_action", CallToAction()),
    ], blank=True, verbose_name=_("body"))
    departments = ParentalManyToManyField("intranet_people.Department", blank=True,
                                          verbose_name=_("departments"))
    locations = ParentalManyToManyField("intranet_people.Location", blank=True,
                                        verbose_name=_("locations"))
    groups = ParentalManyToManyField("intranet_groups.InterestGroup", blank=True,
                                     verbose_name=_("groups"),
                                     help_text=_("Their members are in the audience."))
    importance = models.CharField(_("importance"), max_length=20, choices=Importance.choices,
                                  default=Importance.INFO)
    ack_due = models.DateTimeField(
        _("acknowledge by"), null=True, blank=True,
        help_text=_("For an announcement that requires an acknowledgement: employees see "
                    "this date, and those who have not acknowledged are reminded before it."))
    pinned_until = models.DateTimeField(
        _("pinned until"), null=True, blank=True,
        help_text=_("Stays at the top of employees' home page until then."))
    pin_until_seen = models.BooleanField(
        _("pinned until seen"), default=False,
        help_text=_("Stays at the top of each person's feed until they open it."))
    allow_comments = models.BooleanField(_("comments"), default=True)
    allow_reactions = models.BooleanField(_("reactions"), default=True)
    announced_at = models.DateTimeField(null=True, blank=True, editable=False,
                                        help_text="When its audience was first told.")

    template = "announcements/announcement_page.html"
    base_form_class = AnnouncementPageForm
    # The page types a site allows announcements under; any page by default.
    parent_page_types = settings.ANNOUNCEMENTS_PARENT_PAGE_TYPES
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, wagtail_index.SearchField("summary"),
                     wagtail_index.SearchField("body")]
    content_panels = [
        TitleFieldPanel("title", help_text=_("What employees see first, in their list of "
                                             "announcements and in notifications.")),
        "summary", "body"]
    audience_panels = [
        MultiFieldPanel([
            FieldPanel("departments", widget=forms.CheckboxSelectMultiple(
                attrs={"data-searchable-choices": _("Search departments")})),
            FieldPanel("locations", widget=forms.CheckboxSelectMultiple(
                attrs={"data-searchable-choices": _("Search locations")})),
            FieldPanel("groups", widget=forms.CheckboxSelectMultiple(
                attrs={"data-searchable-choices": _("Search groups")})),
        ], heading=_("Audience"), help_text=_(
            "Employees of any department, location or group chosen here receive it; "
            "with nothing chosen, every employee does.")),
        MultiFieldPanel([FieldPanel("importance", widget=forms.RadioSelect), "ack_due",
                         "pinned_until", "pin_until_seen", "allow_comments",
                         "allow_reactions"], heading=_("Delivery")),
    ]
    # No "Promote" tab: an internal announcement has no search-engine fields; its
    # address (the slug Wagtail needs) is kept with the publication settings.
    settings_panels = [
        FieldPanel("slug", help_text=_("The last part of its address on the intranet.")),
        *Page.settings_panels]
    promote_panels: list = []
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(audience_panels, heading=_("Audience and delivery")),
        ObjectList(settings_panels, heading=_("Publication"), classname="settings"),
    ])

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    @cached_property
    def original(self) -> "AnnouncementPage":
        """The first version written, among its translations."""
        first = (AnnouncementPage.objects.filter(translation_key=self.translation_key)
                 .order_by("pk").first())
        return self if first is None or first.pk == self.pk else first

    @property
    def is_original(self) -> bool:
        return self.original.pk == self.pk

    def delivery_keys(self) -> list[str]:
        """Who receives it: everyone, or the departments, locations and group members."""
        keys = [*(f"department:{pk}" for pk in self.departments.values_list("pk", flat=True)),
                *(f"location:{pk}" for pk in self.locations.values_list("pk", flat=True)),
                *(f"member:{pk}" for pk in self.groups.values_list("pk", flat=True))]
        return keys or ["company"]

    def read_keys(self) -> list[str]:
        """Who may open it by its address: any employee, unless it names groups, then
        its audience and the readers of those groups (a secret group keeps it to its
        members)."""
        groups = list(self.groups.values_list("pk", flat=True))
        if not groups:
            return ["company"]
        return [*(f"group:{pk}" for pk in groups),
                *(key for key in self.delivery_keys() if not key.startswith("member:"))]

    def search_audience(self) -> list[str]:
        """A translation is found by the original's readers once the original is live."""
        original = self.original
        return original.read_keys() if original.live else []

    def serve(self, request: HttpRequest, *args, **kwargs):
        from intranet.announcements.selectors import can_read
        from intranet.announcements.services.receipts import mark_seen

        if not can_read(request.user, self):
            raise Http404
        mark_seen(user=request.user, page=self.original)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from intranet.announcements.selectors import conversation_for, receipt_for
        from intranet.feeds.selectors import my_reactions, threads_of

        original = self.original
        post = conversation_for(original)
        receipt = receipt_for(request.user, original)
        context = super().get_context(request, *args, **kwargs)
        context.update({
            "announcement": original, "receipt": receipt,
            "overdue": bool(original.ack_due and original.ack_due <= timezone.now()
                            and not (receipt and receipt.acknowledged_at)),
            "post": post, "threads": threads_of(request.user, post),
            "mine": my_reactions(request.user, [post] if post else [])})
        return context


class Receipt(models.Model):
    """That a person opened an announcement, and when they acknowledged it."""

    page = models.ForeignKey(AnnouncementPage, on_delete=models.CASCADE,
                             related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="announcement_receipts")
    seen_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "user"],
                                               name="announcement_one_receipt")]

    def __str__(self) -> str:
        return f"{self.user} / {self.page}"


class DeliveryKey(models.Model):
    """The audience keys a published announcement is delivered to, kept in rows so that
    a person's announcements are one indexed query, like their feed."""

    page = models.ForeignKey(AnnouncementPage, on_delete=models.CASCADE,
                             related_name="delivery_key_rows")
    key = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "key"],
                                               name="announcement_key_once")]

    def __str__(self) -> str:
        return self.key


class AutomaticReminder(models.Model):
    """That the automatic reminder before an acknowledgement's due date went out: one per
    announcement and due date, whatever the number of workers or runs (moving the due
    date gives the new one its own reminder)."""

    page = models.ForeignKey(AnnouncementPage, on_delete=models.CASCADE,
                             related_name="automatic_reminders")
    due = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)
    reminded = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "due"],
                                               name="announcement_reminder_once")]

    def __str__(self) -> str:
        return f"{self.page} / {self.due:%Y-%m-%d %H:%M}"
