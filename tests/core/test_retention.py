"""How long things are kept: the periodic jobs forget notifications, link previews,
brand items' raw data and expired exports' files past their settings (0: kept for ever),
and leave the rest alone."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from intranet.core.background.periodic import enqueue_due, registered
from intranet.core.models import Job
from intranet.feeds.models import Notification, NotificationKind, Post
from intranet.feeds.tasks import prune_link_previews, prune_notifications
from intranet.plugins.models import BrandItem, Source
from intranet.plugins.tasks import prune_raw_items

pytestmark = pytest.mark.django_db


def aged(model, rows, days: float, field: str) -> None:
    model.objects.filter(pk__in=[row.pk for row in rows]).update(
        **{field: timezone.now() - timedelta(days=days)})


def test_old_notifications_are_forgotten(make_person, settings):
    settings.NOTIFICATION_RETENTION_DAYS = 30
    ana = make_person("ana")
    old, recent = (Notification.objects.create(recipient=ana, kind=NotificationKind.GROUP)
                   for _ in range(2))
    aged(Notification, [old], 31, "updated_at")
    aged(Notification, [recent], 29, "updated_at")
    assert prune_notifications.call() == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [recent.pk]
    settings.NOTIFICATION_RETENTION_DAYS = 0
    aged(Notification, [recent], 3650, "updated_at")
    assert prune_notifications.call() == 0 and Notification.objects.count() == 1


def test_old_link_previews_are_forgotten_with_their_image(make_person, settings):
    settings.LINK_PREVIEW_RETENTION_DAYS = 90
    ana = make_person("ana")
    posts = [Post.objects.create(author=ana, audience_key="company", body="See https://x.org",
                                 link_url="https://x.org", link_title="X",
                                 link_description="About X") for _ in range(2)]
    old, recent = posts
    old.link_image.save("preview.jpg", ContentFile(b"\xff\xd8\xff\xe0 jpeg"), save=True)
    image = old.link_image.name
    aged(Post, [old], 91, "created_at")
    aged(Post, [recent], 89, "created_at")
    assert prune_link_previews.call() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.link_url, old.link_title, old.link_description, old.link_image.name) == (
        "https://x.org", "", "", "")
    assert not old.link_image.storage.exists(image)
    assert recent.link_title == "X"
    assert prune_link_previews.call() == 0


def test_brand_items_forget_their_raw_data(make_person, settings):
    settings.BRAND_RAW_RETENTION_DAYS = 7
    account = make_person("brand", is_official=True)
    source = Source.objects.create(name="Blog", connector="rss", account=account)
    old, recent = (BrandItem.objects.create(source=source, external_id=str(n),
                                            content_hash=str(n), raw={"id": n, "body": "…"})
                   for n in range(2))
    aged(BrandItem, [old], 8, "fetched_at")
    assert prune_raw_items.call() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.raw == {} and recent.raw == {"id": 1, "body": "…"}
    settings.BRAND_RAW_RETENTION_DAYS = 0
    aged(BrandItem, [recent], 365, "fetched_at")
    assert prune_raw_items.call() == 0


def test_the_periodic_jobs_apply_every_retention(database_queue):
    names = {periodic.name for periodic in registered()}
    expected = {"intranet.core.tasks.prune_events", "intranet.feeds.tasks.prune_notifications",
                "intranet.feeds.tasks.prune_link_previews",
                "intranet.plugins.tasks.prune_raw_items",
                "intranet.people.tasks.expire_exports"}
    assert expected <= names
    enqueue_due()
    assert expected <= set(Job.objects.values_list("task_path", flat=True))
