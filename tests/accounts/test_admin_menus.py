"""Each company-wide role finds its tools in the Wagtail admin's menu, and every page the
menu offers opens for it; an employee without a role reaches none of them, and is
refused without a server error."""

import pytest

from tests.admin_menu import admin_menu
from tests.feeds.conftest import give_role

pytestmark = pytest.mark.django_db

# Role: addresses its menu must offer (among others).
TOOLS = {
    "HR": ["/admin/pages/", "/admin/announcements/reach/", "/admin/people/profiles/",
           "/admin/reports/site-history/"],
    "Communications": ["/admin/brand/sources/", "/admin/search/synonyms/"],
    "Community managers": ["/moderation/", "/admin/moderation/cases/",
                           "/admin/moderation/mutes/", "/admin/moderation/rules/",
                           "/admin/snippets/intranet_moderation/reportreason/",
                           "/admin/search/synonyms/"],
}


@pytest.mark.parametrize("role", list(TOOLS))
def test_each_role_finds_its_tools_and_every_page_of_its_menu_opens(role, make_person,
                                                                     client_for):
    person = make_person("rita")
    give_role(person, role)
    client = client_for(person)
    menu = [address for _, address in admin_menu(client) if address.startswith("/")]
    assert set(TOOLS[role]) <= set(menu), menu
    for address in menu:
        answer = client.get(address, follow=True)
        assert answer.status_code == 200, address
        # Site settings redirect to the current site's, nothing to a refusal.
        assert all(url.startswith(address) for url, _ in answer.redirect_chain), address


def test_an_employee_without_a_role_reaches_no_tool(make_person, client_for):
    client = client_for(make_person("eve"))
    for address in ["/admin/", *{a for tools in TOOLS.values() for a in tools}]:
        if address == "/moderation/":
            assert client.get(address).status_code == 404  # the queue hides itself
            continue
        assert client.get(address).status_code in (302, 403), address
