"""The Analytics settings in the Wagtail admin: HR chooses who is left out of analytics;
other roles do not see them."""

import pytest
from django.utils import timezone

from intranet.analytics.models import ActiveDay, AnalyticsSettings
from tests.analytics.conftest import give_role

pytestmark = pytest.mark.django_db
URL = "/admin/settings/intranet_analytics/analyticssettings/"


def test_hr_leaves_someone_out_from_the_settings(hr, make_person, client_for):
    eve = make_person("eve")
    browser = client_for(hr)
    assert URL in browser.get("/admin/").content.decode()
    opened = browser.get(URL, follow=True)
    assert opened.status_code == 200
    assert "people left out of analytics" in opened.content.decode().lower()
    answer = browser.post(opened.request["PATH_INFO"], {"excluded_people": [eve.pk]})
    assert answer.status_code == 302
    assert list(AnalyticsSettings.load().excluded_people.all()) == [eve]
    client_for(eve).get("/")
    assert not ActiveDay.objects.filter(user=eve, date=timezone.localdate()).exists()


def test_other_roles_cannot_change_them(make_person, client_for):
    writer = make_person("carl")
    give_role(writer, "Communications")
    browser = client_for(writer)
    assert URL not in browser.get("/admin/").content.decode()
    edit = f"{URL}{AnalyticsSettings.load().pk}/"
    assert browser.get(edit).status_code in (302, 403)
    browser.post(edit, {"excluded_people": [writer.pk]})
    assert not AnalyticsSettings.load().excluded_people.exists()
