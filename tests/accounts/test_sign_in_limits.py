"""Password guessing stops on every path that checks a password: per client address,
whatever X-Forwarded-For says, and per account; the owner signs in from elsewhere; the
wait is said, and ends with its window."""

import re

import pytest
from django.test import Client, override_settings
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase 1"


def token(address: str, password: str, forwarded: str = ""):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return APIClient().post("/api/v1/auth/token/", {"username": "ana", "password": password},
                            format="json", **extra)


@override_settings(SIGN_IN_LIMITS={"address": ["10/15min"], "account": ["20/hour"]})
def test_a_hundred_forwarded_addresses_are_one_guesser_and_the_owner_still_signs_in(
        make_person):
    make_person("ana", password=PASSWORD)
    answers = [token("203.0.113.7", f"guess {n}", forwarded=f"198.51.100.{n}").status_code
               for n in range(100)]
    assert answers[:10] == [401] * 10 and set(answers[10:]) == {429}
    right = token("203.0.113.7", PASSWORD, forwarded="198.51.100.200")
    assert right.status_code == 429 and int(right["Retry-After"]) > 0
    assert token("192.0.2.10", PASSWORD).status_code == 200


@override_settings(SIGN_IN_LIMITS={"address": ["10/15min"], "account": ["20/hour"]})
def test_many_machines_guessing_one_account_are_stopped_at_the_account_limit(make_person):
    make_person("ana", password=PASSWORD)
    answers = [token(f"10.1.{n}.1", "wrong").status_code for n in range(20)]
    assert set(answers) == {401}
    refused = token("10.9.9.9", PASSWORD)
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.json()["error"]["message"]


@override_settings(SIGN_IN_LIMITS={"address": ["3/15min"], "account": ["20/hour"]})
def test_the_sign_in_pages_say_how_long_to_wait(make_person):
    make_person("ana", password=PASSWORD, is_staff=True)
    for path, wrong in (("/accounts/login/", 200), ("/admin/login/", 200)):
        client = Client(REMOTE_ADDR="203.0.113.9" if path.startswith("/accounts")
                        else "203.0.113.10")
        for _ in range(3):
            assert client.post(path, {"username": "ana", "password": "no"}).status_code \
                == wrong
        page = client.post(path, {"username": "ana", "password": PASSWORD})
        assert re.search(r"Too many failed sign-ins: try again in \d+ minutes?\.",
                         page.content.decode())
        assert page.status_code in (429, 200) and "_auth_user_id" not in client.session
    assert Client(REMOTE_ADDR="192.0.2.1").post("/accounts/login/", {
        "username": "ana", "password": PASSWORD}).status_code == 302


@override_settings(TRUSTED_PROXIES=1,
                   SIGN_IN_LIMITS={"address": ["3/15min"], "account": ["20/hour"]})
def test_behind_a_trusted_proxy_the_address_it_appended_counts(make_person):
    make_person("ana", password=PASSWORD)
    for _ in range(3):
        token("10.0.0.2", "no", forwarded="1.1.1.1, 198.51.100.4")
    assert token("10.0.0.2", PASSWORD, forwarded="9.9.9.9, 198.51.100.4").status_code == 429
    assert token("10.0.0.2", PASSWORD, forwarded="198.51.100.5").status_code == 200
