"""Panels on the home page, contributed by the apps through the `home_panels` hook.

Each app adds its place (the feed, announcements, brand highlights, my groups, ...) by
registering a function that takes the request and returns a HomePanel, or None when it
has nothing to show that person.
"""

from dataclasses import dataclass, field
from typing import Any, Literal

from django.http import HttpRequest
from wagtail import hooks


@dataclass
class HomePanel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    region: Literal["main", "side"] = "side"
    order: int = 100


def panels_for(request: HttpRequest) -> list[HomePanel]:
    panels = [panel for fn in hooks.get_hooks("home_panels")
              if (panel := fn(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
