"""Images of brand items: a few per item, fetched through the safe client after the
poll has answered, re-encoded like any upload and kept privately."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile

from intranet.core.errors import DomainError
from intranet.core.http import FetchError, safe_get
from intranet.core.images import sanitize_image
from intranet.plugins.models import BrandItem, BrandItemImage, ItemState

logger = logging.getLogger(__name__)
IMAGE_BYTES = 5_000_000


def fetch_images(item_id: int) -> int:
    """Fetch the item's first images (once), then publish it if a rule approved it
    meanwhile, so its post carries them. Returns how many images were kept."""
    from intranet.plugins.services.curation import publish_if_approved

    item = BrandItem.objects.filter(pk=item_id).first()
    if item is None:
        return 0
    kept = item.images.count()
    if not kept:
        for url in item.image_urls:
            if kept >= settings.BRAND_IMAGES_PER_ITEM:
                break
            try:
                response = safe_get(url, max_bytes=IMAGE_BYTES, accept="image/*")
                image = sanitize_image(ContentFile(response.content, name="brand"),
                                       max_side=2048)
            except (FetchError, DomainError) as error:
                logger.info("Brand item %s: image %s skipped: %s", item.pk, url, error)
                continue
            BrandItemImage.objects.create(item=item, image=image, position=kept,
                                          source_url=url[:2000])
            kept += 1
    if item.state in (ItemState.APPROVED, ItemState.FEATURED):
        publish_if_approved(item)
    return kept
