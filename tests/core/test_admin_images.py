"""Images uploaded in the Wagtail admin (for announcements) are checked and re-encoded
like every other upload: no camera or location metadata stays, an SVG or a file that is
not an image is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(make_person, client_for):
    ada = make_person("ada")
    ada.is_staff = ada.is_superuser = True
    ada.save()
    return client_for(ada)


def photo_with_location() -> bytes:
    out = io.BytesIO()
    exif = Pillow.Exif()
    exif[0x8825] = {2: (48.0, 51.0, 0.0)}  # GPS position
    exif[0x010F] = "Secret camera"
    Pillow.new("RGB", (64, 48), "teal").save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_an_admin_upload_loses_its_metadata(admin_client):
    response = admin_client.post("/admin/images/add/", {
        "title": "Team day", "file": SimpleUploadedFile("team.jpg", photo_with_location(),
                                                        content_type="image/jpeg")})
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Team day")
    with image.file.open("rb") as handle, Pillow.open(handle) as stored:
        assert not stored.getexif()
        assert stored.size == (64, 48)


@pytest.mark.parametrize("name, content", [
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("notes.jpg", b"not an image at all")])
def test_what_is_not_a_picture_is_refused(admin_client, name, content):
    response = admin_client.post("/admin/images/add/", {
        "title": "Odd", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200  # the form again, with its error
    assert not get_image_model().objects.filter(title="Odd").exists()
