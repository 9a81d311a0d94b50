from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    """What was on people's screens and what they did, as daily aggregates a periodic
    job computes; pages and the API read only those. A leaf: no other app imports it."""

    name = "intranet.analytics"
    label = "intranet_analytics"
    verbose_name = _("Analytics")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intranet.analytics import tasks
        from intranet.core.background.periodic import register_periodic
        from intranet.core.routes import register_routes

        register_routes("analytics/", pages="intranet.analytics.urls",
                        api="intranet.analytics.api_urls")
        register_periodic(tasks.aggregate_recent_days, every=timedelta(minutes=15))
