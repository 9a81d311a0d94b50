"""API: a person's data exports, and erasing a person's data."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.core.api import InputSerializer, read_body
from intranet.people import erasure, exports
from intranet.people.models import ErasureState, ExportState

User = get_user_model()


class NoBody(InputSerializer):
    """Nothing to send: any field is refused by name."""


class ExportSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    state = serializers.ChoiceField(ExportState.values)
    progress = serializers.IntegerField(help_text="Percent done.")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(allow_null=True,
                                help_text="The ZIP, for its owner alone, while ready.")


class ExportStartedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    state = serializers.ChoiceField(ExportState.values)


class ExportsSerializer(serializers.Serializer):
    results = ExportSerializer(many=True)


class MyExportsView(APIView):
    @extend_schema(request=NoBody, responses={202: ExportStartedSerializer},
                   operation_id="me_export_start")
    def post(self, request: Request) -> Response:
        read_body(request, NoBody)
        export = exports.export_start(actor=request.user)
        return Response({"id": str(export.pk), "state": export.state},
                        status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=ExportsSerializer, operation_id="me_export_list")
    def get(self, request: Request) -> Response:
        return Response({"results": [exports.export_data(export)
                                     for export in exports.exports_of(request.user)]})


class ErasureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.ChoiceField(ErasureState.values)


class EraseView(APIView):
    @extend_schema(request=NoBody, responses={202: ErasureSerializer},
                   operation_id="person_erase")
    def post(self, request: Request, username: str) -> Response:
        read_body(request, NoBody)
        person = User.objects.filter(username=username).first()
        if person is None:
            raise NotFound(_("No such person."))
        found = erasure.erasure_post(actor=request.user, person=person)
        return Response({"id": found.pk, "state": found.state}, status=status.HTTP_202_ACCEPTED)
