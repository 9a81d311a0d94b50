"""Pages and API answers go out compressed; images go out as they are."""

import gzip

import pytest
from django.templatetags.static import static

from intranet.feeds.models import PostImage
from intranet.groups.services import group_create
from tests.feeds.conftest import png

pytestmark = pytest.mark.django_db


def test_pages_and_api_answers_are_gzipped(client, make_person):
    client.force_login(make_person("mike"))
    page = client.get("/groups/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert page["Content-Encoding"] == "gzip" and "Accept-Encoding" in page["Vary"]
    assert b"<!DOCTYPE html>" in gzip.decompress(page.content)
    answer = client.get("/api/schema/?format=json", HTTP_ACCEPT_ENCODING="gzip")
    assert answer["Content-Encoding"] == "gzip"
    plain = client.get("/groups/")
    assert not plain.has_header("Content-Encoding")


def test_images_are_not_compressed_twice(client, make_person):
    mike = make_person("mike")
    client.force_login(mike)
    group = group_create(actor=mike, name="Photos")
    client.post("/feed/posts/", {"body": "A photo", "group": group.slug,
                                 "images": [png(size=(400, 300))]})
    image = client.get(PostImage.objects.get().display.url, HTTP_ACCEPT_ENCODING="gzip")
    assert image.status_code == 200 and not image.has_header("Content-Encoding")


def test_static_files_are_precompressed_and_kept_for_a_year(client):
    stylesheet = static("intranet/site.css")
    assert stylesheet != "/static/intranet/site.css"  # named by its content
    for encoding in ("br", "gzip"):
        answer = client.get(stylesheet, HTTP_ACCEPT_ENCODING=encoding)
        assert answer.status_code == 200 and answer["Content-Encoding"] == encoding
        assert "immutable" in answer["Cache-Control"]
        assert int(answer["Cache-Control"].split("max-age=")[1].split(",")[0]) >= 31536000
