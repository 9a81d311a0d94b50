"""Sessions: cookies a script on the page cannot read and another site cannot send, an
end after a working day without a request, and "sign out everywhere", which ends every
session, token and socket of the person at once."""

import time

import pytest
from channels.db import database_sync_to_async as in_thread
from django.test import Client
from wagtail.log_actions import registry
from wagtail.models import APIToken

from intranet.accounts.middleware import IDLE_SINCE
from tests.accounts.test_access_ends import (
    api_with_token,
    assert_closed_for_session_end,
    socket_through,
)

PASSWORD = "pw-for-tests-1"


def signed_in(user) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.django_db
def test_the_session_cookie_is_kept_from_scripts_and_other_sites(make_person, settings):
    settings.SESSION_COOKIE_SECURE = True
    client = signed_in(make_person("ana"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["secure"]
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_a_session_left_idle_ends(make_person, settings):
    client = signed_in(make_person("ana"))
    assert client.get("/").status_code == 200
    session = client.session
    session[IDLE_SINCE] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/people/").status_code == 302


@pytest.mark.django_db
def test_a_session_in_use_stays(make_person, settings):
    client = signed_in(make_person("ana"))
    session = client.session
    session[IDLE_SINCE] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 + 120
    session.save()
    assert client.get("/").status_code == 200
    assert client.session[IDLE_SINCE] >= int(time.time()) - 5
    assert client.get("/").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_signing_out_everywhere_ends_every_session_token_and_socket(make_person):
    ana = await in_thread(make_person)("ana")
    bob = await in_thread(make_person)("bob")
    laptop, phone = await in_thread(signed_in)(ana), await in_thread(signed_in)(ana)
    bobs = await in_thread(signed_in)(bob)
    api, _token_id = await in_thread(api_with_token)(ana)
    socket = await socket_through(api)

    response = await in_thread(laptop.post)("/accounts/sign-out-everywhere/")
    assert response.status_code == 302

    await assert_closed_for_session_end(socket)
    for client in (laptop, phone):
        page = await in_thread(client.get)("/")
        assert page.status_code == 302 and page["Location"].startswith("/accounts/login/")
    assert (await in_thread(api.get)("/api/v1/me/")).status_code == 401
    assert not await APIToken.objects.filter(user=ana, revoked_at=None).aexists()
    assert (await in_thread(bobs.get)("/")).status_code == 200
    again = await in_thread(signed_in)(ana)
    assert (await in_thread(again.get)("/")).status_code == 200
    entries = await in_thread(list)(registry.get_logs_for_instance(ana))
    assert [entry.action for entry in entries] == ["intranet.account.sign_out_everywhere"]


@pytest.mark.django_db
def test_signing_out_everywhere_is_a_form_post(make_person, client_for):
    client = client_for(make_person("ana"))
    assert client.get("/accounts/sign-out-everywhere/").status_code == 405
    assert "sign-out-everywhere" in client.get("/people/me/settings/").content.decode()
