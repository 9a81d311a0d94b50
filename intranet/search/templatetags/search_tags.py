"""The search page's names for kinds of results (intranet.search.labels)."""

from django import template

from intranet.search import labels

register = template.Library()
register.filter("kind_name", labels.kind_name)
register.filter("kinds_name", labels.kinds_name)
