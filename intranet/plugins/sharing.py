"""Sharing a highlight outward: a link to the intranet's public redirect, signed so it
names one item and nothing else, which counts the visit and sends it on to the original
with the tracking parameters of the BRAND_SHARE_PARAMETERS setting."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse

from intranet.plugins.models import BrandItem
from intranet.plugins.selectors import SHOWN

SALT = "intranet.brand.go"


def share_token(item: BrandItem) -> str:
    return signing.Signer(salt=SALT).sign(str(item.pk))


def share_path(item: BrandItem) -> str:
    """The public redirect's path for this item (made absolute where it is shown)."""
    return reverse("brand:go", args=[share_token(item)])


def tracked_url(item: BrandItem) -> str:
    """The original's address with the tracking parameters added (replacing any it
    had of the same name); "" unless it is an http or https address."""
    parts = urlsplit(item.url or "")
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    tracking = {name: str(value).format(id=item.pk)
                for name, value in settings.BRAND_SHARE_PARAMETERS.items()}
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
             if name not in tracking]
    return urlunsplit(parts._replace(query=urlencode([*query, *tracking.items()])))


def item_for_token(token: str) -> BrandItem | None:
    """The approved or featured item a token names, if it is genuine and the item has
    an http(s) original; None otherwise, whatever was wrong."""
    try:
        pk = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    if not pk.isdigit():
        return None
    item = BrandItem.objects.filter(pk=int(pk), state__in=SHOWN).first()
    return item if item is not None and tracked_url(item) else None
