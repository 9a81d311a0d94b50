"""The data migration for items from before: untitled ones (or titled by their address)
get their first words as a title, and posts that featuring pinned are unpinned."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from intranet.feeds.models import Post
from intranet.plugins.connectors.base import Item
from intranet.plugins.models import BrandItem
from intranet.plugins.services.curation import item_decide
from intranet.plugins.services.ingest import ingest

pytestmark = [pytest.mark.django_db]

migration = importlib.import_module(
    "intranet.plugins.migrations.0004_titles_and_unpinned_highlights")


def test_old_items_are_titled_and_featured_posts_unpinned(brand):
    source = brand.source("mastodon", {"server": "https://social.acme.example",
                                       "account": "acme"}, enabled=False)
    url = "https://social.acme.example/@acme/1"
    made = ingest(source, [Item(external_id=str(n), url=f"{url}{n}", title=f"Kept {n}",
                                text="Notre showroom de Lyon ouvre ce matin #lyon @camille")
                           for n in range(3)]).new
    BrandItem.objects.filter(pk=made[0].pk).update(title=made[0].url)
    BrandItem.objects.filter(pk=made[1].pk).update(title="")
    featured = item_decide(actor=brand.curator, item=made[2], decision="feature")
    Post.objects.filter(pk=featured.post_id).update(pinned_at=timezone.now())
    migration.title_untitled_items(apps, None)
    migration.unpin_featured_posts(apps, None)
    titles = dict(BrandItem.objects.values_list("pk", "title"))
    assert titles[made[0].pk] == titles[made[1].pk] == \
        "Notre showroom de Lyon ouvre ce matin #lyon @camille"
    assert titles[made[2].pk] == "Kept 2"
    assert Post.objects.get(pk=featured.post_id).pinned_at is None
