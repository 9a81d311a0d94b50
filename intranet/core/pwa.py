"""The installable web app: its manifest, its service worker and the page shown offline.

All three are public (a browser fetches a manifest without cookies) and say nothing about
anyone. The service worker keeps only the offline page and the static files it names:
pages of the intranet are private and never stored on the device, so a shared phone or
a signed-out browser cannot show them to the next person.
"""

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

THEME_COLOUR = "#2f5bd3"
# What the offline page needs, kept by the service worker when it is installed.
OFFLINE_ASSETS = ("intranet/site.css", "intranet/icons/icon-192.png")


@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> JsonResponse:
    name = settings.WAGTAIL_SITE_NAME
    return JsonResponse({
        "name": name, "short_name": name[:12], "lang": get_language(),
        "description": _("Your colleagues, groups and news"),
        "start_url": "/", "scope": "/", "id": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static("intranet/icons/icon-192.png"), "sizes": "192x192",
             "type": "image/png"},
            {"src": static("intranet/icons/icon-512.png"), "sizes": "512x512",
             "type": "image/png"},
            {"src": static("intranet/icons/maskable-512.png"), "sizes": "512x512",
             "type": "image/png", "purpose": "maskable"},
        ],
        "shortcuts": [
            {"name": _("Notifications"), "url": reverse("feeds:notifications")},
            {"name": _("Search"), "url": reverse("search:results")},
        ],
    }, content_type="application/manifest+json")


@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the root so that it may answer for every page of the site."""
    assets = [static(name) for name in OFFLINE_ASSETS]
    return render(request, "intranet/service-worker.js", {
        "offline_url": reverse("intranet-offline"), "assets": assets,
        # A new name when a kept file changes, so that the old copies are dropped.
        "version": hashlib.sha256("|".join(assets).encode()).hexdigest()[:12]},
        content_type="text/javascript")


def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "intranet/offline.html")
