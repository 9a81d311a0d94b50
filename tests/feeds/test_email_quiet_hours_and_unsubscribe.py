"""Notification e-mails wait for the end of a person's quiet hours, and each carries a
one-click unsubscribe link (RFC 8058) that turns its stream off."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from intranet.core.models import Job
from intranet.feeds import emails
from intranet.feeds.models import Notification, NotificationSettings
from intranet.feeds.services.notifications import settings_of, settings_update, unsubscribe_token

EVENING, MORNING = time(20, 0), time(8, 0)


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_default_timezone())


TODAY = timezone.localdate()
TOMORROW = TODAY + timedelta(days=1)


def jobs(task: str) -> list[Job]:
    return list(Job.objects.filter(task_path=f"intranet.feeds.tasks.{task}"))


def quiet(person, start: time = EVENING, end: time = MORNING) -> None:
    settings_update(actor=person, changes={"quiet_from": start, "quiet_until": end})


# When quiet hours are


@pytest.mark.parametrize(("start", "end", "at", "ends"), [
    (EVENING, MORNING, local(TODAY, time(22, 0)), local(TOMORROW, MORNING)),  # before 0:00
    (EVENING, MORNING, local(TODAY, time(3, 0)), local(TODAY, MORNING)),      # after 0:00
    (EVENING, MORNING, local(TODAY, EVENING), local(TOMORROW, MORNING)),      # start: in
    (EVENING, MORNING, local(TODAY, MORNING), None),                          # end: out
    (EVENING, MORNING, local(TODAY, time(12, 0)), None),
    (time(12, 0), time(14, 0), local(TODAY, time(13, 0)), local(TODAY, time(14, 0))),
    (time(12, 0), time(14, 0), local(TODAY, time(15, 0)), None),
    (time(12, 0), time(14, 0), local(TODAY, time(11, 59)), None),
    (None, None, local(TODAY, time(22, 0)), None),
])
def test_quiet_hours_may_wrap_midnight(start, end, at, ends):
    preferences = NotificationSettings(quiet_from=start, quiet_until=end)
    assert preferences.quiet_end(at) == ends
    # the same moment written in UTC is the same answer
    assert preferences.quiet_end(at.astimezone(UTC)) == ends


# The e-mail sent at once


def test_a_mention_in_quiet_hours_is_held_then_sent_exactly_once(company, make_person,
                                                                   publish, database_queue):
    ana = make_person("ana")
    quiet(ana)
    publish(company.member, "@ana have a look at this", group=company.open)
    notification = Notification.objects.get(recipient=ana)

    assert emails.email_one(notification.pk, now=local(TODAY, time(22, 0))) is False
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None
    [held] = jobs("email_notifications")
    assert held.run_after == local(TOMORROW, MORNING)
    assert held.args_kwargs["args"] == [[notification.pk]]

    # the job enqueued again runs when quiet hours end
    assert emails.email_many(*held.args_kwargs["args"], now=held.run_after) == 1
    assert [m.to for m in mail.outbox] == [["ana@example.com"]]
    assert "have a look at this" in mail.outbox[0].body
    # never twice: not by the job run again, nor by the next digest
    assert emails.email_many([notification.pk], now=held.run_after) == 0
    assert emails.send_digests(now=held.run_after + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1
    assert len(jobs("email_notifications")) == 1


def test_a_held_mention_told_by_a_digest_is_not_emailed_again(company, make_person, publish,
                                                               database_queue):
    ana = make_person("ana")
    quiet(ana)
    publish(company.member, "@ana the agenda", group=company.open)
    notification = Notification.objects.get(recipient=ana)
    emails.email_one(notification.pk, now=local(TODAY, time(23, 0)))
    after = local(TOMORROW, time(8, 30))
    assert emails.send_digests(now=after) >= 1
    assert "the agenda" in next(m.body for m in mail.outbox if m.to == [ana.email])
    assert emails.email_one(notification.pk, now=after) is False
    assert len([m for m in mail.outbox if m.to == [ana.email]]) == 1


def test_outside_quiet_hours_a_mention_goes_at_once(company, make_person, publish,
                                                   database_queue):
    ana = make_person("ana")
    quiet(ana)
    publish(company.member, "@ana lunch?", group=company.open)
    notification = Notification.objects.get(recipient=ana)
    assert emails.email_one(notification.pk, now=local(TODAY, time(12, 0))) is True
    assert len(mail.outbox) == 1
    assert jobs("email_notifications") == []


def test_turning_mentions_off_while_held_cancels_the_email(company, make_person, publish,
                                                          database_queue):
    ana = make_person("ana")
    quiet(ana)
    publish(company.member, "@ana psst", group=company.open)
    notification = Notification.objects.get(recipient=ana)
    emails.email_one(notification.pk, now=local(TODAY, time(22, 0)))
    settings_update(actor=ana, changes={"email_mentions": False})
    assert emails.email_one(notification.pk, now=local(TOMORROW, MORNING)) is False
    assert mail.outbox == []


# The digest


def test_the_digest_waits_for_the_end_of_quiet_hours(company, publish, database_queue):
    quiet(company.moderator, time(22, 0), time(7, 30))
    publish(company.owner, "News for @mona", group=company.open)
    publish(company.owner, "News for @mike", group=company.open)
    night = local(TOMORROW, time(3, 0))
    emails.send_digests(now=night)
    assert [m.to for m in mail.outbox] == [[company.member.email]]  # not the quiet one
    [held] = jobs("send_held_digests")
    assert held.run_after == local(TOMORROW, time(7, 30))
    assert held.args_kwargs["args"] == [[company.moderator.pk]]
    assert Notification.objects.get(recipient=company.moderator).emailed_at is None

    mail.outbox.clear()
    assert emails.send_digests(now=held.run_after, user_ids=[company.moderator.pk]) == 1
    assert "News for @mona" in mail.outbox[0].body
    assert mail.outbox[0].to == [company.moderator.email]
    mail.outbox.clear()
    assert emails.send_digests(now=held.run_after + timedelta(hours=1)) == 0
    assert mail.outbox == []


# The unsubscribe headers and link


def assert_one_click(message, user, stream: str) -> str:
    from django.conf import settings

    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith(f"<{settings.BASE_URL}/feed/notifications/unsubscribe/")
    assert link.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = link[1:-1]
    assert message.body.rstrip().endswith(url)  # visible at the end of the text
    assert message.body.count(url) == 1
    token = url.rstrip("/").rsplit("/", 1)[1]
    from intranet.feeds.services.notifications import unsubscribe_target

    assert unsubscribe_target(token) == (user, stream)
    return url.removeprefix(settings.BASE_URL)


def test_every_notification_email_has_a_one_click_unsubscribe(company, make_person,
                                                              publish):
    from intranet.people.models import Department
    from tests.announcements.conftest import publish as publish_announcement

    sales = Department.objects.create(name="Sales")
    ana = make_person("ana", department=sales)
    publish(company.member, "@ana have a look", group=company.open)
    emails.email_one(Notification.objects.get(recipient=ana, kind="mention").pk)
    assert_one_click(mail.outbox[-1], ana, "mentions")

    from intranet.announcements.services.delivery import notify_audience_of

    page = publish_announcement("Nouvelle mutuelle", departments=[sales],
                                importance="important")
    notify_audience_of(page)
    assert emails.email_one(Notification.objects.get(recipient=ana, kind="announcement").pk)
    assert "Nouvelle mutuelle" in mail.outbox[-1].subject
    assert_one_click(mail.outbox[-1], ana, "announcements")

    post = publish(company.member, "Summer party", group=company.open)
    from intranet.feeds.services.comments import comment_create

    comment_create(actor=company.moderator, post=post, body="Count me in")
    mail.outbox.clear()
    emails.send_digests()
    digest = next(m for m in mail.outbox if m.to == [company.member.email])
    assert_one_click(digest, company.member, "digest")


# The unsubscribe page


@pytest.mark.parametrize(("stream", "field"), [("mentions", "email_mentions"),
                                                ("announcements", "email_mentions"),
                                                ("digest", "daily_digest")])
def test_a_one_click_post_turns_that_stream_off(make_person, stream, field):
    from django.test import Client

    ana = make_person("ana")
    url = f"/feed/notifications/unsubscribe/{unsubscribe_token(ana, stream)}/"
    # as a mail client does: no session, no CSRF token
    answer = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200
    preferences = settings_of(ana.pk)
    assert getattr(preferences, field) is False
    others = {"email_mentions", "daily_digest", "notify_reactions", "notify_comments"} - {field}
    assert all(getattr(preferences, other) for other in others)
    # twice is harmless
    assert Client(enforce_csrf_checks=True).post(url).status_code == 200


def test_a_get_only_shows_the_button(make_person):
    from django.test import Client

    ana = make_person("ana")
    url = f"/feed/notifications/unsubscribe/{unsubscribe_token(ana, 'digest')}/"
    answer = Client().get(url)  # a link scanner, signed out
    assert answer.status_code == 200
    page = answer.content.decode()
    assert '<form method="post"' in page and "<button" in page
    assert settings_of(ana.pk).daily_digest is True
    assert settings_of(ana.pk).email_mentions is True


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
    lambda token: "x" + token,
    lambda token: "nonsense",
])
def test_a_tampered_token_is_not_found_and_changes_nothing(make_person, tamper):
    from django.test import Client

    ana = make_person("ana")
    bad = tamper(unsubscribe_token(ana, "mentions"))
    for method in ("get", "post"):
        answer = getattr(Client(), method)(f"/feed/notifications/unsubscribe/{bad}/")
        assert answer.status_code == 404
    preferences = settings_of(ana.pk)
    assert preferences.email_mentions is True and preferences.daily_digest is True


def test_a_token_signed_for_another_purpose_is_refused(make_person):
    from django.core import signing
    from django.test import Client

    ana = make_person("ana")
    for token in (signing.dumps({"user": ana.pk, "stream": "digest"}),  # unsalted
                  signing.dumps({"user": ana.pk, "stream": "notify_reactions"},
                                salt="intranet.feeds.unsubscribe")):
        answer = Client().post(f"/feed/notifications/unsubscribe/{token}/")
        assert answer.status_code == 404
    preferences = settings_of(ana.pk)
    assert preferences.daily_digest is True and preferences.notify_reactions is True


def test_a_token_for_one_person_cannot_change_another(make_person, client_for):
    ana, bob = make_person("ana"), make_person("bob")
    # even posted from bob's own session, ana's token changes only ana
    token = unsubscribe_token(ana, "digest")
    assert client_for(bob).post(f"/feed/notifications/unsubscribe/{token}/").status_code == 200
    assert settings_of(ana.pk).daily_digest is False
    assert settings_of(bob.pk).daily_digest is True
    # and swapping the person inside a signed token breaks its signature
    payload, rest = token.split(":", 1)
    from django.core.signing import b64_decode, b64_encode

    forged = b64_encode(b64_decode(payload.encode()).replace(
        f'"user":{ana.pk}'.encode(), f'"user":{bob.pk}'.encode())).decode()
    answer = client_for(bob).post(f"/feed/notifications/unsubscribe/{forged}:{rest}/")
    assert answer.status_code == 404
    assert settings_of(bob.pk).daily_digest is True


# The settings form


def test_the_settings_form_saves_quiet_hours(make_person, client_for):
    ana = make_person("ana")
    client = client_for(ana)
    shown = client.get(reverse("people:settings"))
    assert shown.status_code == 200
    assert 'name="quiet_from"' in shown.content.decode()
    answer = client.post("/feed/notifications/settings/", {
        "email_mentions": "on", "daily_digest": "on", "quiet_from": "20:00",
        "quiet_until": "08:00"})
    assert answer.status_code == 302
    preferences = settings_of(ana.pk)
    assert (preferences.quiet_from, preferences.quiet_until) == (EVENING, MORNING)
    assert preferences.email_mentions and preferences.daily_digest
    assert not preferences.notify_reactions and not preferences.notify_comments
    # and clearing both turns them off
    client.post("/feed/notifications/settings/", {"quiet_from": "", "quiet_until": ""})
    preferences = settings_of(ana.pk)
    assert (preferences.quiet_from, preferences.quiet_until) == (None, None)


@pytest.mark.parametrize("times", [{"quiet_from": "20:00", "quiet_until": ""},
                                   {"quiet_from": "", "quiet_until": "08:00"},
                                   {"quiet_from": "20:00", "quiet_until": "20:00"},
                                   {"quiet_from": "25:99", "quiet_until": "08:00"}])
def test_the_settings_form_refuses_half_quiet_hours_and_saves_nothing(make_person,
                                                                      client_for, times):
    ana = make_person("ana")
    client = client_for(ana)
    # all switches off and invalid times: nothing of it is saved
    answer = client.post("/feed/notifications/settings/", times)
    assert answer.status_code == 400
    page = answer.content.decode()
    assert 'name="quiet_from"' in page and 'class="errorlist' in page
    assert f'value="{times["quiet_from"]}"' in page or not times["quiet_from"]
    preferences = settings_of(ana.pk)
    assert preferences.email_mentions and preferences.daily_digest
    assert preferences.notify_reactions and preferences.notify_comments
    assert (preferences.quiet_from, preferences.quiet_until) == (None, None)


def test_the_service_refuses_half_quiet_hours(make_person):
    from intranet.core.errors import Invalid

    ana = make_person("ana")
    with pytest.raises(Invalid):
        settings_update(actor=ana, changes={"quiet_from": EVENING, "daily_digest": False})
    preferences = settings_of(ana.pk)
    assert preferences.quiet_from is None and preferences.daily_digest is True


