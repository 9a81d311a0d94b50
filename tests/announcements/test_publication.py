"""Publication reaches exactly the audience: live event, notification, e-mail for
important ones; a scheduled announcement waits for its time, then the periodic job
publishes it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Revision

from intranet.announcements.models import AnnouncementPage
from intranet.announcements.selectors import announcements_for
from intranet.announcements.services.delivery import notify_audience_of
from intranet.announcements.tasks import publish_scheduled_pages
from intranet.core.models import Event
from intranet.core.site import site_home
from intranet.feeds.emails import email_one
from intranet.feeds.models import Notification
from tests.announcements.conftest import publish

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_exactly_department_and_group_members_are_told(company):
    sales, secret, _people = company
    page = publish("Nouvelle mutuelle", departments=[sales], groups=[secret],
                   importance="important")
    event = Event.objects.get(type="announcement.published")
    assert set(event.audience) == {f"department:{sales.pk}", f"member:{secret.pk}"}
    assert event.data["announcement"]["id"] == page.pk
    assert notify_audience_of(page) == 3
    told = set(Notification.objects.filter(kind="announcement")
               .values_list("recipient__username", flat=True))
    assert told == {"sara", "mike", "olivia"}
    for notification in Notification.objects.filter(kind="announcement"):
        assert notification.data["email"] is True
        assert email_one(notification.pk)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "mike@example.com", "olivia@example.com", "sara@example.com"]
    assert "Nouvelle mutuelle" in mail.outbox[0].subject


def test_information_is_not_e_mailed_and_edits_tell_nobody_again(company):
    sales, _secret, _people = company
    page = publish("Menu de la cantine", departments=[sales])
    notify_audience_of(page)
    assert Notification.objects.get(kind="announcement").data["email"] is False
    page.title = "Menu de la cantine (corrigé)"
    page.save_revision().publish()
    assert Event.objects.filter(type="announcement.published").count() == 1


def test_a_scheduled_announcement_appears_when_its_time_comes(company):
    _sales, _secret, people = company
    home = site_home()
    page = home.add_child(instance=AnnouncementPage(
        title="Fermeture estivale", live=False,
        go_live_at=timezone.now() + timedelta(hours=1)))
    revision = page.save_revision()
    revision.publish()
    page = AnnouncementPage.objects.get(pk=page.pk)
    assert not page.live and page not in announcements_for(people["other"])
    publish_scheduled_pages.call()
    assert not AnnouncementPage.objects.get(pk=page.pk).live
    assert not Event.objects.filter(type="announcement.published").exists()
    # Its time comes: the scheduled revision's go-live time is now in the past.
    past = timezone.now() - timedelta(seconds=1)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    publish_scheduled_pages.call()
    page = AnnouncementPage.objects.get(pk=page.pk)
    assert page.live and page in announcements_for(people["other"])
    assert Event.objects.filter(type="announcement.published").count() == 1


def test_widening_the_audience_and_republishing_reaches_the_newcomers_quietly(company):
    sales, secret, people = company
    page = publish("Déménagement du service", departments=[sales])
    assert page not in announcements_for(people["member"])
    page.groups.set([secret])
    page.save_revision().publish()
    assert page in announcements_for(people["member"])
    assert page in announcements_for(people["seller"])
    assert Event.objects.filter(type="announcement.published").count() == 1
