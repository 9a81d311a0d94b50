"""While Redis is away for a moment (a restart, a failover), people still post: the post
is stored and answered 201, its live delivery and jobs catch up once Redis is back."""

import pytest

from intranet.analytics.models import ActiveDay
from intranet.core.models import TaskOutbox
from intranet.feeds.models import Post

AWAY = "redis://127.0.0.1:9/0"


@pytest.fixture
def redis_away(settings):
    if not settings.REDIS_URL:
        pytest.fail("Redis is needed: set REDIS_URL")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": AWAY}}
    settings.CHANNEL_LAYERS = {"default": {
        "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "CONFIG": {"hosts": [AWAY]}}}
    settings.RQ_QUEUES = {name: {"URL": AWAY} for name in settings.RQ_QUEUES}
    settings.TASKS = {"default": {**settings.TASKS["default"],
                                  "BACKEND": "intranet.core.background.rq_backend.RQQueueBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_post_made_while_redis_is_away_is_stored_and_its_jobs_wait(company, api_for,
                                                                     redis_away):
    api = api_for(company.member)
    answer = api.post("/api/v1/posts/", {"body": "Posted during a failover",
                                         "group": company.open.slug}, format="json")
    assert answer.status_code == 201, answer.content
    assert Post.objects.filter(pk=answer.json()["id"]).exists()
    assert TaskOutbox.objects.exists(), "its jobs wait in the outbox for Redis"
    assert ActiveDay.objects.filter(user=company.member).exists()
