from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "intranet.groups"
    label = "intranet_groups"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Groups")

    def ready(self) -> None:
        from intranet.core.routes import register_routes

        register_routes("groups/", pages="intranet.groups.urls", api="intranet.groups.api_urls")
        from intranet.core.audience import register_audience_keys
        from intranet.core.media import register_private_media
        from intranet.core.policy import register_read_policy
        from intranet.core.replay import register_frame_resolver
        from intranet.groups import selectors
        from intranet.groups.selectors import can_see_cover, group_audience_keys, group_frames

        register_audience_keys("groups", group_audience_keys)
        register_private_media("groups/covers/", can_see_cover)
        register_frame_resolver("group.", group_frames)
        register_read_policy("group", readable=selectors.visible_groups,
                             can_read=selectors.can_see)
        register_read_policy("group content", readable=selectors.readable_groups,
                             can_read=selectors.can_read)

