from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "intranet.moderation"
    label = "intranet_moderation"
    verbose_name = _("Moderation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intranet.core.replay import register_frame_resolver
        from intranet.core.routes import register_routes
        from intranet.feeds.extensions import register_content_screen, register_posting_check
        from intranet.moderation.catchup import queued_frames
        from intranet.moderation.screening import screen
        from intranet.moderation.services.restrictions import posting_refusal

        register_posting_check(posting_refusal)
        register_content_screen(screen)
        register_frame_resolver("moderation.", queued_frames)
        register_routes("moderation/", pages="intranet.moderation.urls",
                        api="intranet.moderation.api_urls")
