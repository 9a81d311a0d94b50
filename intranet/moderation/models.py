"""Reports and the cases they gather into.

A case is one piece of content under review (a post, a comment, a brand item or a
person), whatever the number of reports about it; a report is one person's word on it,
counted once per person. Reasons are a list community managers edit, in each language.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin

from intranet.groups.models import InterestGroup


class ReportReason(TranslatableMixin, models.Model):
    """Why one reports something: a stable code, a label in each language."""

    code = models.SlugField(_("code"), max_length=40,
                            help_text=_("Kept by clients of the API: change the label, "
                                        "not the code."))
    label = models.CharField(_("label"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    class Meta(TranslatableMixin.Meta):
        ordering = ["position", "code"]
        verbose_name = _("report reason")
        verbose_name_plural = _("report reasons")
        constraints = [models.UniqueConstraint(fields=["code", "locale"],
                                               name="moderation_one_reason_per_locale")]

    def __str__(self) -> str:
        return self.label


class CaseState(models.TextChoices):
    OPEN = "open", _("Open")
    HELD = "held", _("Held")
    HIDDEN = "hidden", _("Hidden")
    REMOVED = "removed", _("Removed")
    KEPT = "kept", _("Kept")


class Case(models.Model):
    """One piece of content under review, with every report about it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=20)
    # Whose moderators review it: the group the content is in; none for company-wide
    # content, brand items and people, which community managers review.
    group = models.ForeignKey(InterestGroup, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="moderation_cases")
    state = models.CharField(max_length=10, choices=CaseState.choices,
                             default=CaseState.OPEN, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"],
                                               name="moderation_one_case_per_object")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.state})"


class Report(models.Model):
    """One person's report on a case; the reporter is never shown to anyone."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")
    reason = models.SlugField(max_length=40)
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "reporter"],
                                               name="moderation_one_report_per_person")]

    def __str__(self) -> str:
        return f"report {self.pk} on {self.case}"
