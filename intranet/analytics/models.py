"""Raw records (what was on a person's screen, who was active on a day), the daily
aggregates computed from them and from the feeds, and who is left out of analytics.

Raw rows are pruned after ANALYTICS_RAW_RETENTION_DAYS; pages and the API read only
`DailyFigure`, so a dashboard costs the same whatever the range."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class View(models.Model):
    """That an item (of a read-policy kind) was on a person's screen, the first time."""

    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id", "user"],
                                               name="analytics_view_once")]

    def __str__(self) -> str:
        return f"{self.user_id} saw {self.kind} {self.object_id}"


class ActiveDay(models.Model):
    """That a person used the intranet (pages or API) on a day, in the site's time zone."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    date = models.DateField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "date"],
                                               name="analytics_active_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.date}"


class Dimension(models.TextChoices):
    TOTAL = "", _("Whole company")
    DEPARTMENT = "department", _("Department")
    LOCATION = "location", _("Location")
    GROUP = "group", _("Group")
    ANNOUNCEMENT = "announcement", _("Announcement")
    BRAND_ITEM = "brand_item", _("Brand highlight")
    TOPIC = "topic", _("Topic")


# Dimensions that are sets of people: their figures are shown only for an audience of at
# least ANALYTICS_MIN_AUDIENCE people.
PEOPLE_DIMENSIONS = (Dimension.DEPARTMENT, Dimension.LOCATION, Dimension.GROUP)


class DailyFigure(models.Model):
    """One measure of one day, for the whole company (`dimension` "", `key` 0) or for one
    department, location, group, announcement, brand item or topic (`key` its id).

    `audience` is how many people the department, location, group or announcement had
    when the figure was computed, so that the minimum audience is applied when reading."""

    date = models.DateField()
    measure = models.CharField(max_length=32)
    dimension = models.CharField(max_length=16, choices=Dimension.choices, blank=True)
    key = models.BigIntegerField(default=0)
    value = models.FloatField()
    audience = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dimension", "measure", "key", "date"],
                                               name="analytics_one_figure")]
        indexes = [models.Index(fields=["dimension", "date"], name="analytics_range_idx")]
        permissions = [("view_analytics", "Can view analytics")]

    def __str__(self) -> str:
        return f"{self.date} {self.measure} {self.dimension}:{self.key} = {self.value}"


@register_setting(icon="view")
class AnalyticsSettings(BaseGenericSetting):
    """People whose activity no figure counts, from the moment they are added."""

    excluded_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+",
        verbose_name=_("people left out of analytics"),
        help_text=_("Nothing they see or do is recorded or counted from now on."))

    panels = [FieldPanel("excluded_people")]

    class Meta:
        verbose_name = _("analytics")
