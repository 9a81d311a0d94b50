"""The shapes of moderation's API answers, for the OpenAPI schema."""

from rest_framework import serializers

from intranet.moderation.models import CaseState


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=CaseState.values,
                                    help_text="The state of the case the report joined.")


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(help_text="In the reader's language.")


class CaseReportSerializer(serializers.Serializer):
    reason = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()


class CaseTargetSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.CharField(help_text="An id, or a username for a person.")
    text = serializers.CharField(required=False, help_text="The content as reported.")
    removed = serializers.BooleanField(required=False)
    moderation = serializers.CharField(required=False, allow_null=True)


class RuleHitSerializer(serializers.Serializer):
    rule = serializers.CharField()
    action = serializers.CharField()
    created_at = serializers.DateTimeField()


class CaseAppealSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()


class CaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = CaseTargetSerializer()
    group = serializers.CharField(allow_null=True)
    author = serializers.CharField(allow_null=True)
    state = serializers.ChoiceField(choices=CaseState.values)
    pending = serializers.BooleanField(help_text="Waiting for a decision.")
    weight = serializers.FloatField(help_text="The reports' weights, added up.")
    reason = serializers.CharField(allow_blank=True)
    appeal = CaseAppealSerializer(allow_null=True)
    reports = CaseReportSerializer(many=True)
    rule_hits = RuleHitSerializer(many=True)
    author_history = serializers.DictField(child=serializers.IntegerField(),
                                           help_text="Actions taken about the author.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class AppealResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=CaseState.values)
    appealed_at = serializers.DateTimeField()


class RestrictionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    group = serializers.CharField(allow_null=True, help_text="Null: company-wide.")
    until = serializers.DateTimeField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class RuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    enabled = serializers.BooleanField()
    group = serializers.CharField(allow_null=True)
    conditions = serializers.JSONField()
    action = serializers.CharField()
    reply = serializers.CharField(allow_blank=True)
    position = serializers.IntegerField()
    hits = serializers.IntegerField(help_text="How many times it matched.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class RuleTrialSerializer(serializers.Serializer):
    examined = serializers.IntegerField()
    matched = serializers.IntegerField()
    examples = serializers.ListField(child=serializers.IntegerField(),
                                     help_text="Ids of matched posts the caller may read, "
                                               "newest first (100 at most).")
