"""Curation: approved items become posts of the official account, under the curator's
authority, delivered and readable exactly like any post; rules decide on their own."""

import pytest

from intranet.core.errors import Forbidden
from intranet.core.models import Event
from intranet.feeds.selectors import can_read_post
from intranet.groups.services import group_create
from intranet.plugins.models import BrandItem, CurationRule, ItemState
from intranet.plugins.selectors import featured_highlights, highlights
from intranet.plugins.services.curation import item_decide, item_set_caption, item_share
from intranet.plugins.services.media import fetch_images
from intranet.plugins.services.polling import poll_source
from tests.events import catch_up, latest_position
from tests.feeds.conftest import give_role, join_as

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.fixture
def feed(channels, brand):
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    poll_source(source)
    return source


def titled(source, start: str) -> BrandItem:
    return source.items.get(title__startswith=start)


def test_new_items_wait_for_a_curator(feed):
    assert set(feed.items.values_list("state", flat=True)) == {ItemState.PENDING}
    assert not feed.items.exclude(post=None).exists()


def test_approving_publishes_a_company_wide_post_of_the_official_account(feed, brand,
                                                                        make_person):
    reader = make_person("rita")
    item = item_decide(actor=brand.curator, item=titled(feed, "Les réseaux sociaux"),
                       decision="approve")
    post = item.post
    assert post.author == brand.account and post.group is None
    assert post.audience_key == "company" and post.published_at is not None
    assert "Les réseaux sociaux d'entreprise" in post.body and item.url in post.body
    assert can_read_post(reader, post)
    assert item.decided_by == brand.curator and item.decided_at is not None
    event = Event.objects.filter(type="brand.highlighted").get()
    assert event.data["item"]["id"] == item.pk and event.data["item"]["post"] == post.pk
    assert list(highlights(reader)) == [item]


def test_featuring_shows_in_the_band_without_pinning_and_rejecting_withdraws(
        feed, brand, make_person):
    reader = make_person("rita")
    item = item_decide(actor=brand.curator, item=titled(feed, "Les réseaux sociaux"),
                       decision="feature")
    assert item.post.pinned_at is None and item.post.published_at is not None
    assert list(featured_highlights(reader)) == [item]
    item = item_decide(actor=brand.curator, item=item, decision="approve")
    item.post.refresh_from_db()
    assert item.post.pinned_at is None and list(featured_highlights(reader)) == []
    assert list(highlights(reader)) == [item]
    item = item_decide(actor=brand.curator, item=item, decision="reject")
    item.post.refresh_from_db()
    assert item.post.deleted_at is not None
    assert list(highlights(reader)) == []


def test_only_curators_decide(feed, make_person):
    with pytest.raises(Forbidden):
        item_decide(actor=make_person("rita"), item=feed.items.first(), decision="approve")


def test_an_item_for_a_secret_group_reaches_its_members_only(channels, brand, make_person):
    owner, outsider = make_person("olivia"), make_person("nora")
    group = group_create(actor=owner, name="Projet Atlas", visibility="secret")
    join_as(group, brand.curator, owner)
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")},
                          group=group)
    poll_source(source)
    item = item_decide(actor=brand.curator, item=source.items.first(), decision="approve")
    assert item.post.audience_key == f"group:{group.pk}"
    assert can_read_post(owner, item.post) and list(highlights(owner)) == [item]
    assert not can_read_post(outsider, item.post) and list(highlights(outsider)) == []
    event = Event.objects.get(type="brand.highlighted")
    assert event.audience == [f"group:{group.pk}"]
    with pytest.raises(Exception, match="No such"):
        item_share(actor=outsider, item=item)
    assert item_share(actor=owner, item=item) == 1


def test_a_caption_leads_the_post_and_follows_edits(feed, brand):
    item = item_decide(actor=brand.curator, item=titled(feed, "Les réseaux sociaux"),
                       decision="approve")
    item_set_caption(actor=brand.curator, item=item, caption="À lire absolument")
    item.post.refresh_from_db()
    assert item.post.body.startswith("À lire absolument")


def test_outside_text_mentions_nobody_inside(channels, brand, make_person):
    make_person("someone")
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><item><guid>1</guid>'
            b"<title>Thanks @someone and #innovation</title><description>Hello @someone"
            b"</description></item></channel></rss>")
    source = brand.source("rss", {"url": channels.serve("/m.xml", feed, "application/rss+xml")})
    poll_source(source)
    item = item_decide(actor=brand.curator, item=source.items.get(), decision="approve")
    assert item.post.mentions.count() == 0
    assert "/people/someone/" not in item.post.html
    assert list(item.post.topics.values_list("slug", flat=True)) == ["innovation"]


def test_rules_approve_reject_and_hold_on_their_own(channels, brand, settings):
    CurationRule.objects.create(label="No replies", action="reject", replies="yes")
    CurationRule.objects.create(label="Boosts wait", action="hold", reposts="yes", position=1)
    CurationRule.objects.create(label="Pictures go", action="approve", media="yes",
                                position=2)
    CurationRule.objects.create(label="Innovation", action="approve", words="innovation",
                                position=3)
    channels.serve("/api/v1/accounts/lookup", "mastodon/lookup.json")
    channels.serve("/api/v1/accounts/109876543210/statuses", "mastodon/statuses.json")
    source = brand.source("mastodon", {"server": channels.url, "account": "acme"})
    poll_source(source)
    states = {item.reason: item.state for item in source.items.all()}
    assert states.get("No replies") == ItemState.REJECTED
    assert states.get("Boosts wait") == ItemState.PENDING
    assert states.get("Pictures go") == ItemState.APPROVED
    approved = source.items.get(reason="Pictures go")
    assert approved.post is None  # published once its images are in
    fetch_images(approved.pk)
    approved.refresh_from_db()
    assert approved.post is not None and approved.post.author == brand.account
    assert approved.decided_by is None


def test_a_daily_cap_and_near_duplicates_hold_items(channels, brand):
    CurationRule.objects.create(label="Copy", action="reject", near_duplicate=True)
    CurationRule.objects.create(label="Cap", action="hold", daily_cap=2, position=1)
    CurationRule.objects.create(label="Auto", action="approve", position=2)
    text = "Acme opens a new training centre in Lyon for two hundred apprentices this year"
    entries = "".join(f'<item><guid isPermaLink="false">{n}</guid><title>News {n}</title>'
                      f"<description>{body}</description></item>" for n, body in enumerate(
                          [text, text + " today", "Quarterly results are up by ten percent",
                           "The cafeteria menu changes on Monday with new dishes"]))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{entries}</channel></rss>'
    source = brand.source("rss", {"url": channels.serve("/c.xml", feed.encode(),
                                                        "application/rss+xml")})
    poll_source(source)
    reasons = dict(source.items.values_list("external_id", "reason"))
    assert reasons == {"0": "Auto", "1": "Copy", "2": "Cap", "3": "Cap"}


def test_a_rejected_highlight_is_replayed_as_its_withdrawal(channels, brand, make_person,
                                                            api_for):
    reader = make_person("rita")
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")})
    poll_source(source)
    item = source.items.get(title__startswith="Les réseaux sociaux")
    since = latest_position()
    item_decide(actor=brand.curator, item=item, decision="approve")
    api = api_for(reader)
    assert [f["type"] for f in catch_up(api, since) if f["type"].startswith("brand.")] == [
        "brand.highlighted"]
    item_decide(actor=brand.curator, item=item, decision="reject")
    frames = catch_up(api, since)
    assert "Les réseaux sociaux" not in str(frames)
    assert {f["type"] for f in frames} == {"brand.withdrawn", "post.deleted"}


def test_a_source_cannot_target_a_secret_group_its_writer_is_not_in(brand, make_person,
                                                                    api_for):
    owner = make_person("olivia")
    secret = group_create(actor=owner, name="Projet Atlas", visibility="secret")
    api = api_for(brand.curator)
    body = {"connector": "rss", "name": "Blog", "settings": {"url": "https://example.com/"}}
    answers = [api.post("/api/v1/brand/sources/", {**body, "group": slug}, format="json")
               for slug in (secret.slug, "no-such-group")]
    assert [answer.status_code for answer in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()
    assert not secret.brand_sources.exists()


def test_sources_in_a_secret_group_are_listed_to_its_members_only(channels, brand,
                                                                  make_person, api_for):
    owner = make_person("olivia")
    secret = group_create(actor=owner, name="Projet Atlas", visibility="secret")
    join_as(secret, brand.curator, owner)
    source = brand.source("rss", {"url": channels.serve("/feed.xml", "rss/blog.xml")},
                          group=secret)
    colleague = make_person("cora")
    give_role(colleague, "Communications")
    listed = api_for(colleague).get("/api/v1/brand/sources/").json()
    assert secret.slug not in str(listed) and source.name not in str(listed)
    assert api_for(colleague).get(f"/api/v1/brand/sources/{source.pk}/").status_code == 404
    assert secret.slug in str(api_for(brand.curator).get("/api/v1/brand/sources/").json())
