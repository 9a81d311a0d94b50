from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "intranet.search"
    label = "intranet_search"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Search")

    def ready(self) -> None:
        from intranet.core.routes import register_routes

        register_routes("search/", pages="intranet.search.urls", api="intranet.search.api_urls")
        from intranet.core.background.periodic import register_periodic
        from intranet.search import registry, tasks
        from intranet.search.indexing import connect_signals

        registry.autodiscover()
        connect_signals()
        # Picks up what waited while the engine was down.
        register_periodic(tasks.drain_search_outbox, every=timedelta(seconds=30))
        # Readiness and metrics, asked of the engine and the outbox by the core.
        from intranet.core.health import register_health_check
        from intranet.core.metrics import register_metrics
        from intranet.search.health import search_engine_check, separate_engine
        from intranet.search.metrics import outbox_metrics

        register_health_check("search", search_engine_check, applies=separate_engine)
        register_metrics("search outbox", outbox_metrics)
