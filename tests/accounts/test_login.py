"""Signing in and out through the pages, in either language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_sign_in_page_works_and_signs_in(make_person, client):
    make_person("ana", password="a long passphrase 1")
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    response = client.post(reverse("accounts:login"),
                           {"username": "ana", "password": "a long passphrase 1"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_wrong_password_shows_an_error_and_does_not_sign_in(make_person, client):
    make_person("ana", password="a long passphrase 1")
    response = client.post(reverse("accounts:login"), {"username": "ana", "password": "no"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert client.get("/").status_code == 302


def test_sign_out_ends_the_session(make_person, client_for):
    client = client_for(make_person("ana"))
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302


def test_anonymous_visitors_can_switch_the_language_of_the_sign_in_page(client):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Se connecter" in page
