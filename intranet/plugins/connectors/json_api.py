"""Any JSON API with a field mapping: a LinkedIn, Facebook, Instagram or X company page
read through its API with a token, or a company's own endpoint.

Paths are dotted (`created.time`); `[]` maps over a list (`content.media[].url`).
"""

from datetime import UTC, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from intranet.plugins.connectors.base import Batch, Connector, ConnectorError, Cursor, Item
from intranet.plugins.connectors.fediverse import parse_time, read_json

DATE_FORMATS = [("iso", _("ISO 8601 text")), ("epoch_ms", _("Milliseconds since 1970")),
                ("epoch_s", _("Seconds since 1970"))]


def pluck(data: Any, path: str) -> Any:
    """The value at `path`, a list where the path maps over lists, None when absent."""
    if not path:
        return None
    head, _dot, rest = path.partition(".")
    mapped = head.endswith("[]")
    key = head.removesuffix("[]")
    value = data.get(key) if isinstance(data, dict) else None
    if mapped:
        if not isinstance(value, list):
            return []
        found = [pluck(element, rest) if rest else element for element in value]
        return [element for element in found if element is not None]
    return pluck(value, rest) if rest else value


def _path(value: str) -> str:
    if value and not all(part.removesuffix("[]").strip() for part in value.split(".")):
        raise ValidationError(_("Write a path as names joined by dots, e.g. created.time"))
    return value.strip()


class PathField(forms.CharField):
    def clean(self, value: Any) -> str:
        return _path(super().clean(value))


class JSONSettings(forms.Form):
    url = forms.URLField(label=_("Address"), assume_scheme="https")
    token = forms.CharField(label=_("Token"), required=False,
                            help_text=_("Sent as a bearer token, if the API needs one."))
    items = PathField(label=_("Items path"), required=False,
                      help_text=_("Where the list of posts is, e.g. data.elements; empty "
                                  "when the answer is the list."))
    id = PathField(label=_("Id field"), initial="id")
    link = PathField(label=_("Link field"))
    title = PathField(label=_("Title field"), required=False)
    text = PathField(label=_("Text field"), required=False)
    html = PathField(label=_("HTML field"), required=False)
    images = PathField(label=_("Images field"), required=False,
                       help_text=_("A URL or a list of them, e.g. content.media[].url"))
    author = PathField(label=_("Author field"), required=False)
    date = PathField(label=_("Date field"), required=False)
    date_format = forms.ChoiceField(label=_("Date format"), choices=DATE_FORMATS,
                                    initial="iso", required=False)
    repost = PathField(label=_("Repost field"), required=False,
                       help_text=_("A field present only on reposts."))
    reply = PathField(label=_("Reply field"), required=False,
                      help_text=_("A field present only on replies."))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("text") or cleaned.get("html") or cleaned.get("title")):
            raise ValidationError(_("Map at least one of the title, text or HTML fields."))
        return cleaned


class JSONConnector(Connector):
    key = "json"
    name = _("JSON API")
    description = _("A social network's company page, or any JSON API, with a field mapping.")
    settings_form = JSONSettings
    secret_fields = frozenset({"token"})

    def fetch(self, cursor: Cursor) -> Batch:
        token = self.settings.get("token")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.get(self.settings["url"], cursor, accept="application/json",
                            headers=headers)
        if response.not_modified:
            return Batch([], cursor)
        answer = read_json(response.content)
        entries = pluck(answer, self.settings["items"]) if self.settings.get("items") else answer
        if not isinstance(entries, list):
            raise ConnectorError(_("No list of posts at “%(path)s”.")
                                 % {"path": self.settings.get("items") or "."})
        items = [self._item(entry) for entry in entries if isinstance(entry, dict)]
        items.sort(key=lambda item: item.published_at or datetime.min.replace(tzinfo=UTC))
        return Batch(items, self.validators_of(response))

    def _text(self, entry: dict, field: str) -> str:
        value = pluck(entry, self.settings.get(field, ""))
        return "" if value is None or isinstance(value, dict | list) else str(value)

    def _item(self, entry: dict) -> Item:
        images = pluck(entry, self.settings.get("images", ""))
        images = images if isinstance(images, list) else [images] if images else []
        return Item(
            external_id=self._text(entry, "id") or None, url=self._text(entry, "link"),
            title=self._text(entry, "title"), text=self._text(entry, "text"),
            html=self._text(entry, "html"),
            images=[str(image) for image in images if isinstance(image, str)],
            author=self._text(entry, "author"), published_at=self._date(entry),
            is_repost=bool(self.settings.get("repost"))
            and pluck(entry, self.settings["repost"]) not in (None, [], {}),
            is_reply=bool(self.settings.get("reply"))
            and pluck(entry, self.settings["reply"]) not in (None, [], {}),
            raw=entry)

    def _date(self, entry: dict) -> datetime | None:
        value = pluck(entry, self.settings.get("date", ""))
        if value is None:
            return None
        fmt = self.settings.get("date_format") or "iso"
        if fmt == "iso":
            return parse_time(str(value))
        try:
            seconds = float(value) / (1000 if fmt == "epoch_ms" else 1)
            return datetime.fromtimestamp(seconds, UTC)
        except (TypeError, ValueError, OverflowError):
            return None
