"""The read policy of Wagtail's images and documents: they follow the pages that use
them. A person may read one when a page they may read uses it (Wagtail's reference
index says which), or when they may choose or edit it in the admin's library. An image
of an announcement for one department is therefore read by that announcement's readers
only, and one used nowhere by its editors only.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from intranet.core.pages import readable_pages


def _pages_using(obj: Model) -> list[int]:
    page_type = ContentType.objects.get_for_model(Page)
    return [int(pk) for pk in ReferenceIndex.get_references_to(obj)
            .filter(base_content_type=page_type).values_list("object_id", flat=True)]


def _readable(user: AbstractBaseUser, obj: Model) -> bool:
    policy = policy_registry.get_by_type(type(obj))
    if policy.user_has_any_permission_for_instance(user, ["choose", "change"], obj):
        return True
    pages = _pages_using(obj)
    return bool(pages) and readable_pages(user).filter(pk__in=pages).exists()


def can_read_image(user: AbstractBaseUser, image: Model) -> bool:
    return _readable(user, image)


def can_read_image_file(user: AbstractBaseUser, name: str) -> bool:
    """An original image (`original_images/`) or one of its renditions (`images/`)."""
    image_model = get_image_model()
    image = image_model.objects.filter(file=name).first()
    if image is None:
        rendition = (image_model.get_rendition_model().objects.filter(file=name)
                     .select_related("image").first())
        image = rendition.image if rendition is not None else None
    return image is not None and can_read_image(user, image)


def can_read_document(user: AbstractBaseUser, document: Model) -> bool:
    return _readable(user, document)


def can_read_document_file(user: AbstractBaseUser, name: str) -> bool:
    document = get_document_model().objects.filter(file=name).first()
    return document is not None and can_read_document(user, document)
