"""Notifications: who hears of what, batching, group events, mutes, settings, blocks; and
the e-mails: at once for a mention, a daily digest of the rest."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from intranet.feeds import emails
from intranet.feeds.models import Notification
from intranet.feeds.services.comments import comment_create, reaction_set
from intranet.feeds.services.posts import post_create
from intranet.feeds.services.social import block_person
from intranet.groups.models import JoinRequest, Membership, NotificationLevel
from intranet.groups.services import (
    group_join,
    group_leave,
    member_invite,
    member_remove,
    member_set_role,
    membership_set_notifications,
    request_decide,
)

pytestmark = pytest.mark.django_db


def inbox(api) -> list[dict]:
    response = api.get("/api/v1/notifications/")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def kinds(user) -> list[tuple[str, str]]:
    """(kind, first actor) of `user`'s notifications, newest first."""
    return [(n.kind, n.actors[0]["username"] if n.actors else "")
            for n in Notification.objects.filter(recipient=user)]


# Mentions


@pytest.mark.smoke
def test_a_mention_notifies_the_person_mentioned(company, make_person, api_for, publish):
    ana = make_person("ana")
    post = publish(company.hr, "Welcome @ana, and @ghost!")
    found = inbox(api_for(ana))
    assert len(found) == 1
    assert (found[0]["kind"], found[0]["post"], found[0]["read"]) == ("mention", post.pk, False)
    assert found[0]["actors"] == [{"username": "helen", "name": "Helen"}]
    assert found[0]["url"].endswith(f"/{post.pk}/")
    assert api_for(ana).get("/api/v1/notifications/").json()["unread"] == 1


def test_mentions_reach_only_people_who_may_read_the_post(company, publish):
    publish(company.member, "@nora @mona @helen look", group=company.private)
    assert kinds(company.moderator) == [("mention", "mike")]
    assert kinds(company.outsider) == []
    assert kinds(company.hr) == []


def test_mentions_respect_the_contact_policy(company, make_person, publish):
    shy = make_person("shy", contact_policy="nobody")
    selective = make_person("sel", contact_policy="groups")
    publish(company.hr, "Hello @shy and @sel")
    assert kinds(shy) == [] and kinds(selective) == []
    publish(company.member, "Hello @sel, in the club", group=company.open)
    assert kinds(selective) == []
    from tests.feeds.conftest import join_as

    join_as(company.open, selective, company.owner)
    publish(company.member, "Hello again @sel", group=company.open)
    assert kinds(selective)[0] == ("mention", "mike")
    assert [kind for kind, _who in kinds(selective)].count("mention") == 1


def test_mentioning_oneself_notifies_nobody(company, publish):
    publish(company.member, "Note to @mike", group=company.open)
    assert kinds(company.member) == []


def test_a_blocked_person_cannot_reach_me(company, publish):
    block_person(actor=company.moderator, person=company.member, on=True)
    post = publish(company.member, "@mona look", group=company.open)
    comment_create(actor=company.member, post=publish(company.moderator, "Mine",
                                                      group=company.open), body="@mona hey")
    reaction_set(actor=company.member, post=post, kind="like", on=True)
    mine = publish(company.moderator, "Another", group=company.open)
    reaction_set(actor=company.member, post=mine, kind="like", on=True)
    assert kinds(company.moderator) == []
    reaction_set(actor=company.owner, post=mine, kind="like", on=True)
    assert kinds(company.moderator) == [("reaction", "olivia")]


def test_editing_a_post_notifies_only_the_newly_mentioned(company, publish):
    from intranet.feeds.services.posts import post_edit

    post = publish(company.member, "Hi @mona", group=company.open)
    post_edit(actor=company.member, post=post, body="Hi @mona and @olivia")
    assert kinds(company.moderator) == [("mention", "mike")]
    assert kinds(company.owner) == [("mention", "mike")]


def test_a_scheduled_post_mentions_when_it_is_published(company, publish):
    from intranet.feeds.models import Post
    from intranet.feeds.services.posts import publish_due_posts

    post = publish(company.member, "Soon @mona", group=company.open,
                   publish_at=timezone.now() + timedelta(hours=1))
    assert kinds(company.moderator) == []
    Post.objects.filter(pk=post.pk).update(publish_at=timezone.now())
    publish_due_posts()
    assert kinds(company.moderator) == [("mention", "mike")]


# Comments and reactions


@pytest.mark.smoke
def test_comments_notify_the_author_and_earlier_commenters(company, make_person, publish):
    post = publish(company.member, "Thread", group=company.open)
    comment_create(actor=company.moderator, post=post, body="First")
    comment_create(actor=company.owner, post=post, body="Second")
    comment_create(actor=company.moderator, post=post, body="Third, @olivia")
    assert kinds(company.member) == [("comment", "mona"), ("comment", "olivia"),
                                     ("comment", "mona")]
    assert kinds(company.moderator) == [("reply", "olivia")]
    assert kinds(company.owner) == [("mention", "mona")]


def test_reactions_are_batched_into_one_notification(company, make_person, publish, api_for,
                                                     client_for):
    post = publish(company.member, "Like me", group=company.open)
    people = [make_person(name) for name in ("bea", "carl", "dan", "eve", "ana")]
    for person in people:
        reaction_set(actor=person, post=post, kind="like", on=True)
    reaction_set(actor=people[-1], post=post, kind="love", on=True)
    found = inbox(api_for(company.member))
    assert len(found) == 1
    assert found[0]["kind"] == "reaction" and found[0]["actor_count"] == 5
    assert found[0]["actors"][0] == {"username": "ana", "name": "Ana"}
    assert [a["username"] for a in found[0]["actors"]] == ["ana", "eve", "dan", "carl", "bea"]
    page = client_for(company.member).get("/feed/notifications/")
    assert page.status_code == 200
    assert "Ana and 4 others reacted" in page.content.decode()
    # once read, the next reaction starts a new notification
    api_for(company.member).post("/api/v1/notifications/read/", {}, format="json")
    reaction_set(actor=company.owner, post=post, kind="like", on=True)
    found = inbox(api_for(company.member))
    assert [(n["actor_count"], n["read"]) for n in found] == [(1, False), (5, True)]


def test_a_batch_counts_people_not_reactions(company, make_person, publish):
    post = publish(company.member, "Popular", group=company.open)
    people = [make_person(f"fan{n}") for n in range(12)]
    for person in people:
        reaction_set(actor=person, post=post, kind="like", on=True)
    for person in people:  # the first two have left the list of names shown
        reaction_set(actor=person, post=post, kind="celebrate", on=True)
    reaction_set(actor=people[0], post=post, kind="like", on=False)
    reaction_set(actor=people[0], post=post, kind="like", on=True)
    found = Notification.objects.get(recipient=company.member)
    assert found.actor_count == 12
    assert len(found.actors) == 10
    assert found.actors[0]["username"] == "fan11"


def test_reactions_to_a_comment_notify_its_author(company, publish):
    post = publish(company.member, "Thread", group=company.open)
    comment = comment_create(actor=company.moderator, post=post, body="Good point")
    reaction_set(actor=company.owner, post=post, comment=comment, kind="insightful", on=True)
    reaction_set(actor=company.member, post=post, comment=comment, kind="like", on=True)
    found = Notification.objects.get(recipient=company.moderator, kind="reaction")
    assert (found.comment_id, found.actor_count) == (comment.pk, 2)


def test_the_best_answer_notifies_the_commenter(company, publish):
    from intranet.feeds.services.posts import post_mark_best_answer

    post = publish(company.member, "How?", group=company.open, is_question=True)
    comment = comment_create(actor=company.moderator, post=post, body="Like this")
    post_mark_best_answer(actor=company.member, post=post, comment=comment)
    assert kinds(company.moderator) == [("best_answer", "mike")]


# Group events


def test_group_events_become_notifications(company, make_person, api_for):
    ana, bob = make_person("ana"), make_person("bob")
    group_join(actor=ana, group=company.private, message="Please")
    assert ("group", "ana") in kinds(company.owner)
    assert ("group", "ana") in kinds(company.moderator)
    request = JoinRequest.objects.get(user=ana)
    request_decide(actor=company.moderator, request=request, approve=True)
    member_invite(actor=company.owner, group=company.secret, invitee=bob)
    member_set_role(actor=company.owner, group=company.private, user=ana, role="moderator")
    member_remove(actor=company.owner, group=company.private, user=ana)
    events = [(n["data"]["event"], n["group"]) for n in inbox(api_for(ana))]
    assert events == [("group.removed", "women-in-tech"), ("group.role_changed", "women-in-tech"),
                      ("group.request_decided", "women-in-tech")]
    assert [(n["data"]["event"], n["group"]) for n in inbox(api_for(bob))] == [
        ("group.invited", company.secret.slug)]
    page = api_for(ana).get("/api/v1/notifications/").json()
    assert page["unread"] == 3


def test_joining_an_open_group_or_leaving_notifies_nobody(company, make_person):
    ana = make_person("ana")
    group_join(actor=ana, group=company.open)
    group_leave(actor=ana, group=company.open)
    assert not Notification.objects.exists()


# Mutes


def test_muting_a_group_silences_it(company, publish, api_for):
    api = api_for(company.moderator)
    assert api.post("/api/v1/groups/book-club/mute/", {"minutes": 60},
                    format="json").status_code == 200
    publish(company.member, "@mona in the club", group=company.open)
    publish(company.member, "@mona elsewhere", group=company.private)
    assert [n.post.body for n in Notification.objects.filter(recipient=company.moderator)] == [
        "@mona elsewhere"]
    assert api.delete("/api/v1/groups/book-club/mute/").status_code == 200
    publish(company.member, "@mona back in the club", group=company.open)
    assert Notification.objects.filter(recipient=company.moderator).count() == 2


def test_muting_a_thread_silences_it(company, publish, api_for):
    post = publish(company.moderator, "My thread", group=company.open)
    other = publish(company.moderator, "Another thread", group=company.open)
    api = api_for(company.moderator)
    assert api.post(f"/api/v1/posts/{post.pk}/mute/", {"minutes": 30},
                    format="json").status_code == 200
    comment_create(actor=company.member, post=post, body="Hello @mona")
    reaction_set(actor=company.member, post=post, kind="like", on=True)
    comment_create(actor=company.member, post=other, body="Hi")
    assert [n.post_id for n in Notification.objects.filter(recipient=company.moderator)] == [
        other.pk]


def test_muting_everything_silences_everything_for_a_while(company, publish, api_for):
    api = api_for(company.moderator)
    muted = api.post("/api/v1/me/mute/", {"minutes": 90}, format="json")
    assert muted.status_code == 200
    until = api.get("/api/v1/me/notification-settings/").json()["muted_until"]
    assert until is not None
    publish(company.member, "@mona!", group=company.open)
    group_join(actor=company.outsider, group=company.private)
    assert kinds(company.moderator) == []
    from intranet.feeds.models import NotificationSettings

    NotificationSettings.objects.filter(user=company.moderator).update(
        muted_until=timezone.now() - timedelta(seconds=1))
    publish(company.member, "@mona again", group=company.open)
    assert kinds(company.moderator) == [("mention", "mike")]
    api.post("/api/v1/me/mute/", {"minutes": 90}, format="json")
    assert api.delete("/api/v1/me/mute/").status_code == 200
    assert api.get("/api/v1/me/notification-settings/").json()["muted_until"] is None


@pytest.mark.parametrize("minutes", [0, -5, 10**9, "soon", None])
def test_a_mute_needs_a_sensible_duration(company, api_for, minutes):
    response = api_for(company.moderator).post("/api/v1/me/mute/", {"minutes": minutes},
                                               format="json")
    assert response.status_code == 400
    assert "minutes" in response.json()["error"]["fields"]


def test_one_may_not_mute_a_secret_group_one_cannot_see(company, api_for):
    response = api_for(company.outsider).post(f"/api/v1/groups/{company.secret.slug}/mute/",
                                              {"minutes": 5}, format="json")
    assert response.status_code == 404


# Settings


@pytest.mark.smoke
def test_notification_settings(company, publish, api_for):
    api = api_for(company.member)
    assert api.get("/api/v1/me/notification-settings/").json() == {
        "email_mentions": True, "daily_digest": True, "notify_reactions": True,
        "notify_comments": True, "muted_until": None}
    changed = api.patch("/api/v1/me/notification-settings/",
                        {"notify_reactions": False, "notify_comments": False}, format="json")
    assert changed.status_code == 200
    assert changed.json()["notify_reactions"] is False
    post = publish(company.member, "Quiet please", group=company.open)
    reaction_set(actor=company.moderator, post=post, kind="like", on=True)
    comment_create(actor=company.moderator, post=post, body="Hi")
    comment_create(actor=company.owner, post=post, body="Hi @mike")
    assert kinds(company.member) == [("mention", "olivia")]
    bad = api.patch("/api/v1/me/notification-settings/", {"notify_reactions": "maybe"},
                    format="json")
    assert bad.status_code == 400


# @group


@pytest.mark.parametrize("role", ["owner", "moderator"])
def test_a_moderator_writing_to_group_notifies_members_by_their_level(
        company, make_person, publish, role, django_capture_on_commit_callbacks):
    from intranet.feeds.services.posts import group_mention_notify
    from tests.feeds.conftest import join_as

    quiet, mentions = make_person("quiet"), make_person("menti")
    join_as(company.private, quiet, company.owner)
    join_as(company.private, mentions, company.owner)
    membership_set_notifications(actor=quiet, group=company.private,
                                 level=NotificationLevel.NONE)
    membership_set_notifications(actor=mentions, group=company.private,
                                 level=NotificationLevel.MENTIONS)
    author = company.owner if role == "owner" else company.moderator
    with django_capture_on_commit_callbacks() as enqueued:
        post = publish(author, "Meeting tomorrow, @group", group=company.private)
    # Nothing is written for the members inside the request: a job does it after commit.
    assert enqueued and not Notification.objects.filter(kind="group_mention").exists()
    group_mention_notify(post.pk)
    told = set(Notification.objects.filter(kind="group_mention")
               .values_list("recipient__username", flat=True))
    everyone = set(Membership.objects.filter(group=company.private)
                   .values_list("user__username", flat=True))
    assert told == everyone - {author.username, "quiet"}
    assert not Notification.objects.filter(recipient=company.outsider).exists()


def test_a_plain_member_writing_to_group_notifies_nobody(company, publish):
    publish(company.member, "Hey @group", group=company.private)
    assert not Notification.objects.exists()


def test_group_in_a_company_wide_post_notifies_nobody(company, publish):
    publish(company.hr, "Hey @group")
    assert not Notification.objects.exists()


# Reading


def test_marking_notifications_read(company, publish, api_for):
    for n in range(3):
        publish(company.member, f"{n} @mona", group=company.open)
    api = api_for(company.moderator)
    first, *_rest = inbox(api)
    marked = api.post("/api/v1/notifications/read/", {"ids": [first["id"]]}, format="json")
    assert marked.json() == {"marked": 1, "unread": 2}
    assert api.post("/api/v1/notifications/read/", {"ids": "all"},
                    format="json").status_code == 400
    # someone else's notification is not mine to mark
    theirs = publish(company.member, "@olivia", group=company.open)
    other = Notification.objects.get(recipient=company.owner, post=theirs)
    assert api.post("/api/v1/notifications/read/", {"ids": [other.pk]},
                    format="json").json()["marked"] == 0
    assert api.post("/api/v1/notifications/read/").json() == {"marked": 2, "unread": 0}
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_notifications_about_posts_i_can_no_longer_read_disappear(company, publish, api_for):
    publish(company.member, "Secret @mona", group=company.secret)
    api = api_for(company.moderator)
    assert len(inbox(api)) == 1
    group_leave(actor=company.moderator, group=company.secret)
    assert inbox(api) == []
    assert api.get("/api/v1/notifications/").json()["unread"] == 0


def test_notifications_of_a_deleted_post_disappear(company, publish, api_for):
    from intranet.feeds.services.posts import post_delete

    post = publish(company.member, "Oops @mona", group=company.open)
    post_delete(actor=company.member, post=post)
    assert inbox(api_for(company.moderator)) == []


def test_a_deleted_comment_takes_its_notifications_and_emails_with_it(company, publish,
                                                                      api_for):
    from intranet.feeds.services.comments import comment_delete

    post = publish(company.member, "Thread", group=company.open)
    comment = comment_create(actor=company.owner, post=post, body="@mona you are wrong")
    mention = Notification.objects.get(recipient=company.moderator)
    comment_delete(actor=company.owner, comment=comment)
    assert inbox(api_for(company.moderator)) == []
    assert inbox(api_for(company.member)) == []
    assert emails.email_one(mention.pk) is False
    assert emails.send_digests() == 0
    assert mail.outbox == []


# E-mail


@pytest.mark.smoke
def test_a_mention_is_emailed_at_once(company, make_person, publish):
    ana = make_person("ana")
    post = publish(company.member, "@ana have a look at this", group=company.open)
    notification = Notification.objects.get(recipient=ana)
    assert emails.email_one(notification.pk) is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.com"]
    assert "Mike" in message.subject
    assert "have a look at this" in message.body
    assert f"/{post.pk}/" in message.body
    assert emails.email_one(notification.pk) is False
    assert len(mail.outbox) == 1


def test_no_mention_email_once_read_or_out_of_reach(company, make_person, publish, api_for):
    read = publish(company.member, "@mona read this", group=company.open)
    api_for(company.moderator).post("/api/v1/notifications/read/")
    assert emails.email_one(Notification.objects.get(post=read).pk) is False
    secret = publish(company.member, "@mona secret", group=company.secret)
    group_leave(actor=company.moderator, group=company.secret)
    assert emails.email_one(Notification.objects.get(post=secret).pk) is False
    assert mail.outbox == []


def run_worker() -> int:
    from intranet.core.background.worker import Worker

    # periodic jobs are not this test's business
    return Worker(queues=["email", "default", "fetch"],
                  periodic_interval=float("inf")).run(until_idle=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_posting_a_mention_enqueues_its_email(make_person, database_queue):
    from intranet.groups.services import group_create

    ana, bob = make_person("ana"), make_person("bob")
    quiet = make_person("quiet")
    from intranet.feeds.services.notifications import settings_update

    settings_update(actor=quiet, changes={"email_mentions": False})
    group = group_create(actor=bob, name="Club")
    post_create(actor=bob, body="@ana and @quiet, see this", group=group)
    assert run_worker() >= 1
    assert [m.to for m in mail.outbox] == [["ana@example.com"]]
    assert "see this" in mail.outbox[0].body
    assert Notification.objects.get(recipient=ana).emailed_at is not None
    assert Notification.objects.get(recipient=quiet).emailed_at is None
    assert run_worker() == 0
    assert len(mail.outbox) == 1


def test_posting_a_mention_enqueues_its_email_on_commit(company, make_person,
                                                        database_queue,
                                                        django_capture_on_commit_callbacks):
    from intranet.core.models import Job

    with django_capture_on_commit_callbacks(execute=True):
        post_create(actor=company.member, body="@mona look", group=company.open)
    assert Job.objects.filter(task_path="intranet.feeds.tasks.email_notifications").count() == 1


def digest_of(user) -> str:
    found = [m for m in mail.outbox if m.to == [user.email]]
    assert len(found) == 1, [m.subject for m in found]
    return found[0].body


def test_the_daily_digest_groups_by_thread_and_never_repeats(company, make_person, publish):
    post = publish(company.member, "Plans for the summer party", group=company.open)
    comment_create(actor=company.moderator, post=post, body="Count me in")
    comment_create(actor=company.owner, post=post, body="Me too")
    reaction_set(actor=company.outsider, post=post, kind="like", on=True)
    other = publish(company.member, "Book of the month", group=company.open)
    comment_create(actor=company.moderator, post=other, body="Dune")
    mention = publish(company.owner, "@mike see the agenda", group=company.open)
    emails.email_one(Notification.objects.get(post=mention, recipient=company.member).pk)
    mail.outbox.clear()

    assert emails.send_digests() >= 1
    body = digest_of(company.member)
    assert body.count("Plans for the summer party") == 1
    assert body.count("Book of the month") == 1
    assert "see the agenda" not in body  # already e-mailed at once
    assert "Mona commented on your post" in body and "Olivia commented on your post" in body
    assert "Nora reacted to what you wrote" in body
    assert body.index("Plans for the summer party") < body.index("Olivia commented")
    assert f"/{post.pk}/" in body and f"/{other.pk}/" in body
    subject = next(m.subject for m in mail.outbox if m.to == [company.member.email])
    assert "4 things" in subject

    mail.outbox.clear()
    assert emails.send_digests() == 0
    assert mail.outbox == []


def test_the_digest_leaves_out_what_was_read_and_those_who_opted_out(company, publish,
                                                                    api_for):
    publish(company.member, "@mona hello", group=company.open)
    publish(company.member, "@olivia hello", group=company.open)
    api_for(company.moderator).post("/api/v1/notifications/read/")
    api_for(company.owner).patch("/api/v1/me/notification-settings/",
                                 {"daily_digest": False}, format="json")
    assert emails.send_digests() == 0
    assert mail.outbox == []


def test_the_digest_never_shows_a_group_the_reader_left(company, publish):
    secret = publish(company.moderator, "Atlas: the launch date", group=company.secret)
    comment_create(actor=company.owner, post=secret, body="Noted")
    publish(company.owner, "Open news for @mona", group=company.open)
    Notification.objects.update(emailed_at=None)
    group_leave(actor=company.moderator, group=company.secret)
    emails.send_digests()
    body = digest_of(company.moderator)
    assert "Open news" in body
    assert "Atlas" not in body and "launch date" not in body
    # nor later, if they come back
    mail.outbox.clear()
    assert emails.send_digests() == 0


def test_a_digest_item_batched_again_is_not_lost(company, make_person, publish):
    post = publish(company.member, "Like me", group=company.open)
    reaction_set(actor=company.moderator, post=post, kind="like", on=True)
    emails.send_digests()
    mail.outbox.clear()
    reaction_set(actor=company.owner, post=post, kind="like", on=True)
    emails.send_digests()
    assert "Olivia and 1 other reacted to what you wrote" in digest_of(company.member)
    mail.outbox.clear()
    assert emails.send_digests() == 0


@override_settings(LANGUAGE_CODE="en")
def test_a_group_event_appears_in_the_digest(company, make_person):
    ana = make_person("ana")
    group_join(actor=ana, group=company.private, message="Hi")
    emails.send_digests()
    assert "Ana asks to join Women in Tech" in digest_of(company.owner)


def test_ten_requests_to_join_are_one_entry_that_opens_the_requests(company, make_person,
                                                                     client_for):
    for number in range(10):
        group_join(actor=make_person(f"asker{number}", first_name=f"Asker{number}"),
                   group=company.private, message="Hello")
    mine = Notification.objects.filter(recipient=company.owner)
    assert mine.count() == 1
    entry = mine.get()
    assert entry.actor_count == 10 and entry.actors[0]["name"].startswith("Asker9")
    page = client_for(company.owner).get("/feed/notifications/").content.decode()
    assert "Asker9 and 9 others ask to join Women in Tech" in page
    assert f'href="/groups/{company.private.slug}/requests/"' in page
    client_for(company.owner).post("/feed/notifications/read/")
    group_join(actor=make_person("late", first_name="Late"), group=company.private)
    assert Notification.objects.filter(recipient=company.owner, read_at__isnull=True).get(
        ).actor_count == 1
