"""Moderation in the Wagtail admin: community managers read every case (the content of a
secret group only as reported) and edit rules through the service; group moderators and
employees reach none of it; nothing there edits a case."""

import pytest

from intranet.moderation.models import Case, ModerationRule
from intranet.moderation.services.reports import report_create
from tests.feeds.conftest import give_role

pytestmark = pytest.mark.django_db


def test_managers_read_every_case_and_nobody_edits_one(company, publish, client_for,
                                                      make_person):
    manager = make_person("cora")
    give_role(manager, "Community managers")
    secret = publish(company.owner, "Atlas numbers", group=company.secret)
    report_create(actor=company.member, kind="post", key=str(secret.pk), reason="spam",
                  note="Numbers leaked")
    case = Case.objects.get()
    admin = client_for(manager)
    listing = admin.get("/admin/moderation/cases/")
    assert listing.status_code == 200 and company.secret.name in listing.content.decode()
    assert admin.get(f"/admin/moderation/cases/inspect/{case.pk}/").status_code == 200
    assert admin.get(f"/admin/moderation/cases/edit/{case.pk}/").status_code in (302, 403)
    assert admin.post(f"/admin/moderation/cases/delete/{case.pk}/").status_code in (302, 403)
    assert Case.objects.filter(pk=case.pk).exists()
    for person in (company.moderator, company.member):
        answer = client_for(person).get("/admin/moderation/cases/")
        assert answer.status_code in (302, 403)
        assert "Numbers leaked" not in answer.content.decode()


def test_rules_edited_in_the_admin_go_through_the_same_checks(company, client_for,
                                                             make_person):
    manager = make_person("cora")
    give_role(manager, "Community managers")
    admin = client_for(manager)
    form = {"name": "Card numbers", "enabled": "on", "group": "", "action": "hide",
            "reply": "", "position": "0"}
    bad = admin.post("/admin/moderation/rules/new/", {**form,
                                                      "conditions": '{"pattern": "(oops"}'})
    assert bad.status_code == 200 and not ModerationRule.objects.exists()
    good = admin.post("/admin/moderation/rules/new/", {
        **form, "conditions": '{"pattern": "\\\\b4[0-9]{15}\\\\b"}'})
    assert good.status_code == 302
    rule = ModerationRule.objects.get()
    assert rule.conditions == {"pattern": "\\b4[0-9]{15}\\b"} and rule.created_by == manager


def test_moderation_actions_are_in_the_audit_log_filterable_and_exported(
        company, publish, client_for, make_person):
    from intranet.moderation.services.decisions import case_decide

    manager = make_person("cora")
    give_role(manager, "Community managers")
    post = publish(company.member, "Tickets for sale", group=company.open)
    report, _ = report_create(actor=company.outsider, kind="post", key=str(post.pk),
                              reason="spam")
    case_decide(actor=manager, case=report.case, action="hide", reason="No selling here")
    admin = client_for(manager)
    history = admin.get("/admin/reports/site-history/", {"action": "intranet.moderation.hide"})
    assert history.status_code == 200 and "Moderation: Hidden" in history.content.decode()
    exported = admin.get("/admin/reports/site-history/", {
        "action": "intranet.moderation.hide", "export": "csv"})
    body = b"".join(exported.streaming_content).decode() \
        if exported.streaming else exported.content.decode()
    assert exported.status_code == 200 and "Moderation: Hidden" in body
