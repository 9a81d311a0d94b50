"""API: the caller's profile, the directory and one person's profile."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from intranet.core.api import InputSerializer, form_or_object
from intranet.core.errors import Invalid
from intranet.core.pagination import PAGE_PARAMETERS, CursorPages, pages_of
from intranet.people import selectors, services
from intranet.people.models import PRIVACY_DEFAULTS, ContactPolicy, Department, Location, Visibility

User = get_user_model()


class PersonSerializer(serializers.Serializer):
    """Documents the shape; the data comes from `person_views`, hidden fields already gone."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    pronouns = serializers.CharField(required=False)
    job_title = serializers.CharField(required=False)
    department = serializers.CharField(allow_null=True)
    team = serializers.CharField(required=False)
    location = serializers.CharField(required=False, allow_null=True)
    phone = serializers.CharField(required=False)
    bio = serializers.CharField(required=False)
    skills = serializers.ListField(child=serializers.CharField(), required=False)
    languages = serializers.ListField(child=serializers.CharField(), required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    photo = serializers.CharField(required=False, allow_null=True)
    manager = serializers.CharField(allow_null=True)
    is_official = serializers.BooleanField()
    is_former_employee = serializers.BooleanField()
    roles = serializers.ListField(child=serializers.CharField())
    url = serializers.CharField()


class MeSerializer(PersonSerializer):
    privacy = serializers.DictField(child=serializers.ChoiceField(Visibility.values))
    contact_policy = serializers.ChoiceField(ContactPolicy.values)
    preferred_language = serializers.CharField(allow_blank=True)


class MeUpdateSerializer(InputSerializer):
    """What a person may change about themselves; departments and locations by name."""

    display_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    pronouns = serializers.CharField(max_length=40, required=False, allow_blank=True)
    job_title = serializers.CharField(max_length=150, required=False, allow_blank=True)
    department = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    team = serializers.CharField(max_length=150, required=False, allow_blank=True)
    manager = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    location = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    skills = serializers.ListField(child=serializers.CharField(max_length=100), required=False,
                                   max_length=50)
    languages = serializers.ListField(child=serializers.CharField(max_length=8),
                                      required=False, max_length=30)
    start_date = serializers.DateField(required=False, allow_null=True)
    privacy = serializers.DictField(child=serializers.ChoiceField(Visibility.values),
                                    required=False)
    contact_policy = serializers.ChoiceField(ContactPolicy.values, required=False)
    preferred_language = serializers.CharField(required=False, allow_blank=True)

    def validate_privacy(self, value: dict) -> dict:
        unknown = sorted(set(value) - set(PRIVACY_DEFAULTS))
        if unknown:
            raise serializers.ValidationError(
                _("No privacy setting for: %(fields)s.") % {"fields": ", ".join(unknown)})
        return value

    def _named(self, model, value, field: str):
        if not value:
            return None
        found = model.objects.filter(name__iexact=value).first()
        if found is None:
            raise serializers.ValidationError({field: [_("Unknown %(field)s “%(value)s”.") % {
                "field": field, "value": value}]})
        return found

    def validate(self, attrs: dict) -> dict:
        if "department" in attrs:
            attrs["department"] = self._named(Department, attrs["department"], "department")
        if "location" in attrs:
            attrs["location"] = self._named(Location, attrs["location"], "location")
        if "manager" in attrs:
            username = attrs["manager"]
            attrs["manager"] = None
            if username:
                found = selectors.profile_queryset().filter(
                    user__username=username, user__is_active=True).first()
                if found is None:
                    raise serializers.ValidationError({"manager": [_("Unknown person.")]})
                attrs["manager"] = found
        return attrs


def _me(request: Request) -> dict:
    profile = selectors.profile_queryset().get(user=request.user)
    return {**selectors.person_view(request.user, profile),
            "privacy": {field: profile.visibility_of(field) for field in PRIVACY_DEFAULTS},
            "contact_policy": profile.contact_policy,
            "preferred_language": profile.preferred_language}


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        services.profile_ensure(user=request.user)
        return Response(_me(request))

    @extend_schema(request=MeUpdateSerializer, responses=MeSerializer)
    def patch(self, request: Request) -> Response:
        changes = MeUpdateSerializer(data=form_or_object(request), partial=True)
        changes.is_valid(raise_exception=True)
        if not changes.validated_data:
            raise Invalid(_("Send at least one field to change."), code="empty")
        profile = services.profile_ensure(user=request.user)
        services.profile_update(actor=request.user, profile=profile,
                                changes=changes.validated_data)
        return Response(_me(request))


class PhotoSerializer(InputSerializer):
    photo = serializers.FileField()


class MyPhotoView(APIView):
    """Upload (multipart field `photo`) or remove the caller's photo."""

    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": PhotoSerializer}, responses=MeSerializer)
    def post(self, request: Request) -> Response:
        upload = PhotoSerializer(data=form_or_object(request))
        upload.is_valid(raise_exception=True)
        services.profile_set_photo(actor=request.user,
                                   profile=services.profile_ensure(user=request.user),
                                   upload=upload.validated_data["photo"])
        return Response(_me(request))

    @extend_schema(request=None, responses={200: MeSerializer})
    def delete(self, request: Request) -> Response:
        services.profile_set_photo(actor=request.user,
                                   profile=services.profile_ensure(user=request.user),
                                   upload=None)
        return Response(_me(request))


class DirectoryPagination(CursorPages):
    ordering = ("sort_name", "id")


class PeopleView(APIView):
    @extend_schema(parameters=[*(OpenApiParameter(name, str, required=False)
                                 for name in ("q", "department", "location", "skill")),
                               *PAGE_PARAMETERS],
                   responses=pages_of(PersonSerializer), operation_id="people_list")
    def get(self, request: Request) -> Response:
        people = selectors.directory(viewer=request.user, **{
            key: request.query_params.get(key, "").strip()
            for key in ("q", "department", "location", "skill")})
        paginator = DirectoryPagination()
        page = paginator.paginate_queryset(people, request, view=self)
        return paginator.get_paginated_response(selectors.person_views(request.user, page))


class PersonView(APIView):
    @extend_schema(responses=PersonSerializer)
    def get(self, request: Request, username: str) -> Response:
        profile = selectors.profile_queryset().filter(user__username=username).first()
        if profile is None:
            raise NotFound(_("No such person."))
        return Response(selectors.person_view(request.user, profile))
