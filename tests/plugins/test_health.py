"""A source's health in plain words, from what polling records."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from intranet.plugins.health import FAILING, PAUSED, WAITING, WORKING, health, reason
from intranet.plugins.models import Source
from intranet.plugins.services.polling import poll_source

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_a_working_source_says_when_its_last_item_came(brand, channels):
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    assert health(source) == (WAITING, "Waiting for its first poll")
    poll_source(source)
    two_hours_ago = timezone.now() - timedelta(hours=2, minutes=5)
    assert health(source, two_hours_ago).sentence == "Working — last new item 2\xa0hours ago"
    assert health(source).sentence == "Working — no item yet"
    assert health(source, timezone.now()).sentence == "Working — last new item just now"


def test_failures_read_as_sentences_since_their_first_day(brand, channels):
    unreachable = brand.source("rss", {"url": "http://127.0.0.1:9/feed.xml"})
    poll_source(unreachable)
    first = unreachable.failing_since
    poll_source(Source.objects.get(pk=unreachable.pk))
    unreachable.refresh_from_db()
    assert unreachable.failures == 2 and unreachable.failing_since == first
    day = date_format(timezone.localtime(first), "j M")
    assert health(unreachable) == (
        FAILING, f"Failing since {day}: the site could not be reached")
    assert "127.0.0.1" not in health(unreachable).sentence
    not_a_feed = brand.source("rss", {"url": channels.serve("/page", b"<html>hello</html>",
                                                            "text/html")})
    poll_source(not_a_feed)
    assert health(not_a_feed).sentence.endswith(
        "the answer is not in the format this kind of source expects")
    assert not_a_feed.last_error  # the raw text stays for staff
    channels.serve("/feed.xml", "rss/blog.xml")
    not_a_feed.settings = {"url": f"{channels.url}/feed.xml"}
    Source.objects.filter(pk=not_a_feed.pk).update(settings=not_a_feed.settings)
    poll_source(not_a_feed)
    assert not_a_feed.failing_since is None and health(not_a_feed).state == WORKING


@pytest.mark.parametrize(("code", "sentence"), [
    ("timeout", "the site could not be reached (timed out)"),
    ("http_404", "the address was not found (404)"),
    ("http_403", "the site refused access (403)"),
    ("http_503", "the site had an error of its own (503)"),
    ("http_429", "the site asks to be polled less often (429)"),
    ("blocked_address", "its address is on a private network, which is not allowed"),
    ("too_large", "the answer was too large"),
    ("", "an unexpected error occurred (see the details)"),
])
def test_each_kind_of_failure_has_its_sentence(code, sentence):
    assert reason(code) == sentence


def test_a_paused_source_says_so(brand):
    source = brand.source("rss", {"url": "https://blog.acme.example/feed.xml"}, enabled=False)
    source.failures = 3
    assert health(source) == (PAUSED, "Paused")
