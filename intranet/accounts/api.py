"""API: exchange credentials for a token; get a one-time websocket ticket."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from intranet.accounts import services


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class TokenView(APIView):
    """Local accounts: trade a username and password for a new bearer token."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "credentials"  # password guessing gets 429, per client address

    @extend_schema(request=CredentialsSerializer, responses={200: inline_serializer(
        "Token", {"token": serializers.CharField()})})
    def post(self, request: Request) -> Response:
        credentials = CredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        token = services.token_for_credentials(request=request._request,
                                               **credentials.validated_data)
        return Response({"token": token}, status=status.HTTP_200_OK)


class WebsocketTicketView(APIView):
    """A ticket to open `/ws/?ticket=...` once, within `expires_in` seconds."""

    @extend_schema(request=None, responses={200: inline_serializer(
        "WebsocketTicket", {"ticket": serializers.CharField(),
                            "expires_in": serializers.IntegerField()})})
    def post(self, request: Request) -> Response:
        ticket, lifetime = services.ws_ticket_issue(user=request.user)
        return Response({"ticket": ticket, "expires_in": lifetime})
