"""Wagtail publishes announcement pages; the app reacts through its services."""

from intranet.announcements.models import AnnouncementPage


def on_page_published(sender, instance, **kwargs) -> None:
    from intranet.announcements.services import announcement_published

    announcement_published(AnnouncementPage.objects.get(pk=instance.pk))
