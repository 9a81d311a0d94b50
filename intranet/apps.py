from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "intranet"
    label = "intranet_site"
    verbose_name = _("Intranet site")
