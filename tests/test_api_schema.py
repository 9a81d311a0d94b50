"""The OpenAPI description is the contract outside clients rely on: valid, generated
without guesses, and describing every operation's answers and how to authenticate."""

import json

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_schema_generates_without_errors_or_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file",
                 str(tmp_path / "schema.yml"))


def test_the_served_schema_is_valid_openapi(schema):
    validate(schema)


def test_every_operation_describes_its_answers_errors_and_authentication(schema):
    assert schema["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    operations = [(method, path, operation) for path, methods in schema["paths"].items()
                  for method, operation in methods.items()]
    assert len(operations) > 80
    for method, path, operation in operations:
        assert path.startswith("/api/v1/"), path
        answers = operation["responses"]
        success = [code for code in answers if code.startswith("2")]
        assert success, (method, path)
        for code in success:
            if code != "204":
                assert answers[code].get("content"), (method, path, code)
        for code in ("400", "401", "403", "404", "429"):
            body = answers[code]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Error"}, (method, path, code)
        if path != "/api/v1/auth/token/":
            assert {"bearerToken": []} in operation["security"], (method, path)
