"""Withdrawal is complete: a deleted post leaves notifications, digests and e-mails not
yet sent."""

import pytest

from intranet.feeds.emails import email_one, send_digests
from intranet.feeds.models import Notification
from intranet.feeds.services.comments import comment_create
from intranet.feeds.services.posts import post_create, post_delete

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_a_deleted_post_takes_its_notifications_with_it(company, api_for):
    post = post_create(actor=company.member, body="Ask @mona about it", group=company.open)
    comment_create(actor=company.owner, post=post, body="Good idea")
    api = api_for(company.moderator)
    assert len(api.get("/api/v1/notifications/").json()["results"]) == 1
    api_author = api_for(company.member)
    assert len(api_author.get("/api/v1/notifications/").json()["results"]) == 1
    post_delete(actor=company.member, post=post)
    assert api.get("/api/v1/notifications/").json()["results"] == []
    assert api_author.get("/api/v1/notifications/").json()["results"] == []
    assert send_digests() == 0
    for notification in Notification.objects.all():
        assert not email_one(notification.pk)
