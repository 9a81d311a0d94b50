"""Signing in with the company account, in Chromium, against the intranet served by
uvicorn and a real OpenID provider (oidc-provider, tests/oidc): the button on the sign-in
page, the provider's own form, and back on the intranet's home as the right person."""

import socket

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.test_every_page import axe_script, violations
from tests.oidc.provider import PASSWORD, environment
from tests.servers import start_server, stop

User = get_user_model()


@pytest.fixture
def sso_site(transactional_db, django_db_serialized_rollback, oidc_provider):
    """sso_site(**environment) -> the address of the intranet, signing people in at the
    test provider. The intranet starts first: it reads the provider's discovery document
    only when someone signs in."""
    servers = []

    def start(**extra: str) -> str:
        with socket.socket() as reserved:  # so that the intranet is not given its port
            reserved.bind(("127.0.0.1", 0))
            port = reserved.getsockname()[1]
            try:
                process, base = start_server(**environment(f"http://127.0.0.1:{port}"),
                                             **extra)
            except RuntimeError as error:
                pytest.fail(str(error))
        servers.append(process)
        oidc_provider(f"{base}/accounts/sso/callback/", port=port)
        return base

    yield start
    for process in servers:
        stop(process)


def sign_in_at_the_provider(page, email: str) -> None:
    expect(page.get_by_role("heading", name="Test Company sign-in")).to_be_visible()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.e2e
def test_a_newcomer_signs_in_with_the_company_account_and_out_again(sso_site, page):
    server = sso_site()
    page.goto(f"{server}/groups/")
    expect(page).to_have_url(f"{server}/accounts/login/?next=/groups/")
    assert violations(page, axe_script()) == []
    page.get_by_role("link", name="Sign in with Test Company").click()
    sign_in_at_the_provider(page, "chloe.martin@example.com")
    expect(page).to_have_url(f"{server}/groups/")
    expect(page.get_by_role("link", name="Chloé Martin")).to_be_visible()
    chloe = User.objects.get(email="chloe.martin@example.com")
    assert (chloe.profile.employee_id, chloe.profile.department.name) == ("E-1001", "Research")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{server}/accounts/login/")
    page.goto(f"{server}/")
    expect(page).to_have_url(f"{server}/accounts/login/?next=/")


@pytest.mark.e2e
def test_with_passwords_off_a_known_person_signs_in_only_through_the_provider(
        sso_site, page, make_person):
    ben = make_person("ben", first_name="Ben", last_name="Okafor", employee_id="E-3003")
    dan = make_person("dan", first_name="Dan")
    dan.is_active = False
    dan.save()
    server = sso_site(PASSWORD_SIGN_IN="0")
    page.goto(f"{server}/")
    expect(page.get_by_label("Password")).to_have_count(0)
    assert violations(page, axe_script()) == []
    page.get_by_role("link", name="Sign in with Test Company").click()
    sign_in_at_the_provider(page, "ben.new-address@example.com")
    expect(page).to_have_url(f"{server}/")
    expect(page.get_by_role("link", name="Ben Okafor")).to_be_visible()
    assert User.objects.filter(first_name="Ben").count() == 1
    ben.refresh_from_db()
    assert ben.email == "ben.new-address@example.com"
    page.get_by_role("button", name="Sign out").click()
    page.context.clear_cookies()  # as another person at the same computer
    page.goto(f"{server}/accounts/login/")
    page.get_by_role("link", name="Sign in with Test Company").click()
    sign_in_at_the_provider(page, "dan@example.com")
    expect(page.get_by_role("alert")).to_contain_text("This account is switched off")
    assert violations(page, axe_script()) == []
    page.goto(f"{server}/")
    expect(page).to_have_url(f"{server}/accounts/login/?next=/")
