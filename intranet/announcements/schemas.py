"""The shapes of the announcements API's requests and responses in the OpenAPI
description; `intranet.announcements.presenters` builds the responses and the writing
service checks what comes in."""

from rest_framework import serializers

from intranet.announcements.models import Importance
from intranet.feeds.schemas import CommentSerializer


class TextSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=500)
    body = serializers.CharField(help_text="Markdown.")


class AudienceSerializer(serializers.Serializer):
    departments = serializers.ListField(child=serializers.CharField(), required=False)
    locations = serializers.ListField(child=serializers.CharField(), required=False)
    groups = serializers.ListField(child=serializers.CharField(), required=False,
                                   help_text="Slugs.")


class AnnouncementWriteSerializer(TextSerializer):
    language = serializers.CharField(required=False, help_text="en or fr.")
    translations = serializers.DictField(child=TextSerializer(), required=False,
                                         help_text="Other languages' versions, by code.")
    importance = serializers.ChoiceField(Importance.values, required=False)
    audience = AudienceSerializer(required=False, help_text="Everyone when left out.")
    ack_due = serializers.DateTimeField(required=False, allow_null=True)
    publish_at = serializers.DateTimeField(required=False, allow_null=True)
    expire_at = serializers.DateTimeField(required=False, allow_null=True)
    pinned_until = serializers.CharField(required=False, allow_null=True,
                                         help_text="A date and time, or `seen`.")


class AnnouncementSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The original's, whatever the language shown.")
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_null=True)
    language = serializers.CharField()
    importance = serializers.ChoiceField(Importance.values)
    published_at = serializers.DateTimeField(allow_null=True)
    ack_due = serializers.DateTimeField(allow_null=True)
    expire_at = serializers.DateTimeField(allow_null=True)
    allow_comments = serializers.BooleanField()
    allow_reactions = serializers.BooleanField()


class ReaderAnnouncementSerializer(AnnouncementSerializer):
    seen = serializers.BooleanField()
    acknowledged = serializers.BooleanField()
    action_required = serializers.BooleanField(
        help_text="It asks for an acknowledgement that the reader has not given yet.")


class WrittenAnnouncementSerializer(AnnouncementSerializer):
    live = serializers.BooleanField()
    in_workflow = serializers.BooleanField(help_text="Waiting for approval.")


class AnnouncementsSerializer(serializers.Serializer):
    results = ReaderAnnouncementSerializer(many=True)
    next = serializers.URLField(allow_null=True)


class StatsSerializer(serializers.Serializer):
    audience = serializers.IntegerField()
    seen = serializers.IntegerField()
    acknowledged = serializers.IntegerField()
    outstanding = serializers.IntegerField()


class AnnouncementCommentSerializer(CommentSerializer):
    announcement = serializers.IntegerField()


class AnnouncementCommentsSerializer(serializers.Serializer):
    results = AnnouncementCommentSerializer(many=True)
    next = serializers.URLField(allow_null=True)


class BodySerializer(serializers.Serializer):
    body = serializers.CharField(help_text="Markdown.")


class KindSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="A kind of reaction: like, ...")


class ReactionsSerializer(serializers.Serializer):
    reactions = serializers.DictField(child=serializers.IntegerField())
    mine = serializers.ListField(child=serializers.CharField())
