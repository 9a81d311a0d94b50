from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "intranet.announcements"
    label = "intranet_announcements"
    verbose_name = _("Announcements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intranet.core.routes import register_routes

        register_routes("announcements/", pages="intranet.announcements.urls",
                        api="intranet.announcements.api_urls")
        from django.db.models.signals import post_migrate
        from wagtail.signals import page_published, page_unpublished

        from intranet.announcements import selectors, tasks
        from intranet.announcements.models import AnnouncementPage
        from intranet.announcements.permissions import grant_hr_page_permissions
        from intranet.announcements.presenters import announcement_frames, pinned_feed_entries
        from intranet.announcements.selectors import can_read, readable_announcements
        from intranet.announcements.signals import on_page_published, on_page_unpublished
        from intranet.core.background.periodic import register_periodic
        from intranet.core.pages import register_page_policy
        from intranet.core.policy import register_read_policy
        from intranet.core.replay import register_frame_resolver
        from intranet.feeds.extensions import (
            PostSubject,
            register_home_entries,
            register_notification_subject,
            register_post_subject,
        )
        from intranet.feeds.models import NotificationKind

        page_published.connect(on_page_published, sender=AnnouncementPage,
                               dispatch_uid="announcements.page_published")
        page_unpublished.connect(on_page_unpublished, sender=AnnouncementPage,
                                 dispatch_uid="announcements.page_unpublished")
        register_periodic(tasks.publish_scheduled_pages, every=timedelta(seconds=30))
        register_periodic(tasks.remind_before_due, every=timedelta(minutes=10))
        register_home_entries(pinned_feed_entries)
        register_frame_resolver("announcement.", announcement_frames)
        register_notification_subject(NotificationKind.ANNOUNCEMENT, readable_announcements)
        register_page_policy(AnnouncementPage, readable_announcements)
        register_post_subject(selectors.SUBJECT, PostSubject(
            readable=readable_announcements, audience=selectors.conversation_audience,
            url=selectors.conversation_url, allows=selectors.conversation_allows))
        register_read_policy("announcement", readable=readable_announcements,
                             can_read=can_read)
        post_migrate.connect(grant_hr_page_permissions, sender=self,
                             dispatch_uid="announcements.hr_page_permissions")
