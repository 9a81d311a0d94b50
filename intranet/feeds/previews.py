"""Link previews: the title, description and image of the first link in a post.

Fetched in the background through the core's safe HTTP client (no private addresses,
size and time limits); the image is downloaded and re-encoded like any upload, so
readers never load it from the outside site.
"""

import logging
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from intranet.core.errors import DomainError
from intranet.core.http import FetchError, safe_get
from intranet.core.images import sanitize_image
from intranet.feeds.models import Post

logger = logging.getLogger(__name__)
PAGE_BYTES = 1_000_000
IMAGE_BYTES = 5_000_000


def _meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta",
                                                                        attrs={"name": name})
        if tag is not None and tag.get("content"):
            return " ".join(str(tag["content"]).split())
    return ""


def read_preview(url: str) -> dict | None:
    """The preview of `url`, or None when it cannot be fetched or has nothing to show."""
    try:
        page = safe_get(url, max_bytes=PAGE_BYTES, accept="text/html,application/xhtml+xml")
    except FetchError as error:
        logger.info("No preview for %s: %s", url, getattr(error, "code", error))
        return None
    if "html" not in (page.content_type or ""):
        return None
    soup = BeautifulSoup(page.text, "html.parser")
    title = _meta(soup, "og:title", "twitter:title") or (
        " ".join(soup.title.get_text().split()) if soup.title else "")
    if not title:
        return None
    preview = {"title": title[:300],
               "description": _meta(soup, "og:description", "twitter:description",
                                    "description")[:1000],
               "image": None}
    image_url = _meta(soup, "og:image", "twitter:image")
    if image_url:
        try:
            image = safe_get(urljoin(page.url, image_url), max_bytes=IMAGE_BYTES,
                             accept="image/*")
            preview["image"] = sanitize_image(ContentFile(image.content, name="preview"),
                                              max_side=1200)
        except (FetchError, DomainError) as error:
            logger.info("No preview image for %s: %s", url, error)
    return preview


def attach_preview(post_id: int) -> bool:
    from intranet.feeds.services.posts import post_attach_preview

    post = Post.objects.filter(pk=post_id, deleted_at__isnull=True).first()
    if post is None or not post.link_url:
        return False
    preview = read_preview(post.link_url)
    if preview is None:
        return False
    return post_attach_preview(post_id=post_id, url=post.link_url, **preview)
