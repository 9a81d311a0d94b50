from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "feeds"
    label = "intranet_feeds"
    verbose_name = _("Feeds")
