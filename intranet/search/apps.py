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
