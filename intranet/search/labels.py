"""What the search calls each kind of result, in the reader's language."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ONE = {"person": _("Person"), "post": pgettext_lazy("a kind of search result", "Post"),
       "group": _("Group"), "page": _("Page"), "brand": _("Brand highlight")}
MANY = {"person": _("People"), "post": _("Posts"), "group": _("Groups"), "page": _("Pages"),
        "brand": _("Brand highlights")}


def kind_name(kind: str) -> str:
    """A result's badge: "Post" ("Publication" in French)."""
    return str(ONE.get(kind, kind))


def kinds_name(kind: str) -> str:
    """A filter's label: "Posts"."""
    return str(MANY.get(kind, kind))
