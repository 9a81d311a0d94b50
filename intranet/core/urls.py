"""The suite's addresses, for a host site's URLconf: `path("", include("intranet.core.urls"))`
before Wagtail's own pages. Each app's pages and API come from its registered routes."""

from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from intranet.core import pwa
from intranet.core.api import api_not_found
from intranet.core.media import serve_media
from intranet.core.routes import routes
from intranet.core.views import health, live, metrics, ready

api_v1 = [path("", include(found.api)) for found in routes() if found.api]

urlpatterns = [
    path("health/", health, name="health"),
    path("health/live/", live, name="health-live"),
    path("health/ready/", ready, name="health-ready"),
    path("metrics", metrics, name="metrics"),
    path("manifest.webmanifest", pwa.manifest, name="intranet-manifest"),
    path("service-worker.js", pwa.service_worker, name="intranet-service-worker"),
    path("offline/", pwa.offline, name="intranet-offline"),
    *(path(found.prefix, include(found.pages)) for found in routes() if found.pages),
    path("private-media/<path:name>", serve_media, name="private_media"),
    path("media/<path:name>", serve_media, {"storage": "default"}, name="media"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include(api_v1)),
    re_path(r"^api/(?P<rest>[\s\S]*)$", api_not_found),  # any byte, newlines too
]
