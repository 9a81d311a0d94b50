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


class RuleHitSerializer(serializers.Serializer):
    rule = serializers.CharField()
    created_at = serializers.DateTimeField()


class CaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = CaseTargetSerializer()
    group = serializers.CharField(allow_null=True)
    state = serializers.ChoiceField(choices=CaseState.values)
    reports = CaseReportSerializer(many=True)
    rule_hits = RuleHitSerializer(many=True)
