"""The Wagtail admin asks no outside site for anything unless ADMIN_OUTSIDE_REQUESTS
allows it: no Gravatar, no check of wagtail.org for a newer release, no validator badge
on the API's documentation page; allowed, both come back, their hosts in the admin's
Content-Security-Policy. (tests/e2e/test_admin_stays_inside.py watches the browser.)"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.test_security_headers import policy

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = ("gravatar.com", "releases.wagtail.org", "validator.swagger.io")


@pytest.fixture
def superuser(make_person):
    root = make_person("root")
    root.is_superuser = True
    root.save()
    return root


def test_by_default_the_admin_names_no_outside_site(superuser, client_for):
    client = client_for(superuser)
    for address in ("/admin/", "/admin/account/", f"/admin/users/edit/{superuser.pk}/"):
        response = client.get(address)
        body = response.content.decode()
        assert response.status_code == 200, address
        assert 'data-controller="w-upgrade' not in body, address
        assert not [host for host in OUTSIDE if host in body], address
        directives = policy(response)
        assert not [source for kind in ("img-src", "connect-src")
                    for source in directives[kind] if "gravatar" in source or "wagtail" in source]


def test_the_api_documentation_shows_no_validator_badge(client):
    script = client.get("/api/docs/", {"script": ""}).content.decode()
    assert '"validatorUrl": null' in script


def outside_settings(**env: str) -> dict:
    environment = {key: value for key, value in os.environ.items()
                   if key != "ADMIN_OUTSIDE_REQUESTS"}
    environment.update(PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="intranet.settings", **env)
    script = ("import django, json; django.setup(); from django.conf import settings as s; "
              "print(json.dumps([s.WAGTAIL_ENABLE_UPDATE_CHECK, "
              "s.WAGTAIL_GRAVATAR_PROVIDER_URL, s.ADMIN_OUTSIDE_CSP_UPDATE]))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_one_setting_lets_the_admin_reach_gravatar_and_wagtail_org():
    assert outside_settings() == [False, None, {}]
    check, gravatar, allowed = outside_settings(ADMIN_OUTSIDE_REQUESTS="1")
    assert check is True and "gravatar.com" in gravatar
    assert allowed == {"img-src": ["www.gravatar.com"],
                       "connect-src": ["https://releases.wagtail.org"]}


def test_allowed_hosts_join_the_admin_policy_only(superuser, client_for, settings):
    settings.ADMIN_OUTSIDE_CSP_UPDATE = {"img-src": ["www.gravatar.com"],
                                         "connect-src": ["https://releases.wagtail.org"]}
    client = client_for(superuser)
    admin, site = policy(client.get("/admin/")), policy(client.get("/"))
    assert "www.gravatar.com" in admin["img-src"] and "'self'" in admin["img-src"]
    assert admin["connect-src"] == ["'self'", "https://releases.wagtail.org"]
    assert "'unsafe-inline'" in admin["script-src"]
    assert "www.gravatar.com" not in site["img-src"]
