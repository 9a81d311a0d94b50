"""A person asks for a copy of their data on their settings page, watches it being
prepared, and downloads the ZIP once the background job built it."""

import json
import zipfile

import pytest
from playwright.sync_api import expect

from intranet.core.background.worker import Worker
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create, group_join
from tests.servers import start_server, stop

PASSWORD = "a long passphrase 1"


@pytest.fixture
def database_server(transactional_db, django_db_serialized_rollback, database_queue):
    """The site, its jobs in the database store, so that this test's worker runs them."""
    try:
        process, base = start_server(TASK_STORE="database")
    except RuntimeError as error:
        pytest.fail(str(error))
    yield base
    stop(process)


@pytest.mark.e2e
def test_a_person_prepares_and_downloads_their_data(database_server, page, make_person,
                                                    tmp_path):
    ana = make_person("ana", first_name="Ana", last_name="Lima", password=PASSWORD,
                      job_title="Buyer")
    group = group_create(actor=make_person("olivia"), name="Purchasing")
    group_join(actor=ana, group=group)
    post_create(actor=ana, body="Supplier day is on Thursday", group=group)

    page.goto(f"{database_server}/people/me/settings/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Prepare a copy of my data").click()
    expect(page.get_by_role("status")).to_contain_text("Your data is being prepared")
    progress = page.get_by_role("progressbar", name="Being prepared")
    expect(progress).to_be_visible()

    assert Worker(queues=["default"], periodic_interval=float("inf")).run(until_idle=True)
    link = page.get_by_role("link", name="Download (ZIP)")
    expect(link).to_be_visible(timeout=15_000)
    expect(progress).to_have_count(0)
    with page.expect_download() as downloading:
        link.click()
    saved = tmp_path / "data.zip"
    downloading.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        posts = json.loads(archive.read("posts.json"))
        profile = json.loads(archive.read("profile.json"))
    assert [post["body"] for post in posts] == ["Supplier day is on Thursday"]
    assert profile["job_title"] == "Buyer"
