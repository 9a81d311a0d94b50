"""The demo's brand sources: items from local files, some highlighted, no network."""

import pytest
from django.contrib.auth import get_user_model

from intranet.feeds.demo import seed_posts
from intranet.groups.demo import seed_groups
from intranet.people.demo import seed_people
from intranet.plugins.demo import seed_brand
from intranet.plugins.models import BrandItem, ItemState, Source
from intranet.plugins.selectors import highlights

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_the_demo_has_sources_items_and_highlights_once(settings):
    settings.WRITE_RATE_LIMITS = {}
    seed_people(password="demo")
    seed_groups()
    seed_posts()
    assert seed_brand() > 0
    assert Source.objects.count() == 3 and not Source.objects.filter(enabled=True).exists()
    assert set(Source.objects.values_list("connector", flat=True)) == {
        "rss", "mastodon", "youtube"}
    assert BrandItem.objects.filter(state=ItemState.PENDING).exists()
    assert BrandItem.objects.filter(state=ItemState.REJECTED, is_reply=True).exists()
    shown = list(highlights(get_user_model().objects.get(username="ceo")))
    assert len(shown) == 4 and shown[0].state == ItemState.FEATURED
    assert all(item.post.author.profile.is_official for item in shown)
    titles = {item.title for item in BrandItem.objects.all()}
    assert "Les réseaux sociaux d'entreprise, un an après" in titles
    count = BrandItem.objects.count()
    assert seed_brand() == 0 and BrandItem.objects.count() == count
