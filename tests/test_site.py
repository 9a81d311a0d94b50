"""The site answers: home page after login, admin, API schema, and anonymous redirects."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_home_page_greets_the_signed_in_employee(make_person, client_for):
    ana = make_person("ana", first_name="Ana", last_name="Lima")
    response = client_for(ana).get("/")
    assert response.status_code == 200
    assert "Hello, Ana Lima" in response.content.decode()


def test_admin_and_schema_are_served(make_person, client_for, client):
    admin = make_person("boss")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    assert client_for(admin).get("/admin/").status_code == 200
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/people/" in schema.content


def test_anonymous_api_gets_json_401(client):
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_unknown_api_path_is_json_404(make_person, api_for):
    response = api_for(make_person("ana")).get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_writing_to_an_unknown_api_path_is_json_404_not_a_csrf_page(make_person):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_person("ana"))
    for method in (browser.post, browser.patch, browser.delete):
        response = method("/api/v1/posts/not-a-number/", {}, content_type="application/json")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_api_docs_are_served_without_a_cdn(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assert "cdn.jsdelivr" not in page.content.decode()


def test_health_endpoint_needs_no_login(client):
    assert client.get("/health/").json() == {"status": "ok"}


def test_english_and_french_page_locales_exist():
    from wagtail.models import Locale

    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "fr"}


def test_profile_changes_appear_in_the_admin_history(make_person, client_for):
    from intranet.people.services import profile_ensure, profile_update

    admin = make_person("boss")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    ana = make_person("ana")
    profile_update(actor=ana, profile=profile_ensure(user=ana),
                   changes={"privacy": {"bio": "private"}})
    page = client_for(admin).get("/admin/reports/site-history/").content.decode()
    assert "Privacy settings changed" in page
