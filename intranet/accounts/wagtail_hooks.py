"""Accounts in the Wagtail admin: audit action names."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_account_log_actions(actions) -> None:
    actions.register_action("intranet.role.grant", _("Grant role"), _("Role granted"))
    actions.register_action("intranet.role.revoke", _("Withdraw role"), _("Role withdrawn"))


@hooks.register("seed_demo", order=10)
def seed_superuser(*, password: str, stdout) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.com", password,
                                      first_name="Site", last_name="Administrator")
        stdout.write("Created the superuser 'admin'.")
