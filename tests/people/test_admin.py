"""HR manages profiles in the Wagtail admin, through the same rules and audit trail."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from intranet.people.models import Profile
from intranet.people.services import profile_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(make_person):
    person = make_person("hana")
    person.groups.add(Group.objects.get(name="HR"))
    return person


def form(profile: Profile, **changes) -> dict:
    data = {"employee_id": profile.employee_id or "", "job_title": profile.job_title,
            "department": "", "team": "", "manager": "", "location": "", "start_date": "",
            "is_official": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_hr_edits_a_profile_and_it_is_audited(hr, make_person, client_for):
    ana = profile_ensure(user=make_person("ana", job_title="Intern"))
    client = client_for(hr)
    assert client.get("/admin/people/profiles/").status_code == 200
    response = client.post(f"/admin/people/profiles/edit/{ana.pk}/",
                           form(ana, employee_id="E42", job_title="Engineer"))
    assert response.status_code == 302
    ana.refresh_from_db()
    assert (ana.employee_id, ana.job_title) == ("E42", "Engineer")
    entry = ModelLogEntry.objects.filter(object_id=str(ana.pk),
                                         action="intranet.profile.edit").latest("timestamp")
    assert entry.user_id == hr.pk
    assert entry.data["changes"]["job_title"] == {"from": "Intern", "to": "Engineer"}


def test_the_admin_refuses_a_reporting_loop(hr, make_person, client_for):
    boss = profile_ensure(user=make_person("boss"))
    ana = profile_ensure(user=make_person("ana", manager=boss))
    response = client_for(hr).post(f"/admin/people/profiles/edit/{boss.pk}/",
                                   form(boss, manager=str(ana.pk)))
    assert response.status_code == 200
    boss.refresh_from_db()
    assert boss.manager is None


def test_employees_without_a_role_cannot_reach_profile_management(make_person, client_for):
    ana = make_person("ana")
    response = client_for(ana).get("/admin/people/profiles/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("who", ["hr", "superuser"])
def test_the_admin_shows_only_what_hr_keeps_not_what_a_person_keeps_to_themselves(
        hr, make_person, client_for, who):
    viewer = hr
    if who == "superuser":
        viewer = make_person("root")
        viewer.is_superuser = viewer.is_staff = True
        viewer.save()
    ana = profile_ensure(user=make_person(
        "ana", job_title="Engineer", phone="+33 6 12 34 56 78", bio="Collects zythums",
        pronouns="she/her", privacy={"phone": "private", "bio": "private",
                                     "pronouns": "private"}))
    client = client_for(viewer)
    pages = [client.get(f"/admin/people/profiles/inspect/{ana.pk}/"),
             client.get("/admin/people/profiles/"),
             client.get("/admin/people/profiles/", {"q": "ana"})]
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        for hidden in ("+33 6 12 34 56 78", "Collects zythums", "she/her"):
            assert hidden not in text
    assert "Engineer" in pages[0].content.decode()
