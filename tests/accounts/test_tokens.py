"""API tokens: hashed at rest, usable as bearer tokens, refused once revoked."""

import pytest
from wagtail.models import APIToken

from intranet.accounts.services import token_create, token_revoke
from intranet.core.errors import NotFound

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_token_endpoint_trades_credentials_for_a_working_token(make_person, client):
    make_person("ana", password="correct horse battery")
    response = client.post("/api/v1/auth/token/",
                           {"username": "ana", "password": "correct horse battery"},
                           content_type="application/json")
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert me.status_code == 200
    assert me.json()["username"] == "ana"


def test_token_endpoint_refuses_a_wrong_password(make_person, client):
    make_person("ana", password="correct horse battery")
    response = client.post("/api/v1/auth/token/", {"username": "ana", "password": "nope"},
                           content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert not APIToken.objects.exists()


def test_token_endpoint_refuses_a_deactivated_account(make_person, client):
    ana = make_person("ana", password="correct horse battery")
    ana.is_active = False
    ana.save()
    response = client.post("/api/v1/auth/token/",
                           {"username": "ana", "password": "correct horse battery"},
                           content_type="application/json")
    assert response.status_code == 401


def test_token_endpoint_reports_missing_fields(client):
    response = client.post("/api/v1/auth/token/", {"username": "ana"},
                           content_type="application/json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "password" in error["fields"]


def test_tokens_are_stored_hashed(make_person):
    ana = make_person("ana")
    token, plaintext = token_create(user=ana, name="script")
    stored = APIToken.objects.get(pk=token.pk)
    assert plaintext not in (stored.key_hash, stored.prefix)
    assert stored.key_hash == APIToken.hash_token(plaintext)
    assert len(stored.key_hash) == 64


def test_a_revoked_token_is_refused(make_person, client):
    ana = make_person("ana")
    token, plaintext = token_create(user=ana, name="script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    assert client.get("/api/v1/me/", **auth).status_code == 200
    token_revoke(actor=ana, token_id=token.pk)
    response = client.get("/api/v1/me/", **auth)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_a_token_of_a_deactivated_person_is_refused(make_person, client):
    ana = make_person("ana")
    _token, plaintext = token_create(user=ana, name="script")
    ana.is_active = False
    ana.save()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {plaintext}").status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer wagtail_forged", "Token x"])
def test_malformed_or_unknown_credentials_get_401(client, header):
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_nobody_revokes_someone_elses_token(make_person):
    ana, bob = make_person("ana"), make_person("bob")
    token, _ = token_create(user=ana, name="script")
    with pytest.raises(NotFound):
        token_revoke(actor=bob, token_id=token.pk)
    assert APIToken.objects.get(pk=token.pk).revoked_at is None


def test_settings_page_creates_shows_once_and_revokes_tokens(make_person, client_for):
    ana = make_person("ana")
    client = client_for(ana)
    created = client.post("/accounts/settings/tokens/", {"name": "reporting"}, follow=True)
    page = created.content.decode()
    token = APIToken.objects.get(user=ana)
    assert "reporting" in page
    shown = page.split('id="new-token">')[1].split("<")[0]
    assert APIToken.hash_token(shown) == token.key_hash
    again = client.get("/people/me/settings/").content.decode()
    assert shown not in again
    client.post(f"/accounts/settings/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_creation_and_revocation_are_audited(make_person):
    from wagtail.models import ModelLogEntry

    ana = make_person("ana")
    token, _ = token_create(user=ana, name="script")
    token_revoke(actor=ana, token_id=token.pk)
    actions = list(ModelLogEntry.objects.filter(object_id=str(token.pk))
                   .order_by("timestamp").values_list("action", flat=True))
    assert actions == ["wagtail.apitoken.create", "wagtail.apitoken.revoke"]


def test_password_guessing_is_rate_limited(make_person, client):
    make_person("ana", password="correct horse battery")
    statuses = [client.post("/api/v1/auth/token/", {"username": "ana", "password": f"guess{n}"},
                            content_type="application/json").status_code for n in range(12)]
    assert statuses[:10] == [401] * 10
    limited = client.post("/api/v1/auth/token/",
                          {"username": "ana", "password": "correct horse battery"},
                          content_type="application/json")
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert int(limited["Retry-After"]) > 0
