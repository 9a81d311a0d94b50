"""Mastodon accounts and PeerTube channels, through their public REST APIs."""

import json
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.plugins.connectors.base import Batch, Connector, ConnectorError, Cursor, Item

PAGE = 40


def read_json(content: bytes) -> Any:
    try:
        return json.loads(content)
    except ValueError as error:
        raise ConnectorError(_("The answer is not valid JSON: %(error)s")
                             % {"error": error}) from error


def parse_time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


class MastodonSettings(forms.Form):
    server = forms.URLField(label=_("Server"), assume_scheme="https",
                            help_text=_("The Mastodon server, e.g. https://mastodon.social"))
    account = forms.RegexField(label=_("Account"), regex=r"^@?[\w.-]+$",
                               help_text=_("The account's name on that server, without the "
                                           "server: acme for @acme@mastodon.social"))
    token = forms.CharField(label=_("Access token"), required=False,
                            help_text=_("Only for servers that require sign-in to read "
                                        "public posts."))


class MastodonConnector(Connector):
    key = "mastodon"
    name = _("Mastodon account")
    description = _("The public posts of a Mastodon account, replies and boosts marked.")
    settings_form = MastodonSettings
    secret_fields = frozenset({"token"})

    def _api(self, path: str, **query: str) -> Any:
        server = self.settings["server"].rstrip("/")
        token = self.settings.get("token")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = f"{server}/api/v1/{path}" + (f"?{urlencode(query)}" if query else "")
        return read_json(self.get(url, accept="application/json", headers=headers).content)

    def fetch(self, cursor: Cursor) -> Batch:
        account_id = cursor.get("account_id")
        if not account_id:
            account = self._api("accounts/lookup", acct=self.settings["account"].lstrip("@"))
            if not isinstance(account, dict) or "id" not in account:
                raise ConnectorError(_("The server did not describe the account."))
            account_id = str(account["id"])
        query = {"limit": str(PAGE)}
        if cursor.get("last_id"):
            # min_id pages forward from the last post seen, so a burst of more than a
            # page between two polls is read over the next polls instead of skipped.
            query["min_id"] = cursor["last_id"]
        statuses = self._api(f"accounts/{quote(account_id)}/statuses", **query)
        if not isinstance(statuses, list):
            raise ConnectorError(_("The server did not answer with a list of posts."))
        items = [self.item_from_status(status) for status in statuses if isinstance(status, dict)]
        items.reverse()
        ids = [int(status["id"]) for status in statuses if str(status.get("id", "")).isdigit()]
        last_id = str(max(ids)) if ids else cursor.get("last_id")
        return Batch(items, {"account_id": account_id, "last_id": last_id})

    @staticmethod
    def item_from_status(status: dict) -> Item:
        shown = status.get("reblog") or status
        account = shown.get("account") or {}
        return Item(
            external_id=str(status.get("id")), url=shown.get("url") or shown.get("uri", ""),
            title=shown.get("spoiler_text", ""), html=shown.get("content", ""),
            images=[media["url"] for media in shown.get("media_attachments", [])
                    if media.get("type") == "image" and media.get("url")],
            author=account.get("display_name") or account.get("acct", ""),
            published_at=parse_time(status.get("created_at")),
            is_reply=status.get("in_reply_to_id") is not None,
            is_repost=status.get("reblog") is not None, raw=status)


class PeerTubeSettings(forms.Form):
    server = forms.URLField(label=_("Server"), assume_scheme="https",
                            help_text=_("The PeerTube instance, e.g. https://videos.example"))
    channel = forms.RegexField(label=_("Channel"), regex=r"^[\w.-]+(@[\w.-]+)?$",
                               help_text=_("The channel's handle, e.g. acme_channel"))


class PeerTubeConnector(Connector):
    key = "peertube"
    name = _("PeerTube channel")
    description = _("The videos of a PeerTube channel, newest first.")
    settings_form = PeerTubeSettings

    def fetch(self, cursor: Cursor) -> Batch:
        server = self.settings["server"].rstrip("/")
        url = (f"{server}/api/v1/video-channels/{quote(self.settings['channel'])}/videos?"
               + urlencode({"sort": "-publishedAt", "count": str(PAGE)}))
        response = self.get(url, cursor, accept="application/json")
        if response.not_modified:
            return Batch([], cursor)
        answer = read_json(response.content)
        videos = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(videos, list):
            raise ConnectorError(_("The server did not answer with a list of videos."))
        items = []
        for video in reversed(videos):
            picture = video.get("previewPath") or video.get("thumbnailPath")
            items.append(Item(
                external_id=str(video.get("uuid") or video.get("id")),
                url=video.get("url") or f"{server}/w/{video.get('shortUUID', '')}",
                title=video.get("name", ""), text=video.get("description") or "",
                images=[f"{server}{picture}"] if picture else [],
                author=(video.get("channel") or {}).get("displayName", ""),
                published_at=parse_time(video.get("publishedAt")), raw=video))
        return Batch(items, self.validators_of(response))
