"""The shapes of the feeds' API responses in the OpenAPI description; `intranet.feeds.presenters`
builds them, one shape for the API, the events and the pages."""

from rest_framework import serializers

from intranet.core.api import IdField, InputSerializer
from intranet.core.schema import ImageSerializer
from intranet.feeds.models import NotificationKind

REACTIONS = serializers.DictField(child=serializers.IntegerField(),
                                  help_text="Count by kind of reaction.")


class LinkPreviewSerializer(serializers.Serializer):
    url = serializers.URLField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    image = serializers.CharField(allow_null=True)


class SubjectSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="e.g. announcement")
    id = serializers.IntegerField()


class ModerationSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["held", "hidden"])
    reason = serializers.CharField(allow_blank=True)


MODERATION_HELP = "Null; for its author and moderators only, why it is held or hidden."


class PostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(help_text="Username.")
    author_name = serializers.CharField()
    author_is_former_employee = serializers.BooleanField()
    group = serializers.CharField(allow_null=True, help_text="Slug; null for company-wide.")
    group_name = serializers.CharField(allow_null=True)
    body = serializers.CharField(help_text="As written (Markdown).")
    html = serializers.CharField(help_text="Rendered and sanitised.")
    created_at = serializers.DateTimeField()
    publish_at = serializers.DateTimeField(allow_null=True)
    published = serializers.BooleanField()
    edited_at = serializers.DateTimeField(allow_null=True)
    comment_count = serializers.IntegerField()
    reactions = REACTIONS
    images = ImageSerializer(many=True)
    link = LinkPreviewSerializer(allow_null=True)
    topics = serializers.ListField(child=serializers.CharField())
    is_question = serializers.BooleanField()
    best_answer = serializers.IntegerField(allow_null=True, help_text="A comment's id.")
    pinned = serializers.BooleanField()
    locked = serializers.BooleanField()
    url = serializers.CharField()
    conversation_of = SubjectSerializer(allow_null=True)
    moderation = ModerationSerializer(allow_null=True, help_text=MODERATION_HELP)
    my_reactions = serializers.ListField(child=serializers.CharField(), required=False)


class FeedEntrySerializer(serializers.Serializer):
    type = serializers.CharField(help_text="`post`, or what another app puts on top of the "
                                           "first page (`announcement`), under a key of "
                                           "that name.")
    post = PostSerializer(required=False)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    post = serializers.IntegerField()
    parent = serializers.IntegerField(allow_null=True)
    author = serializers.CharField()
    author_name = serializers.CharField()
    body = serializers.CharField()
    html = serializers.CharField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    reactions = REACTIONS
    moderation = ModerationSerializer(allow_null=True, help_text=MODERATION_HELP)


class ReactionCountsSerializer(serializers.Serializer):
    reactions = REACTIONS


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(NotificationKind.values)
    actors = serializers.ListField(child=serializers.CharField(),
                                   help_text="Usernames, the latest first.")
    actor_count = serializers.IntegerField()
    post = serializers.IntegerField(allow_null=True)
    comment = serializers.IntegerField(allow_null=True)
    group = serializers.CharField(allow_null=True)
    data = serializers.DictField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    read = serializers.BooleanField()
    url = serializers.CharField()


class NotificationPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = NotificationSerializer(many=True)
    unread = serializers.IntegerField()


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
    unread = serializers.IntegerField()


class MarkReadSerializer(InputSerializer):
    ids = serializers.ListField(child=IdField(), required=False, max_length=1000,
                                help_text="Which to mark read; all when left out.")


class EventsSerializer(serializers.Serializer):
    results = serializers.ListField(child=serializers.DictField(),
                                    help_text="Frames as the websocket sends them.")
    next = serializers.URLField(allow_null=True)


class SwitchSerializer(serializers.Serializer):
    on = serializers.BooleanField()


class MutedSerializer(serializers.Serializer):
    muted = serializers.BooleanField()


class NotificationSettingsDataSerializer(serializers.Serializer):
    email_mentions = serializers.BooleanField()
    daily_digest = serializers.BooleanField()
    notify_reactions = serializers.BooleanField()
    notify_comments = serializers.BooleanField()
    muted_until = serializers.DateTimeField(allow_null=True)
