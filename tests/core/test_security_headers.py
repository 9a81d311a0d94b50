"""Every kind of response carries the security headers: a Content-Security-Policy with
no inline script or style anywhere but in the Wagtail admin (whose editor needs them),
framing by the site
itself only, no MIME sniffing, the referrer kept in the site, browser features it never
uses switched off, and HSTS on HTTPS."""

import pytest

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in
            (directive.split() for directive in header.split(";") if directive.strip())}


def pages(company, post) -> list[str]:
    return ["/", f"/feed/posts/{post.pk}/", f"/groups/{company.open.slug}/",
            f"/people/{company.member.username}/", "/people/", "/search/?q=club",
            "/feed/notifications/", "/brand/", "/moderation/", "/admin/", "/admin/pages/",
            "/api/v1/me/", "/api/docs/", "/no-such-page/", "/api/v1/no-such-thing/",
            "/manifest.webmanifest"]


def test_every_kind_of_page_carries_the_headers(company, publish, client_for):
    post = publish(company.owner, "Hello", group=company.open)
    company.owner.is_superuser = True
    company.owner.save()
    client = client_for(company.owner)
    for url in [*pages(company, post), "/accounts/login/", "/admin/login/"]:
        response = client.get(url)
        assert response.status_code < 500, url
        directives = policy(response)
        assert directives["script-src"][0] == "'self'", url
        assert directives["object-src"] == ["'none'"], url
        assert directives["frame-ancestors"] == ["'self'"], url
        assert directives["base-uri"] == ["'self'"], url
        for kind in ("script-src", "style-src"):  # Wagtail's own, in the admin only
            inline = "'unsafe-inline'" in directives[kind]
            assert inline == url.startswith("/admin/"), (url, kind)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "Strict-Transport-Security" not in response, url


def test_https_responses_ask_browsers_to_keep_to_https(company, client_for):
    response = client_for(company.member).get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_an_anonymous_visitor_is_sent_to_sign_in_under_the_same_policy(client):
    response = client.get("/")
    assert response.status_code == 302
    assert policy(response)["script-src"] == ["'self'"]
