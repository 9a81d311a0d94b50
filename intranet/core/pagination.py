"""Cursor pages of the API. Each ordering has its own class, declared once by the app
that lists in that order, so that a cursor is only ever read against the ordering it
was made for."""

from functools import cache

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Field, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination

from intranet.core.errors import Invalid


class CursorPages(CursorPagination):
    """What every list shares: twenty a page, more up to `max_page_size` with
    `?page_size=` (there is no project-wide page size: without one, no page at all).
    A cursor that was not made by this list (tampered, or made for another ordering)
    is refused with 400 before it reaches the database."""

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    invalid_cursor_message = _("Not a cursor of this list: follow `next` or `previous`.")

    def paginate_queryset(self, queryset: QuerySet, request, view=None):
        self.position_field = _ordering_field(queryset, self.ordering[0].lstrip("-"))
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request) -> Cursor | None:
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = None
            refused = True
        else:
            refused = cursor is not None and not self._readable(cursor.position)
        if refused:
            raise Invalid(self.invalid_cursor_message,
                          fields={self.cursor_query_param: [str(self.invalid_cursor_message)]})
        return cursor

    def _readable(self, position: str | None) -> bool:
        """Whether the database can compare the ordering field with `position`."""
        if position is None or self.position_field is None:
            return True
        if "\x00" in position:
            return False
        try:
            self.position_field.run_validators(self.position_field.to_python(position))
        except (ValidationError, ValueError, OverflowError):
            return False
        return True


def _ordering_field(queryset: QuerySet, name: str) -> Field | None:
    """The model field or annotation a list is ordered by first."""
    try:
        return queryset.model._meta.get_field(name)
    except FieldDoesNotExist:
        annotation = queryset.query.annotations.get(name)
        return annotation.output_field if annotation is not None else None


@cache
def pages_of(serializer: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The response of a cursor-paged list of `serializer`: `next` and `previous` are
    the addresses of the neighbouring pages, or null."""
    name = serializer.__name__.removesuffix("Serializer")
    return type(f"{name}PageSerializer", (serializers.Serializer,), {
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": serializer(many=True)})


PAGE_PARAMETERS = [
    OpenApiParameter("cursor", str, description="From a page's `next` or `previous`."),
    OpenApiParameter("page_size", int, description="How many to a page, up to its maximum."),
]
