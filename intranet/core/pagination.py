"""Cursor pages of the API. Each ordering has its own class, declared once by the app
that lists in that order, so that a cursor is only ever read against the ordering it
was made for."""

from functools import cache

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.pagination import CursorPagination


class CursorPages(CursorPagination):
    """What every list shares: twenty a page, more up to `max_page_size` with
    `?page_size=` (there is no project-wide page size: without one, no page at all)."""

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"


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
