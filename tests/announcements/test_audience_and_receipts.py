"""Who receives an announcement, who may open it, and acknowledgements that HR counts."""

import pytest

from intranet.announcements.models import Receipt
from intranet.announcements.selectors import announcements_for, audience_people, stats
from tests.announcements.conftest import publish

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_an_announcement_reaches_its_departments_and_group_members_only(company,
                                                                        client_for):
    sales, secret, people = company
    page = publish("Nouvelle grille de commissions", departments=[sales], groups=[secret],
                   importance="ack_required")
    reached = {user.username for user in audience_people(page)}
    assert reached == {"sara", "mike", "olivia"}
    for name, user in people.items():
        assert (page in announcements_for(user)) == (user.username in reached), name
    assert client_for(people["seller"]).get(page.url).status_code == 200
    assert client_for(people["member"]).get(page.url).status_code == 200
    assert client_for(people["other"]).get(page.url).status_code == 404


def test_departments_only_any_employee_may_open_but_only_the_audience_acknowledges(
        company, api_for):
    sales, _secret, people = company
    page = publish("Séminaire commercial", departments=[sales], importance="ack_required")
    other = api_for(people["other"])
    assert other.get(f"/api/v1/announcements/{page.pk}/").status_code == 200
    refused = other.post(f"/api/v1/announcements/{page.pk}/acknowledge/")
    assert refused.status_code == 403
    seller = api_for(people["seller"])
    first = seller.post(f"/api/v1/announcements/{page.pk}/acknowledge/")
    assert first.status_code == 201 and first.json()["acknowledged"] is True
    assert seller.post(f"/api/v1/announcements/{page.pk}/acknowledge/").status_code == 200
    assert Receipt.objects.filter(page=page, acknowledged_at__isnull=False).count() == 1


def test_a_group_announcement_is_404_for_those_who_may_not_read_the_group(company, api_for):
    _sales, secret, people = company
    page = publish("Atlas: go/no-go", groups=[secret], importance="ack_required")
    outsider = api_for(people["other"])
    assert outsider.get(f"/api/v1/announcements/{page.pk}/").status_code == 404
    assert outsider.post(f"/api/v1/announcements/{page.pk}/acknowledge/").status_code == 404
    assert page.pk not in [a["id"] for a in outsider.get("/api/v1/announcements/").json()[
        "results"]]


def test_counts_for_hr_match_the_receipts(company, api_for, client_for):
    sales, secret, people = company
    page = publish("Entretiens annuels", departments=[sales], groups=[secret],
                   importance="ack_required")
    client_for(people["seller"]).get(page.url)
    api_for(people["member"]).post(f"/api/v1/announcements/{page.pk}/acknowledge/")
    expected = {"audience": 3, "seen": 2, "acknowledged": 1, "outstanding": 2}
    assert stats(page) == expected
    assert api_for(people["hr"]).get(f"/api/v1/announcements/{page.pk}/stats/").json() == \
        expected
    assert api_for(people["seller"]).get(
        f"/api/v1/announcements/{page.pk}/stats/").status_code == 403


def test_someone_who_moves_into_the_department_receives_it(company, make_person):
    sales, _secret, people = company
    page = publish("Objectifs 2027", departments=[sales])
    newcomer = people["other"]
    assert page not in announcements_for(newcomer)
    from intranet.people.services import profile_ensure, profile_update

    profile_update(actor=None, profile=profile_ensure(user=newcomer),
                   changes={"department": sales})
    assert page in announcements_for(newcomer)


def test_the_home_page_pins_what_awaits_an_acknowledgement(company, client_for):
    sales, _secret, people = company
    publish("Pot de départ", departments=[sales])
    page = publish("Charte informatique", departments=[sales], importance="ack_required")
    home = client_for(people["seller"]).get("/").content.decode()
    assert home.index("Charte informatique") < home.index("Pot de départ")
    assert 'class="announcement-entry importance-ack_required pinned action-required"' in home
    assert "Charte informatique" not in client_for(people["other"]).get("/").content.decode()
    from intranet.announcements.services.receipts import acknowledge

    acknowledge(user=people["seller"], page=page)
    home = client_for(people["seller"]).get("/").content.decode()
    assert " pinned" not in home.split("data-announcements")[1].split("</ul>")[0]


def test_the_home_feed_api_puts_pinned_announcements_first(company, api_for):
    sales, _secret, people = company
    page = publish("Charte informatique", departments=[sales], importance="ack_required")
    publish("Pot de départ", departments=[sales])
    entries = api_for(people["seller"]).get("/api/v1/feed/").json()["results"]
    assert entries[0] == {"type": "announcement", "announcement": {
        **entries[0]["announcement"], "id": page.pk, "acknowledged": False}}
    assert [e["announcement"]["title"] for e in entries if e["type"] == "announcement"] == [
        "Charte informatique"]
    other = api_for(people["other"]).get("/api/v1/feed/").json()["results"]
    assert not [e for e in other if e["type"] == "announcement"]


def test_expanding_it_in_the_feed_counts_as_seen(company, api_for):
    sales, _secret, people = company
    page = publish("Fermeture du parking", departments=[sales])
    answer = api_for(people["seller"]).post(f"/api/v1/announcements/{page.pk}/seen/")
    assert answer.status_code == 200 and answer.json()["seen"] is True
    assert Receipt.objects.get(page=page, user=people["seller"]).seen_at is not None
    api_for(people["other"]).post(f"/api/v1/announcements/{page.pk}/seen/")
    assert not Receipt.objects.filter(page=page, user=people["other"]).exists()
