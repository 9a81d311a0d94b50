"""Company-wide roles: auth groups holding named permissions.

The names are stable identifiers (the API reports them); templates translate them.
"""

from django.utils.translation import gettext_lazy as _

HR = "HR"
COMMUNICATIONS = "Communications"
COMMUNITY_MANAGERS = "Community managers"

ROLE_LABELS = {
    HR: _("HR"),
    COMMUNICATIONS: _("Communications"),
    COMMUNITY_MANAGERS: _("Community managers"),
}

# role -> permissions as "app_label.codename"; every role may enter the Wagtail admin,
# where announcements, brand sources, moderation and search tuning live.
TUNE_SEARCH = "intranet_search.tune_search"
VIEW_ANALYTICS = "intranet_analytics.view_analytics"
ROLE_PERMISSIONS = {
    HR: [
        "intranet_accounts.publish_announcements",
        "intranet_accounts.post_company_wide",
        "wagtailadmin.access_admin",
        VIEW_ANALYTICS,
        "intranet_analytics.change_analyticssettings",
    ],
    COMMUNICATIONS: [
        "intranet_accounts.post_company_wide",
        "intranet_accounts.manage_brand_sources",
        "intranet_accounts.curate_brand",
        "wagtailadmin.access_admin",
        TUNE_SEARCH,
        VIEW_ANALYTICS,
    ],
    COMMUNITY_MANAGERS: [
        "intranet_accounts.moderate_everywhere",
        "wagtailadmin.access_admin",
        TUNE_SEARCH,
        VIEW_ANALYTICS,
    ],
}
