"""The search page's names for kinds of results (intranet.search.labels)."""

from django import template

from intranet.search import labels

register = template.Library()
register.filter("kind_name", labels.kind_name)
register.filter("kinds_name", labels.kinds_name)


@register.simple_tag
def kind_names() -> dict[str, str]:
    """Every kind's badge, for the header's type-ahead to show beside each suggestion."""
    return {kind: labels.kind_name(kind) for kind in labels.ONE}
