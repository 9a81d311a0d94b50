"""What the suite's layout needs from any host site, without a context processor to add."""

from django import template
from django.conf import settings

from intranet.core.home_panels import panels_for

register = template.Library()


@register.simple_tag
def intranet_name() -> str:
    """The name people know the intranet by: the Wagtail site name, as the admin shows it."""
    return settings.WAGTAIL_SITE_NAME


@register.inclusion_tag("intranet/home_panels.html", takes_context=True)
def intranet_home_panels(context: template.Context) -> dict:
    """The apps' panels for the person asking, in a main and a side column: a host site
    puts them on its own home page with this one tag."""
    panels = panels_for(context["request"])
    return {**context.flatten(),
            "main_panels": [p for p in panels if p.region == "main"],
            "side_panels": [p for p in panels if p.region == "side"]}
