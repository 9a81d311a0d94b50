from math import ceil

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from intranet.accounts.sso import config as sign_on


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255,
                           help_text=_("What will use it, e.g. “reporting script”."))


class SignInLimitMixin:
    """Says how long to wait, instead of "wrong password", when the attempt was refused
    for too many failures (`intranet.accounts.signin`)."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if self.wait:
                minutes = ceil(self.wait / 60)
                raise forms.ValidationError(ngettext(
                    "Too many failed sign-ins: try again in %(minutes)s minute.",
                    "Too many failed sign-ins: try again in %(minutes)s minutes.", minutes)
                    % {"minutes": minutes}, code="too_many_attempts") from None
            raise

    @property
    def wait(self) -> int | None:
        return getattr(self.request, "sign_in_wait", None)


class SignOnMixin:
    """What a sign-in page offers: the provider's button when single sign-on is on, and
    the password form unless PASSWORD_SIGN_IN is off; then a password is refused before
    anything checks it."""

    def clean(self):
        if not sign_on.passwords_allowed():
            raise forms.ValidationError(sign_on.passwords_off(), code="password_sign_in_off")
        return super().clean()

    @property
    def sign_on_provider(self) -> str:
        return sign_on.provider_name() if sign_on.enabled() else ""

    @property
    def passwords_allowed(self) -> bool:
        return sign_on.passwords_allowed()


class SignInForm(SignOnMixin, SignInLimitMixin, AuthenticationForm):
    """The sign-in page's form."""


class AdminSignInForm(SignOnMixin, SignInLimitMixin, WagtailLoginForm):
    """The Wagtail admin's sign-in form (`WAGTAILADMIN_USER_LOGIN_FORM`)."""
