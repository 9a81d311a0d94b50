"""API: reporting for everyone; the reasons; the queue of cases for moderators
(`/api/v1/reports/`, `/api/v1/moderation/...`, see docs/api.md)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.core.api import body_object
from intranet.core.errors import Invalid
from intranet.core.pagination import PAGE_PARAMETERS, CursorPages, pages_of
from intranet.moderation import schemas, selectors
from intranet.moderation.models import Case, CaseState
from intranet.moderation.services import report_create
from intranet.moderation.targets import POLICIES, target_key


def case_data(case: Case) -> dict:
    """A case as moderators see it: never who reported."""
    target = case.target
    return {"id": case.pk, "target": {"type": case.kind, "id": target_key(target)
                                      if target is not None else case.object_id},
            "group": case.group.slug if case.group_id else None, "state": case.state,
            "reports": [{"reason": report.reason, "note": report.note,
                         "created_at": report.created_at} for report in case.reports.all()],
            "rule_hits": []}


class ReportCreateSerializer(serializers.Serializer):
    class TargetSerializer(serializers.Serializer):
        type = serializers.ChoiceField(choices=list(POLICIES))
        id = serializers.CharField(max_length=150)

    target = TargetSerializer()
    reason = serializers.CharField(max_length=40)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ReportsView(APIView):
    @extend_schema(request=ReportCreateSerializer,
                   responses={201: schemas.ReportSerializer, 200: schemas.ReportSerializer})
    def post(self, request: Request) -> Response:
        fields = ReportCreateSerializer(data=body_object(request))
        fields.is_valid(raise_exception=True)
        data = fields.validated_data
        report, created = report_create(
            actor=request.user, kind=data["target"]["type"], key=data["target"]["id"],
            reason=data["reason"], note=data.get("note", ""))
        return Response({"id": report.pk, "state": report.case.state},
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class ReasonsView(APIView):
    @extend_schema(responses=schemas.ReasonSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response([{"code": reason.code, "label": reason.label}
                         for reason in selectors.reasons()])


class NewestCases(CursorPages):
    ordering = ("-updated_at", "-pk")


class QueueView(APIView):
    @extend_schema(parameters=[OpenApiParameter("state", str, enum=CaseState.values),
                               *PAGE_PARAMETERS],
                   responses=pages_of(schemas.CaseSerializer), operation_id="moderation_queue")
    def get(self, request: Request) -> Response:
        state = request.query_params.get("state", "")
        if state and state not in CaseState.values:
            raise Invalid(_("Unknown state."), fields={"state": [
                _("One of: %(states)s.") % {"states": ", ".join(CaseState.values)}]})
        paginator = NewestCases()
        page = paginator.paginate_queryset(selectors.cases_for(request.user, state=state),
                                           request, view=self)
        return paginator.get_paginated_response([case_data(case) for case in page])
