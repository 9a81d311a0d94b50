"""API: reporting for everyone; the reasons; the queue of cases for moderators
(`/api/v1/reports/`, `/api/v1/moderation/...`, see docs/api.md)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.core.api import body_object
from intranet.core.errors import Invalid, NotFound
from intranet.core.pagination import PAGE_PARAMETERS, CursorPages, pages_of
from intranet.moderation import schemas, selectors
from intranet.moderation.models import CaseState
from intranet.moderation.presenters import author_histories, case_data
from intranet.moderation.services.decisions import CASE_ACTIONS, case_appeal, case_decide
from intranet.moderation.services.reports import report_create
from intranet.moderation.services.restrictions import mute, suspend
from intranet.moderation.targets import POLICIES


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
        cases = selectors.cases_for(request.user, state=state)
        if not state:
            cases = cases.filter(pending=True)
        paginator = NewestCases()
        page = paginator.paginate_queryset(cases, request, view=self)
        histories = author_histories(page)
        return paginator.get_paginated_response([case_data(case, histories)
                                                 for case in page])


def _case(request: Request, case_id: int):
    case = selectors.case_for(request.user, case_id)
    if case is None:
        raise NotFound(_("No such item."))
    return case


class CaseView(APIView):
    @extend_schema(responses=schemas.CaseSerializer, operation_id="moderation_item")
    def get(self, request: Request, case_id: int) -> Response:
        return Response(case_data(_case(request, case_id)))


class DecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class CaseActionView(APIView):
    @extend_schema(request=DecisionSerializer, responses=schemas.CaseSerializer,
                   operation_id="moderation_item_action",
                   parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH,
                                                enum=[*CASE_ACTIONS, "suspend"])])
    def post(self, request: Request, case_id: int, action: str) -> Response:
        fields = DecisionSerializer(data=body_object(request))
        fields.is_valid(raise_exception=True)
        reason = fields.validated_data.get("reason", "")
        case = _case(request, case_id)
        if action == "suspend":
            if case.author is None:
                raise NotFound(_("No such person."))
            suspend(actor=request.user, user=case.author, reason=reason, case=case)
        else:
            case = case_decide(actor=request.user, case=case, action=action, reason=reason)
        return Response(case_data(_case(request, case.pk)))


class AppealRequestSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AppealView(APIView):
    @extend_schema(request=AppealRequestSerializer, responses=schemas.AppealResultSerializer,
                   operation_id="moderation_item_appeal")
    def post(self, request: Request, case_id: int) -> Response:
        fields = AppealRequestSerializer(data=body_object(request))
        fields.is_valid(raise_exception=True)
        case = case_appeal(actor=request.user, case_id=case_id,
                           note=fields.validated_data.get("note", ""))
        return Response({"id": case.pk, "state": case.state, "appealed_at": case.appealed_at},
                        status=status.HTTP_201_CREATED)


class RestrictionRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    group = serializers.CharField(allow_null=True, required=False, max_length=100)
    until = serializers.DateTimeField()
    reason = serializers.CharField(max_length=500)
    item = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1,
                                    help_text="The item the mute follows from, if any.")


class MutesView(APIView):
    @extend_schema(parameters=PAGE_PARAMETERS,
                   responses=pages_of(schemas.RestrictionSerializer),
                   operation_id="moderation_mutes")
    def get(self, request: Request) -> Response:
        paginator = LatestMutes()
        page = paginator.paginate_queryset(selectors.mutes_for(request.user), request,
                                           view=self)
        return paginator.get_paginated_response([mute_data(found) for found in page])

    @extend_schema(request=RestrictionRequestSerializer,
                   responses={201: schemas.RestrictionSerializer},
                   operation_id="moderation_mute")
    def post(self, request: Request) -> Response:
        fields = RestrictionRequestSerializer(data=body_object(request))
        fields.is_valid(raise_exception=True)
        data = fields.validated_data
        person = selectors.person(data["username"])
        group = None
        if data.get("group"):
            group = selectors.moderated_group(request.user, data["group"])
            if group is None:
                raise NotFound(_("No such group."))
        case = _case(request, data["item"]) if data.get("item") else None
        if person is None:
            raise NotFound(_("No such person."))
        restriction = mute(actor=request.user, user=person, group=group, until=data["until"],
                           reason=data["reason"], case=case)
        return Response(mute_data(restriction), status=status.HTTP_201_CREATED)


class LatestMutes(CursorPages):
    ordering = ("-created_at", "-pk")


def mute_data(restriction) -> dict:
    return {"id": restriction.pk, "username": restriction.user.username,
            "group": restriction.group.slug if restriction.group_id else None,
            "until": restriction.until, "reason": restriction.reason,
            "created_at": restriction.created_at}
