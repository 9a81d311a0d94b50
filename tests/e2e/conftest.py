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


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed at {CHROMIUM}: `apt-get install chromium` "
                    "(make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
