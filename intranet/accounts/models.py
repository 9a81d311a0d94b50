"""The user model and one-time websocket tickets."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """An employee's account.

    `display_name` lets apps that only know users (groups, feeds) show people properly
    without reaching into profiles.
    """

    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    # When HR erased the person's data: they are shown as "Former employee" everywhere.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Raised by "sign out everywhere": every session signed in before no longer matches.
    sessions_epoch = models.PositiveIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["display_name", "username"]
        permissions = [
            ("publish_announcements", _("Can publish announcements")),
            ("post_company_wide", _("Can post company-wide")),
            ("manage_brand_sources", _("Can manage brand sources")),
            ("curate_brand", _("Can curate brand items")),
            ("moderate_everywhere", _("Can moderate content everywhere")),
        ]

    def __str__(self) -> str:
        return self.get_display_name()

    def get_display_name(self) -> str:
        if self.erased_at is not None:
            return gettext("Former employee")
        return self.display_name or self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's HMAC of the password, which every session carries, changed as well
        by the sessions epoch: signing out everywhere then ends every session at once,
        as a new password does."""
        if not self.sessions_epoch:
            return super()._get_session_auth_hash(secret)
        return salted_hmac("django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
                           f"{self.password}:{self.sessions_epoch}", secret=secret,
                           algorithm="sha256").hexdigest()

    def save(self, *args, **kwargs) -> None:
        if not self.display_name:
            self.display_name = self.get_full_name()
        super().save(*args, **kwargs)


class WebsocketTicket(models.Model):
    """A short-lived, single-use credential for opening a websocket without a cookie.

    Only a digest is stored; the ticket itself is shown once to the client.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    # What the ticket was asked with (`token:<id>` or `session:<digest>`), so that the
    # socket it opens closes when that token is revoked or that session ends.
    credential = models.CharField(max_length=80, blank=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("websocket ticket")

    def __str__(self) -> str:
        return f"ticket of {self.user_id} until {self.expires_at:%H:%M:%S}"
