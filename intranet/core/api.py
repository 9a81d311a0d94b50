"""The API's error format and helpers shared by every app's api.py.

Every error is `{"error": {"code", "message", "fields"?}}` (docs/api.md).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, JsonResponse, QueryDict
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from intranet.core.errors import DomainError, Invalid, RateLimited, TooLarge

CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "rate_limited",
    exceptions.ParseError: "parse_error",
    exceptions.ValidationError: "invalid",
}


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {msg}" for key, value in detail.items() for msg in _flatten(value)]
    if isinstance(detail, list):
        return [msg for item in detail for msg in _flatten(item)]
    return [str(detail)]


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        response = Response(error_body(exc.code, exc.message, exc.fields), status=exc.status)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, RequestDataTooBig):
        return exception_handler(TooLarge(_("The request body is too large.")), context)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = next((c for cls, c in CODES.items() if isinstance(exc, cls)), "error")
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = {key: _flatten(value) for key, value in detail.items()}
        response.data = error_body(code, _("Some fields are not valid."), fields)
    else:
        response.data = error_body(code, str(getattr(exc, "detail", exc)))
    return response


def body_object(request) -> dict:
    """The request's body as an object: JSON as sent, form fields with their last value.
    Anything else (an array, null, a number) is refused with 400, not read as empty."""
    data = request.data
    if isinstance(data, QueryDict):
        return data.dict()
    if isinstance(data, dict):
        return data
    raise Invalid(_("The body must be a JSON object."))


class StrictBooleanField(serializers.BooleanField):
    """true or false as JSON has them; "true"/"false" only from a submitted form, whose
    fields are all text (a serializer given a form's fields rebuilt says so in its
    context: `{"form": True}`). "false" in JSON is a mistake to refuse, not a true."""

    default_error_messages = {"invalid": _("Must be true or false.")}

    def to_internal_value(self, data: Any) -> bool:
        if isinstance(data, bool):
            return data
        if (isinstance(getattr(self.root, "initial_data", None), QueryDict)
                or self.root.context.get("form")):
            return super().to_internal_value(data)
        self.fail("invalid", input=data)


class IdField(serializers.IntegerField):
    """The id of a row: a whole number a database key can hold."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class InputSerializer(serializers.Serializer):
    """A request body: a field the operation does not take is refused by name rather
    than silently ignored, so a misspelt field never looks like a saved one."""

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, Mapping):
            refused = {name: [_("Unknown field.")] for name in data if name not in self.fields}
            refused.update({name: [_("This cannot be changed.")] for name in data
                            if name in self.fields and self.fields[name].read_only})
            if refused:
                raise serializers.ValidationError(dict(sorted(refused.items())))
        return super().to_internal_value(data)


def refuse_unknown(data: Mapping, serializer: serializers.Serializer, prefix: str = "") -> None:
    """Refuse (400, naming them) the fields of `data`, at any depth, that `serializer`
    does not describe: for bodies a service reads itself rather than through it."""
    unknown = list(_unknown(data, serializer, prefix))
    if unknown:
        raise Invalid(_("Some fields are not known."),
                      fields={name: [_("Unknown field.")] for name in unknown})


def _unknown(data: Mapping, serializer: serializers.Serializer, prefix: str):
    for name, value in data.items():
        field = serializer.fields.get(name)
        if field is None or field.read_only:
            yield f"{prefix}{name}"
        elif isinstance(field, serializers.Serializer) and isinstance(value, Mapping):
            yield from _unknown(value, field, f"{prefix}{name}.")
        elif (isinstance(field, serializers.DictField) and isinstance(value, Mapping)
              and isinstance(field.child, serializers.Serializer)):
            for key, item in value.items():
                if isinstance(item, Mapping):
                    yield from _unknown(item, field.child, f"{prefix}{name}.{key}.")


def read_body(request: Request, serializer: type[serializers.Serializer], *,
              partial: bool = False) -> dict:
    """The request's body checked against `serializer`: its validated data, or a 400
    naming every field in error."""
    fields = serializer(data=form_or_object(request), partial=partial)
    fields.is_valid(raise_exception=True)
    return dict(fields.validated_data)


def form_or_object(request: Request) -> QueryDict | dict:
    """What a serializer reads: a submitted form as it is (repeated fields, text values),
    JSON only when it is an object."""
    return request.data if isinstance(request.data, QueryDict) else body_object(request)


def json_error(request: HttpRequest, code: str, message: str, status_code: int) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status_code)


@csrf_exempt
def api_not_found(request: HttpRequest, **kwargs: Any) -> JsonResponse:
    """Unknown API paths answer in the API's error format, not with an HTML page (nor
    with the CSRF failure page: nothing is done here, whatever the method)."""
    return json_error(request, "not_found", _("Not found."), status.HTTP_404_NOT_FOUND)
