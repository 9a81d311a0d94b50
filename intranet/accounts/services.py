"""Every write about accounts: API tokens, websocket tickets and company-wide roles."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import APIToken

from intranet.accounts.models import WebsocketTicket
from intranet.accounts.roles import ROLE_PERMISSIONS
from intranet.accounts.sso import config as sign_on
from intranet.core.audit import audit
from intranet.core.errors import Forbidden, Invalid, NotFound, RateLimited, Unauthorized
from intranet.core.events import publish_event

User = get_user_model()


def token_create(*, user: AbstractBaseUser, name: str) -> tuple[APIToken, str]:
    """Create a bearer token; the plaintext is returned once and never stored."""
    name = name.strip()
    if not name:
        raise Invalid(_("Give the token a name."), fields={"name": [_("This field is required.")]})
    if len(name) > 255:
        raise Invalid(_("The name is too long."), fields={"name": [_("255 characters at most.")]})
    with transaction.atomic():
        token, plaintext = APIToken.create_token(user=user, name=name)
        audit(token, "wagtail.apitoken.create", actor=user, data={"name": name})
    return token, plaintext


def token_revoke(*, actor: AbstractBaseUser, token_id: int) -> APIToken:
    """Revoke one of the actor's own tokens; a revoked token is refused at once, and the
    sockets it opened close."""
    with transaction.atomic():
        token = APIToken.objects.select_for_update().filter(pk=token_id, user=actor).first()
        if token is None:
            raise NotFound(_("No such token."))
        if token.revoked_at is None:
            token.revoke()
            audit(token, "wagtail.apitoken.revoke", actor=actor, data={"name": token.name})
            access_ended(user=actor, credential=token_credential(token))
    return token


def token_credential(token: APIToken) -> str:
    return f"token:{token.pk}"


def session_credential(session_key: str) -> str:
    """A session as sockets know it: a digest, so the log never holds a session key."""
    return f"session:{hashlib.sha256(session_key.encode()).hexdigest()[:40]}"


def access_ended(*, user: AbstractBaseUser, credential: str | None = None) -> None:
    """The person's sockets opened with `credential` (all of them when None) close on
    every process: they are sent `session.ended` on the person's own stream."""
    publish_event(stream=f"user:{user.pk}", type="session.ended",
                  data={"credential": credential}, audience=[f"user:{user.pk}"])


def sign_out_everywhere(*, user: AbstractBaseUser) -> None:
    """End every session and API token of `user`, on every device, and close their open
    sockets: for a lost phone or a shared computer left signed in."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(sessions_epoch=F("sessions_epoch") + 1)
        user.refresh_from_db(fields=["sessions_epoch"])
        APIToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())
        audit(user, "intranet.account.sign_out_everywhere", actor=user)
        access_ended(user=user)


def token_for_credentials(*, request: HttpRequest | None, username: str,
                          password: str) -> str:
    """Exchange a local account's username and password for a new token, unless
    passwords are switched off (PASSWORD_SIGN_IN)."""
    if not sign_on.passwords_allowed():
        raise Forbidden(_("Passwords are switched off here: sign in with %(provider)s on the "
                          "sign-in page, then create a token on your settings page.")
                        % {"provider": sign_on.provider_name()}, code="password_sign_in_off")
    user = authenticate(request, username=username, password=password)
    wait = getattr(request, "sign_in_wait", None)
    if user is None and wait:
        raise RateLimited(_("Too many failed sign-ins: try again in %(seconds)s seconds.")
                          % {"seconds": wait}, retry_after=wait)
    if user is None or not user.is_active:
        raise Unauthorized(_("The username or password is not correct."),
                        code="invalid_credentials")
    stamp = timezone.now().strftime("%Y-%m-%d %H:%M")
    _token, plaintext = token_create(user=user, name=_("API login %(when)s") % {"when": stamp})
    return plaintext


def token_for(plaintext: str) -> APIToken | None:
    """The unrevoked token of an active user that `plaintext` presents, or None."""
    if not APIToken.validate_token_format(plaintext):
        return None
    token = (APIToken.objects.select_related("user")
             .filter(key_hash__in=APIToken.candidate_key_hashes(plaintext),
                     revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def _digest(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


def ws_ticket_issue(*, user: AbstractBaseUser, credential: str = "") -> tuple[str, int]:
    """A single-use ticket for opening a websocket without a cookie, and its lifetime.

    `credential` is what asked for it (a token or a session): the socket closes when it
    ends."""
    ticket = secrets.token_urlsafe(32)
    lifetime = settings.WS_TICKET_SECONDS
    now = timezone.now()
    with transaction.atomic():
        WebsocketTicket.objects.filter(expires_at__lt=now - timedelta(hours=1)).delete()
        WebsocketTicket.objects.create(user=user, digest=_digest(ticket), credential=credential,
                                       expires_at=now + timedelta(seconds=lifetime))
    return ticket, lifetime


def ws_ticket_redeem(*, ticket: str) -> tuple[AbstractBaseUser, str] | None:
    """The ticket's user and credential if it is valid, unexpired and unused (and its
    token not revoked since); it can never work again."""
    now = timezone.now()
    digest = _digest(ticket)
    claimed = WebsocketTicket.objects.filter(
        digest=digest, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not claimed:
        return None
    found = WebsocketTicket.objects.select_related("user").get(digest=digest)
    if found.credential.startswith("token:") and not APIToken.objects.filter(
            pk=int(found.credential.removeprefix("token:")), revoked_at__isnull=True).exists():
        return None
    return (found.user, found.credential) if found.user.is_active else None


def role_set(*, actor: AbstractBaseUser, user: AbstractBaseUser, role: str,
             granted: bool) -> None:
    """Grant or withdraw a company-wide role; only superusers change roles."""
    if role not in ROLE_PERMISSIONS:
        raise Invalid(_("Unknown role %(role)s.") % {"role": role})
    if actor is not None and not actor.is_superuser:
        raise Forbidden(_("Only administrators change company-wide roles."))
    group = Group.objects.get(name=role)
    with transaction.atomic():
        has_role = user.groups.filter(pk=group.pk).exists()
        if has_role == granted:
            return
        (user.groups.add if granted else user.groups.remove)(group)
        audit(user, "intranet.role.grant" if granted else "intranet.role.revoke",
              actor=actor, data={"role": role})
