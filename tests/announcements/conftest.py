"""A small company around announcements: a department, a secret group, HR."""

import pytest

from intranet.announcements.models import AnnouncementPage
from intranet.core.site import site_home
from intranet.groups.services import group_create
from intranet.people.models import Department
from tests.feeds.conftest import give_role, join_as


def publish(title: str, *, departments=(), groups=(), **fields) -> AnnouncementPage:
    home = site_home()
    page = home.add_child(instance=AnnouncementPage(title=title, summary=f"{title}.",
                                                    **fields))
    page.departments.set(departments)
    page.groups.set(groups)
    page.save_revision().publish()
    return AnnouncementPage.objects.get(pk=page.pk)


@pytest.fixture
def company(make_person):
    sales = Department.objects.create(name="Sales")
    people = {
        "seller": make_person("sara", department=sales),
        "member": make_person("mike"),
        "other": make_person("otto"),
        "owner": make_person("olivia"),
        "hr": make_person("helen"),
    }
    give_role(people["hr"], "HR")
    secret = group_create(actor=people["owner"], name="Projet Atlas", visibility="secret")
    join_as(secret, people["member"], people["owner"])
    return sales, secret, people


