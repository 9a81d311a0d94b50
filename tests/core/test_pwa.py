"""The installable web app: a manifest, a service worker and an offline page that anyone
may fetch and that tell nothing about anyone."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_manifest_describes_an_installable_app(client):
    answer = client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="fr")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/manifest+json"
    manifest = answer.json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert manifest["lang"] == "fr"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    assert all(icon["src"].startswith("/static/intranet/icons/") for icon in manifest["icons"])


def test_the_service_worker_keeps_no_page_of_the_intranet(client):
    answer = client.get("/service-worker.js")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/javascript")
    assert "no-cache" in answer["Cache-Control"]
    script = answer.content.decode()
    assert 'const OFFLINE = "/offline/"' in script
    assert "cache.put" not in script


def test_the_offline_page_is_public_and_anonymous(client, make_person):
    make_person("olivia", first_name="Olivia")
    client.force_login(make_person("mike", first_name="Mike"))
    page = client.get("/offline/")
    assert page.status_code == 200 and "You are offline" in page.content.decode()
    assert "Mike" not in page.content.decode()
    client.logout()
    assert client.get("/offline/").status_code == 200


def test_every_page_links_the_manifest(client, make_person):
    client.force_login(make_person("mike"))
    page = client.get("/groups/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'data-service-worker="/service-worker.js"' in page
