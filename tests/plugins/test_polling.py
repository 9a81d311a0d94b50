"""Polling: failures are recorded and backed off, never crash the worker; each due
source is claimed once, whatever the number of workers."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from intranet.plugins.models import Source
from intranet.plugins.services.polling import claim_due_sources, poll_source
from intranet.plugins.tasks import poll_due_sources

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def failing(source) -> Source:
    result = poll_source(source)
    assert result.new == 0 and result.error
    source.refresh_from_db()
    assert source.items.count() == 0
    return source


def test_a_50_mb_answer_is_cut_off(channels, brand):
    url = channels.serve("/huge.xml", b"<rss>" + b" " * (50 * 1024 * 1024), "application/xml")
    source = failing(brand.source("rss", {"url": url}))
    assert "large" in source.last_error.lower()


def test_a_slow_server_is_given_up_on(channels, brand, settings):
    settings.FETCH_TIMEOUT_SECONDS = 0.5

    def slow(handler, request):
        time.sleep(2)
        handler.reply(200, b"<rss/>", "application/xml")

    channels.routes["/slow.xml"] = slow
    source = failing(brand.source("rss", {"url": f"{channels.url}/slow.xml"}))
    assert "too long" in source.last_error


def test_a_redirect_loop_is_a_recorded_error(channels, brand):
    channels.routes["/loop"] = lambda handler, request: handler.reply(
        302, Location=f"{channels.url}/loop")
    source = failing(brand.source("rss", {"url": f"{channels.url}/loop"}))
    assert "redirect" in source.last_error.lower()


def test_server_errors_back_off_exponentially_then_recover(channels, brand):
    answers = iter([500, 500, 500, 200])

    def flaky(handler, request):
        status = next(answers)
        if status == 200:
            handler.reply(200, (channels.url and b"<rss version='2.0'><channel><item><guid>1"
                                b"</guid><title>Back</title></item></channel></rss>"),
                          "application/rss+xml")
        else:
            handler.reply(status, b"oops")

    channels.routes["/flaky.xml"] = flaky
    source = brand.source("rss", {"url": f"{channels.url}/flaky.xml"}, interval_minutes=10)
    delays = []
    for _ in range(3):
        before = timezone.now()
        failing(source)
        delays.append(round((source.next_poll_at - before) / timedelta(minutes=1)))
    assert delays == [10, 20, 40]
    assert source.failures == 3 and "500" in source.last_error
    assert poll_source(source).new == 1
    source.refresh_from_db()
    assert (source.failures, source.last_error) == (0, "")


def test_a_connector_that_breaks_unexpectedly_is_recorded_not_raised(channels, brand,
                                                                     monkeypatch):
    from intranet.plugins.connectors.feeds import FeedConnector

    def explode(self, cursor):
        raise ZeroDivisionError("bug in a connector")

    monkeypatch.setattr(FeedConnector, "fetch", explode)
    source = failing(brand.source("rss", {"url": f"{channels.url}/any.xml"}))
    assert "ZeroDivisionError" in source.last_error


def test_a_due_source_is_claimed_once_even_by_two_workers(channels, brand):
    due = brand.source("rss", {"url": f"{channels.url}/a.xml"})
    brand.source("rss", {"url": f"{channels.url}/b.xml"}, enabled=False)
    later = brand.source("rss", {"url": f"{channels.url}/c.xml"})
    Source.objects.filter(pk=later.pk).update(next_poll_at=timezone.now() + timedelta(hours=1))
    assert claim_due_sources() == [due.pk]
    assert claim_due_sources() == []
    due.refresh_from_db()
    assert due.next_poll_at > timezone.now() + timedelta(minutes=29)


def test_the_periodic_job_enqueues_a_poll_of_each_due_source(channels, brand, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "search", "email", "fetch"]}}
    channels.serve("/feed.xml", "rss/blog.xml")
    source = brand.source("rss", {"url": f"{channels.url}/feed.xml"})
    assert poll_due_sources.call() == 1
    assert source.items.count() == 6
