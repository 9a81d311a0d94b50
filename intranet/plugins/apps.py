from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PluginsConfig(AppConfig):
    name = "intranet.plugins"
    label = "intranet_plugins"
    verbose_name = _("Brand connectors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intranet.core.routes import register_routes

        register_routes("brand/", pages="intranet.plugins.urls", api="intranet.plugins.api_urls")
        from intranet.core.background.periodic import register_periodic
        from intranet.core.media import register_private_media
        from intranet.core.metrics import register_metrics
        from intranet.core.policy import register_read_policy
        from intranet.core.replay import register_frame_resolver
        from intranet.plugins import tasks
        from intranet.plugins.metrics import failing_sources
        from intranet.plugins.presenters import highlight_frames
        from intranet.plugins.selectors import can_read_item, can_read_item_image, highlights

        register_periodic(tasks.poll_due_sources, every=timedelta(minutes=1))
        register_periodic(tasks.prune_raw_items, every=timedelta(hours=6))
        register_private_media("brand/", can_read_item_image)
        register_frame_resolver("brand.", highlight_frames)
        register_read_policy("brand item", readable=highlights, can_read=can_read_item)
        register_metrics("brand sources", failing_sources)
