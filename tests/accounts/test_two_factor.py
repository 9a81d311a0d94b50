"""A second factor: required of everyone who can reach the Wagtail admin (when
TWO_FACTOR_FOR_ADMIN is on), optional for everyone else, with recovery codes, and wrong
codes slowed down."""

import re

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-1"


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_FOR_ADMIN = True


def signed_in(user) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": user.username,
                                            "password": PASSWORD}).status_code == 302
    return client


def code_now(user, *, later: int = 0) -> str:
    device = TOTPDevice.objects.get(user=user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += later
    return f"{totp.token():06d}"


@pytest.fixture
def admin(make_person):
    person = make_person("ada")
    person.is_staff = person.is_superuser = True
    person.save()
    return person


def set_up(client: Client, user) -> list[str]:
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html and 'id="two-factor-key"' in html
    done = client.post("/accounts/two-factor/", {"token": code_now(user), "next": "/admin/"})
    assert done.status_code == 200
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())


def test_an_admin_gives_a_second_factor_before_anything_else(admin):
    client = signed_in(admin)
    for url in ("/", "/admin/", "/people/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/two-factor/?next=")
    answer = client.get("/api/v1/me/")
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "two_factor_required"
    wrong = client.post("/accounts/two-factor/", {"token": "000000"})
    assert wrong.status_code == 400 and not TOTPDevice.objects.filter(confirmed=True).exists()
    codes = set_up(client, admin)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_the_next_sign_in_asks_for_a_code_or_a_recovery_code_once(admin):
    codes = set_up(signed_in(admin), admin)
    client = signed_in(admin)
    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/")
    page = client.get("/accounts/two-factor/").content.decode()
    assert "two-factor-key" not in page  # the key is shown once, when setting up
    assert client.post("/accounts/two-factor/", {"token": codes[0].upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200
    answer = signed_in(admin).post("/accounts/two-factor/", {
        "token": code_now(admin, later=30), "next": "/admin/"})
    assert answer.status_code == 302 and answer["Location"] == "/admin/"
    used = signed_in(admin).post("/accounts/two-factor/", {"token": codes[0]})
    assert used.status_code == 400


def test_wrong_codes_are_slowed_down(admin):
    set_up(signed_in(admin), admin)
    client = signed_in(admin)
    for _attempt in range(3):
        assert client.post("/accounts/two-factor/", {"token": "123456"}).status_code == 400
    assert client.post("/accounts/two-factor/",
                       {"token": code_now(admin, later=30)}).status_code == 400


def test_an_employee_chooses_and_is_then_asked_too(make_person):
    ana = make_person("ana")
    client = signed_in(ana)
    assert client.get("/").status_code == 200
    assert "Set up a second factor" in client.get("/people/me/settings/").content.decode()
    set_up(client, ana)
    later = signed_in(ana)
    assert later.get("/")["Location"].startswith("/accounts/two-factor/")
    assert later.post("/accounts/two-factor/",
                      {"token": code_now(ana, later=30)}).status_code == 302
    assert later.post("/accounts/two-factor/off/").status_code == 302
    assert signed_in(ana).get("/").status_code == 200


def test_an_admin_cannot_turn_it_off(admin):
    client = signed_in(admin)
    set_up(client, admin)
    client.post("/accounts/two-factor/off/")
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


def test_with_the_setting_off_an_admin_signs_in_with_a_password(admin, settings):
    settings.TWO_FACTOR_FOR_ADMIN = False
    assert signed_in(admin).get("/admin/").status_code == 200


@pytest.mark.parametrize("token", ["", "x" * 200, "١٢٣٤٥٦", "12345\u0000", "../../"])
def test_nonsense_codes_are_refused_not_crashed(admin, token):
    client = signed_in(admin)
    set_up(client, admin)
    other = signed_in(admin)
    assert other.post("/accounts/two-factor/", {"token": token}).status_code == 400
