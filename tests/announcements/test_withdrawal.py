"""Withdrawal is complete: an unpublished announcement leaves notifications, digests and
e-mails not yet sent, and the catch-up replays nothing of it but its withdrawal."""

import pytest
from django.core import mail

from intranet.announcements.services.delivery import notify_audience_of
from intranet.feeds.emails import email_one, send_digests
from intranet.feeds.models import Notification
from tests.announcements.conftest import publish
from tests.events import catch_up, latest_position

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_an_unpublished_announcement_leaves_every_path(company, api_for):
    sales, _secret, people = company
    reader = people["seller"]
    since = latest_position()
    page = publish("Réorganisation confidentielle", departments=[sales],
                                importance="important")
    assert notify_audience_of(page) == 1
    api = api_for(reader)
    assert len(api.get("/api/v1/notifications/").json()["results"]) == 1
    page.unpublish()
    assert api.get("/api/v1/notifications/").json()["results"] == []
    notification = Notification.objects.get(recipient=reader)
    assert not email_one(notification.pk)
    send_digests()
    assert not [m for m in mail.outbox if m.to == [reader.email]]
    assert "Réorganisation" not in str([m.body for m in mail.outbox])
    frames = catch_up(api, since)
    assert "Réorganisation" not in str(frames)
    assert [f["type"] for f in frames if f["type"].startswith("announcement.")] == [
        "announcement.withdrawn", "announcement.withdrawn"]
    assert all(f["data"] == {"announcement": {"id": page.pk}} for f in frames
               if f["type"].startswith("announcement."))
