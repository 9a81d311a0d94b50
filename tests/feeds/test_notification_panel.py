"""Notifications as people read them: on the page and in the bell's panel, each entry
says who (an avatar), what and a preview of the text it is about; unread ones stand out;
what is shown is marked read; nothing previews text the reader may no longer read."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intranet.feeds.models import Notification, Post
from intranet.feeds.services.comments import comment_create, comment_delete
from intranet.feeds.services.social import block_person
from intranet.groups.services import group_join, group_update
from intranet.people.services import profile_ensure, profile_update
from tests.feeds.conftest import png

pytestmark = pytest.mark.django_db

PAGE = "/feed/notifications/"
PANEL = "/feed/notifications/panel/"
READ = "/feed/notifications/read/"


def entries(html: str) -> list[str]:
    return re.findall(r'<li class="notification.*?</li>', html, flags=re.S)


def test_an_entry_says_who_what_and_shows_a_preview_marked_unread(company, make_person,
                                                                  publish, client_for):
    ana = make_person("ana", first_name="Ana", last_name="Lima")
    publish(company.member, "Hello @ana, the **roadmap** for 2027 is <ready> & waiting",
            group=company.open)
    html = client_for(ana).get(PAGE).content.decode()
    [entry] = entries(html)
    assert "Mike mentioned you" in entry
    assert 'class="avatar initials"' in entry and ">M</span>" in entry
    assert "the roadmap for 2027 is &lt;ready&gt; &amp; waiting" in entry
    assert "<strong>" not in entry
    assert 'class="notification unread"' in entry
    assert "Unread:" in entry and 'class="unread-dot"' in entry
    assert "just now" in entry


def test_a_long_text_is_cut_to_a_short_preview(company, make_person, publish, client_for):
    ana = make_person("ana")
    publish(company.member, "@ana " + "word " * 100, group=company.open)
    [entry] = entries(client_for(ana).get(PANEL).content.decode())
    preview = re.search(r'<p class="preview">(.*?)</p>', entry, flags=re.S).group(1)
    assert len(preview) <= 140 and preview.endswith("…")


def test_a_comment_is_previewed_by_its_own_text(company, publish, client_for):
    post = publish(company.owner, "Our plans for the club", group=company.open)
    comment_create(actor=company.member, post=post, body="I can host the next meeting")
    [entry] = entries(client_for(company.owner).get(PAGE).content.decode())
    assert "Mike commented on your post" in entry
    assert "I can host the next meeting" in entry
    assert "Our plans for the club" not in entry


def test_the_page_marks_what_it_shows_read_after_showing_it_as_new(company, make_person,
                                                                   publish, client_for):
    ana = make_person("ana")
    for number in range(3):
        publish(company.member, f"Note {number} for @ana", group=company.open)
    client = client_for(ana)
    first = client.get(PAGE).content.decode()
    assert len([e for e in entries(first) if 'class="notification unread"' in e]) == 3
    # The badge on that same page counts only what is still unread: nothing.
    assert re.search(r'class="unread-count" data-unread="0"></span>', first)
    assert not Notification.objects.filter(recipient=ana, read_at__isnull=True).exists()
    second = client.get(PAGE).content.decode()
    assert len(entries(second)) == 3
    assert "Unread:" not in second and 'class="notification unread"' not in second


def test_the_panel_shows_the_newest_eight_and_marks_nothing_itself(company, make_person,
                                                                   publish, client_for):
    ana = make_person("ana")
    for number in range(10):
        publish(company.member, f"Note {number} for @ana", group=company.open)
    html = client_for(ana).get(PANEL).content.decode()
    assert len(entries(html)) == 8
    assert "Note 9 for" in html and "Note 1 for" not in html
    assert "See all notifications" in html and 'action="/feed/notifications/read/"' in html
    assert "<html" not in html
    assert Notification.objects.filter(recipient=ana, read_at__isnull=True).count() == 10


def test_marking_given_ids_read_answers_what_is_left(company, make_person, publish,
                                                     client_for):
    ana = make_person("ana")
    for number in range(3):
        publish(company.member, f"Note {number} for @ana", group=company.open)
    first, second, _third = Notification.objects.filter(recipient=ana)
    answer = client_for(ana).post(READ, {"id": [first.pk, second.pk]},
                                  headers={"X-Requested-With": "fetch"})
    assert answer.status_code == 200
    assert answer.json() == {"marked": 2, "unread": 1}
    # Without a script, marking all goes back to the page.
    answer = client_for(ana).post(READ)
    assert answer.status_code == 302 and answer["Location"] == PAGE
    assert not Notification.objects.filter(recipient=ana, read_at__isnull=True).exists()


def test_nobody_marks_another_persons_notifications(company, make_person, publish,
                                                   client_for):
    ana, bob = make_person("ana"), make_person("bob")
    publish(company.member, "Hello @ana", group=company.open)
    publish(company.member, "Hello @bob", group=company.open)
    anas = Notification.objects.get(recipient=ana)
    answer = client_for(bob).post(READ, {"id": [anas.pk]}, headers={"X-Requested-With": "fetch"})
    assert answer.json() == {"marked": 0, "unread": 1}
    assert Notification.objects.get(pk=anas.pk).read_at is None
    # Nor by opening their own page or panel.
    client_for(bob).get(PAGE)
    client_for(bob).get(PANEL)
    assert Notification.objects.get(pk=anas.pk).read_at is None


@pytest.mark.parametrize("bad", ["abc", "-1", "1.5", "", "١٢", "²", "9" * 30,
                                 str(2**63), "1e9"])
def test_nonsense_ids_are_refused_not_a_crash(company, make_person, publish, client_for, bad):
    ana = make_person("ana")
    publish(company.member, "Hello @ana", group=company.open)
    client = client_for(ana)
    for headers in ({"X-Requested-With": "fetch"}, {}):
        answer = client.post(READ, {"id": ["1", bad]}, headers=headers)
        assert answer.status_code == 400, (bad, answer.status_code)
    assert Notification.objects.get(recipient=ana).read_at is None


def test_huge_ids_through_the_api_are_refused_too(company, make_person, publish, api_for):
    ana = make_person("ana")
    publish(company.member, "Hello @ana", group=company.open)
    answer = api_for(ana).post("/api/v1/notifications/read/", {"ids": [10**30]},
                               format="json")
    assert answer.status_code == 400


def test_marking_needs_a_post_and_a_csrf_token(company, make_person, publish):
    ana = make_person("ana")
    publish(company.member, "Hello @ana", group=company.open)
    client = Client(enforce_csrf_checks=True)
    client.force_login(ana)
    assert client.get(READ).status_code == 405
    assert client.post(READ, {"id": [Notification.objects.get().pk]}).status_code == 403
    assert Notification.objects.get().read_at is None


def test_no_preview_of_a_post_that_moved_out_of_reach(company, publish, client_for):
    publish(company.member, "Confidential numbers @nora", group=company.open)
    assert "Confidential numbers" in client_for(company.outsider).get(PANEL).content.decode()
    group_update(actor=company.owner, group=company.open, changes={"visibility": "secret"})
    for address in (PAGE, PANEL):
        html = client_for(company.outsider).get(address).content.decode()
        assert "Confidential numbers" not in html and entries(html) == []


def test_no_preview_of_a_post_moved_into_a_secret_group(company, publish, client_for):
    post = publish(company.member, "Quarterly figures @nora @mona", group=company.open)
    Post.objects.filter(pk=post.pk).update(group=company.secret,
                                           audience_key=f"group:{company.secret.pk}")
    for address in (PAGE, PANEL):
        html = client_for(company.outsider).get(address).content.decode()
        assert "Quarterly figures" not in html and entries(html) == []
    # Its members still read it.
    assert "Quarterly figures" in client_for(company.moderator).get(PANEL).content.decode()


def test_never_the_text_of_a_deleted_comment(company, publish, client_for):
    post = publish(company.owner, "Ideas for the party", group=company.open)
    comment = comment_create(actor=company.member, post=post, body="Karaoke, obviously")
    assert "Karaoke" in client_for(company.owner).get(PANEL).content.decode()
    comment_delete(actor=company.member, comment=comment)
    for address in (PAGE, PANEL):
        assert "Karaoke" not in client_for(company.owner).get(address).content.decode()


def test_no_preview_of_a_deleted_post(company, make_person, publish, client_for):
    ana = make_person("ana")
    post = publish(company.member, "Draft of the memo @ana", group=company.open)
    Post.objects.filter(pk=post.pk).update(deleted_at=timezone.now())
    assert "Draft of the memo" not in client_for(ana).get(PAGE).content.decode()


def test_no_preview_of_words_by_someone_the_reader_blocked(company, make_person, publish,
                                                           client_for):
    ana = make_person("ana")
    publish(company.member, "You will read this @ana", group=company.open)
    block_person(actor=ana, person=company.member, on=True)
    assert "You will read this" not in client_for(ana).get(PAGE).content.decode()


def test_an_actors_photo_follows_their_privacy(company, make_person, publish, client_for):
    ana = make_person("ana")
    for name, seen_by in (("shy", "private"), ("open", "everyone")):
        person = make_person(name)
        profile_update(actor=person, profile=profile_ensure(user=person),
                       changes={"photo": png(), "privacy": {"photo": seen_by}})
        group_join(actor=person, group=company.open)
        publish(person, f"Hi @ana from {name}", group=company.open)
    newest, oldest = entries(client_for(ana).get(PAGE).content.decode())
    assert "from open" in newest and '<img class="avatar"' in newest
    assert "from shy" in oldest and "<img" not in oldest and ">S</span>" in oldest


def test_listing_takes_as_many_queries_for_many_people_as_for_one(company, make_person,
                                                                 publish, client_for):
    ana = make_person("ana")
    client = client_for(ana)

    def queries() -> int:
        Notification.objects.filter(recipient=ana).update(read_at=None)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PANEL).status_code == 200
        return len(captured)

    first = make_person("first")
    group_join(actor=first, group=company.open)
    publish(first, "One @ana", group=company.open)
    client.get(PANEL)  # the day's first request records ana as active once, not every time
    few = queries()
    for number in range(7):
        person = make_person(f"person{number}")
        group_join(actor=person, group=company.open)
        post = publish(person, f"Many @ana {number}", group=company.open)
        comment_create(actor=person, post=post, body="and a comment @ana")
    assert queries() == few
