from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PluginsConfig(AppConfig):
    name = "plugins"
    label = "intranet_plugins"
    verbose_name = _("Plugins")
