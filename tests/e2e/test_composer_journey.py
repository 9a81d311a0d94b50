"""Writing a post as people do on a phone or a laptop: a colleague mentioned by name from
a list, a draft that survives a reload, an image described before it is posted, and the
new post in view with a word that it is published. Then the header's type-ahead, by
keyboard alone."""

import io
import random
import re
import string

import pytest
from PIL import Image
from playwright.sync_api import expect

from intranet.groups.services import group_create
from intranet.search.engines import engine
from intranet.search.indexing import drain_all
from tests.e2e.test_live_feed_journey import PASSWORD, signed_in


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(out, format="PNG")
    return out.getvalue()


@pytest.mark.e2e
def test_mention_a_draft_an_image_description_and_the_new_post_in_view(
        server, browser, make_person):
    olivia = make_person("olivia", first_name="Olivia", password=PASSWORD)
    make_person("ana", first_name="Ana", last_name="Lima", job_title="Designer")
    group_create(actor=olivia, name="Design system")
    page = signed_in(browser, server, "olivia")
    page.goto(f"{server}/groups/design-system/")

    field = page.get_by_label("What would you like to share?")
    field.click()
    field.press_sequentially("Thanks @an", delay=20)
    option = page.get_by_role("option", name=re.compile("Ana Lima"))
    expect(option).to_be_visible()
    expect(option).to_contain_text("Designer")
    field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    field.press("Enter")
    expect(field).to_have_value("Thanks @ana ")
    field.press_sequentially("for the new icons", delay=10)

    page.reload()
    field = page.get_by_label("What would you like to share?")
    expect(field).to_have_value("Thanks @ana for the new icons")

    page.locator("input[type=file][name=images]").set_input_files(
        {"name": "icons.png", "mimeType": "image/png", "buffer": png_bytes()})
    description = page.get_by_label("What image 1 shows")
    expect(description).to_be_visible()
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator("[data-reminder]")).to_be_visible()
    expect(description).to_be_focused()
    description.fill("Twelve new outline icons on a teal background")
    page.get_by_role("button", name="Post", exact=True).click()

    expect(page.get_by_text("Your post is published.")).to_be_visible()
    assert re.search(r"#post-\d+$", page.url)
    post = page.locator(".post:target")
    expect(post).to_contain_text("Thanks Ana Lima for the new icons")
    expect(post.get_by_role("link", name="Ana Lima")).to_have_attribute("href", "/people/ana/")
    expect(post.locator(".post-images img")).to_have_attribute(
        "alt", "Twelve new outline icons on a teal background")
    page.reload()
    expect(page.get_by_label("What would you like to share?")).to_have_value("")


@pytest.mark.e2e
def test_the_header_type_ahead_by_keyboard(server, browser, make_person):
    make_person("olivia", first_name="Olivia", password=PASSWORD)
    # A name of its own: the search index outlives the test database between runs.
    surname = "".join(random.choices(string.ascii_lowercase, k=10)).capitalize()
    make_person("zelia", first_name="Zelia", last_name=surname)
    drain_all()
    engine().refresh()
    page = signed_in(browser, server, "olivia")
    search = page.get_by_role("combobox", name="Search")
    search.fill(f"Zelia {surname}")
    person = page.get_by_role("option", name=re.compile(f"^Zelia {surname}"))
    expect(person).to_be_visible()
    every = page.get_by_role("option", name=re.compile(f"See all results for “Zelia {surname}”"))
    expect(every).to_be_visible()
    search.press("ArrowUp")
    expect(every).to_have_attribute("aria-selected", "true")
    search.press("ArrowDown")  # from the last option round to the first
    expect(person).to_have_attribute("aria-selected", "true")
    expect(search).to_have_attribute("aria-activedescendant", person.get_attribute("id"))
    search.press("Escape")
    expect(person).to_be_hidden()
    search.press("ArrowDown")
    shorter = f"Zelia {surname[:4]}"
    search.fill(shorter)
    expect(every).to_have_count(0)
    every = page.get_by_role("option", name=re.compile(f"See all results for “{shorter}”"))
    expect(every).to_be_visible()
    search.press("ArrowUp")
    expect(every).to_have_attribute("aria-selected", "true")
    search.press("Enter")
    expect(page).to_have_url(re.compile(rf"/search/\?q=Zelia\+{surname[:4]}$"))
