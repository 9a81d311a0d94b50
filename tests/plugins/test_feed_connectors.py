"""RSS, Atom and YouTube feeds against a local server, with the quirks real feeds have."""

import pytest

from intranet.plugins.models import BrandItem
from intranet.plugins.services.polling import poll_source
from tests.plugins.conftest import payload

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def items(source) -> list[BrandItem]:
    return list(source.items.order_by("published_at", "pk"))


def test_an_rss_feed_is_imported_sanitised_with_links_resolved(channels, brand):
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    result = poll_source(source)
    assert (result.new, result.error) == (6, None)
    stored = items(source)
    assert "Les réseaux sociaux d'entreprise, un an après" in [item.title for item in stored]
    for item in stored:
        assert "<script" not in item.html and "alert(1)" not in item.html
        assert "onclick" not in item.html and "<iframe" not in item.html
        assert "<img" not in item.html
        assert not any("track.adnetwork.example" in url for url in item.image_urls)
    html = " ".join(item.html for item in stored)
    # Relative addresses resolve against the feed's own address, as for any document.
    assert f'href="{channels.url}/2026/11/equipe"' in html
    images = [url for item in stored for url in item.image_urls]
    assert f"{channels.url}/images/seminaire.jpg" in images
    assert "https://blog.acme.example/images/launch.png" in images
    source.refresh_from_db()
    assert source.items_seen == 6 and source.last_success_at and not source.last_error


def test_polling_the_same_feed_twice_imports_nothing_new(channels, brand):
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    assert poll_source(source).new == 6
    again = poll_source(source)
    assert (again.new, again.skipped) == (0, 6)
    assert source.items.count() == 6


def test_an_unchanged_feed_answers_304_to_the_conditional_request(channels, brand):
    etag = '"v1"'
    body_bytes = payload("rss/blog.xml")

    def route(handler, request):
        if request.headers.get("if-none-match") == etag:
            handler.reply(304)
        else:
            handler.reply(200, body_bytes, "application/rss+xml", ETag=etag)

    channels.routes["/feed.xml"] = route
    source = brand.source("rss", {"url": f"{channels.url}/feed.xml"})
    assert poll_source(source).new == 6
    second = poll_source(source)
    assert (second.new, second.skipped, second.error) == (0, 0, None)
    assert channels.hits("/feed.xml")[-1].headers["if-none-match"] == etag
    source.refresh_from_db()
    assert source.cursor["etag"] == etag


def test_an_atom_feed_resolves_links_against_xml_base(channels, brand):
    source = brand.source("rss", {"url": channels.serve("/atom.xml", "atom/blog.xml")})
    assert poll_source(source).new == 4
    urls = {item.url for item in items(source)}
    assert "https://news.acme.example/posts/4" in urls
    assert all(item.external_id.startswith("tag:") for item in items(source))
    assert all(item.text for item in items(source))


def test_entries_without_id_or_date_are_kept_once(channels, brand):
    source = brand.source("rss", {"url": channels.serve("/f.xml", "rss/no_id_no_date.xml")})
    assert poll_source(source).new == 3
    ids = sorted(item.external_id for item in items(source))
    assert any(external_id.startswith("http") for external_id in ids)
    assert any(external_id.startswith("sha256:") for external_id in ids)
    assert poll_source(source).new == 0


def test_a_latin1_feed_is_decoded_by_its_declaration(channels, brand):
    source = brand.source("rss", {"url": channels.serve("/f.xml", "rss/latin1.xml",
                                                        "text/xml")})
    assert poll_source(source).new == 2
    assert {item.title for item in items(source)} == {
        "Déménagement du siège à Lyon", "Fête de fin d'année : inscriptions ouvertes"}


def test_a_truncated_feed_keeps_its_complete_entries_and_records_the_problem(channels, brand):
    source = brand.source("rss", {"url": channels.serve("/f.xml", "rss/truncated.xml")})
    result = poll_source(source)
    assert result.new == 3
    source.refresh_from_db()
    assert "abruptly" in source.last_error and source.last_success_at


def test_entity_expansion_does_not_explode(channels, brand):
    source = brand.source("rss", {"url": channels.serve("/f.xml", "rss/billion_laughs.xml")})
    poll_source(source)
    assert all(len(item.title) + len(item.text) < 10_000 for item in items(source))
    assert "lollol" not in " ".join(item.title + item.text for item in items(source))


def test_external_entities_are_not_read(channels, brand):
    source = brand.source("rss", {"url": channels.serve("/f.xml", "rss/xxe.xml")})
    poll_source(source)
    assert "root:" not in " ".join(item.title + item.text + item.html for item in items(source))


def test_a_feed_of_a_thousand_entries_is_imported_once(channels, brand):
    entries = "".join(
        f"<item><guid>entry-{n}</guid><title>Entry {n}</title><link>https://blog.acme.example/"
        f"{n}</link><description>Text {n}</description></item>" for n in range(1000))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{entries}' \
           "</channel></rss>"
    source = brand.source("rss", {"url": channels.serve("/big.xml", feed.encode(),
                                                        "application/rss+xml")})
    assert poll_source(source).new == 1000
    assert poll_source(source).new == 0
    assert BrandItem.objects.filter(source=source).count() == 1000


def test_a_youtube_channel_feed_gives_videos_with_their_thumbnails(channels, brand,
                                                                   monkeypatch):
    from intranet.plugins.connectors.feeds import YouTubeConnector

    monkeypatch.setattr(YouTubeConnector, "feed_url",
                        channels.serve("/feeds/videos.xml", "youtube/channel.xml"))
    source = brand.source("youtube", {"channel_id": "UCacmeAcmeAcmeAcme000001"})
    assert poll_source(source).new == 3
    assert channels.hits("/feeds/videos.xml")[0].query["channel_id"] == [
        "UCacmeAcmeAcmeAcme000001"]
    for item in items(source):
        assert item.url.startswith("https://www.youtube.com/watch?v=")
        assert any(".ytimg.com/vi/" in url for url in item.image_urls)
        assert item.text


HOSTILE_LINKS = ["javascript:alert(document.cookie)", " JaVaScRiPt:alert(1)",
                 "java\tscript:alert(1)", "vbscript:msgbox(1)",
                 "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="]


def test_an_entry_linking_to_script_keeps_no_link(channels, brand, client_for, api_for):
    entries = "".join(f"<item><title>Entry {number}</title><link>{link}</link>"
                      f"<guid>entry-{number}</guid><description>Hello</description></item>"
                      for number, link in enumerate(HOSTILE_LINKS))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>' \
           f"<link>https://example.com/</link>{entries}</channel></rss>"
    channels.routes["/feed.xml"] = lambda handler, request: handler.reply(
        200, feed.encode(), "application/rss+xml")
    source = brand.source("rss", {"url": f"{channels.url}/feed.xml"})
    assert poll_source(source).new == len(HOSTILE_LINKS)
    assert {item.url for item in items(source)} == {""}
    listed = api_for(brand.curator).get("/api/v1/brand/items/").json()["results"]
    assert {item["url"] for item in listed} == {""}
    queue = client_for(brand.curator).get("/admin/brand/items/").content.decode()
    assert "javascript:" not in queue.lower() and "data:text" not in queue
