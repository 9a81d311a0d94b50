"""What a connector is: a configuration form, and a fetch from a cursor to new items.

Everything else (polling, deduplication, sanitising, storage, curation, publishing) is
done once for all connectors by the `plugins` app, so a connector stays a small class
that a third party can write and test on its own.
"""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.core.http import FetchResult, safe_get

Cursor = dict[str, Any]
"""What a connector saw last (ETag, Last-Modified, last id, date): JSON, its own format."""


class ConnectorError(Exception):
    """The channel answered something the connector cannot use; recorded on the source."""


@dataclass
class Item:
    """One entry of a channel, as the connector read it. Text is plain; html is the
    channel's markup, sanitised later; relative links are resolved against `url`."""

    external_id: str | None
    url: str
    title: str = ""
    text: str = ""
    html: str = ""
    images: list[str] = field(default_factory=list)
    author: str = ""
    published_at: datetime | None = None
    is_reply: bool = False
    is_repost: bool = False
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Batch:
    """New items since the cursor, oldest first, and the cursor to pass next time.
    `error` reports a problem that still let some items through (a truncated feed)."""

    items: list[Item]
    cursor: Cursor
    error: str = ""


class Connector(ABC):
    """Subclass, set the class attributes, implement `fetch`; register the class under
    the `intranet.connectors` entry-point group."""

    key: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str] = ""
    settings_form: ClassVar[type[forms.Form]]
    secret_fields: ClassVar[frozenset[str]] = frozenset()
    """Fields written but never shown again, stored encrypted (tokens)."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings

    @abstractmethod
    def fetch(self, cursor: Cursor) -> Batch:
        """Items published since `cursor` (empty on the first poll). Raise
        `intranet.core.http.FetchError` or `ConnectorError` when nothing could be read."""

    @staticmethod
    def get(url: str, cursor: Cursor | None = None, *, accept: str | None = None,
            headers: Mapping[str, str] | None = None) -> FetchResult:
        """GET through the safe client, conditionally when the cursor holds an ETag or a
        Last-Modified date from an earlier answer."""
        conditional = dict(headers or {})
        if cursor and cursor.get("etag"):
            conditional["If-None-Match"] = cursor["etag"]
        if cursor and cursor.get("last_modified"):
            conditional["If-Modified-Since"] = cursor["last_modified"]
        return safe_get(url, headers=conditional, accept=accept)

    @staticmethod
    def validators_of(response: FetchResult) -> Cursor:
        """The cursor fields of a conditional request, from a response."""
        return {name: value for name, value in (("etag", response.etag),
                                                ("last_modified", response.last_modified))
                if value}


class URLSettings(forms.Form):
    """The settings of a connector that reads one address."""

    url = forms.URLField(label=_("Address"), assume_scheme="https",
                         help_text=_("The channel's feed or page address."))
