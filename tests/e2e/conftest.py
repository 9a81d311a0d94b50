"""Whole journeys in Debian's Chromium against the real ASGI server (uvicorn)."""

import os
from pathlib import Path

import pytest

from tests.servers import start_server, stop

CHROMIUM = "/usr/bin/chromium"
# Playwright's sync API runs an event loop in the test's thread; the ORM calls that set up
# each journey are still plain synchronous calls, so let Django accept them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def server(transactional_db, django_db_serialized_rollback):
    """The intranet served by uvicorn on the test database, as in production."""
    try:
        process, base = start_server()
    except RuntimeError as error:
        pytest.fail(str(error))
    yield base
    stop(process)


class WatchedBrowser:
    """Chromium, whose pages report what the Content-Security-Policy refused: a journey
    fails if its pages needed anything the policy does not allow."""

    def __init__(self, chromium) -> None:
        self.chromium = chromium
        self.refused: list[str] = []

    def new_context(self, **options):
        context = self.chromium.new_context(**options)
        context.on("page", self._watch)
        return context

    def _watch(self, page) -> None:
        page.on("console", lambda message: self.refused.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text else None)

    def __getattr__(self, name: str):
        return getattr(self.chromium, name)


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed at {CHROMIUM}: `apt-get install chromium` "
                    "(make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        watched = WatchedBrowser(chromium)
        yield watched
        chromium.close()
        assert not watched.refused, "\n".join(dict.fromkeys(watched.refused))


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
