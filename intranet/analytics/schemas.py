"""The shapes of the analytics API's requests and responses in the OpenAPI description."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from intranet.core.api import IdField, InputSerializer
from intranet.core.policy import read_policies


class SeenItemSerializer(InputSerializer):
    kind = serializers.CharField(help_text="A kind of content: post, announcement, "
                                           "brand item, ...")
    id = IdField()

    def validate_kind(self, value: str) -> str:
        if value not in read_policies():
            raise serializers.ValidationError(
                _("One of: %(kinds)s.") % {"kinds": ", ".join(sorted(read_policies()))})
        return value


class SeenSerializer(InputSerializer):
    items = serializers.ListField(child=SeenItemSerializer(), min_length=1, max_length=100)


class OverviewQuerySerializer(serializers.Serializer):
    since = serializers.DateField(required=False, help_text="First day (29 days before "
                                                            "`until` by default).")
    until = serializers.DateField(required=False, help_text="Last day (today by default); "
                                                            "a range is at most 366 days.")
    group = serializers.SlugField(required=False, help_text="A group's figures only.")


class DepartmentFiguresSerializer(serializers.Serializer):
    department = serializers.CharField()
    people = serializers.IntegerField()
    active_people = serializers.IntegerField()
    posts = serializers.IntegerField()
    comments = serializers.IntegerField()
    reactions = serializers.IntegerField()
    engagement_rate = serializers.FloatField(allow_null=True)


class DayFiguresSerializer(serializers.Serializer):
    date = serializers.DateField()
    active_people = serializers.IntegerField()
    active_people_7d = serializers.IntegerField()
    active_people_30d = serializers.IntegerField()
    posts = serializers.IntegerField()
    comments = serializers.IntegerField()
    reactions = serializers.IntegerField()
    engaged = serializers.IntegerField()
    reached = serializers.IntegerField()
    engagement_rate = serializers.FloatField(allow_null=True)


class OverviewSerializer(serializers.Serializer):
    active_people = serializers.IntegerField(allow_null=True,
                                             help_text="People active a day, on average.")
    posts = serializers.IntegerField(allow_null=True)
    comments = serializers.IntegerField(allow_null=True)
    reactions = serializers.IntegerField(allow_null=True)
    engagement_rate = serializers.FloatField(
        allow_null=True, help_text="People who commented or reacted among people reached, "
                                   "0 to 1.")
    by_department = DepartmentFiguresSerializer(many=True)
    by_day = DayFiguresSerializer(many=True)
