"""`POST /api/v1/analytics/seen/`: what was on a person's screen, recorded once, only when
they may read it, and answered the same way whether it was recorded or not."""

import pytest

from intranet.analytics.models import View
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from tests.analytics.conftest import exclude

pytestmark = pytest.mark.django_db
URL = "/api/v1/analytics/seen/"


@pytest.fixture
def people(make_person):
    return make_person("ana"), make_person("bob")


@pytest.fixture
def posts(people):
    ana, bob = people
    open_group = group_create(actor=ana, name="Runners")
    secret = group_create(actor=bob, name="Board", visibility="secret")
    return (post_create(actor=ana, body="Readable", group=open_group),
            post_create(actor=bob, body="Secret", group=secret))


def test_a_readable_item_is_recorded_once(people, posts, api_for):
    ana, _bob = people
    readable, _secret = posts
    api = api_for(ana)
    body = {"items": [{"kind": "post", "id": readable.pk}, {"kind": "post", "id": readable.pk}]}
    assert api.post(URL, body, format="json").status_code == 204
    assert api.post(URL, body, format="json").status_code == 204
    assert list(View.objects.values_list("kind", "object_id", "user_id")) == [
        ("post", readable.pk, ana.pk)]


def test_hidden_and_absent_items_answer_like_readable_ones_and_are_not_recorded(
        people, posts, api_for):
    ana, _bob = people
    readable, secret = posts
    api = api_for(ana)
    answers = [api.post(URL, {"items": [item]}, format="json") for item in (
        {"kind": "post", "id": readable.pk}, {"kind": "post", "id": secret.pk},
        {"kind": "post", "id": 10**9}, {"kind": "announcement", "id": 10**9})]
    assert {(answer.status_code, answer.content) for answer in answers} == {(204, b"")}
    assert set(View.objects.values_list("object_id", flat=True)) == {readable.pk}


@pytest.mark.parametrize("body, field", [
    ([{"kind": "post", "id": 1}], None),
    ({"items": []}, "items"),
    ({"items": [{"kind": "post", "id": n} for n in range(1, 102)]}, "items"),
    ({"items": [{"kind": "nonsense", "id": 1}]}, "items"),
    ({"items": [{"kind": "post", "id": 0}]}, "items"),
    ({"items": [{"kind": "post", "id": "x"}]}, "items"),
    ({"items": [{"kind": "post", "id": 1, "extra": 1}]}, "items"),
    ({"items": [{"kind": "post", "id": 1}], "when": "now"}, "when"),
])
def test_bad_input_is_400_in_the_error_shape(people, api_for, body, field):
    answer = api_for(people[0]).post(URL, body, format="json")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid"
    if field:
        assert field in error["fields"]
    assert not View.objects.exists()


def test_people_left_out_of_analytics_are_not_recorded(people, posts, api_for):
    ana, _bob = people
    exclude(ana)
    answer = api_for(ana).post(URL, {"items": [{"kind": "post", "id": posts[0].pk}]},
                               format="json")
    assert answer.status_code == 204
    assert not View.objects.exists()


def test_anonymous_callers_are_refused(client):
    assert client.post(URL, {"items": []}, content_type="application/json").status_code == 401


def test_the_browser_session_needs_its_csrf_token(people, posts):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people[0])
    answer = browser.post(URL, {"items": [{"kind": "post", "id": posts[0].pk}]},
                          content_type="application/json")
    assert answer.status_code == 403
    assert not View.objects.exists()
