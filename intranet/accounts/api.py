"""API: exchange credentials for a token; get a one-time websocket ticket."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from intranet.accounts import services
from intranet.accounts.authentication import BearerTokenAuthentication
from intranet.core.api import InputSerializer, form_or_object
from intranet.core.clients import client_address
from intranet.core.errors import Invalid


class CredentialsSerializer(InputSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class AddressThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, keyed by the address `intranet.core.clients` trusts."""

    def get_ident(self, request) -> str:
        return client_address(request._request)


class TokenView(APIView):
    """Local accounts trade a username and password for a new bearer token (POST); a
    script revokes the token it authenticates with (DELETE), and its sockets close."""

    throttle_scope = "credentials"  # password guessing gets 429, per client address

    def _revoking(self) -> bool:
        return getattr(self.request, "method", None) == "DELETE"

    def get_authenticators(self):
        return [BearerTokenAuthentication()] if self._revoking() else []

    def get_permissions(self):
        return [IsAuthenticated() if self._revoking() else AllowAny()]

    def get_throttles(self):
        return [] if self._revoking() else [AddressThrottle()]

    @extend_schema(request=CredentialsSerializer, responses={200: inline_serializer(
        "Token", {"token": serializers.CharField()})})
    def post(self, request: Request) -> Response:
        credentials = CredentialsSerializer(data=form_or_object(request))
        credentials.is_valid(raise_exception=True)
        token = services.token_for_credentials(request=request._request,
                                               **credentials.validated_data)
        return Response({"token": token}, status=status.HTTP_200_OK)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        services.token_revoke(actor=request.user, token_id=request.auth.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _credential(request: Request) -> str:
    """What authenticates the request: its bearer token, or its session."""
    if request.auth is not None:
        return services.token_credential(request.auth)
    session_key = request.session.session_key
    if not session_key:
        raise Invalid(_("Sign in, or use a bearer token."), code="no_credential")
    return services.session_credential(session_key)


class WebsocketTicketView(APIView):
    """A ticket to open `/ws/?ticket=...` once, within `expires_in` seconds."""

    @extend_schema(request=None, responses={200: inline_serializer(
        "WebsocketTicket", {"ticket": serializers.CharField(),
                            "expires_in": serializers.IntegerField()})})
    def post(self, request: Request) -> Response:
        ticket, lifetime = services.ws_ticket_issue(user=request.user,
                                                    credential=_credential(request))
        return Response({"ticket": ticket, "expires_in": lifetime})
