"""Access ends with the account: signing out, or an account switched off by any path
(HR's leaver process, the admin, the HR import), closes the person's open sockets. A
sign-in starts the session's idle clock."""

import time

from django.contrib.auth import get_user_model

from intranet.accounts.middleware import IDLE_SINCE
from intranet.accounts.services import access_ended, session_credential
from intranet.accounts.two_factor import note_app


def on_logged_in(sender, request, user, **kwargs) -> None:
    """A new session starts its idle clock with the sign-in itself, and learns whether
    its person has an authenticator app to ask a code of."""
    session = getattr(request, "session", None)
    if session is not None:
        session[IDLE_SINCE] = int(time.time())
        note_app(user, session)


def on_logged_out(sender, request, user, **kwargs) -> None:
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if user is not None and session_key:
        access_ended(user=user, credential=session_credential(session_key))


def before_user_saved(sender, instance, **kwargs) -> None:
    instance._deactivated = bool(
        instance.pk and not instance.is_active
        and get_user_model().objects.filter(pk=instance.pk, is_active=True).exists())


def after_user_saved(sender, instance, created: bool, **kwargs) -> None:
    if getattr(instance, "_deactivated", False):
        instance._deactivated = False
        access_ended(user=instance)
