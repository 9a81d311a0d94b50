from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "intranet.core"
    label = "intranet_core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from datetime import timedelta

        from intranet.core.background.periodic import register_periodic
        from intranet.core.tasks import prune_events, prune_finished_jobs

        register_periodic(prune_finished_jobs, every=timedelta(hours=6))
        register_periodic(prune_events, every=timedelta(hours=1))
