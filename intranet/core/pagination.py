"""Cursor pages of the API. Each ordering has its own class, declared once by the app
that lists in that order, so that a cursor is only ever read against the ordering it
was made for."""

from rest_framework.pagination import CursorPagination


class CursorPages(CursorPagination):
    """What every list shares: twenty a page, more up to `max_page_size` with
    `?page_size=` (there is no project-wide page size: without one, no page at all)."""

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
