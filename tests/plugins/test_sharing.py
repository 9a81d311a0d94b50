"""Featured highlights in the home page's band, and sharing them outward: a signed
public link that counts the visits coming back and leads to the original with the
tracking parameters; shares and clicks are dated rows without a person."""

import re
from datetime import UTC, datetime

import pytest
from django.test import Client

from intranet.plugins.connectors.base import Item
from intranet.plugins.models import BrandClick, BrandItem, BrandShare
from intranet.plugins.services.curation import item_decide
from intranet.plugins.services.ingest import ingest
from intranet.plugins.services.media import fetch_images
from intranet.plugins.sharing import SALT, share_path, tracked_url
from tests.plugins.test_images_and_pages import png

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def made(brand, channels, *pairs: tuple[str, str]) -> dict[str, BrandItem]:
    """Items by name, decided as asked, the first with an image."""
    picture = channels.serve("/img/a.png", png("blue"), "image/png")
    source = brand.source("rss", {"url": f"{channels.url}/feed.xml"}, enabled=False,
                          name="Acme blog")
    found = {}
    for n, (name, decision) in enumerate(pairs):
        item = ingest(source, [Item(
            external_id=name, url=f"https://blog.acme.example/{name}?ref=feed",
            title=f"{name} story", images=[picture] if n == 0 else [],
            published_at=datetime(2026, 11, 2, tzinfo=UTC))]).new[0]
        fetch_images(item.pk)
        if decision:
            item = item_decide(actor=brand.curator, item=item, decision=decision)
        found[name] = item
    return found


def test_featured_items_show_in_the_band_with_their_image_not_pinned(
        brand, channels, client_for, make_person):
    items = made(brand, channels, ("Launch", "feature"), ("Plant", "approve"),
                 ("Draft", ""))
    reader = client_for(make_person("rita"))
    home = reader.get("/").content.decode()
    band = home[home.index('class="highlights band"'):]
    band = band[:band.index("</ul>")]
    launch = items["Launch"]
    assert "Launch story" in band and "Plant story" not in band and "Draft" not in band
    assert f'data-seen-kind="brand item" data-seen-id="{launch.pk}"' in band
    image = launch.images.get().image.url
    assert f'src="{image}"' in band and reader.get(image).status_code == 200
    assert 'href="https://blog.acme.example/Launch?ref=feed"' in band
    launch.post.refresh_from_db()
    assert launch.post.pinned_at is None
    assert "Plant story" in home  # an approved item is a post in the feed
    listing = reader.get("/brand/").content.decode()
    assert listing.count('data-seen-kind="brand item"') == 2
    assert "Draft story" not in listing


def test_a_video_shows_its_stored_thumbnail_and_no_player(brand, channels, client_for,
                                                          make_person):
    thumbnail = channels.serve("/vi/abc/hqdefault.jpg", png("green"), "image/png")
    source = brand.source("youtube", {"channel_id": "UCacmeAcmeAcmeAcme000001"},
                          enabled=False)
    item = ingest(source, [Item(external_id="yt:video:abc",
                                url="https://www.youtube.com/watch?v=abc",
                                title="Acme Connect in two minutes", images=[thumbnail])]).new[0]
    assert fetch_images(item.pk) == 1
    item_decide(actor=brand.curator, item=item, decision="feature")
    home = client_for(make_person("rita")).get("/").content.decode()
    assert f'src="{item.images.get().image.url}"' in home
    assert 'class="highlight-media video"' in home
    assert "<iframe" not in home and "youtube.com/embed" not in home
    assert "ytimg" not in home and channels.url not in home


def test_the_share_link_counts_the_click_and_leads_to_the_original(brand, channels,
                                                                  client_for, make_person):
    launch = made(brand, channels, ("Launch", "feature"))["Launch"]
    reader = client_for(make_person("rita"))
    home = reader.get("/").content.decode()
    link = re.search(r'value="(http://testserver/brand/go/[^"]+/)" data-share-link', home)
    assert link and link.group(1).endswith(share_path(launch))
    answer = Client().get(share_path(launch))
    assert answer.status_code == 302
    assert answer["Location"] == (
        "https://blog.acme.example/Launch?ref=feed&utm_source=intranet"
        f"&utm_medium=employee_share&utm_campaign=brand-{launch.pk}")
    assert answer["Referrer-Policy"] == "no-referrer"
    click = BrandClick.objects.get()
    assert click.item == launch and click.created_at is not None
    assert {field.name for field in BrandClick._meta.get_fields()} == {
        "id", "item", "created_at"}


def test_the_tracking_parameters_are_a_setting(brand, channels, settings):
    settings.BRAND_SHARE_PARAMETERS = {"mtm_campaign": "brand{id}", "ref": "intranet"}
    launch = made(brand, channels, ("Launch", "feature"))["Launch"]
    assert tracked_url(launch) == (f"https://blog.acme.example/Launch?mtm_campaign=brand"
                                   f"{launch.pk}&ref=intranet")


def without_path(answer) -> str:
    """The page without the address asked for (the language menu links back to it) and
    its CSRF token, which differs on every page."""
    page = re.sub(r"/brand/go/[^\"&<]*", "", answer.content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_bad_tokens_and_unshown_items_are_absent(brand, channels):
    from django.core import signing

    items = made(brand, channels, ("Launch", "feature"), ("Draft", ""), ("Gone", "reject"))
    mail = ingest(items["Launch"].source, [Item(external_id="mail", url="mailto:pr@acme.example",
                                                title="Write to us")]).new[0]
    item_decide(actor=brand.curator, item=mail, decision="approve")
    good = share_path(items["Launch"])
    signer = signing.Signer(salt=SALT)
    missing = Client().get("/brand/go/no-such-token/")
    assert missing.status_code == 404
    for path in (good[:-3] + "xx/", good.replace("/go/", "/go/1"),
                 f"/brand/go/{signer.sign('999999')}/", f"/brand/go/{signer.sign('abc')}/",
                 f"/brand/go/{signing.Signer(salt='other').sign(str(items['Launch'].pk))}/",
                 share_path(items["Draft"]), share_path(items["Gone"]), share_path(mail)):
        answer = Client().get(path)
        assert answer.status_code == 404, path
        assert without_path(answer) == without_path(missing)
    assert not BrandClick.objects.exists()


def test_sharing_is_counted_by_channel_for_readers_only(brand, channels, api_for,
                                                        make_person):
    launch = made(brand, channels, ("Launch", "feature"))["Launch"]
    api = api_for(make_person("rita"))
    answer = api.post(f"/api/v1/brand/items/{launch.pk}/share/", {"channel": "copy"},
                      format="json")
    assert answer.status_code == 200
    assert answer.json()["share_count"] == 1
    assert answer.json()["link"].endswith(share_path(launch))
    assert api.post(f"/api/v1/brand/items/{launch.pk}/share/").json()["share_count"] == 2
    assert api.post(f"/api/v1/brand/items/{launch.pk}/share/", {"channel": "fax"},
                    format="json").status_code == 400
    assert list(BrandShare.objects.order_by("pk").values_list("channel", flat=True)) == [
        "copy", "other"]
    launch.refresh_from_db()
    assert launch.share_count == BrandShare.objects.filter(item=launch).count() == 2
