"""Employee profiles and the organisation they sit in; their data exports and erasures."""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from intranet.core.media import private_image, private_storage


class NamedPlace(models.Model):
    """A place in the organisation that people belong to, known by its name."""

    name = models.CharField(_("name"), max_length=150, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(NamedPlace):
    class Meta(NamedPlace.Meta):
        verbose_name = _("department")
        verbose_name_plural = _("departments")


class Location(NamedPlace):
    class Meta(NamedPlace.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")


class Skill(TagBase):
    """A skill, kept apart from Wagtail's page tags."""

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class ProfileSkill(TaggedItemBase):
    content_object = models.ForeignKey("Profile", on_delete=models.CASCADE,
                                       related_name="tagged_skills")
    tag = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="tagged_profiles")


class Visibility(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    GROUPS = "groups", _("Members of my groups")
    PRIVATE = "private", _("Only me")


class ContactPolicy(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    GROUPS = "groups", _("Members of my groups")
    NOBODY = "nobody", _("Nobody")


# Fields whose owner chooses who sees them, with the level a new profile starts at.
# Name, username, department and manager always show: the directory and the org chart
# are built from them.
PRIVACY_DEFAULTS: dict[str, str] = {
    "photo": Visibility.EVERYONE,
    "pronouns": Visibility.EVERYONE,
    "job_title": Visibility.EVERYONE,
    "team": Visibility.EVERYONE,
    "location": Visibility.EVERYONE,
    "phone": Visibility.GROUPS,
    "bio": Visibility.EVERYONE,
    "skills": Visibility.EVERYONE,
    "languages": Visibility.EVERYONE,
    "start_date": Visibility.EVERYONE,
}


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="profile")
    employee_id = models.CharField(_("employee id"), max_length=64, unique=True, null=True,
                                   blank=True)
    photo = private_image("people/photos", _("photo"), blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.ForeignKey(Department, verbose_name=_("department"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="people")
    team = models.CharField(_("team"), max_length=150, blank=True)
    manager = models.ForeignKey("self", verbose_name=_("manager"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="reports")
    location = models.ForeignKey(Location, verbose_name=_("location"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="people")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    bio = models.TextField(_("bio"), max_length=2000, blank=True)
    skills = TaggableManager(_("skills"), through=ProfileSkill, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    is_official = models.BooleanField(
        _("official account"), default=False,
        help_text=_("This account speaks for the company or one of its brands."))
    privacy = models.JSONField(_("privacy"), default=dict, blank=True)
    contact_policy = models.CharField(_("who may mention or message me"), max_length=16,
                                      choices=ContactPolicy.choices,
                                      default=ContactPolicy.EVERYONE)
    preferred_language = models.CharField(_("language"), max_length=8, blank=True,
                                          choices=settings.LANGUAGES)
    name_folded = models.CharField(max_length=320, blank=True, db_index=True, editable=False)
    left_at = models.DateTimeField(_("left the company"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__display_name"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.user.get_display_name()

    def visibility_of(self, field: str) -> str:
        return self.privacy.get(field, PRIVACY_DEFAULTS[field])

    @property
    def is_former_employee(self) -> bool:
        return self.left_at is not None


class ExportState(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class PersonalDataExport(models.Model):
    """Everything the intranet keeps about a person, as a ZIP only they may download,
    until it expires (EXPORT_LINK_DAYS)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="+")
    state = models.CharField(max_length=8, choices=ExportState.choices,
                             default=ExportState.PENDING)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    file = models.FileField(storage=private_storage, max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")

    def __str__(self) -> str:
        return f"export {self.pk} ({self.state})"

    def state_at(self, now: datetime) -> str:
        """Its state, a ready export past its expiry counting as expired at once."""
        if self.state == ExportState.READY and self.expires_at and self.expires_at <= now:
            return ExportState.EXPIRED
        return self.state


class ErasureState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for HR")
    APPROVED = "approved", _("Being erased")
    DONE = "done", _("Erased")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_ERASURE = [ErasureState.REQUESTED, ErasureState.APPROVED]


class ErasureRequest(models.Model):
    """A person's erasure: asked by themselves (HR confirms it) or started by HR."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=10, choices=ErasureState.choices,
                             default=ErasureState.REQUESTED)
    # What became of the person's posts and comments: ERASURE_CONTENT when approved.
    content = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [models.UniqueConstraint(
            fields=["person"], condition=models.Q(state__in=OPEN_ERASURE),
            name="people_one_open_erasure")]
        permissions = [("erase_person", _("Can erase a person's personal data"))]

    def __str__(self) -> str:
        # Never the person's name: audit entries keep this label after their erasure.
        return f"erasure request {self.pk} ({self.state})"
