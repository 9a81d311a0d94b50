"""API: reporting for everyone; the reasons; the queue of cases for moderators
(`/api/v1/reports/`, `/api/v1/moderation/...`, see docs/api.md)."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.core.api import InputSerializer, StrictBooleanField, form_or_object
from intranet.core.errors import Forbidden, Invalid, NotFound
from intranet.core.pagination import PAGE_PARAMETERS, CursorPages, pages_of
from intranet.feeds.permissions import MODERATE_EVERYWHERE
from intranet.feeds.presenters import comment_data, post_data
from intranet.feeds.schemas import CommentSerializer, PostSerializer
from intranet.moderation import schemas, selectors
from intranet.moderation.models import CaseState, RuleAction
from intranet.moderation.presenters import author_histories, case_data
from intranet.moderation.screening import MAX_TRY, rule_try
from intranet.moderation.services.answers import answer_as_official
from intranet.moderation.services.decisions import CASE_ACTIONS, case_appeal, case_decide
from intranet.moderation.services.reports import report_create
from intranet.moderation.services.restrictions import mute, suspend
from intranet.moderation.services.rules import rule_build, rule_delete, rule_save
from intranet.moderation.targets import POLICIES


class ReportCreateSerializer(InputSerializer):
    class TargetSerializer(InputSerializer):
        type = serializers.ChoiceField(choices=list(POLICIES))
        id = serializers.CharField(max_length=150)

    target = TargetSerializer()
    reason = serializers.CharField(max_length=40)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ReportsView(APIView):
    @extend_schema(request=ReportCreateSerializer,
                   responses={201: schemas.ReportSerializer, 200: schemas.ReportSerializer})
    def post(self, request: Request) -> Response:
        fields = ReportCreateSerializer(data=form_or_object(request))
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


class DecisionSerializer(InputSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class CaseActionView(APIView):
    @extend_schema(request=DecisionSerializer, responses=schemas.CaseSerializer,
                   operation_id="moderation_item_action",
                   parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH,
                                                enum=[*CASE_ACTIONS, "suspend"])])
    def post(self, request: Request, case_id: int, action: str) -> Response:
        fields = DecisionSerializer(data=form_or_object(request))
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


class AppealRequestSerializer(InputSerializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AppealView(APIView):
    @extend_schema(request=AppealRequestSerializer, responses=schemas.AppealResultSerializer,
                   operation_id="moderation_item_appeal")
    def post(self, request: Request, case_id: int) -> Response:
        fields = AppealRequestSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        case = case_appeal(actor=request.user, case_id=case_id,
                           note=fields.validated_data.get("note", ""))
        return Response({"id": case.pk, "state": case.state, "appealed_at": case.appealed_at},
                        status=status.HTTP_201_CREATED)


class RestrictionRequestSerializer(InputSerializer):
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
        fields = RestrictionRequestSerializer(data=form_or_object(request))
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


class RuleBodySerializer(InputSerializer):
    name = serializers.CharField(max_length=120)
    enabled = StrictBooleanField(required=False, default=False)
    group = serializers.CharField(allow_null=True, required=False, max_length=100,
                                  help_text="A group's slug; null: everywhere.")
    conditions = serializers.JSONField(required=False, default=dict,
                                       help_text="words, phrases, exceptions, pattern, "
                                                 "has_links, has_images, domains, "
                                                 "new_authors_days, muted_authors, "
                                                 "first_posts, rate {posts, minutes}")
    action = serializers.ChoiceField(choices=RuleAction.values)
    reply = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    position = serializers.IntegerField(required=False, default=0, min_value=0,
                                        max_value=1000)


class RuleTrySerializer(RuleBodySerializer):
    last = serializers.IntegerField(required=False, default=1000, min_value=1,
                                    max_value=MAX_TRY)


def _rule_group(request: Request, slug: str | None):
    if not slug:
        return None
    group = selectors.moderated_group(request.user, slug)
    if group is None:
        raise NotFound(_("No such group."))
    return group


def _built(request: Request, serializer_class, rule=None, partial: bool = False):
    fields = serializer_class(data=form_or_object(request), partial=partial)
    fields.is_valid(raise_exception=True)
    data = fields.validated_data
    current = rule_data(rule) if rule is not None else {}
    merged = {**current, **data} if partial else data
    return rule_build(actor=request.user, name=merged["name"], action=merged["action"],
                      group=_rule_group(request, merged.get("group")),
                      conditions=merged.get("conditions"), reply=merged.get("reply", ""),
                      enabled=merged.get("enabled", False),
                      position=merged.get("position", 0), rule=rule), data


def rule_data(rule) -> dict:
    return {"id": rule.pk, "name": rule.name, "enabled": rule.enabled,
            "group": rule.group.slug if rule.group_id else None,
            "conditions": rule.conditions, "action": rule.action, "reply": rule.reply,
            "position": rule.position, "hits": rule.hits.count(),
            "created_at": rule.created_at, "updated_at": rule.updated_at}


class RulesView(APIView):
    @extend_schema(responses=schemas.RuleSerializer(many=True),
                   operation_id="moderation_rules")
    def get(self, request: Request) -> Response:
        return Response([rule_data(rule) for rule in selectors.rules_for_manager(request.user)])

    @extend_schema(request=RuleBodySerializer, responses={201: schemas.RuleSerializer},
                   operation_id="moderation_rule_create")
    def post(self, request: Request) -> Response:
        rule, _data = _built(request, RuleBodySerializer)
        return Response(rule_data(rule_save(actor=request.user, rule=rule)),
                        status=status.HTTP_201_CREATED)


class RuleView(APIView):
    def _rule(self, request: Request, rule_id: int):
        rule = selectors.rules_for_manager(request.user).filter(pk=rule_id).first()
        if rule is None:
            raise NotFound(_("No such rule."))
        return rule

    @extend_schema(responses=schemas.RuleSerializer, operation_id="moderation_rule")
    def get(self, request: Request, rule_id: int) -> Response:
        return Response(rule_data(self._rule(request, rule_id)))

    @extend_schema(request=RuleBodySerializer, responses=schemas.RuleSerializer,
                   operation_id="moderation_rule_update")
    def patch(self, request: Request, rule_id: int) -> Response:
        rule, _data = _built(request, RuleBodySerializer, self._rule(request, rule_id),
                             partial=True)
        return Response(rule_data(rule_save(actor=request.user, rule=rule)))

    @extend_schema(responses={204: None}, operation_id="moderation_rule_delete")
    def delete(self, request: Request, rule_id: int) -> Response:
        rule_delete(actor=request.user, rule=self._rule(request, rule_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RuleTryView(APIView):
    @extend_schema(request=RuleTrySerializer, responses=schemas.RuleTrialSerializer,
                   operation_id="moderation_rule_try")
    def post(self, request: Request) -> Response:
        rule, data = _built(request, RuleTrySerializer)
        trial = rule_try(rule, data["last"])
        readable = set(selectors.readable_posts_in(request.user, trial.matched)
                       .values_list("pk", flat=True))
        return Response({"examined": trial.examined, "matched": len(trial.matched),
                         "examples": [pk for pk in trial.matched if pk in readable][:100]})


class UnansweredView(APIView):
    @extend_schema(parameters=[OpenApiParameter("hours", float,
                                                description="Unanswered for at least this "
                                                            "long (ALWAYS_ANSWER_HOURS)."),
                               *PAGE_PARAMETERS],
                   responses=pages_of(PostSerializer), operation_id="moderation_unanswered")
    def get(self, request: Request) -> Response:
        if not request.user.has_perm(MODERATE_EVERYWHERE):
            raise Forbidden(_("Only community managers see this list."))
        hours = request.query_params.get("hours", "")
        try:
            hours = float(hours) if hours else settings.ALWAYS_ANSWER_HOURS
        except ValueError:
            hours = -1
        if not 0 <= hours <= 24 * 31:
            raise Invalid(_("A number of hours, up to a month."),
                          fields={"hours": [_("From 0 to 744.")]})
        paginator = OldestPosts()
        page = paginator.paginate_queryset(selectors.unanswered(request.user, hours),
                                           request, view=self)
        return paginator.get_paginated_response([post_data(post) for post in page])


class OldestPosts(CursorPages):
    ordering = ("published_at", "pk")


class AnswerSerializer(InputSerializer):
    body = serializers.CharField(max_length=20_000)
    account = serializers.CharField(required=False, allow_blank=True, max_length=150,
                                    help_text="An official account's username; the first "
                                              "one when left out.")


class AnswerView(APIView):
    @extend_schema(request=AnswerSerializer, responses={201: CommentSerializer},
                   operation_id="moderation_answer")
    def post(self, request: Request, post_id: int) -> Response:
        fields = AnswerSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        comment = answer_as_official(actor=request.user, post_id=post_id,
                                     body=fields.validated_data["body"],
                                     account=fields.validated_data.get("account", ""))
        return Response(comment_data(comment), status=status.HTTP_201_CREATED)
