"""HR's report: counts that match the receipts, a CSV of exactly the outstanding people,
and a reminder for them only."""

import csv
import io

import pytest

from intranet.announcements.services.receipts import acknowledge
from intranet.feeds.models import Notification
from tests.announcements.conftest import publish

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.fixture
def announcement(company):
    sales, secret, people = company
    page = publish("Charte télétravail", departments=[sales], groups=[secret],
                   importance="ack_required")
    acknowledge(user=people["member"], page=page)
    return page


def test_the_report_counts_match_the_database(announcement, company, client_for):
    _sales, _secret, people = company
    hr = client_for(people["hr"])
    index = hr.get("/admin/announcements/reach/").content.decode()
    assert "Charte télétravail" in index
    detail = hr.get(f"/admin/announcements/reach/{announcement.pk}/").content.decode()
    assert "Audience: 3 · seen: 1 · acknowledged: 1 · outstanding: 2" in " ".join(
        detail.split())
    assert "Sales" in detail


def test_the_csv_lists_exactly_the_outstanding_people(announcement, company, client_for):
    _sales, _secret, people = company
    answer = client_for(people["hr"]).get(
        f"/admin/announcements/reach/{announcement.pk}/outstanding.csv")
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    assert sorted(row["username"] for row in rows) == ["olivia", "sara"]
    assert next(row for row in rows if row["username"] == "sara")["department"] == "Sales"


def test_remind_the_others_notifies_only_them(announcement, company, client_for):
    _sales, _secret, people = company
    Notification.objects.all().delete()
    answer = client_for(people["hr"]).post(
        f"/admin/announcements/reach/{announcement.pk}/remind/")
    assert answer.status_code == 302
    reminded = set(Notification.objects.filter(kind="announcement", data__reminder=True)
                   .values_list("recipient__username", flat=True))
    assert reminded == {"olivia", "sara"}


def test_only_hr_sees_the_report(announcement, company, client_for):
    _sales, _secret, people = company
    seller = client_for(people["seller"])
    for url in ("/admin/announcements/reach/",
                f"/admin/announcements/reach/{announcement.pk}/outstanding.csv"):
        assert seller.get(url).status_code in (302, 403)
    assert seller.post(f"/admin/announcements/reach/{announcement.pk}/remind/"
                       ).status_code in (302, 403)
    assert not Notification.objects.filter(data__reminder=True).exists()


def test_the_report_shows_the_due_date_shares_and_median(announcement, company, client_for):
    from datetime import UTC, datetime, timedelta

    from intranet.announcements.models import AnnouncementPage, Receipt

    _sales, _secret, people = company
    AnnouncementPage.objects.filter(pk=announcement.pk).update(
        ack_due=datetime(2099, 12, 12, 16, 30, tzinfo=UTC))
    published = announcement.first_published_at
    Receipt.objects.filter(page=announcement, user=people["member"]).update(
        acknowledged_at=published + timedelta(hours=1))
    acknowledge(user=people["seller"], page=announcement)
    Receipt.objects.filter(page=announcement, user=people["seller"]).update(
        acknowledged_at=published + timedelta(hours=4))
    hr = client_for(people["hr"])
    detail = " ".join(hr.get(f"/admin/announcements/reach/{announcement.pk}/")
                      .content.decode().split())
    assert "2099" in detail.split("data-due>")[1].split("</dd>")[0]
    assert "data-seen-percent>67 %<" in detail  # 2 of 3
    assert "data-acknowledged-percent>67 %<" in detail
    assert "data-median>2 hours 30 minutes<" in detail
    assert "<td>Sales</td><td>1</td><td>1</td><td>100 %</td>" in detail
    index = " ".join(hr.get("/admin/announcements/reach/").content.decode().split())
    assert "2 (67 %)" in index


def test_durations_read_in_their_two_largest_units():
    from datetime import timedelta

    from intranet.announcements.admin_views import duration_text

    assert duration_text(timedelta(minutes=4)) == "4 minutes"
    assert duration_text(timedelta(hours=1, minutes=1)) == "1 hour 1 minute"
    assert duration_text(timedelta(days=2, hours=3, minutes=9)) == "2 days 3 hours"
