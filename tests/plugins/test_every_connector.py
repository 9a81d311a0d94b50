"""Every built-in connector meets the same broken and hostile answers: each is a
recorded error or a correct import, nothing crashes, nothing is imported twice."""

import time

import pytest

from intranet.plugins.connectors.feeds import YouTubeConnector
from intranet.plugins.services.polling import poll_source
from tests.plugins.conftest import payload

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

CONNECTORS = {
    # key: (path asked first, payload answered there, settings)
    "rss": ("/feed.xml", "rss/blog.xml", lambda url: {"url": f"{url}/feed.xml"}),
    "youtube": ("/feeds/videos.xml", "youtube/channel.xml",
                lambda url: {"channel_id": "UCacmeAcmeAcmeAcme000001"}),
    "mastodon": ("/api/v1/accounts/lookup", "mastodon/lookup.json",
                 lambda url: {"server": url, "account": "acme"}),
    "peertube": ("/api/v1/video-channels/acme_channel/videos", "peertube/videos.json",
                 lambda url: {"server": url, "channel": "acme_channel"}),
    "json": ("/rest/posts", "json/company_page.json",
             lambda url: {"url": f"{url}/rest/posts", "items": "data.elements", "id": "id",
                          "link": "permalink", "text": "commentary"}),
}


def answer(kind: str, name: str, url: str):
    body = payload(name)
    content_type = "application/json" if name.endswith(".json") else "application/xml"

    def route(handler, request):
        if kind == "500":
            handler.reply(500, b"Internal Server Error")
        elif kind == "slow":
            time.sleep(1.5)
            handler.reply(200, body, content_type)
        elif kind == "loop":
            handler.reply(302, Location=f"{url}{request.path}")
        elif kind == "huge":
            handler.reply(200, body + b" " * (50 * 1024 * 1024), content_type)
        elif kind == "truncated":
            handler.reply(200, body[: len(body) // 2], content_type)
        elif kind == "not_modified":
            if request.headers.get("if-none-match") == '"same"':
                handler.reply(304)
            else:
                handler.reply(200, body, content_type, ETag='"same"')

    return route


@pytest.mark.parametrize("key", CONNECTORS)
@pytest.mark.parametrize("kind", ["500", "slow", "loop", "huge", "truncated",
                                  "not_modified"])
def test_broken_answers_are_recorded_and_never_imported_twice(key, kind, channels, brand,
                                                              settings, monkeypatch):
    settings.FETCH_TIMEOUT_SECONDS = 1
    path, name, settings_for = CONNECTORS[key]
    monkeypatch.setattr(YouTubeConnector, "feed_url", f"{channels.url}/feeds/videos.xml")
    channels.routes[path] = answer(kind, name, channels.url)
    if key == "mastodon":
        channels.serve("/api/v1/accounts/109876543210/statuses", "mastodon/statuses.json")
    source = brand.source(key, settings_for(channels.url))

    first = poll_source(source)
    source.refresh_from_db()
    if kind in ("500", "slow", "loop", "huge"):
        assert first.new == 0 and first.error
        assert source.failures == 1 and source.last_error == first.error
    elif kind == "truncated":
        assert first.error and source.last_error
    else:
        assert first.new > 0 and first.error is None
    second = poll_source(source)
    assert second.new == 0
    assert source.items.count() == first.new
