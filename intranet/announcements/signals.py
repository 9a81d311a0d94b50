"""Wagtail publishes and withdraws announcement pages; the app reacts through its
services."""

from intranet.announcements.models import AnnouncementPage


def on_page_published(sender, instance, **kwargs) -> None:
    from intranet.announcements.services.delivery import announcement_published

    announcement_published(AnnouncementPage.objects.get(pk=instance.pk))


def on_page_unpublished(sender, instance, **kwargs) -> None:
    from intranet.announcements.services.delivery import announcement_unpublished

    announcement_unpublished(AnnouncementPage.objects.get(pk=instance.pk))
