from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "intranet_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from intranet.core.routes import register_routes

        register_routes("search/", pages="search.urls", api="search.api_urls")
        from intranet.core.background.periodic import register_periodic
        from search import registry, tasks
        from search.indexing import connect_signals

        registry.autodiscover()
        connect_signals()
        # Picks up what waited while the engine was down.
        register_periodic(tasks.drain_search_outbox, every=timedelta(seconds=30))
