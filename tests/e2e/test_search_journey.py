"""A communications officer searches with a typo and in English, sees why each result was
found, and pins a result for a query."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from intranet.search.engines import engine
from intranet.search.indexing import drain_all


@pytest.mark.e2e
def test_a_typo_an_english_query_and_a_pinned_result(server, page, make_person):
    camille = make_person("camille", first_name="Camille", password="a long passphrase 1")
    camille.groups.add(Group.objects.get(name="Communications"))
    group = group_create(actor=camille, name="Vie du siège")
    post_create(actor=camille, body="La comptabilité ferme ses comptes jeudi soir",
                group=group)
    post_create(actor=camille, body="Les salariés du siège déménagent en mars", group=group)
    post_create(actor=camille, body="Le déménagement du siège : le planning", group=group)
    drain_all()
    engine().refresh()

    page.goto(f"{server}/accounts/login/")
    page.get_by_label("Username").fill("camille")
    page.get_by_label("Password").fill("a long passphrase 1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("Hello"))).to_be_visible()

    page.goto(f"{server}/search/?q=comptabilte")
    expect(page.get_by_text("Did you mean:")).to_be_visible()
    expect(page.get_by_role("link", name="comptabilite")).to_be_visible()
    result = page.locator(".result").first
    expect(result.get_by_role("link")).to_have_text(
        "La comptabilité ferme ses comptes jeudi soir")
    expect(result.locator(".why")).to_contain_text("comptabilité (spelling corrected)")

    page.goto(f"{server}/search/?q=employees")
    result = page.locator(".result").first
    expect(result.get_by_role("link").first).to_have_text(
        "Les salariés du siège déménagent en mars")
    expect(result.locator(".why")).to_contain_text("(synonym)")

    page.goto(f"{server}/search/?q=déménagement")
    moving = page.locator(".result", has_text="Les salariés du siège")
    moving.get_by_role("button", name="Pin for this query").click()
    expect(page.get_by_text("Done: the results of this query have changed.")).to_be_visible()
    first = page.locator(".result").first
    expect(first).to_contain_text("Pinned")
    expect(first).to_contain_text("Les salariés du siège déménagent en mars")
