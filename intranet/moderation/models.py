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
    """One piece of content under review, with every report about it.

    `pending` puts it in the queue: a new report, a hold, or the author's appeal; a
    decision takes it out. The decisions themselves are `Decision` rows."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=20)
    # Whose moderators review it: the group the content is in; none for company-wide
    # content, brand items and people, which community managers review.
    group = models.ForeignKey(InterestGroup, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="moderation_cases")
    # Who wrote it (or who was reported): the person decisions are told to.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=10, choices=CaseState.choices,
                             default=CaseState.OPEN, db_index=True)
    pending = models.BooleanField(default=True, db_index=True)
    # The sum of the reports' weights (reporters' track records), against the threshold.
    weight = models.FloatField(default=0)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"],
                                               name="moderation_one_case_per_object")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.state})"


class ReportOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class Report(models.Model):
    """One person's report on a case; the reporter is never shown to anyone."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")
    reason = models.SlugField(max_length=40)
    note = models.TextField(blank=True, max_length=2000)
    # What it counted for when made, from the reporter's earlier reports' outcomes.
    weight = models.FloatField(default=1)
    outcome = models.CharField(max_length=10, choices=ReportOutcome.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "reporter"],
                                               name="moderation_one_report_per_person")]
        indexes = [models.Index(fields=["reporter", "outcome"],
                                name="moderation_track_record_idx")]

    def __str__(self) -> str:
        return f"report {self.pk} on {self.case}"


class Action(models.TextChoices):
    """What moderators (or the threshold, or a rule) did."""

    KEEP = "keep", _("Kept")
    APPROVE = "approve", _("Approved")
    HIDE = "hide", _("Hidden")
    REMOVE = "remove", _("Removed")
    RESTORE = "restore", _("Restored")
    LOCK = "lock", _("Thread locked")
    WARN = "warn", _("Warned")
    MUTE = "mute", _("Muted")
    SUSPEND = "suspend", _("Suspended")
    HOLD = "hold", _("Held for review")
    APPEAL = "appeal", _("Appealed")


class Decision(models.Model):
    """One moderation action: who (none for the system), when, why, on what and whom.
    The author's history in the queue is read from here; rows are never edited."""

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="decisions")
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject", "-created_at"],
                                name="moderation_history_idx")]

    def __str__(self) -> str:
        return f"{self.action} on case {self.case_id}"


class Restriction(models.Model):
    """A person muted until a time, in one group or company-wide (no group): they read,
    but neither post nor comment there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="moderation_restrictions")
    group = models.ForeignKey(InterestGroup, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    until = models.DateTimeField()
    reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-until"]
        indexes = [models.Index(fields=["user", "until"], name="moderation_restriction_idx")]

    def __str__(self) -> str:
        return f"{self.user} muted until {self.until}"


class RuleAction(models.TextChoices):
    HOLD = "hold", _("Hold for review")
    HIDE = "hide", _("Hide")
    FLAG = "flag", _("Flag to the queue")
    NOTIFY = "notify", _("Notify the community managers")
    REPLY = "reply", _("Reply with guidance")


class ModerationRule(models.Model):
    """A rule on new posts and comments, run by the one rule engine
    (`intranet.core.rules`); `conditions` holds the API's conditions object. A rule with
    no condition matches everything: in a group, that is pre-approval."""

    name = models.CharField(_("name"), max_length=120)
    enabled = models.BooleanField(_("switched on"), default=False)
    group = models.ForeignKey(InterestGroup, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="moderation_rules",
                              help_text=_("Empty: everywhere, company-wide posts included."))
    conditions = models.JSONField(default=dict, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=RuleAction.choices)
    reply = models.TextField(_("guidance message"), blank=True, max_length=2000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("moderation rule")
        verbose_name_plural = _("moderation rules")

    def __str__(self) -> str:
        return self.name


class RuleHit(models.Model):
    """A rule that matched a post or comment, and what it did: kept for the record and
    shown on the item in the queue."""

    rule = models.ForeignKey(ModerationRule, null=True, on_delete=models.SET_NULL,
                             related_name="hits")
    rule_name = models.CharField(max_length=120)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="rule_hits")
    kind = models.CharField(max_length=20)
    object_id = models.CharField(max_length=64)
    action = models.CharField(max_length=10, choices=RuleAction.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rule_name} on {self.kind} {self.object_id}"
