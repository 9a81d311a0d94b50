"""What an announcement asks of its reader, on the home page and its own page, and
acknowledging it in place."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation

from intranet.announcements.models import Receipt
from intranet.announcements.templatetags.announcements_tags import due_date
from tests.announcements.conftest import publish

pytestmark = pytest.mark.django_db

DUE = datetime(2099, 12, 12, 16, 30, tzinfo=UTC)  # 17:30 in Paris


def home_list(client) -> str:
    return client.get("/").content.decode().split("data-announcements")[1].split("</ul>")[0]


@pytest.mark.parametrize("language, expected", [
    ("en", "Please acknowledge by 12 December 2099, 17:30<"),
    ("fr", "12 décembre 2099"),
])
def test_action_required_with_its_due_date_and_no_doubled_period(company, client_for,
                                                                 language, expected):
    sales, _secret, people = company
    page = publish("Charte", departments=[sales], importance="ack_required", ack_due=DUE)
    client = client_for(people["seller"])
    client.cookies["django_language"] = language
    for html in (home_list(client), client.get(page.url).content.decode()):
        assert "data-action-required" in html
        assert expected in html
        assert ".." not in html.replace("...", "")
        assert f'data-seen-kind="announcement" data-seen-id="{page.pk}"' in html


def test_the_due_date_format_ends_without_a_period_in_both_languages():
    for language in ("en", "fr"):
        with translation.override(language):
            assert not due_date(DUE).endswith(".")


def test_overdue_says_so_and_acknowledged_says_so(company, client_for):
    sales, _secret, people = company
    page = publish("Charte", departments=[sales], importance="ack_required",
                   ack_due=timezone.now() - timedelta(days=1))
    client = client_for(people["seller"])
    assert "Overdue" in home_list(client)
    Receipt.objects.create(page=page, user=people["seller"], acknowledged_at=timezone.now())
    html = home_list(client)
    assert "Overdue" not in html and "data-action-required" not in html
    assert "data-acknowledged" in html


def test_information_and_important_look_different(company, client_for):
    sales, _secret, people = company
    publish("Pot", departments=[sales])
    publish("Travaux", departments=[sales], importance="important")
    html = home_list(client_for(people["seller"]))
    assert 'badge important">Important<' in html and 'badge muted">Information<' in html
    assert "data-action-required" not in html and "I have read this" not in html


def test_acknowledged_in_place_from_the_home_page_without_javascript(company, client_for):
    sales, _secret, people = company
    page = publish("Charte", departments=[sales], importance="ack_required", ack_due=DUE)
    client = client_for(people["seller"])
    html = home_list(client)
    assert f'action="/announcements/{page.pk}/acknowledge/"' in html
    assert f'data-acknowledge-in-place="/api/v1/announcements/{page.pk}/acknowledge/"' in html
    answer = client.post(f"/announcements/{page.pk}/acknowledge/", {"next": "/"})
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert Receipt.objects.get(page=page, user=people["seller"]).acknowledged_at
    assert "I have read this" not in home_list(client)


def test_next_elsewhere_goes_back_to_the_page(company, client_for):
    sales, _secret, people = company
    page = publish("Charte", departments=[sales], importance="ack_required")
    answer = client_for(people["seller"]).post(f"/announcements/{page.pk}/acknowledge/",
                                               {"next": "https://evil.example/"})
    assert answer["Location"] == page.url


def test_the_feed_entry_says_when_action_is_required(company, api_for):
    sales, _secret, people = company
    page = publish("Charte", departments=[sales], importance="ack_required", ack_due=DUE)
    entry = next(e for e in api_for(people["seller"]).get("/api/v1/feed/").json()["results"]
                 if e["type"] == "announcement")
    assert entry["announcement"]["id"] == page.pk
    assert entry["announcement"]["action_required"] is True
    assert entry["announcement"]["ack_due"].startswith("2099-12-12T")
