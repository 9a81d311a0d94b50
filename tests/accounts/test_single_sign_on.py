"""Single sign-on at a real OpenID provider (oidc-provider, started by the test): people
are found by employee id or e-mail, created with their profile on their first sign-in,
refused when switched off; answers that cannot be checked get 400, never an error page;
with passwords switched off, every path that takes a password refuses it."""

import re

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client
from rest_framework.test import APIClient
from wagtail.models import APIToken

from intranet.accounts.services import session_credential
from intranet.accounts.sso import config
from intranet.core.models import Event
from intranet.people.models import Department
from tests.oidc.provider import environment
from tests.servers import free_port

pytestmark = pytest.mark.django_db
User = get_user_model()
CALLBACK = "http://testserver/accounts/sso/callback/"
PASSWORD = "a long passphrase 1"
# The site's settings (intranet/settings.py) for each variable of the provider's.
SETTING_OF = {"OIDC_CLIENT_ID": "OIDC_RP_CLIENT_ID", "OIDC_CLIENT_SECRET": "OIDC_RP_CLIENT_SECRET"}


@pytest.fixture
def provider(oidc_provider, settings):
    """The provider, and the intranet set up to sign people in there."""
    started = oidc_provider(CALLBACK)
    for name, value in environment(started.issuer).items():
        setattr(settings, SETTING_OF.get(name, name), value)
    return started


def sign_in(client: Client, provider, email: str, then: str = "/people/"):
    """Click "Sign in with ...", sign in at the provider, come back: the callback's answer."""
    start = client.get(f"/accounts/sso/?next={then}")
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer)
    back = provider.sign_in(start["Location"], email)
    assert back.startswith(CALLBACK)
    return client.get(back.removeprefix("http://testserver"))


def signed_in_as(client: Client):
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def test_the_sign_in_page_offers_the_provider_only_once_configured(client, settings):
    assert "Sign in with" not in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/sso/").status_code == 404
    assert client.get("/accounts/sso/callback/?code=a&state=b").status_code == 404
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_PROVIDER_NAME = "intranet", "Acme Login"
    settings.OIDC_ISSUER = "https://login.example.com"
    page = client.get("/accounts/login/?next=/groups/").content.decode()
    assert 'href="/accounts/sso/?next=/groups/">Sign in with Acme Login</a>' in page
    assert 'id="id_password"' in page


def test_a_first_sign_in_creates_the_person_with_their_profile_and_department(
        client, provider):
    answer = sign_in(client, provider, "chloe.martin@example.com")
    assert answer.status_code == 302 and answer["Location"] == "/people/"
    chloe = User.objects.get(email="chloe.martin@example.com")
    assert signed_in_as(client) == chloe
    assert (chloe.username, chloe.first_name, chloe.last_name) == ("chloe.martin", "Chloé",
                                                                  "Martin")
    assert not chloe.has_usable_password()
    assert chloe.profile.employee_id == "E-1001"
    assert chloe.profile.department.name == "Research"
    assert client.get("/").status_code == 200
    again = sign_in(Client(), provider, "chloe.martin@example.com")
    assert again.status_code == 302
    assert User.objects.filter(email="chloe.martin@example.com").count() == 1
    assert Department.objects.filter(name="Research").count() == 1


def test_an_existing_person_is_found_by_e_mail_and_given_their_employee_id(
        client, provider, make_person):
    ana = make_person("ana", password=PASSWORD)
    Department.objects.create(name="finance")
    assert sign_in(client, provider, "ana@example.com").status_code == 302
    assert signed_in_as(client) == ana
    assert User.objects.count() == 1
    ana.profile.refresh_from_db()
    assert ana.profile.employee_id == "E-2002"
    assert ana.profile.department.name == "finance"  # the same department, not a second one
    assert ana.check_password(PASSWORD)  # still theirs, for the embedded default


def test_an_existing_person_is_found_by_employee_id_under_a_new_address(
        client, provider, make_person):
    ben = make_person("ben", employee_id="E-3003")
    assert sign_in(client, provider, "ben.new-address@example.com").status_code == 302
    assert signed_in_as(client) == ben
    ben.refresh_from_db()
    assert ben.email == "ben.new-address@example.com"
    assert User.objects.count() == 1


def test_a_switched_off_person_is_refused(client, provider, make_person):
    dan = make_person("dan")
    dan.is_active = False
    dan.save()
    answer = sign_in(client, provider, "dan@example.com")
    assert answer.status_code == 403
    assert "This account is switched off" in answer.content.decode()
    assert signed_in_as(client) is None
    assert client.get("/").status_code == 302
    assert User.objects.count() == 1


def test_an_address_of_another_employee_id_is_refused(client, provider, make_person):
    make_person("ana", employee_id="E-9999")
    answer = sign_in(client, provider, "ana@example.com")
    assert answer.status_code == 403
    assert "belongs to the account of another employee id" in answer.content.decode()
    assert signed_in_as(client) is None


def test_refused_single_sign_ons_do_not_count_as_wrong_passwords(provider, settings,
                                                                   make_person):
    settings.SIGN_IN_LIMITS = {"address": ["2/15min"], "account": ["2/hour"]}
    make_person("ana", password=PASSWORD)
    make_person("dan")
    User.objects.filter(username="dan").update(is_active=False)
    for _ in range(3):
        assert sign_in(Client(), provider, "dan@example.com").status_code == 403
    assert Client().post("/accounts/login/", {"username": "ana",
                                              "password": PASSWORD}).status_code == 302


def test_without_account_creation_a_newcomer_is_refused(client, provider, settings):
    settings.OIDC_CREATE_USER = False
    answer = sign_in(client, provider, "chloe.martin@example.com")
    assert answer.status_code == 403
    assert "There is no account for you here yet" in answer.content.decode()
    assert not User.objects.exists()


def test_signing_out_ends_the_session_and_its_sockets(client, provider, make_person):
    ana = make_person("ana")
    sign_in(client, provider, "ana@example.com")
    session_key = client.session.session_key
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302
    assert Event.objects.filter(stream=f"user:{ana.pk}", type="session.ended",
                                data__credential=session_credential(session_key)).exists()


def test_switching_an_account_off_ends_its_single_sign_on_sessions(client, provider,
                                                                   make_person):
    ana = make_person("ana")
    sign_in(client, provider, "ana@example.com")
    assert client.get("/").status_code == 200
    ana.is_active = False
    ana.save()
    assert client.get("/").status_code == 302


def test_answers_that_cannot_be_checked_get_400_not_an_error_page(client, provider):
    not_started = "was not started here, or has already been used"
    for query in ("", "?code=forged&state=forged", "?state=forged", "?error=access_denied"):
        answer = client.get(f"/accounts/sso/callback/{query}")
        assert answer.status_code == 400, query
        assert not_started in answer.content.decode()
    start = client.get("/accounts/sso/")
    state = re.search(r"state=([^&]+)", start["Location"]).group(1)
    other = client.get("/accounts/sso/callback/?code=forged&state=another")
    assert other.status_code == 400
    forged = client.get(f"/accounts/sso/callback/?code=forged&state={state}")
    assert forged.status_code == 400
    assert "Test Company did not accept this sign-in" in forged.content.decode()
    assert signed_in_as(client) is None


def test_a_callback_is_used_once(client, provider, make_person):
    make_person("ana")
    start = client.get("/accounts/sso/")
    back = provider.sign_in(start["Location"], "ana@example.com").removeprefix(
        "http://testserver")
    assert client.get(back).status_code == 302
    assert client.get(back).status_code == 400
    assert signed_in_as(client).username == "ana"  # a replayed answer changes nothing


def test_a_sign_in_abandoned_at_the_provider_is_said(client, provider):
    start = client.get("/accounts/sso/")
    state = re.search(r"state=([^&]+)", start["Location"]).group(1)
    answer = client.get(f"/accounts/sso/callback/?error=access_denied&state={state}")
    assert answer.status_code == 403
    assert "Signing in at Test Company did not finish" in answer.content.decode()


def test_a_provider_out_of_reach_is_said_and_passwords_still_work(client, settings,
                                                                   make_person):
    make_person("ana", password=PASSWORD)
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_PROVIDER_NAME = "intranet", "Acme Login"
    settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}"
    answer = client.get("/accounts/sso/")
    assert answer.status_code == 502
    assert "Acme Login cannot be reached just now" in answer.content.decode()
    assert client.post("/accounts/login/", {"username": "ana",
                                            "password": PASSWORD}).status_code == 302


def test_with_passwords_off_only_the_provider_signs_people_in(client, provider, settings,
                                                               make_person):
    settings.PASSWORD_SIGN_IN = False
    make_person("ana", password=PASSWORD)
    refusal = "Passwords are switched off here: sign in with Test Company."
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with Test Company" in page and 'name="password"' not in page
    posted = client.post("/accounts/login/", {"username": "ana", "password": PASSWORD})
    assert posted.status_code == 403 and refusal in posted.content.decode()
    admin = client.get("/admin/login/").content.decode()
    assert "Sign in with Test Company" in admin and 'name="password"' not in admin
    admin = client.post("/admin/login/", {"username": "ana", "password": PASSWORD})
    assert refusal in admin.content.decode()
    assert signed_in_as(client) is None
    token = APIClient().post("/api/v1/auth/token/", {"username": "ana", "password": PASSWORD},
                             format="json")
    assert token.status_code == 403
    assert token.json()["error"]["code"] == "password_sign_in_off"
    assert "sign in with Test Company" in token.json()["error"]["message"]
    assert not APIToken.objects.exists()
    assert sign_in(client, provider, "ana@example.com").status_code == 302
    assert signed_in_as(client).username == "ana"


def test_settings_in_which_nobody_or_not_everybody_can_sign_in_are_reported(settings):
    assert config.check_settings() == []
    settings.PASSWORD_SIGN_IN = False
    assert [problem.id for problem in config.check_settings()] == ["intranet_accounts.W001"]
    settings.OIDC_RP_CLIENT_ID = "intranet"
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    assert [problem.id for problem in config.check_settings()] == [
        "intranet_accounts.E001", "intranet_accounts.E002"]


def test_a_second_factor_given_at_the_provider_counts_here(client, provider, make_person,
                                                          settings):
    settings.TWO_FACTOR_FOR_ADMIN = True
    for name in ("dan", "ana"):
        admin = make_person(name)
        admin.is_superuser = True
        admin.save()
    assert sign_in(client, provider, "dan@example.com", then="/admin/").status_code == 302
    assert client.get("/admin/").status_code == 200  # the provider asked Dan for a code
    ana = Client()
    assert sign_in(ana, provider, "ana@example.com", then="/admin/").status_code == 302
    assert ana.get("/admin/")["Location"].startswith("/accounts/two-factor/")
    settings.TWO_FACTOR_TRUST_PROVIDER = False
    again = Client()
    sign_in(again, provider, "dan@example.com", then="/admin/")
    assert again.get("/admin/")["Location"].startswith("/accounts/two-factor/")
