"""The write counters survive the cache losing a key (eviction, a flush) mid-count, and
writes go on uncounted while the cache server is away."""

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


def test_writes_go_on_while_the_cache_server_is_away(make_person, settings, caplog):
    if not settings.REDIS_URL:
        pytest.fail("Redis is needed: set REDIS_URL")
    settings.WRITE_RATE_LIMITS = {"post": ["1/hour"]}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:9/0"}}
    person = make_person("lea")
    check_rate(person, "post")
    check_rate(person, "post")
    assert "Rate limits not counted, the cache is unreachable" in caplog.text
