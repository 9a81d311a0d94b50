"""Images and documents of pages follow the read policy of the pages that use them: an
announcement's image and document open for its readers, 404 for everyone else."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from intranet.groups.services import group_create
from tests.announcements.conftest import publish
from tests.feeds.conftest import join_as

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def uploaded_image():
    out = io.BytesIO()
    PILImage.new("RGB", (64, 48), "purple").save(out, format="PNG")
    return get_image_model().objects.create(
        title="Plan", file=SimpleUploadedFile("plan.png", out.getvalue()))


def uploaded_document():
    return get_document_model().objects.create(
        title="Budget", file=SimpleUploadedFile("budget.txt", b"Projected figures"))


@pytest.fixture
def announcement(make_person):
    owner, member, outsider = make_person("olga"), make_person("mia"), make_person("oscar")
    secret = group_create(actor=owner, name="Atlas", visibility="secret")
    join_as(secret, member, owner)
    image, document = uploaded_image(), uploaded_document()
    page = publish("Atlas plans", groups=[secret], body=[
        ("image", {"image": image, "decorative": True, "alt_text": ""}),
        ("document", document)])
    # What Wagtail's reference-index job does in the worker once the page is saved.
    ReferenceIndex.create_or_update_for_object(page)
    return {"page": page, "image": image, "document": document, "member": member,
            "outsider": outsider}


def test_an_announcement_s_image_and_document_open_for_its_readers_only(
        announcement, client_for):
    reader = client_for(announcement["member"])
    page = reader.get(announcement["page"].url)
    assert page.status_code == 200
    rendition = announcement["image"].get_rendition("max-800x600")
    urls = [announcement["image"].file.url, rendition.url, announcement["document"].url,
            announcement["document"].file.url]
    assert all(url.startswith(("/media/", "/documents/")) for url in urls), urls
    for url in urls:
        assert reader.get(url).status_code == 200, url
    outsider = client_for(announcement["outsider"])
    missing = outsider.get("/media/images/no-such-file.png")
    for url in urls:
        response = outsider.get(url)
        assert response.status_code == missing.status_code == 404, url


def test_media_used_by_no_page_is_for_its_editors_only(make_person, client_for):
    image = uploaded_image()
    assert client_for(make_person("ana")).get(image.file.url).status_code == 404
    admin = make_person("root")
    admin.is_superuser = True
    admin.save()
    assert client_for(admin).get(image.file.url).status_code == 200


def test_media_paths_cannot_climb_out(make_person, client_for):
    client = client_for(make_person("ana"))
    for path in ("/media/../settings.py", "/media/images/../../etc/passwd",
                 "/private-media/%2e%2e/x"):
        assert client.get(path).status_code == 404
