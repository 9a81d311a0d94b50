from math import ceil

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


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


class SignInForm(SignInLimitMixin, AuthenticationForm):
    """The sign-in page's form."""


class AdminSignInForm(SignInLimitMixin, WagtailLoginForm):
    """The Wagtail admin's sign-in form (`WAGTAILADMIN_USER_LOGIN_FORM`)."""
