"""Template context every page of the site needs."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {"intranet_name": settings.WAGTAIL_SITE_NAME}
