"""A second factor (django-otp): an authenticator app's codes (TOTP) and ten recovery
codes for the day the phone is lost. Required of everyone who can reach the Wagtail
admin when TWO_FACTOR_FOR_ADMIN is on; anyone else may turn it on for themselves."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from intranet.core.audit import audit
from intranet.core.errors import Forbidden, Invalid

RECOVERY_CODES = 10
# Set on a session signed in through single sign-on whose provider asked for a second
# factor itself (the ID token's `amr`), when TWO_FACTOR_TRUST_PROVIDER allows it.
PROVIDER_MFA_SESSION_KEY = "intranet_provider_mfa"
NO_APP_SESSION_KEY = "intranet_no_authenticator_app"
APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"


def required_for(user: AbstractBaseUser) -> bool:
    """Whether `user` must give a second factor before anything else."""
    return bool(settings.TWO_FACTOR_FOR_ADMIN and user.is_authenticated and user.is_active
                and (user.is_superuser or user.has_perm("wagtailadmin.access_admin")))


def session_owes(user: AbstractBaseUser, session, *, verified: bool | None = None) -> bool:
    """Whether this session of `user` must give a second factor before anything else:
    they are required to have one, or set one up themselves, and the session has given
    none (here: `verified`, django-otp's word when known; or at the single sign-on
    provider)."""
    if verified is None:
        verified = bool(session.get(DEVICE_ID_SESSION_KEY))
    if not user.is_authenticated or verified or session.get(PROVIDER_MFA_SESSION_KEY):
        return False
    if required_for(user):
        return True
    return not session.get(NO_APP_SESSION_KEY) and note_app(user, session)


def note_app(user: AbstractBaseUser, session) -> bool:
    """Whether `user` has an authenticator app, noted in the session when not, so that
    it is asked once a session (at sign-in), not on every request: a session signed in
    before its person turned an app on keeps going, as signed-in sessions do."""
    has_app = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if not has_app:
        session[NO_APP_SESSION_KEY] = True
    return has_app


def app_device(user: AbstractBaseUser) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def app_device_start(*, user: AbstractBaseUser) -> TOTPDevice:
    """The authenticator app being set up: its key is shown once as a QR code, and it
    counts only once a code from the app confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def app_device_confirm(*, request: HttpRequest, token: str) -> list[str]:
    """Confirm the app being set up with a code it shows; the session counts as verified
    and the person gets their recovery codes (returned once, never shown again)."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(_digits(token)):
        raise Invalid(_("That code does not match: type the six digits the app shows now."),
                      fields={"token": [_("Wrong code.")]})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit(user, "intranet.account.two_factor_on", actor=user)
    otp_login(request, device)
    return codes


def recovery_codes_renew(*, request: HttpRequest) -> list[str]:
    """A new set of recovery codes; the old ones stop working."""
    if not request.user.is_verified():
        raise Forbidden(_("Give your second factor first."))
    with transaction.atomic():
        codes = _new_recovery_codes(request.user)
        audit(request.user, "intranet.account.recovery_codes", actor=request.user)
    return codes


def two_factor_verify(*, request: HttpRequest, token: str) -> None:
    """Accept a code from the app or an unused recovery code for this session. Each is
    tried on its own kind of device only, so that a recovery code does not count as a
    wrong app code (which would make the app wait)."""
    digits, code = _digits(token), _recovery_code(token)
    kind = TOTPDevice if digits else StaticDevice
    device = next((device for device in kind.objects.filter(user=request.user, confirmed=True)
                   if (digits or code) and device.verify_token(digits or code)), None)
    if device is None:
        raise Invalid(_("That code does not match. Type the six digits the app shows "
                        "now, or one of your recovery codes."),
                      fields={"token": [_("Wrong code.")]})
    otp_login(request, device)


def two_factor_off(*, request: HttpRequest) -> None:
    """Turn the second factor off, for those not required to have one."""
    user = request.user
    if required_for(user):
        raise Forbidden(_("People who can reach the administration keep a second factor."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit(user, "intranet.account.two_factor_off", actor=user)


def _new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _number in range(RECOVERY_CODES)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _recovery_code(token: str) -> str:
    """A recovery code as typed (any case), or "" when it cannot be one."""
    code = (token or "").strip().lower()
    return code if 0 < len(code) <= 16 and code.isascii() and code.isalnum() else ""


def _digits(token: str) -> str:
    """A code as people type it ("123 456"), or "" when it is not six digits."""
    digits = "".join((token or "").split())
    return digits if len(digits) == 6 and digits.isascii() and digits.isdigit() else ""
