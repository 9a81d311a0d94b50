"""Community managers find moderation in the Wagtail admin: one menu leading to the
queue, the cases, mutes, rules, report reasons, unanswered questions and the audit log,
every page of it open to them, and a dashboard saying how much waits; people without
the role find none of it, and are refused without a server error."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intranet.moderation.models import Case, ReportReason
from intranet.moderation.services.reports import report_create
from intranet.moderation.services.restrictions import mute
from intranet.moderation.services.rules import rule_build, rule_save
from tests.admin_menu import admin_menu
from tests.feeds.conftest import give_role

pytestmark = pytest.mark.django_db

MODERATION_MENU = ["Waiting for a decision", "Moderation cases", "Mutes", "Moderation rules",
                   "Report reasons", "Unanswered", "Moderation history"]


@pytest.fixture
def manager(make_person):
    person = make_person("cora")
    give_role(person, "Community managers")
    return person


@pytest.fixture
def screens(company, publish, manager) -> list[str]:
    """A reported post, a mute and a rule: the addresses of every moderation screen
    behind the menu, the objects' own pages included."""
    post = publish(company.owner, "Atlas numbers", group=company.secret)
    report_create(actor=company.member, kind="post", key=str(post.pk), reason="spam")
    restriction = mute(actor=manager, user=company.member, group=None,
                       until=timezone.now() + timedelta(days=1), reason="Flooding")
    rule = rule_save(actor=manager, rule=rule_build(
        actor=manager, name="Card numbers", action="hide",
        conditions={"pattern": "\\b4[0-9]{15}\\b"}, enabled=True))
    case, reason = Case.objects.get(), ReportReason.objects.first()
    return ["/admin/moderation/cases/", f"/admin/moderation/cases/inspect/{case.pk}/",
            "/admin/moderation/mutes/", f"/admin/moderation/mutes/inspect/{restriction.pk}/",
            "/admin/moderation/rules/", "/admin/moderation/rules/new/",
            f"/admin/moderation/rules/edit/{rule.pk}/",
            f"/admin/moderation/rules/delete/{rule.pk}/",
            "/admin/snippets/intranet_moderation/reportreason/",
            "/admin/snippets/intranet_moderation/reportreason/add/",
            f"/admin/snippets/intranet_moderation/reportreason/edit/{reason.pk}/"]


def test_managers_find_every_moderation_screen_in_one_menu(manager, client_for):
    labels = [label for label, _ in admin_menu(client_for(manager))]
    assert [label for label in labels if label in MODERATION_MENU] == MODERATION_MENU


def test_every_moderation_page_opens_for_a_manager(manager, screens, client_for):
    client = client_for(manager)
    links = dict(admin_menu(client))
    for address in [links[label] for label in MODERATION_MENU] + screens:
        assert client.get(address).status_code == 200, address
    history = client.get(links["Moderation history"]).content.decode()
    assert "Moderation: Muted" in history and "Card numbers" in history


def test_the_dashboard_says_how_much_waits(manager, screens, client_for):
    dashboard = client_for(manager).get("/admin/").content.decode()
    assert "1 item is waiting for a decision." in dashboard
    Case.objects.update(pending=False)
    dashboard = client_for(manager).get("/admin/").content.decode()
    assert "Nothing is waiting for a decision." in dashboard


@pytest.mark.parametrize("role", [None, "HR", "Communications"])
def test_others_find_no_moderation_and_are_refused_without_an_error(
        role, manager, screens, company, client_for):
    person = company.moderator  # moderates a group, not the company
    if role:
        give_role(person, role)
    client = client_for(person)
    if role:
        labels = {label for label, _ in admin_menu(client)}
        assert not labels & set(MODERATION_MENU)
        assert "waiting for a decision" not in client.get("/admin/").content.decode()
    for address in screens:
        answer = client.get(address)
        assert answer.status_code in (302, 403), (address, answer.status_code)
        assert "Atlas numbers" not in answer.content.decode()
    history = client.get("/admin/reports/site-history/")  # HR's own report
    assert history.status_code in (200, 302, 403)
    assert "Card numbers" not in history.content.decode()
