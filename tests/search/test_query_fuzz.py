"""Any query text, as people and robots type it, is answered without a server error on
each engine: the full-text syntax of FTS5 and tsquery never reaches the database raw."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]

SYNTAX = ['"', "'", "\u2019", "*", "^", ":", "-", "(", ")", "{", "}", "NEAR", "OR", "AND",
          "NOT", "&", "|", "!", "<->", "_", "\u00a0", "é", "œ", "ß", "\u0301", "\x00"]


@pytest.fixture
def reader(make_person, index_now):
    author = make_person("olivia")
    group = group_create(actor=author, name="Tout et n'importe quoi")
    post_create(actor=author, body="Le télétravail des salariés: NEAR(OR) \"AND\" * ^ -",
                group=group)
    index_now()
    return author


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=8)), max_size=8).map(
    " ".join))
def test_any_query_is_answered_without_a_server_error(reader, api_for, q):
    response = api_for(reader).get("/api/v1/search/", {"q": q})
    assert response.status_code in (200, 400), response.content
    assert "results" in response.json() or "error" in response.json()
