"""Pages showing the Big List of Naughty Strings in posts, comments, a group and a
profile, and searches for them, in Chromium: no script runs (no dialog opens) and no
page fails."""

import pytest

from intranet.feeds.services.comments import comment_create
from intranet.feeds.services.posts import post_create
from intranet.groups.services import group_create
from intranet.people.services import profile_ensure, profile_update
from tests.test_naughty_strings import chunks, naughty_strings


@pytest.mark.e2e
def test_pages_showing_naughty_strings_run_none_of_them(server, browser, make_person):
    strings = naughty_strings()
    ana = make_person("ana", password="a long passphrase 1")
    group = group_create(actor=ana, name="<script>alert(1)</script> club",
                         description="\n".join(strings[:60]))
    posts = [post_create(actor=ana, body=text, group=group) for text in chunks(strings, 25)]
    for text in chunks(strings, 40):
        comment_create(actor=ana, post=posts[0], body=text)
    profile_update(actor=ana, profile=profile_ensure(user=ana), changes={
        "bio": "\n".join(strings[:40])[:2000], "job_title": "<img src=x onerror=alert(1)>",
        "display_name": "\"><svg onload=alert(1)>"})
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    dialogs, failures = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("response", lambda response: failures.append(response.url)
            if response.status >= 500 else None)
    page.goto(f"{server}/accounts/login/")
    page.locator("#id_username").fill("ana")
    page.locator("#id_password").fill("a long passphrase 1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{server}/")
    addresses = ["/", f"/groups/{group.slug}/", f"/people/{ana.username}/", "/people/",
                 *[f"/feed/posts/{post.pk}/" for post in posts]]
    addresses += [f"/search/?q={text}" for text in strings if "<" in text or "alert" in text]
    for address in addresses:
        page.goto(f"{server}{address}")
        page.wait_for_load_state("load")
    assert not dialogs, dialogs
    assert not failures, failures
