"""Brand highlight reach: seen, reactions, shares outward and the visits that came back
through them, counted per day and added up over a range."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from intranet.analytics.aggregation import compute_day
from intranet.analytics.selectors import highlight_reach
from intranet.analytics.services import views_record
from intranet.feeds.services.comments import reaction_set
from intranet.plugins.services.curation import item_share
from intranet.plugins.sharing import share_path
from tests.plugins.test_sharing import made

pytestmark = pytest.mark.django_db


def test_shares_and_clicks_back_count_with_seen_and_reactions(brand, channels, make_person):
    launch = made(brand, channels, ("Launch", "feature"))["Launch"]
    readers = [make_person(f"reader{n}") for n in range(3)]
    for reader in readers:
        views_record(user=reader, items=[("brand item", launch.pk)])
    reaction_set(actor=readers[0], post=launch.post, kind="like", on=True)
    item_share(actor=readers[1], item=launch)
    item_share(actor=readers[2], item=launch)
    outside = Client()
    for _ in range(3):
        assert outside.get(share_path(launch)).status_code == 302
    today = timezone.localdate()
    compute_day(today)
    assert highlight_reach(since=today - timedelta(days=6), until=today) == [{
        "item": launch.pk, "title": "Launch story", "seen": 3, "reactions": 1,
        "shares": 2, "clicks": 3}]
    compute_day(today)  # the job runs again: nothing counts twice
    assert highlight_reach(since=today, until=today)[0]["clicks"] == 3
