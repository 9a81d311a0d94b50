"""URLs of the intranet: pages, the API, the admin, and Wagtail's pages last."""

from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from intranet.core.api import api_not_found
from intranet.core.media import serve_media
from intranet.core.views import health

api_v1 = [
    path("", include("intranet.accounts.api_urls")),
    path("", include("intranet.people.api_urls")),
    path("", include("groups.api_urls")),
    path("", include("feeds.api_urls")),
    path("", include("search.api_urls")),
    path("", include("plugins.api_urls")),
    path("", include("intranet.announcements.api_urls")),
]

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("intranet.accounts.urls")),
    path("people/", include("intranet.people.urls")),
    path("groups/", include("groups.urls")),
    path("feed/", include("feeds.urls")),
    path("search/", include("search.urls")),
    path("brand/", include("plugins.urls")),
    path("announcements/", include("intranet.announcements.urls")),
    path("private-media/<path:name>", serve_media, name="private_media"),
    path("media/<path:name>", serve_media, {"storage": "default"}, name="media"),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include(api_v1)),
    re_path(r"^api/(?P<rest>[\s\S]*)$", api_not_found),  # any byte, newlines too
    path("", include(wagtail_urls)),
]
