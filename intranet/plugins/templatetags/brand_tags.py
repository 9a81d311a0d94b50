"""What a highlight's template needs beyond the item: its shareable link and whether it
is a video."""

from django import template

from intranet.plugins.models import BrandItem
from intranet.plugins.sharing import share_path

register = template.Library()

VIDEO_CONNECTORS = frozenset({"youtube", "peertube"})


@register.simple_tag(takes_context=True)
def share_link(context: template.Context, item: BrandItem) -> str:
    """The absolute address of the item's public redirect, to paste anywhere."""
    request = context.get("request")
    path = share_path(item)
    return request.build_absolute_uri(path) if request is not None else path


@register.filter
def is_video(item: BrandItem) -> bool:
    return item.source.connector in VIDEO_CONNECTORS
