"""RSS and Atom feeds (blogs, newsrooms), read by feedparser, and YouTube channels,
which publish their videos as an Atom feed."""

import calendar
import json
import re
from datetime import UTC, datetime
from typing import Any
from xml.sax import SAXParseException

import feedparser
from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.core.http import FetchResult
from intranet.plugins.connectors.base import (
    Batch,
    Connector,
    ConnectorError,
    Cursor,
    Item,
    URLSettings,
)

FEED_TYPES = ("application/atom+xml, application/rss+xml, application/xml;q=0.9, "
              "text/xml;q=0.8, */*;q=0.1")


def _when(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None


def _images(entry: Any) -> list[str]:
    found = [link["href"] for link in entry.get("links", [])
             if link.get("rel") == "enclosure" and link.get("type", "").startswith("image/")]
    found += [media["url"] for media in entry.get("media_content", [])
              if media.get("url") and (media.get("medium") == "image"
                                       or media.get("type", "").startswith("image/"))]
    found += [thumb["url"] for thumb in entry.get("media_thumbnail", []) if thumb.get("url")]
    return list(dict.fromkeys(found))


def _raw(entry: Any) -> dict[str, Any]:
    """The entry as feedparser read it, in JSON (dates as text)."""
    return json.loads(json.dumps(entry, default=str))


def _truncated(parsed: Any) -> bool:
    """A document that ends before its root element closes: its last entry may be cut."""
    error = parsed.get("bozo_exception")
    return isinstance(error, SAXParseException) and bool(
        re.search(r"no element found|unclosed token", str(error)))


def parse_feed(response: FetchResult) -> tuple[list[Item], str]:
    """Items of an RSS or Atom document, oldest first, and the problem feedparser met.

    The document is parsed from bytes so that its own encoding declaration counts;
    relative links resolve against xml:base, else the address the feed came from.
    """
    parsed = feedparser.parse(response.content, response_headers={
        "content-type": response.headers.get("Content-Type", "application/xml"),
        "content-location": response.url}, sanitize_html=False)
    error = str(parsed.get("bozo_exception", "")) if parsed.get("bozo") else ""
    if not parsed.get("version") and not parsed.entries:
        raise ConnectorError(_("This is not an RSS or Atom feed: %(error)s")
                             % {"error": error or _("no feed element")})
    entries = list(parsed.entries)
    if _truncated(parsed) and entries:
        entries.pop()
        error = _("The feed ends abruptly (%(error)s); its last entry was left out.") % {
            "error": error}
    items = []
    for entry in entries:
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        items.append(Item(
            external_id=entry.get("id") or None, url=entry.get("link", ""),
            title=entry.get("title", ""), html=html, images=_images(entry),
            author=entry.get("author", ""), published_at=_when(entry), raw=_raw(entry)))
    items.sort(key=lambda item: item.published_at or datetime.min.replace(tzinfo=UTC))
    return items, error


class FeedConnector(Connector):
    key = "rss"
    name = _("RSS or Atom feed")
    description = _("A blog, newsroom or any site that publishes an RSS or Atom feed.")
    settings_form = URLSettings

    def fetch(self, cursor: Cursor) -> Batch:
        return self.fetch_feed(self.settings["url"], cursor)

    def fetch_feed(self, url: str, cursor: Cursor) -> Batch:
        response = self.get(url, cursor, accept=FEED_TYPES)
        if response.not_modified:
            return Batch([], cursor)
        items, error = parse_feed(response)
        return Batch(items, self.validators_of(response), error=error)


class YouTubeSettings(forms.Form):
    channel_id = forms.RegexField(
        label=_("Channel id"), regex=r"^UC[\w-]{22}$",
        help_text=_("The id in the channel's address, starting with UC "
                    "(youtube.com/channel/UC…)."),
        error_messages={"invalid": _("A channel id starts with UC and has 24 characters.")})


class YouTubeConnector(FeedConnector):
    key = "youtube"
    name = _("YouTube channel")
    description = _("The videos of a YouTube channel, from its public feed (no key needed).")
    settings_form = YouTubeSettings
    feed_url = "https://www.youtube.com/feeds/videos.xml"

    def fetch(self, cursor: Cursor) -> Batch:
        batch = self.fetch_feed(f"{self.feed_url}?channel_id={self.settings['channel_id']}",
                                cursor)
        for item in batch.items:
            media = item.raw.get("media_description") or item.raw.get("summary", "")
            item.text, item.html = media, ""
        return batch
