"""Demo brand sources (the company blog, its Mastodon account and YouTube channel) with
items read from files in intranet/plugins/demo/ through the connectors' own parsers, so the demo
needs no network. The sources are left disabled: enabled, they would poll the real
channels."""

import json
from datetime import timedelta
from pathlib import Path

import httpx
from django.contrib.auth import get_user_model
from django.utils import timezone

from intranet.core.http import FetchResult
from intranet.plugins.connectors.base import Item
from intranet.plugins.connectors.fediverse import MastodonConnector
from intranet.plugins.connectors.feeds import parse_feed
from intranet.plugins.models import BrandItem, CurationRule, Source
from intranet.plugins.services.curation import item_decide
from intranet.plugins.services.ingest import ingest
from intranet.plugins.services.sources import source_create

FILES = Path(__file__).parent / "demo"
User = get_user_model()


def _feed(name: str, url: str) -> list[Item]:
    response = FetchResult(url=url, status=200, content=(FILES / name).read_bytes(),
                           headers=httpx.Headers({"Content-Type": "application/xml"}))
    return parse_feed(response)[0]


def _mastodon() -> list[Item]:
    statuses = json.loads((FILES / "mastodon.json").read_text())
    return [MastodonConnector.item_from_status(status) for status in reversed(statuses)]


SOURCES = [
    ("Acme blog", "rss", {"url": "https://blog.acme.example/feed.xml"},
     lambda: _feed("blog.xml", "https://blog.acme.example/feed.xml")),
    ("Acme on Mastodon", "mastodon", {"server": "https://social.acme.example",
                                      "account": "acme"}, _mastodon),
    ("Acme on YouTube", "youtube", {"channel_id": "UCacmeAcmeAcmeAcme000001"},
     lambda: _feed("youtube.xml", "https://www.youtube.com/feeds/videos.xml")),
]


def seed_brand(*, stdout=None) -> int:
    """Create the demo sources and their items once; a second run changes nothing."""
    if Source.objects.exists():
        return 0
    curator = User.objects.filter(groups__name="Communications", is_active=True) \
        .order_by("pk").first()
    if curator is None:
        return 0
    CurationRule.objects.create(label="Replies stay out", action="reject", replies="yes")
    now = timezone.now()
    for name, connector, settings, read in SOURCES:
        source = source_create(actor=curator, connector=connector, name=name,
                               team="Communications", settings=settings, enabled=False)
        new = ingest(source, read()).new
        Source.objects.filter(pk=source.pk).update(
            last_polled_at=now, last_success_at=now, items_seen=len(new))
    items = list(BrandItem.objects.filter(state="pending").order_by("published_at"))
    for position, item in enumerate(items[-4:]):
        item_decide(actor=curator, item=item,
                    decision="feature" if position == 3 else "approve")
        BrandItem.objects.filter(pk=item.pk).update(decided_at=now - timedelta(hours=position))
    if stdout:
        stdout.write(f"Brand: {len(SOURCES)} sources, {BrandItem.objects.count()} items.")
    return BrandItem.objects.count()
