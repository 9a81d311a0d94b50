"""The second-factor pages: set up an authenticator app, give a code after signing in,
renew recovery codes, turn it off (when not required)."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.accounts import two_factor
from intranet.core.errors import DomainError


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/"
    return target


def two_factor_page(request: HttpRequest) -> HttpResponse:
    """Give a code (with an app set up), or set an app up (without one)."""
    if request.user.is_verified():
        return redirect(_next(request))
    setting_up = two_factor.app_device(request.user) is None
    error = None
    if request.method == "POST":
        token = request.POST.get("token", "")
        try:
            if setting_up:
                codes = two_factor.app_device_confirm(request=request, token=token)
                return render(request, "accounts/recovery_codes.html",
                              {"codes": codes, "next": _next(request)})
            two_factor.two_factor_verify(request=request, token=token)
            return redirect(_next(request))
        except DomainError as refused:
            error = refused.message
    context = {"next": _next(request), "error": error, "setting_up": setting_up,
               "required": two_factor.required_for(request.user)}
    if setting_up:
        device = two_factor.app_device_start(user=request.user)
        context.update(qr_code=two_factor_qr(device.config_url), key=_grouped(device.key))
    return render(request, "accounts/two_factor.html", context,
                  status=400 if error else 200)


@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    try:
        codes = two_factor.recovery_codes_renew(request=request)
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("people:settings")
    return render(request, "accounts/recovery_codes.html",
                  {"codes": codes, "next": reverse("people:settings")})


@require_POST
def two_factor_off(request: HttpRequest) -> HttpResponse:
    try:
        two_factor.two_factor_off(request=request)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your second factor is off."))
    return redirect("people:settings")


def two_factor_qr(config_url: str) -> str:
    """The app's set-up address as an SVG QR code, inline as data (no script needed)."""
    return segno.make(config_url, error="m").svg_data_uri(scale=5, border=2)


def _grouped(hex_key: str) -> str:
    """The key as apps ask for it when typed: base32, in groups of four."""
    secret = b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
