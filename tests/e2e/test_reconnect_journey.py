"""An employee's home page loses its network for a while: 30 posts are made meanwhile
and 30 more while it reconnects. The page ends with all 60, once each, newest first,
whether one web process serves it or two behind one address."""

import re
import threading

import pytest
from playwright.sync_api import expect

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from tests.servers import start_proxy, start_server, stop

PASSWORD = "a long passphrase 1"


@pytest.fixture(params=[1, 2], ids=["one process", "two processes"])
def site(request, transactional_db, django_db_serialized_rollback):
    """The intranet at one address: one web process, or two behind nginx."""
    processes, urls = [], []
    try:
        for _ in range(request.param):
            process, url = start_server()
            processes.append(process)
            urls.append(url)
        if request.param == 1:
            yield urls[0]
        else:
            proxy, address = start_proxy(urls)
            processes.append(proxy)
            yield address
    except RuntimeError as error:
        pytest.fail(str(error))
    finally:
        for process in processes:
            stop(process)


def post_many(authors, group, start: int, count: int) -> threading.Thread:
    """Post from another thread (the browser's event loop runs in this one)."""

    def post() -> None:
        for n in range(start, start + count):
            post_create(actor=authors[n % len(authors)], body=f"Update number {n:02d}",
                        group=group)

    thread = threading.Thread(target=post)
    thread.start()
    return thread


@pytest.mark.e2e
def test_a_page_that_loses_its_network_ends_with_every_post_once_in_order(
        site, browser, make_person):
    authors = [make_person(name, password=PASSWORD) for name in ("ada", "bob", "cyd")]
    reader = make_person("mike", first_name="Mike", password=PASSWORD)
    group = group_create(actor=authors[0], name="Release train")
    for person in [*authors[1:], reader]:
        group_join(actor=person, group=group)

    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    network = {"up": True, "sockets": []}

    def through_the_network(socket) -> None:
        """Websockets pass while the network is up; losing it drops them."""
        if not network["up"]:
            socket.close()
            return
        socket.connect_to_server()
        network["sockets"].append(socket)

    page.route_web_socket(re.compile(r"/ws/"), through_the_network)
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username").fill("mike")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("html[data-live=on]")).to_have_count(1)

    network["up"] = False
    context.set_offline(True)
    for socket in network["sockets"]:
        socket.close()
    expect(page.locator("html[data-live=off]")).to_have_count(1, timeout=15_000)
    post_many(authors, group, 0, 30).join(60)
    network["up"] = True
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    post_many(authors, group, 30, 30).join(60)
    expect(page.locator(".post", has_text="Update number")).to_have_count(60, timeout=30_000)
    shown = page.locator(".post .post-body").all_inner_texts()
    updates = [text.strip() for text in shown if text.strip().startswith("Update number")]
    assert updates == [f"Update number {n:02d}" for n in reversed(range(60))]
    context.close()
