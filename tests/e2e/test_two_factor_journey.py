"""An HR manager signs in with her password, sets up her authenticator app from the QR
code, keeps her recovery codes, reaches the administration; the next time, a code from
the app is asked right after the password."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.feeds.conftest import give_role
from tests.servers import start_server, stop

PASSWORD = "a long passphrase 1"


@pytest.fixture
def strict_server(transactional_db, django_db_serialized_rollback):
    process, base = start_server(TWO_FACTOR_FOR_ADMIN="1")
    yield base
    stop(process)


def code_now(user, later: int = 0) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += later
    return f"{totp.token():06d}"


def sign_in(page, server: str) -> None:
    page.goto(f"{server}/accounts/login/")
    page.locator("#id_username").fill("helen")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


@pytest.mark.e2e
def test_an_hr_manager_sets_up_and_uses_a_second_factor(strict_server, browser, make_person):
    helen = make_person("helen", password=PASSWORD)
    give_role(helen, "HR")
    page = browser.new_context(locale="en-GB").new_page()
    sign_in(page, strict_server)
    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    expect(page.get_by_role("img", name="QR code of the key for your authenticator app")
           ).to_be_visible()
    page.goto(f"{strict_server}/admin/")
    expect(page).to_have_url(f"{strict_server}/accounts/two-factor/?next=%2Fadmin%2F")
    device = TOTPDevice.objects.get(user=helen)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("Code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page).to_have_url(f"{strict_server}/admin/")

    page.context.clear_cookies()
    sign_in(page, strict_server)
    expect(page.get_by_role("heading", name="Type a code from your authenticator app")
           ).to_be_visible()
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("That code does not match")
    page.wait_for_timeout(1100)  # a wrong code makes the next one wait a second
    page.get_by_label("Code").fill(code_now(helen, later=30))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{strict_server}/")
