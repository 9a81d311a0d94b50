"""Uploaded images: sniffed, size-checked and re-encoded before they are stored.

Re-encoding drops anything that is not pixels (metadata, location, embedded payloads),
so an upload cannot carry more than it shows.
"""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from intranet.core.errors import Invalid, TooLarge

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_PIXELS = 40_000_000


def sanitize_image(upload: UploadedFile, *, max_side: int = 2048,
                   field: str = "image") -> ContentFile:
    """Return the upload re-encoded as JPEG (or PNG when it has transparency)."""
    if upload.size and upload.size > settings.MAX_IMAGE_UPLOAD_BYTES:
        limit = settings.MAX_IMAGE_UPLOAD_BYTES // (1024 * 1024)
        raise TooLarge(_("Images may be %(mb)s MB at most.") % {"mb": limit},
                       fields={field: [_("File too large.")]})
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
        if kind not in ACCEPTED_FORMATS:
            raise UnidentifiedImageError(kind)
        if width * height > MAX_PIXELS:
            raise TooLarge(_("The image has too many pixels."),
                           fields={field: [_("Image too large.")]})
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_side, max_side))
            has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
            out = io.BytesIO()
            if has_alpha:
                image.convert("RGBA").save(out, format="PNG", optimize=True)
                suffix = "png"
            else:
                image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
                suffix = "jpg"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        raise Invalid(_("That file is not an image we accept (JPEG, PNG, GIF or WebP)."),
                      code="invalid_image",
                      fields={field: [_("Upload a valid image.")]}) from None
    return ContentFile(out.getvalue(), name=f"upload.{suffix}")


def display_copy(image: ContentFile, *, max_side: int = 960) -> ContentFile:
    """A lighter copy of a sanitized image for pages that show it in a card (WebP, at most
    `max_side` pixels a side): a 960-pixel copy stays sharp on a phone's dense screen
    while weighing a fraction of the original, which its link still opens."""
    image.seek(0)
    with Image.open(image) as source:
        source.thumbnail((max_side, max_side))
        out = io.BytesIO()
        mode = "RGBA" if source.mode in ("RGBA", "LA", "P") else "RGB"
        source.convert(mode).save(out, format="WEBP", quality=80, method=4)
    image.seek(0)
    return ContentFile(out.getvalue(), name="display.webp")
