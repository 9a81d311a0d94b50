"""What every operation of the OpenAPI description shares: only the public API's paths,
and the error shape (`{"error": {"code", "message", "fields"?}}`) for every error
status an operation may answer."""

from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

ERROR_STATUSES = {
    "400": "The request is not valid: `fields` says which field and why.",
    "401": "No valid credentials.",
    "403": "Not allowed.",
    "404": "Not found, or not visible to the caller (the same answer).",
    "409": "In conflict with the current state.",
    "429": "Too many requests: `Retry-After` says how many seconds to wait.",
}


class ImageSerializer(serializers.Serializer):
    """An image as every API answer shows it: its address (served after a read check)
    and its size in pixels."""

    url = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    alt = serializers.CharField(required=False, allow_blank=True,
                                help_text="What it shows, for those who cannot see it.")


def only_public_api(endpoints: list, **kwargs) -> list:
    """The public API's operations, not the admin's internal ones."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def with_errors(result: dict, generator: SchemaGenerator, request, public: bool) -> dict:
    """Declare the error shape for each error status, on every operation that does not
    describe its own."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object", "required": ["error"],
        "properties": {"error": {
            "type": "object", "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"}, "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {
                    "type": "array", "items": {"type": "string"}}}}}}}
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(status, {"description": description, **error})
            for status, answer in responses.items():
                if status.startswith("4"):
                    answer.setdefault("content", error["content"])
    return result
