"""The week's headline figures on the Wagtail admin's home page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from intranet.analytics import selectors

FIGURES = [("active_people", _("Active people a day")), ("posts", _("Posts")),
           ("comments", _("Comments")), ("reactions", _("Reactions")),
           ("engagement_rate", _("Engagement rate"))]


def change(now: float | None, before: float | None) -> int | None:
    """The rise or fall in percent, or None when there is nothing to compare with."""
    if now is None or not before:
        return None
    return round(100 * (now - before) / before)


class WeekPanel(Component):
    name = "analytics_week"
    order = 50
    template_name = "analytics/panels/week.html"

    def get_context_data(self, parent_context=None) -> dict:
        weeks = selectors.headline_week()
        this, last = weeks["this_week"], weeks["last_week"]
        return {"this_week": this, "last_week": last, "rows": [
            {"label": label, "now": this[key], "before": last[key],
             "percent": key == "engagement_rate", "change": change(this[key], last[key])}
            for key, label in FIGURES]}
