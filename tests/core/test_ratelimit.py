"""The write counters survive the cache losing a key (eviction, a flush) mid-count."""

import pytest
from django.core.cache import cache

from intranet.core.errors import RateLimited
from intranet.core.ratelimit import check_rate

pytestmark = pytest.mark.django_db


def test_a_counter_lost_between_creation_and_increment_counts_again(
        make_person, settings, monkeypatch):
    settings.WRITE_RATE_LIMITS = {"post": ["2/hour"]}
    person = make_person("lea")
    cache.clear()
    with monkeypatch.context() as patched:
        patched.setattr(cache, "add", lambda *args, **kwargs: True)  # created, then gone
        check_rate(person, "post")
    check_rate(person, "post")
    with pytest.raises(RateLimited):
        check_rate(person, "post")
