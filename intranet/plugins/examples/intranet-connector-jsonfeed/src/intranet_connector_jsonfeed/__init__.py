"""A brand connector for JSON Feed (https://www.jsonfeed.org/version/1.1/).

It is a complete third-party connector in one module: a settings form, a `fetch` that
asks for the feed conditionally and maps its items, and an entry point in the
`intranet.connectors` group (see pyproject.toml). Everything after `fetch` (storage,
deduplication, sanitising, curation, images) is the intranet's job.
"""

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from intranet.plugins.connectors.base import (
    Batch,
    Connector,
    ConnectorError,
    Cursor,
    Item,
    URLSettings,
)

__all__ = ["JSONFeedConnector"]

VERSION_PREFIX = "https://jsonfeed.org/version/"
FEED_TYPES = "application/feed+json, application/json;q=0.9, */*;q=0.1"


def _text(value: Any) -> str:
    """A string field, or "" when absent or not a string: feeds in the wild put nulls
    and numbers where the spec says strings, and one bad field must not lose the item."""
    return value.strip() if isinstance(value, str) else ""


def _date(value: Any) -> datetime | None:
    """An RFC 3339 date; a date without an offset is read as UTC, since the intranet
    stores aware dates. Anything unreadable is no date rather than a failed poll."""
    try:
        when = datetime.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when and when.tzinfo is None else when


def _author(holder: dict[str, Any]) -> str:
    """The first author's name: version 1.1 has an `authors` list, 1.0 one `author`."""
    authors = holder.get("authors")
    if not isinstance(authors, list):
        authors = [holder.get("author")]
    for author in authors:
        if isinstance(author, dict) and _text(author.get("name")):
            return _text(author["name"])
    return ""


def read_feed(content: bytes) -> dict[str, Any]:
    """The feed document, checked to be a JSON Feed before anything is mapped, so that a
    wrong address (an HTML page, another API) is reported instead of importing nothing."""
    try:
        document = json.loads(content)
    except ValueError as error:
        raise ConnectorError(f"The answer is not valid JSON: {error}") from error
    if not isinstance(document, dict):
        raise ConnectorError("This is not a JSON Feed: the document is not an object.")
    version = document.get("version")
    if not (isinstance(version, str) and version.startswith(VERSION_PREFIX)):
        raise ConnectorError(f"This is not a JSON Feed: its version does not start with "
                             f"{VERSION_PREFIX}.")
    if not isinstance(document.get("items"), list):
        raise ConnectorError("This is not a JSON Feed: it has no list of items.")
    return document


def to_item(entry: dict[str, Any], base: str, feed_author: str) -> Item:
    """One feed item as an intranet item; links are made absolute against the feed's
    address, since the intranet keeps images and links apart from the feed."""
    link = _text(entry.get("url")) or _text(entry.get("external_url"))
    images = [_text(entry.get("image")), _text(entry.get("banner_image"))]
    attachments = entry.get("attachments")
    if isinstance(attachments, list):
        images += [_text(attachment.get("url")) for attachment in attachments
                   if isinstance(attachment, dict)
                   and _text(attachment.get("mime_type")).startswith("image/")]
    identifier = entry.get("id")
    return Item(
        external_id=str(identifier) if identifier not in (None, "") else None,
        url=urljoin(base, link) if link else "",
        title=_text(entry.get("title")),
        html=_text(entry.get("content_html")),
        text=_text(entry.get("content_text")) or _text(entry.get("summary")),
        images=list(dict.fromkeys(urljoin(base, image) for image in images if image)),
        author=_author(entry) or feed_author,
        published_at=_date(entry.get("date_published")),
        raw=entry)


class JSONFeedConnector(Connector):
    """A JSON Feed, version 1.0 or 1.1, read from one address."""

    key = "jsonfeed"
    name = "JSON Feed"
    description = "A blog or newsroom that publishes a JSON Feed (feed.json)."
    settings_form = URLSettings

    def fetch(self, cursor: Cursor) -> Batch:
        """The feed's items, oldest first. The cursor only holds the answer's ETag and
        Last-Modified: the intranet drops items it already has, so the whole feed can be
        returned each time it changed."""
        response = self.get(self.settings["url"], cursor, accept=FEED_TYPES)
        if response.not_modified:
            return Batch([], cursor)
        document = read_feed(response.content)
        feed_author = _author(document)
        items = [to_item(entry, response.url, feed_author)
                 for entry in reversed(document["items"]) if isinstance(entry, dict)]
        # Feeds list their newest items first, but the order is not guaranteed: sort by
        # date, keeping the reversed order among items without one.
        items.sort(key=lambda item: item.published_at or datetime.min.replace(tzinfo=UTC))
        return Batch(items, self.validators_of(response))
