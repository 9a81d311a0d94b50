"""Wagtail's users app as this site installs it (INSTALLED_APPS: intranet.groups.wagtail_users)."""

from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Keeps the per-role auth groups of interest groups out of Settings > Groups: they
    are managed through the groups themselves."""

    group_viewset = "intranet.groups.admin_views.AuthGroupViewSet"
