"""The shapes of the brand API's requests and responses in the OpenAPI description;
`intranet.plugins.presenters` and `intranet.plugins.api` build them, the services check
what comes in."""

from rest_framework import serializers

from intranet.core.api import InputSerializer, StrictBooleanField
from intranet.core.schema import ImageSerializer
from intranet.plugins.models import ItemState


class BrandItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    source = serializers.IntegerField()
    source_name = serializers.CharField()
    external_id = serializers.CharField()
    url = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    html = serializers.CharField(allow_blank=True)
    text = serializers.CharField(allow_blank=True)
    author = serializers.CharField(allow_blank=True)
    caption = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    state = serializers.ChoiceField(ItemState.values)
    post = serializers.IntegerField(allow_null=True)
    post_url = serializers.CharField(allow_null=True)
    images = ImageSerializer(many=True)
    share_count = serializers.IntegerField()
    share_url = serializers.CharField()


class CuratedItemSerializer(BrandItemSerializer):
    reason = serializers.CharField(allow_blank=True)
    decided_by = serializers.CharField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    is_reply = serializers.BooleanField()
    is_repost = serializers.BooleanField()
    fetched_at = serializers.DateTimeField()


class HighlightsSerializer(serializers.Serializer):
    results = BrandItemSerializer(many=True)


class CaptionSerializer(serializers.Serializer):
    caption = serializers.CharField(allow_blank=True, max_length=1000)


class ShareRequestSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(
        choices=["copy", "email", "other"], required=False,
        help_text="How it was shared: the link copied, sent by e-mail, or otherwise.")


class ShareSerializer(serializers.Serializer):
    share_count = serializers.IntegerField()
    url = serializers.CharField(help_text="The original.")
    link = serializers.CharField(help_text="The link to share: the intranet's redirect "
                                           "to the original, which counts the visits.")


class SourceWriteSerializer(InputSerializer):
    connector = serializers.CharField(help_text="An enabled connector: rss, youtube, ...")
    name = serializers.CharField(max_length=120)
    settings = serializers.DictField(required=False, help_text="The connector's own "
                                     "settings; secret ones are sealed and never shown.")
    account = serializers.CharField(required=False, allow_null=True,
                                    help_text="Username of the account items post as.")
    group = serializers.CharField(required=False, allow_null=True,
                                  help_text="Slug of the group items post in.")
    team = serializers.CharField(required=False, allow_blank=True, max_length=120)
    interval_minutes = serializers.IntegerField(required=False)
    enabled = StrictBooleanField(required=False)


class SourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    connector = serializers.CharField()
    name = serializers.CharField()
    team = serializers.CharField(allow_blank=True)
    account = serializers.CharField()
    group = serializers.CharField(allow_null=True)
    settings = serializers.DictField()
    secrets_set = serializers.ListField(child=serializers.CharField(),
                                        help_text="Which secret settings are set.")
    interval_minutes = serializers.IntegerField()
    enabled = serializers.BooleanField()
    last_polled_at = serializers.DateTimeField(allow_null=True)
    last_success = serializers.DateTimeField(allow_null=True)
    last_error = serializers.CharField(allow_null=True)
    items_seen = serializers.IntegerField()
    next_poll = serializers.DateTimeField(allow_null=True)
    failures = serializers.IntegerField()


class SourcesSerializer(serializers.Serializer):
    results = SourceSerializer(many=True)


class PollSerializer(serializers.Serializer):
    new = serializers.IntegerField()
    skipped = serializers.IntegerField()
    error = serializers.CharField(allow_null=True, allow_blank=True)
