from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "intranet.accounts"
    label = "intranet_accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from intranet.accounts.selectors import account_audience_keys
        from intranet.core.audience import register_audience_keys

        register_audience_keys("accounts", account_audience_keys)
