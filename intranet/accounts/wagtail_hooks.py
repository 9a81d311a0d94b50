"""Accounts in the Wagtail admin: audit action names."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_account_log_actions(actions) -> None:
    actions.register_action("intranet.role.grant", _("Grant role"), _("Role granted"))
    actions.register_action("intranet.role.revoke", _("Withdraw role"), _("Role withdrawn"))
    actions.register_action("intranet.account.sign_out_everywhere", _("Sign out everywhere"),
                            _("Signed out everywhere"))
    actions.register_action("intranet.account.two_factor_on", _("Turn on a second factor"),
                            _("Second factor turned on"))
    actions.register_action("intranet.account.two_factor_off", _("Turn off the second factor"),
                            _("Second factor turned off"))
    actions.register_action("intranet.account.recovery_codes", _("Renew recovery codes"),
                            _("Recovery codes renewed"))


@hooks.register("seed_demo", order=10)
def seed_superuser(*, password: str, stdout) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.com", password,
                                      first_name="Site", last_name="Administrator")
        stdout.write("Created the superuser 'admin'.")


@hooks.register("settings_panels")
def two_factor_panel(request):
    from intranet.accounts.two_factor import app_device, required_for
    from intranet.core.home_panels import HomePanel

    return HomePanel(title=_("Second factor"), template="accounts/panels/two_factor.html",
                     context={"on": app_device(request.user) is not None,
                              "required": required_for(request.user)})
