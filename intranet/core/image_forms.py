"""The Wagtail admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): an image uploaded
there is checked and re-encoded like every other upload, so announcements' pictures
carry no camera or location metadata, and nothing but pixels."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.images.forms import BaseImageForm

from intranet.core.errors import DomainError
from intranet.core.images import sanitize_image


class SanitizedImageForm(BaseImageForm):
    def clean_file(self) -> ContentFile:
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        try:
            cleaned = sanitize_image(upload, max_side=4096, field="file")
        except DomainError as refused:
            raise ValidationError(refused.message, code=refused.code) from None
        cleaned.name = f"{Path(upload.name).stem or 'image'}{Path(cleaned.name).suffix}"
        return cleaned
