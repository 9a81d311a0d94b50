"""The automatic reminder before an acknowledgement's due date."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageLogEntry

from intranet.announcements.models import AutomaticReminder
from intranet.announcements.services.delivery import remind_before_due
from intranet.announcements.services.receipts import acknowledge
from intranet.core.background.periodic import registered
from intranet.feeds.models import Notification
from tests.announcements.conftest import publish

pytestmark = pytest.mark.django_db


def reminded(page) -> set[str]:
    return set(Notification.objects.filter(kind="announcement", target_id=page.pk,
                                           data__reminder=True)
               .values_list("recipient__username", flat=True))


@pytest.fixture
def sales_team(company, make_person):
    sales, _secret, people = company
    make_person("sven", department=sales)
    return sales, people


def test_those_outstanding_are_reminded_once_before_the_due_date(sales_team):
    sales, people = sales_team
    page = publish("Charte", departments=[sales], importance="ack_required",
                   ack_due=timezone.now() + timedelta(hours=30))
    acknowledge(user=people["seller"], page=page)
    assert remind_before_due() == {page.pk: 1}
    assert reminded(page) == {"sven"}
    assert remind_before_due() == {}  # a second run, or another worker, sends nothing
    assert reminded(page) == {"sven"}
    assert AutomaticReminder.objects.get(page=page).reminded == 1
    entry = PageLogEntry.objects.get(page=page, action="intranet.announcement.remind")
    assert entry.user is None and entry.data == {"reminded": 1, "automatic": True}


def test_a_claimed_reminder_is_not_sent_again(sales_team):
    sales, _people = sales_team
    page = publish("Charte", departments=[sales], importance="ack_required",
                   ack_due=timezone.now() + timedelta(hours=30))
    AutomaticReminder.objects.create(page=page, due=page.ack_due)
    assert remind_before_due() == {} and reminded(page) == set()


@override_settings(ANNOUNCEMENT_REMINDER_HOURS=48)
def test_not_too_early_not_after_the_due_date_and_only_when_asked(sales_team):
    sales, _people = sales_team
    now = timezone.now()
    early = publish("Early", departments=[sales], importance="ack_required",
                    ack_due=now + timedelta(hours=49))
    late = publish("Late", departments=[sales], importance="ack_required",
                   ack_due=now - timedelta(minutes=1))
    info = publish("Info", departments=[sales], importance="info",
                   ack_due=now + timedelta(hours=2))
    assert remind_before_due(now) == {}
    assert remind_before_due(now + timedelta(hours=2)) == {early.pk: 2}
    assert reminded(late) == reminded(info) == set()


def test_a_new_due_date_gets_its_own_reminder(sales_team):
    sales, _people = sales_team
    page = publish("Charte", departments=[sales], importance="ack_required",
                   ack_due=timezone.now() + timedelta(hours=3))
    assert remind_before_due() == {page.pk: 2}
    page.ack_due = timezone.now() + timedelta(hours=20)
    page.save_revision().publish()
    assert remind_before_due() == {page.pk: 2}
    assert AutomaticReminder.objects.filter(page=page).count() == 2


def test_it_runs_periodically():
    assert "intranet.announcements.tasks.remind_before_due" in {p.name for p in registered()}
