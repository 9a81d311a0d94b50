"""Sign-in pages and API-token actions (the settings page itself is the person's, in people)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.accounts import services
from intranet.accounts.forms import SignInForm, TokenForm
from intranet.core.errors import DomainError


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = SignInForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.wait:
            response.status_code = 429
            response["Retry-After"] = str(form.wait)
        elif form.has_error(NON_FIELD_ERRORS, "password_sign_in_off"):
            response.status_code = 403
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("people:settings")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            _token, plaintext = services.token_create(user=request.user,
                                                     name=form.cleaned_data["name"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            # Shown once on the next page, then gone: only its digest is stored.
            request.session["new_token"] = plaintext
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("people:settings")


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = services.token_revoke(actor=request.user, token_id=token_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("people:settings")


@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session and token of the person, this browser's too."""
    services.sign_out_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("You are signed out on every device, and your API tokens "
                                "are revoked."))
    return redirect("accounts:login")
