from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "intranet.accounts"
    label = "intranet_accounts"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from intranet.core.routes import register_routes

        register_routes("accounts/", pages="intranet.accounts.urls",
                        api="intranet.accounts.api_urls")
        from intranet.accounts.websocket import WebsocketAuthMiddleware
        from intranet.core.websockets import register_websocket_middleware

        register_websocket_middleware(WebsocketAuthMiddleware)
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import (
            user_logged_in,
            user_logged_out,
            user_login_failed,
        )
        from django.db.models.signals import post_save, pre_save

        from intranet.accounts import schema, signals  # noqa: F401 (registers the scheme)
        from intranet.accounts.selectors import account_audience_keys
        from intranet.accounts.signin import on_login_failed
        from intranet.core.audience import register_audience_keys

        register_audience_keys("accounts", account_audience_keys)
        user_logged_in.connect(signals.on_logged_in, dispatch_uid="accounts.logged_in")
        user_logged_out.connect(signals.on_logged_out, dispatch_uid="accounts.logged_out")
        user_login_failed.connect(on_login_failed, dispatch_uid="accounts.login_failed")
        pre_save.connect(signals.before_user_saved, sender=get_user_model(),
                         dispatch_uid="accounts.before_user_saved")
        post_save.connect(signals.after_user_saved, sender=get_user_model(),
                          dispatch_uid="accounts.after_user_saved")
        from django.core.checks import register

        from intranet.accounts.sso.config import check_settings

        register(check_settings)
