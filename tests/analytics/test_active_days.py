"""A person counts as active on a day they use the intranet, pages or API, once a day."""

import pytest
from django.utils import timezone

from intranet.analytics.models import ActiveDay
from tests.analytics.conftest import exclude

pytestmark = pytest.mark.django_db


def test_pages_record_one_active_day_however_many_requests(make_person, client_for):
    ana = make_person("ana")
    browser = client_for(ana)
    for _ in range(3):
        assert browser.get("/").status_code == 200
    assert list(ActiveDay.objects.values_list("user_id", "date")) == [
        (ana.pk, timezone.localdate())]


def test_api_token_requests_count_too(make_person, api_for):
    bob = make_person("bob")
    assert api_for(bob).get("/api/v1/me/").status_code == 200
    assert ActiveDay.objects.filter(user=bob, date=timezone.localdate()).exists()


def test_anonymous_requests_and_left_out_people_are_not_recorded(make_person, client_for,
                                                                  client):
    client.get("/accounts/login/")
    eve = make_person("eve")
    exclude(eve)
    client_for(eve).get("/")
    assert not ActiveDay.objects.exists()
