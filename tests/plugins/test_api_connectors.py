"""Mastodon, PeerTube and the JSON connector against a local server playing their APIs."""

import json

import pytest

from intranet.plugins.services.polling import poll_source
from tests.plugins.conftest import payload

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

ACCOUNT_ID = "109876543210"


@pytest.fixture
def mastodon(channels):
    channels.serve("/api/v1/accounts/lookup", "mastodon/lookup.json")

    def statuses(handler, request):
        name = "mastodon/statuses_newer.json" if request.query.get("min_id") else \
            "mastodon/statuses.json"
        handler.reply(200, payload(name), "application/json")

    channels.routes[f"/api/v1/accounts/{ACCOUNT_ID}/statuses"] = statuses
    return channels


def test_a_mastodon_account_marks_replies_and_boosts_and_goes_on_from_its_last_id(
        mastodon, brand):
    source = brand.source("mastodon", {"server": mastodon.url, "account": "@acme"})
    assert poll_source(source).new == 5
    assert mastodon.hits("/api/v1/accounts/lookup")[0].query["acct"] == ["acme"]
    stored = list(source.items.order_by("published_at"))
    assert sum(item.is_reply for item in stored) == 1
    assert sum(item.is_repost for item in stored) == 1
    assert sum(bool(item.image_urls) for item in stored) == 1
    reposted = next(item for item in stored if item.is_repost)
    assert reposted.text  # the boosted post's text, not the empty wrapper's
    assert all("class=" not in item.html for item in stored)
    source.refresh_from_db()
    assert source.cursor == {"account_id": ACCOUNT_ID, "last_id": "117648005529601201"}
    assert poll_source(source).new == 2
    last = mastodon.hits(f"/api/v1/accounts/{ACCOUNT_ID}/statuses")[-1]
    assert last.query["min_id"] == ["117648005529601201"]
    assert len(mastodon.hits("/api/v1/accounts/lookup")) == 1


def test_a_mastodon_token_is_sent_and_stored_encrypted(mastodon, brand):
    source = brand.source("mastodon", {"server": mastodon.url, "account": "acme",
                                       "token": "s3cret-token-value"})
    assert poll_source(source).new == 5
    sent = mastodon.hits("/api/v1/accounts/lookup")[0].headers
    assert sent["authorization"] == "Bearer s3cret-token-value"
    source.refresh_from_db()
    assert "token" not in source.settings
    assert "s3cret" not in source.secrets and source.secrets


def test_a_peertube_channel_gives_its_videos_with_absolute_previews(channels, brand):
    channels.serve("/api/v1/video-channels/acme_channel/videos", "peertube/videos.json")
    source = brand.source("peertube", {"server": channels.url, "channel": "acme_channel"})
    assert poll_source(source).new == 3
    request = channels.hits("/api/v1/video-channels/acme_channel/videos")[0]
    assert request.query["sort"] == ["-publishedAt"]
    for item in source.items.all():
        assert item.title and item.url.startswith("https://videos.acme.example/w/")
        assert item.image_urls and item.image_urls[0].startswith(channels.url + "/")
    assert poll_source(source).new == 0


JSON_MAPPING = {"items": "data.elements", "id": "id", "link": "permalink",
                "text": "commentary", "images": "content.media[].url",
                "author": "author.name", "date": "created.time", "date_format": "epoch_ms",
                "repost": "reshareContext"}


def test_the_json_connector_follows_its_field_mapping(channels, brand):
    url = channels.serve("/rest/posts", "json/company_page.json")
    source = brand.source("json", {"url": url, "token": "page-token", **JSON_MAPPING})
    assert poll_source(source).new == 3
    assert channels.hits("/rest/posts")[0].headers["authorization"] == "Bearer page-token"
    answer = json.loads(payload("json/company_page.json"))
    first = answer["data"]["elements"][0]
    item = source.items.get(external_id=first["id"])
    assert item.url == first["permalink"] and item.text.startswith("Nous recrutons")
    assert item.published_at is not None and item.published_at.year >= 2020
    assert source.items.filter(is_repost=True).count() == 1
    assert source.items.exclude(image_urls=[]).count() >= 1


def test_a_json_answer_without_the_list_is_a_recorded_error(channels, brand):
    url = channels.serve("/rest/posts", b'{"data": {}}', "application/json")
    source = brand.source("json", {"url": url, **JSON_MAPPING})
    result = poll_source(source)
    assert result.new == 0 and "data.elements" in result.error
    source.refresh_from_db()
    assert source.failures == 1 and "data.elements" in source.last_error
