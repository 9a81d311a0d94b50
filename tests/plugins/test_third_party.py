"""A third-party connector, installed by pip and found through its entry point: the
example package in intranet/plugins/examples/intranet-connector-jsonfeed, end to end."""

import importlib
import importlib.metadata
import inspect
import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from intranet.core.errors import Invalid
from intranet.plugins.connectors import registry
from intranet.plugins.models import Source
from intranet.plugins.services.polling import poll_source

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

PACKAGE = (Path(__file__).resolve().parents[2]
           / "intranet/plugins/examples/intranet-connector-jsonfeed")
MODULE = "intranet_connector_jsonfeed"
BUILT_INS = ["rss", "youtube", "mastodon", "peertube", "json"]


@pytest.fixture(scope="module")
def jsonfeed_package(tmp_path_factory):
    """The example installed by pip into a folder put first on sys.path, offline (the
    test extras bring a setuptools that builds wheels by itself). pip builds from a copy,
    so that setuptools leaves no build/ nor *.egg-info in the repo."""
    work = tmp_path_factory.mktemp("jsonfeed")
    source = work / "source"
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns(
        "__pycache__", "build", "dist", "*.egg-info"))
    target = work / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
         "--no-index", "--disable-pip-version-check", "--target", str(target),
         str(source)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    registry.installed.cache_clear()
    yield target
    sys.path.remove(str(target))
    for name in [name for name in sys.modules if name.split(".")[0] == MODULE]:
        del sys.modules[name]
    importlib.invalidate_caches()
    registry.installed.cache_clear()


@pytest.fixture
def allow(settings):
    """Set the CONNECTORS allow-list and forget what the registry found before."""
    def allow(*keys: str) -> None:
        settings.CONNECTORS = [*BUILT_INS, *keys]
        registry.installed.cache_clear()
    return allow


def test_the_installed_package_is_found_by_its_entry_point_and_enabled_when_listed(
        jsonfeed_package, allow):
    allow("jsonfeed")
    connector = registry.enabled()["jsonfeed"]
    assert connector.__module__ == MODULE and connector.key == "jsonfeed"
    assert Path(inspect.getfile(connector)).is_relative_to(jsonfeed_package)
    point = next(point for point in importlib.metadata.entry_points(group=registry.GROUP)
                 if point.name == "jsonfeed")
    assert point.dist.name == "intranet-connector-jsonfeed"
    assert point.dist.version == "1.0.0"
    assert set(BUILT_INS) < set(registry.enabled())


def test_an_installed_but_unlisted_connector_cannot_be_used(jsonfeed_package, allow, brand):
    allow()
    assert "jsonfeed" in registry.installed()
    assert "jsonfeed" not in registry.enabled()
    with pytest.raises(Invalid) as refused:
        brand.source("jsonfeed", {"url": "https://news.acme.example/feed.json"})
    assert "connector" in refused.value.fields


FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Acme newsroom",
    "home_page_url": "https://news.acme.example/",
    "authors": [{"name": "Acme Communications"}],
    "items": [
        {"id": "3", "url": "https://news.acme.example/2025/03/results",
         "title": "Annual results", "content_text": "Revenue grew by 12%.",
         "date_published": "2025-03-01T09:00:00+01:00",
         "authors": [{"name": "Dana Finance"}]},
        {"id": "2", "url": "https://news.acme.example/2025/02/plant",
         "title": "A new plant in Lyon",
         "content_html": "<p>Opening in <strong>May</strong>.</p>"
                         "<script>alert('pwned')</script>",
         "image": "https://news.acme.example/img/plant.jpg",
         "attachments": [
             {"url": "https://news.acme.example/img/site.png", "mime_type": "image/png"},
             {"url": "https://news.acme.example/audio/ceo.mp3",
              "mime_type": "audio/mpeg"}],
         "date_published": "2025-02-10T12:00:00Z"},
        {"id": "1", "external_url": "https://press.example/acme-award",
         "title": "Acme wins an award", "summary": "Best employer of the year.",
         "date_published": "2025-01-15T08:30:00Z"},
    ],
}


def test_a_json_feed_source_imports_its_items_once(jsonfeed_package, allow, channels, brand):
    allow("jsonfeed")
    url = channels.serve("/feed.json", json.dumps(FEED).encode(), "application/feed+json",
                         ETag='"v1"')
    source = brand.source("jsonfeed", {"url": url})
    assert poll_source(source).new == 3
    items = list(source.items.order_by("published_at"))
    assert [item.title for item in items] == [
        "Acme wins an award", "A new plant in Lyon", "Annual results"]
    award, plant, results = items
    assert award.url == "https://press.example/acme-award"
    assert award.text == "Best employer of the year." and award.author == "Acme Communications"
    assert plant.url == "https://news.acme.example/2025/02/plant"
    assert plant.image_urls == ["https://news.acme.example/img/plant.jpg",
                                "https://news.acme.example/img/site.png"]
    assert "<strong>May</strong>" in plant.html
    assert "script" not in plant.html and "pwned" not in plant.html
    assert results.author == "Dana Finance" and results.image_urls == []
    assert results.published_at == datetime(2025, 3, 1, 8, tzinfo=UTC)
    source.refresh_from_db()
    assert source.cursor == {"etag": '"v1"'}

    again = poll_source(source)
    assert (again.new, again.skipped, again.error) == (0, 3, None)
    assert channels.hits("/feed.json")[-1].headers["if-none-match"] == '"v1"'
    assert source.items.count() == 3


def test_a_document_that_is_not_a_json_feed_is_a_recorded_error(
        jsonfeed_package, allow, channels, brand):
    allow("jsonfeed")
    url = channels.serve("/feed.json", b'{"title": "Acme", "items": []}', "application/json")
    source = brand.source("jsonfeed", {"url": url})
    result = poll_source(source)
    assert result.new == 0 and "not a JSON Feed" in result.error
    source.refresh_from_db()
    assert "not a JSON Feed" in source.last_error and source.failures == 1
    assert not source.items.exists()


def test_its_source_is_created_in_the_admin(jsonfeed_package, allow, brand, client_for):
    allow("jsonfeed")
    staff = client_for(brand.curator)
    assert "?connector=jsonfeed" in staff.get("/admin/brand/sources/new/").content.decode()
    assert 'name="setting_url"' in staff.get(
        "/admin/brand/sources/new/?connector=jsonfeed").content.decode()
    answer = staff.post("/admin/brand/sources/new/?connector=jsonfeed", {
        "connector": "jsonfeed", "name": "Newsroom", "team": "Communications",
        "account": str(brand.account.pk), "group": "", "interval_minutes": "60",
        "enabled": "on", "setting_url": "https://news.acme.example/feed.json"})
    assert answer.status_code == 302
    source = Source.objects.get(connector="jsonfeed")
    assert source.settings == {"url": "https://news.acme.example/feed.json"}
