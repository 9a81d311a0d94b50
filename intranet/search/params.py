"""Reading a search from query parameters, the same way for the page and the API."""

import base64
import binascii
import json
import unicodedata
from collections.abc import Mapping

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from intranet.core.errors import Invalid
from intranet.search.query import PAGE_SIZE, SearchRequest
from intranet.search.registry import indexes

MAX_QUERY = 200
MAX_OFFSET = 1000


def clean_query(text: str) -> str:
    """A query as typed, without control characters (a NUL byte among them): they are
    never words, and PostgreSQL refuses them in text."""
    return "".join(c for c in text if unicodedata.category(c) != "Cc" or c.isspace()).strip()


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode()


def _offset(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        offset = int(json.loads(base64.urlsafe_b64decode(cursor.encode()))["o"])
    except (ValueError, KeyError, TypeError, OverflowError, binascii.Error):
        raise Invalid(_("This cursor is not valid."), fields={"cursor": [
            _("Use the `next` link of the previous page.")]}) from None
    return max(0, min(offset, MAX_OFFSET))


def _moment(value: str, field: str):
    if not value:
        return None
    try:
        found = parse_datetime(value) or (parse_date(value)
                                          and parse_datetime(f"{value}T00:00:00Z"))
    except ValueError:  # well formed but impossible: 30 February
        found = None
    if found is None:
        raise Invalid(_("Give a date as YYYY-MM-DD."), fields={field: [_("Not a date.")]})
    return found


def search_request(params: Mapping[str, str], *, types: list[str] | None = None
                   ) -> SearchRequest:
    q = clean_query(params.get("q", ""))
    if len(q) > MAX_QUERY:
        raise Invalid(_("Search for %(max)s characters at most.") % {"max": MAX_QUERY},
                      fields={"q": [_("Too long.")]})
    kinds = tuple(types if types is not None else
                  [t for t in params.get("type", "").split(",") if t])
    unknown = set(kinds) - set(indexes())
    if unknown:
        raise Invalid(_("Unknown types: %(types)s.") % {"types": ", ".join(sorted(unknown))},
                      fields={"type": [", ".join(sorted(indexes()))]})
    return SearchRequest(
        q=q, kinds=kinds, group=params.get("group", "").strip(),
        author=params.get("author", "").strip(), department=params.get("department", "").strip(),
        since=_moment(params.get("since", ""), "since"),
        until=_moment(params.get("until", ""), "until"),
        offset=_offset(params.get("cursor", "")), size=PAGE_SIZE)
