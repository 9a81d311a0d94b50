"""Contract testing: schemathesis reads the OpenAPI schema the site serves
(`/api/schema/`) and asks every operation examples generated from it, as an employee and
as staff, through the site's WSGI application.
Valid examples must get a status the operation declares and a body matching its schema;
invalid ones (wrong types, missing fields, unknown methods) an error in the API's shape;
none a server error."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from intranet.accounts.services import token_create
from intranet.groups.services import group_create
from tests.feeds.conftest import give_role

pytestmark = pytest.mark.django_db

VALID_CHECKS = [schemathesis.checks.not_a_server_error,
                schemathesis.checks.status_code_conformance,
                schemathesis.checks.content_type_conformance,
                schemathesis.checks.response_schema_conformance]
INVALID_CHECKS = [schemathesis.checks.not_a_server_error,
                  schemathesis.checks.content_type_conformance]
# The WSGI transport hands bodies over as sent, and API answers are gzipped to clients
# that accept it (tests/core/test_compression.py): these ask for them as they are.
IDENTITY = {"Accept-Encoding": "identity"}


def _schema(mode: schemathesis.GenerationMode) -> schemathesis.BaseSchema:
    loaded = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    loaded.config.generation.update(modes=[mode])
    return loaded


valid = _schema(schemathesis.GenerationMode.POSITIVE)
invalid = _schema(schemathesis.GenerationMode.NEGATIVE)


@pytest.fixture
def bearers(make_person, settings) -> dict[str, str]:
    """A bearer token of an employee and one of staff holding every role. Requests keep
    the test's database connection open between them, as Django's test client does."""
    settings.WRITE_RATE_LIMITS = {}
    tokens = {}
    for name in ("employee", "staff"):
        person = make_person(f"{name}-caller")
        if name == "staff":
            person.is_staff = person.is_superuser = True
            person.save()
            for role in ("HR", "Communications", "Community managers"):
                give_role(person, role)
        group_create(actor=person, name=f"Club of {name}")
        tokens[name] = token_create(user=person, name="contract")[1]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield tokens
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@valid.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
def test_valid_requests_get_the_answers_the_contract_describes(case, bearers):
    for token in bearers.values():
        case.call_and_validate(headers={"Authorization": f"Bearer {token}", **IDENTITY},
                               checks=VALID_CHECKS)


@invalid.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_invalid_requests_get_an_error_never_a_server_error(case, bearers):
    for token in bearers.values():
        case.call_and_validate(headers={"Authorization": f"Bearer {token}", **IDENTITY},
                               checks=INVALID_CHECKS)
