"""The intranet as an installed app: the browser takes its service worker, and when the
network goes the person sees a page saying so, not the browser's error."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_live_feed_journey import PASSWORD, signed_in


@pytest.mark.e2e
def test_offline_a_person_sees_the_offline_page(server, browser, make_person):
    make_person("olivia", first_name="Olivia", password=PASSWORD)
    page = signed_in(browser, server, "olivia")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")
    assert manifest["display"] == "standalone"

    page.context.set_offline(True)
    page.goto(f"{server}/groups/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    assert "Olivia" not in page.content()
    page.context.set_offline(False)
    page.get_by_role("link", name="Try again").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
