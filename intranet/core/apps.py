from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "intranet.core"
    label = "intranet_core"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Core")

    def __init__(self, app_name: str, app_module: object) -> None:
        super().__init__(app_name, app_module)
        from intranet.core.conf import apply_defaults

        apply_defaults()

    def ready(self) -> None:
        from datetime import timedelta

        from intranet.core.background.periodic import register_periodic
        from intranet.core.media import register_private_media
        from intranet.core.metrics import register_metrics
        from intranet.core.page_media import can_read_document_file, can_read_image_file
        from intranet.core.pages import can_read_page, readable_pages
        from intranet.core.policy import register_read_policy
        from intranet.core.queue_metrics import queue_metrics
        from intranet.core.tasks import prune_events, prune_finished_jobs

        register_periodic(prune_finished_jobs, every=timedelta(hours=6))
        register_periodic(prune_events, every=timedelta(hours=1))
        for prefix, check in (("original_images/", can_read_image_file),
                              ("images/", can_read_image_file),
                              ("documents/", can_read_document_file)):
            register_private_media(prefix, check, storage="default")
        register_read_policy("page", readable=readable_pages, can_read=can_read_page)
        register_metrics("task queues", queue_metrics)
