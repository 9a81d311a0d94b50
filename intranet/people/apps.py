from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "intranet.people"
    label = "intranet_people"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("People")

    def ready(self) -> None:
        from intranet.core.routes import register_routes

        register_routes("people/", pages="intranet.people.urls", api="intranet.people.api_urls")
        register_routes("scim/v2/", pages="intranet.people.scim.urls")
        from intranet.core.audience import register_audience_keys
        from intranet.core.media import register_private_media
        from intranet.people import signals  # noqa: F401 - connects profile creation
        from intranet.people.selectors import can_read_photo, people_audience_keys

        register_audience_keys("people", people_audience_keys)
        register_private_media("people/photos/", can_read_photo)
        from datetime import timedelta

        from intranet.core.background.periodic import register_periodic
        from intranet.people import exports, tasks

        register_private_media(exports.FOLDER, exports.can_read_export)
        register_periodic(tasks.expire_exports, every=timedelta(hours=1))
