"""API: groups, members, joining and join requests (see docs/api.md)."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.core.api import InputSerializer, StrictBooleanField, form_or_object, read_body
from intranet.core.errors import Forbidden, Invalid
from intranet.core.pagination import PAGE_PARAMETERS, CursorPages, pages_of
from intranet.groups import selectors, services
from intranet.groups.models import InterestGroup, JoinRequest, NotificationLevel, Role, Visibility
from intranet.groups.permissions import MODERATE, group_permissions

User = get_user_model()


class GroupSerializer(InputSerializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    visibility = serializers.ChoiceField(Visibility.values, required=False)
    member_count = serializers.IntegerField(read_only=True)
    my_role = serializers.CharField(read_only=True, allow_null=True)
    archived = StrictBooleanField(required=False)
    cover = serializers.CharField(read_only=True, allow_null=True)
    url = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


def group_data(group: InterestGroup, *, member_count: int, my_role: str | None) -> dict:
    return {"slug": group.slug, "name": group.name, "description": group.description,
            "visibility": group.visibility, "member_count": member_count, "my_role": my_role,
            "archived": group.is_archived, "cover": group.cover.url if group.cover else None,
            "url": f"/groups/{group.slug}/", "created_at": group.created_at}


def visible_group(request: Request, slug: str) -> InterestGroup:
    """The group if the caller may know it exists; 404 otherwise (never 403)."""
    group = selectors.visible_group(request.user, slug)
    if group is None:
        raise NotFound(_("No such group."))
    return group


def readable_group(request: Request, slug: str) -> InterestGroup:
    group = visible_group(request, slug)
    if not selectors.can_read(request.user, group):
        raise NotFound(_("No such group."))
    return group


def one_group(request: Request, group: InterestGroup) -> dict:
    membership = selectors.membership_of(request.user, group)
    return group_data(group, member_count=selectors.member_count(group),
                      my_role=membership.role if membership else None)


class ByName(CursorPages):
    ordering = ("name", "pk")


class ByRank(CursorPages):
    page_size = 50
    ordering = ("rank", "pk")


class GroupListView(APIView):
    @extend_schema(parameters=[OpenApiParameter("q", str), OpenApiParameter(
        "membership", str, enum=["mine"]), *PAGE_PARAMETERS],
        responses=pages_of(GroupSerializer), operation_id="groups_list")
    def get(self, request: Request) -> Response:
        groups = selectors.group_listing(request.user, q=request.query_params.get("q", "").strip(),
                                         mine=request.query_params.get("membership") == "mine")
        paginator = ByName()
        page = paginator.paginate_queryset(groups, request, view=self)
        return paginator.get_paginated_response([
            group_data(g, member_count=g.member_count, my_role=g.my_role) for g in page])

    @extend_schema(request=GroupSerializer, responses={201: GroupSerializer})
    def post(self, request: Request) -> Response:
        data = read_body(request, GroupSerializer)
        group = services.group_create(actor=request.user, name=data["name"],
                                      description=data.get("description", ""),
                                      visibility=data.get("visibility", Visibility.OPEN))
        return Response(one_group(request, group), status=status.HTTP_201_CREATED)


class GroupView(APIView):
    @extend_schema(responses=GroupSerializer)
    def get(self, request: Request, slug: str) -> Response:
        return Response(one_group(request, visible_group(request, slug)))

    @extend_schema(request=GroupSerializer, responses=GroupSerializer)
    def patch(self, request: Request, slug: str) -> Response:
        group = visible_group(request, slug)
        changes = read_body(request, GroupSerializer, partial=True)
        archived = changes.pop("archived", None)
        group = services.group_change(actor=request.user, group=group, changes=changes,
                                      archived=archived)
        return Response(one_group(request, group))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, slug: str) -> Response:
        services.group_delete(actor=request.user, group=visible_group(request, slug))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MemberSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    role = serializers.ChoiceField(Role.values)
    joined_at = serializers.DateTimeField()


class InviteSerializer(InputSerializer):
    username = serializers.CharField()
    role = serializers.ChoiceField(Role.values, default=Role.MEMBER)


class InvitationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.ChoiceField(Role.values)
    state = serializers.CharField()


class MemberChangeSerializer(InputSerializer):
    role = serializers.ChoiceField(Role.values, required=False)
    notification_level = serializers.ChoiceField(NotificationLevel.values, required=False)


def member_data(membership) -> dict:
    return {"username": membership.user.username,
            "display_name": membership.user.get_display_name(), "role": membership.role,
            "joined_at": membership.joined_at}


def active_person(username: str):
    person = User.objects.filter(username=username).first()
    if person is None:
        raise serializers.ValidationError({"username": [_("Unknown person.")]})
    return person


class MemberListView(APIView):
    @extend_schema(parameters=PAGE_PARAMETERS, responses=pages_of(MemberSerializer))
    def get(self, request: Request, slug: str) -> Response:
        group = readable_group(request, slug)
        paginator = ByRank()
        page = paginator.paginate_queryset(selectors.members_of(group), request, view=self)
        return paginator.get_paginated_response([member_data(m) for m in page])

    @extend_schema(request=InviteSerializer, responses={201: InvitationSerializer})
    def post(self, request: Request, slug: str) -> Response:
        group = visible_group(request, slug)
        fields = InviteSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        invitee = active_person(fields.validated_data["username"])
        invitation = services.member_invite(actor=request.user, group=group, invitee=invitee,
                                            role=fields.validated_data["role"])
        return Response({"id": invitation.pk, "username": invitee.username,
                         "role": invitation.role, "state": invitation.state},
                        status=status.HTTP_201_CREATED)


class MemberView(APIView):
    def _member(self, request: Request, slug: str, username: str):
        group = visible_group(request, slug)
        person = User.objects.filter(username=username).first()
        if person is None or not selectors.can_read(request.user, group):
            raise NotFound(_("This person is not a member."))
        return group, person

    @extend_schema(request=MemberChangeSerializer, responses=MemberSerializer)
    def patch(self, request: Request, slug: str, username: str) -> Response:
        group, person = self._member(request, slug, username)
        fields = MemberChangeSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        data = fields.validated_data
        membership = None
        if "notification_level" in data:
            if person.pk != request.user.pk:
                raise Forbidden(_("People choose their own notifications."))
            membership = services.membership_set_notifications(
                actor=request.user, group=group, level=data["notification_level"])
        if "role" in data:
            membership = services.member_set_role(actor=request.user, group=group,
                                                  user=person, role=data["role"])
        if membership is None:
            raise Invalid(_("Send a role or a notification level."), code="empty")
        return Response(member_data(membership))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, slug: str, username: str) -> Response:
        group, person = self._member(request, slug, username)
        services.member_remove(actor=request.user, group=group, user=person)
        return Response(status=status.HTTP_204_NO_CONTENT)


class JoinSerializer(InputSerializer):
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class JoinRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    message = serializers.CharField()
    state = serializers.CharField()
    created_at = serializers.DateTimeField()


def request_data(join_request: JoinRequest) -> dict:
    return {"id": join_request.pk, "username": join_request.user.username,
            "message": join_request.message, "state": join_request.state,
            "created_at": join_request.created_at}


class JoinView(APIView):
    @extend_schema(request=JoinSerializer, responses={201: MemberSerializer,
                                                      202: JoinRequestSerializer})
    def post(self, request: Request, slug: str) -> Response:
        group = visible_group(request, slug)
        fields = JoinSerializer(data=form_or_object(request))
        fields.is_valid(raise_exception=True)
        outcome = services.group_join(actor=request.user, group=group,
                                      message=fields.validated_data.get("message", ""))
        if outcome.membership is not None:
            return Response(member_data(outcome.membership), status=status.HTTP_201_CREATED)
        return Response(request_data(outcome.request), status=status.HTTP_202_ACCEPTED)


def managed_group(request: Request, slug: str) -> InterestGroup:
    """The group if the caller moderates it: 404 to those who may not see it, else 403."""
    group = visible_group(request, slug)
    if MODERATE not in group_permissions(request.user, group):
        raise Forbidden(_("Only the group's owners and moderators see its requests."))
    return group


class RequestListView(APIView):
    @extend_schema(responses=pages_of(JoinRequestSerializer))
    def get(self, request: Request, slug: str) -> Response:
        group = managed_group(request, slug)
        return Response({"results": [request_data(r) for r in selectors.pending_requests(group)],
                         "next": None, "previous": None})


class DecideView(APIView):
    approve = True

    @extend_schema(request=None, responses=JoinRequestSerializer)
    def post(self, request: Request, slug: str, request_id: int) -> Response:
        group = managed_group(request, slug)
        join_request = get_object_or_404(JoinRequest, pk=request_id, group=group)
        decided = services.request_decide(actor=request.user, request=join_request,
                                          approve=self.approve)
        return Response(request_data(decided))
