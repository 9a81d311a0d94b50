"""Hypothesis against every operation of the served schema: made-up cursors, dates and
JSON bodies, as an employee and as staff holding every role. Whatever it sends, the
answer is never a server error, and always in the API's error shape when refused."""

import base64
import json
import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from tests.feeds.conftest import give_role

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25)
dates = st.one_of(
    st.dates().map(str), st.datetimes().map(lambda moment: moment.isoformat()),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 99999),
              st.integers(0, 99), st.integers(0, 99)),
    st.text(max_size=30))
positions = st.one_of(dates, st.integers().map(str), st.floats().map(str), st.text(max_size=40))
cursors = st.one_of(
    st.text(max_size=60),
    st.builds(lambda tokens: base64.b64encode(urlencode(tokens).encode()).decode(),
              st.fixed_dictionaries({}, optional={"o": positions, "r": st.sampled_from(
                  ["0", "1", "x"]), "p": positions})),
    st.builds(lambda offset: base64.urlsafe_b64encode(f'{{"o": {offset}}}'.encode()).decode(),
              st.one_of(st.integers(), st.floats().map(repr), st.text(max_size=10))))


@pytest.fixture
def callers(make_person, api_for, settings):
    """The schema's operations with their path parameters filled with real ones, and an
    employee's and staff's clients."""
    settings.WRITE_RATE_LIMITS = {}
    employee, staff = make_person("eve"), make_person("stan")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    for role in ("HR", "Communications", "Community managers"):
        give_role(staff, role)
    group = group_create(actor=employee, name="Fuzzers")
    post = post_create(actor=employee, body="Fuzz me #fuzz", group=group)
    values = {"slug": group.slug, "username": employee.username, "key": str(post.pk),
              "post_id": str(post.pk), "object_id": str(post.pk), "pk": "1",
              "comment_id": "1", "case_id": "1", "request_id": "1", "rule_id": "1",
              "action": "keep"}
    schema = Client().get("/api/schema/?format=json").json()
    operations = [(method.upper(), re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], "1"), path))
                  for path, methods in schema["paths"].items() for method in methods
                  if method in {"get", "post", "put", "patch", "delete"}]
    assert len(operations) > 60
    return operations, [api_for(employee), api_for(staff)]


def assert_no_server_error(response, what) -> None:
    assert response.status_code < 500, (what, response.status_code, response.content[:300])
    if response.status_code >= 400 and response.status_code != 405:
        assert "error" in response.json(), (what, response.content[:300])


def test_made_up_cursors_and_dates_on_every_list(callers):
    operations, clients = callers
    lists = [path for method, path in operations if method == "GET"]

    @FUZZ
    @given(path=st.sampled_from(lists), cursor=cursors, since=dates, until=dates,
           who=st.sampled_from([0, 1]))
    def fuzz(path, cursor, since, until, who):
        response = clients[who].get(path, {"cursor": cursor, "since": since, "until": until,
                                           "before": since, "page_size": until},
                                    HTTP_ACCEPT_ENCODING="identity")
        assert_no_server_error(response, (path, cursor, since, until))

    fuzz()


def test_made_up_bodies_on_every_write(callers):
    operations, clients = callers
    writes = [(method, path) for method, path in operations if method != "GET"]

    @FUZZ
    @given(operation=st.sampled_from(writes), body=json_values, who=st.sampled_from([0, 1]))
    def fuzz(operation, body, who):
        method, path = operation
        response = clients[who].generic(method, path, data=json.dumps(body),
                                        content_type="application/json",
                                        HTTP_ACCEPT_ENCODING="identity")
        assert_no_server_error(response, (method, path, body))

    fuzz()

