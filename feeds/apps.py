from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "feeds"
    label = "intranet_feeds"
    verbose_name = _("Feeds")

    def ready(self) -> None:
        from feeds import selectors, tasks
        from feeds.services.notifications import notify_group_event
        from intranet.core.background.periodic import register_periodic
        from intranet.core.events import register_event_listener
        from intranet.core.media import register_private_media

        register_event_listener(notify_group_event)
        register_private_media("feeds/images/", selectors.can_read_image)
        register_private_media("feeds/previews/", selectors.can_read_preview)
        register_periodic(tasks.publish_scheduled_posts, every=timedelta(seconds=20))
        register_periodic(tasks.send_daily_digests, every=timedelta(days=1))
