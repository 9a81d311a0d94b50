"""Bearer-token authentication for the API (tokens are Wagtail's hashed APIToken)."""

from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from intranet.accounts.services import token_for


class BearerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("The Authorization header must be 'Bearer <token>'."))
        token = token_for(parts[1].decode("latin-1"))
        if token is None:
            raise AuthenticationFailed(_("This token is not valid or has been revoked."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Announcing the scheme makes unauthenticated requests 401, not 403.
        return 'Bearer realm="api"'
