"""Interest groups, who belongs to them and how people get in."""


from django.conf import settings
from django.contrib.auth.models import Group as AuthGroup
from django.db import models
from django.utils.translation import gettext_lazy as _

from intranet.core.media import private_image


class Visibility(models.TextChoices):
    OPEN = "open", _("Open: anyone can read and join")
    PRIVATE = "private", _("Private: listed, members read, join by request")
    SECRET = "secret", _("Secret: invisible to non-members, join by invitation")


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    MODERATOR = "moderator", _("Moderator")
    MEMBER = "member", _("Member")


class NotificationLevel(models.TextChoices):
    ALL = "all", _("Everything")
    MENTIONS = "mentions", _("Mentions only")
    NONE = "none", _("Nothing")


class InterestGroup(models.Model):
    """A community around an interest, a project or a passion.

    Each role has its own auth group holding the role's object permissions, so joining,
    leaving or changing role is one membership row and one auth-group row, never a
    rewrite of permissions.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=140, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    cover = private_image("groups/covers", _("cover image"), blank=True)
    visibility = models.CharField(_("visibility"), max_length=8, choices=Visibility.choices,
                                  default=Visibility.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    owners = models.OneToOneField(AuthGroup, on_delete=models.PROTECT, related_name="+")
    moderators = models.OneToOneField(AuthGroup, on_delete=models.PROTECT, related_name="+")
    members = models.OneToOneField(AuthGroup, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("interest group")
        verbose_name_plural = _("interest groups")
        permissions = [
            ("view_group", _("Can read the group")),
            ("post_in_group", _("Can post in the group")),
            ("moderate_group", _("Can moderate the group")),
            ("manage_group", _("Can manage the group")),
        ]
        indexes = [models.Index(fields=["visibility"], name="groups_visibility_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def auth_group(self, role: str) -> AuthGroup:
        return {Role.OWNER: self.owners, Role.MODERATOR: self.moderators,
                Role.MEMBER: self.members}[role]


class Membership(models.Model):
    group = models.ForeignKey(InterestGroup, on_delete=models.CASCADE,
                              related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    notification_level = models.CharField(_("notifications"), max_length=10,
                                          choices=NotificationLevel.choices,
                                          default=NotificationLevel.ALL)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["group", "user"],
                                               name="groups_one_membership")]
        indexes = [models.Index(fields=["user", "group"], name="groups_membership_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.role})"


class RequestState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class JoinRequest(models.Model):
    group = models.ForeignKey(InterestGroup, on_delete=models.CASCADE,
                              related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    message = models.TextField(_("message"), max_length=1000, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=RequestState.choices,
                             default=RequestState.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        constraints = [models.UniqueConstraint(
            fields=["group", "user"], condition=models.Q(state="pending"),
            name="groups_one_pending_request")]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.group} ({self.state})"


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Invitation(models.Model):
    group = models.ForeignKey(InterestGroup, on_delete=models.CASCADE,
                              related_name="invitations")
    invitee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="group_invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(max_length=10, choices=InvitationState.choices,
                             default=InvitationState.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(
            fields=["group", "invitee"], condition=models.Q(state="pending"),
            name="groups_one_pending_invitation")]

    def __str__(self) -> str:
        return f"{self.invitee} invited to {self.group}"
