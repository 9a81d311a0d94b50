"""Brand sources, their curation rules, and the items they bring in."""


from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from intranet.core.media import private_image
from intranet.plugins.titles import title_from_text

MANAGE_SOURCES = "intranet_accounts.manage_brand_sources"
CURATE = "intranet_accounts.curate_brand"


class Source(models.Model):
    """One public channel of the company, polled by a connector."""

    connector = models.CharField(_("connector"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    team = models.CharField(_("owning team"), max_length=120, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="brand_sources",
        verbose_name=_("official account"),
        help_text=_("The account whose posts approved items become."))
    group = models.ForeignKey(
        "intranet_groups.InterestGroup", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="brand_sources", verbose_name=_("group"),
        help_text=_("Publish approved items in this group; empty for the whole company."))
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    secrets = models.TextField(blank=True, help_text="Secret settings, encrypted.")
    interval_minutes = models.PositiveIntegerField(
        _("polling interval (minutes)"), default=30, validators=[MinValueValidator(5)])
    enabled = models.BooleanField(_("enabled"), default=True)
    cursor = models.JSONField(default=dict, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_polled_at = models.DateTimeField(_("last poll"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_error_code = models.CharField(
        max_length=40, blank=True,
        help_text="What kind of failure the last error was, for its plain-words health.")
    failing_since = models.DateTimeField(
        null=True, blank=True, help_text="The first failed poll of the current failing run.")
    failures = models.PositiveIntegerField(default=0, help_text="Failed polls in a row.")
    items_seen = models.PositiveIntegerField(_("items seen"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("brand source")
        verbose_name_plural = _("brand sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Choice(models.TextChoices):
    ANY = "any", _("Any")
    YES = "yes", _("Only")
    NO = "no", _("None")


class CurationRule(models.Model):
    """Decides on new items automatically; the first matching rule wins, in order."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")
        HOLD = "hold", _("Hold for review")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="rules", verbose_name=_("source"),
                               help_text=_("Empty: the rule applies to every source."))
    position = models.PositiveIntegerField(_("order"), default=0)
    label = models.CharField(_("name"), max_length=120)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    words = models.TextField(_("words"), blank=True,
                             help_text=_("One word or phrase per line; any of them matches."))
    authors = models.TextField(_("authors"), blank=True, help_text=_("One per line."))
    media = models.CharField(_("with images"), max_length=3, choices=Choice.choices,
                             default=Choice.ANY)
    replies = models.CharField(_("replies"), max_length=3, choices=Choice.choices,
                               default=Choice.ANY)
    reposts = models.CharField(_("reposts"), max_length=3, choices=Choice.choices,
                               default=Choice.ANY)
    daily_cap = models.PositiveIntegerField(
        _("after this many items a day"), null=True, blank=True,
        help_text=_("Matches once the source has brought this many items today."))
    near_duplicate = models.BooleanField(
        _("near-duplicates only"), default=False,
        help_text=_("Matches an item that repeats one seen in the last week."))
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("curation rule")
        verbose_name_plural = _("curation rules")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class ItemState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    FEATURED = "featured", _("Featured")
    REJECTED = "rejected", _("Rejected")


class BrandItem(models.Model):
    """An entry of a source's channel, kept as it came, and its curation."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="items",
                               verbose_name=_("source"))
    external_id = models.CharField(max_length=500)
    url = models.URLField(_("original link"), max_length=2000, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    html = models.TextField(blank=True, help_text="Sanitised.")
    text = models.TextField(_("text"), blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    fetched_at = models.DateTimeField(auto_now_add=True)
    image_urls = models.JSONField(default=list, blank=True)
    is_reply = models.BooleanField(default=False)
    is_repost = models.BooleanField(default=False)
    content_hash = models.CharField(max_length=64, db_index=True)
    raw = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=ItemState.choices,
                             default=ItemState.PENDING, db_index=True)
    reason = models.CharField(_("why"), max_length=200, blank=True,
                              help_text="The rule that decided, if a rule did.")
    caption = models.TextField(_("internal caption"), blank=True,
                               help_text=_("Shown above the item inside the company."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    post = models.OneToOneField("intranet_feeds.Post", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="brand_item")
    share_count = models.PositiveIntegerField(_("shares"), default=0)

    class Meta:
        verbose_name = _("brand item")
        verbose_name_plural = _("brand items")
        ordering = ["-fetched_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source", "external_id"],
                                               name="brand_item_once_per_source")]

    def __str__(self) -> str:
        return self.title or title_from_text(self.text) or str(_("Untitled item"))


class BrandItemImage(models.Model):
    item = models.ForeignKey(BrandItem, on_delete=models.CASCADE, related_name="images")
    image = private_image("brand/images", width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    source_url = models.URLField(max_length=2000)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.image.name


class ShareChannel(models.TextChoices):
    COPY = "copy", _("Copied link")
    EMAIL = "email", _("E-mail")
    OTHER = "other", _("Other")


class BrandShare(models.Model):
    """One sharing of a highlight outward; no person is kept, only when and how."""

    item = models.ForeignKey(BrandItem, on_delete=models.CASCADE, related_name="shares")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    channel = models.CharField(max_length=10, choices=ShareChannel.choices,
                               default=ShareChannel.OTHER)

    class Meta:
        verbose_name = _("brand share")
        verbose_name_plural = _("brand shares")

    def __str__(self) -> str:
        return f"{self.item_id} {self.channel} {self.created_at:%Y-%m-%d}"


class BrandClick(models.Model):
    """One visit that came back through a shared link; no person or address is kept."""

    item = models.ForeignKey(BrandItem, on_delete=models.CASCADE, related_name="clicks")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("brand click")
        verbose_name_plural = _("brand clicks")

    def __str__(self) -> str:
        return f"{self.item_id} {self.created_at:%Y-%m-%d}"
