from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "intranet.feeds"
    label = "intranet_feeds"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Feeds")

    def ready(self) -> None:
        from intranet.core.routes import register_routes

        register_routes("feed/", pages="intranet.feeds.urls", api="intranet.feeds.api_urls")
        from intranet.core.websockets import register_websocket
        from intranet.feeds.consumers import FeedConsumer

        register_websocket("ws/", FeedConsumer.as_asgi())
        from intranet.core.background.periodic import register_periodic
        from intranet.core.events import register_event_listener
        from intranet.core.media import register_private_media
        from intranet.core.policy import register_read_policy
        from intranet.core.replay import register_frame_resolver
        from intranet.feeds import catchup, selectors, tasks
        from intranet.feeds.services.notifications import notify_group_event

        register_event_listener(notify_group_event)
        register_frame_resolver("post.", catchup.post_frames)
        register_frame_resolver("comment.", catchup.comment_frames)
        register_frame_resolver("reaction.", catchup.reaction_frames)
        register_frame_resolver("notification.", catchup.notification_frames)
        register_frame_resolver("person.", catchup.own_frames)
        register_read_policy("post", readable=selectors.readable_posts,
                             can_read=selectors.can_read_post)
        register_read_policy("comment", readable=selectors.readable_comments,
                             can_read=selectors.can_read_comment)
        register_read_policy("topic", readable=selectors.readable_topics,
                             can_read=lambda user, topic: selectors.readable_topics(user)
                             .filter(pk=topic.pk).exists())
        register_private_media("feeds/images/", selectors.can_read_image)
        register_private_media("feeds/previews/", selectors.can_read_preview)
        register_periodic(tasks.publish_scheduled_posts, every=timedelta(seconds=20))
        register_periodic(tasks.send_daily_digests, every=timedelta(days=1))
        register_periodic(tasks.prune_notifications, every=timedelta(hours=6))
        register_periodic(tasks.prune_link_previews, every=timedelta(hours=6))
