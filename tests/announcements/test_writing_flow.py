"""HR's "New announcement" form in the admin, and the live count of its audience."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, WorkflowState

from intranet.announcements.models import AnnouncementPage
from intranet.announcements.permissions import grant_hr_page_permissions
from intranet.announcements.selectors import announcements_for
from intranet.core.site import site_home
from intranet.groups.services import group_create
from intranet.people.models import Location
from tests.feeds.conftest import join_as

pytestmark = pytest.mark.django_db

NEW = "/admin/announcements/reach/new/"
COUNT = "/admin/announcements/reach/audience-count/"


def body(text: str) -> str:
    """What Wagtail's rich text editor posts: Draft.js content state."""
    return json.dumps({"blocks": [{"key": "a1b2c", "type": "unstyled", "depth": 0,
                                   "text": text, "inlineStyleRanges": [],
                                   "entityRanges": []}], "entityMap": {}})


def form(**changes) -> dict:
    return {"title": "Charte informatique", "summary": "À lire.",
            "body": body("La nouvelle charte s'applique au 1er janvier."),
            "importance": "info", "pinning": "none", "language": "fr", "publish": "",
            **changes}


@pytest.fixture
def hr(company):
    grant_hr_page_permissions()
    return company[2]["hr"]


def test_hr_publishes_to_a_department_and_lands_on_the_reach_report(company, hr,
                                                                    client_for):
    sales, _secret, people = company
    due = timezone.localtime() + timedelta(days=3)
    answer = client_for(hr).post(NEW, form(
        importance="ack_required", departments=[sales.pk], pinning="seen",
        ack_due=due.strftime("%Y-%m-%d %H:%M")))
    page = AnnouncementPage.objects.get(title="Charte informatique")
    assert answer.status_code == 302
    assert answer["Location"] == f"/admin/announcements/reach/{page.pk}/"
    assert page.live and page.importance == "ack_required" and page.pin_until_seen
    assert page.ack_due is not None and abs(page.ack_due - due) < timedelta(minutes=1)
    assert "s'applique au 1er janvier" in str(page.body[0].value)
    assert page.locale.language_code == "fr"
    assert page in announcements_for(people["seller"])
    assert page not in announcements_for(people["other"])
    assert page.get_latest_revision() is not None


def test_save_draft_keeps_it_a_draft_in_wagtail_s_editor(company, hr, client_for):
    answer = client_for(hr).post(NEW, {**form(), "draft": ""})
    page = AnnouncementPage.objects.get(title="Charte informatique")
    assert not page.live and page.has_unpublished_changes
    assert answer["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert page not in announcements_for(company[2]["other"])


def test_a_writer_who_may_not_publish_submits_it_to_the_workflow(company, client_for,
                                                                  make_person):
    writers = Group.objects.create(name="Announcement writers")
    writers.permissions.add(Permission.objects.get(codename="publish_announcements"),
                            Permission.objects.get(codename="access_admin"))
    home = site_home()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(group=writers, page=home, permission=Permission
                                           .objects.get(content_type__app_label="wagtailcore",
                                                        codename=codename))
    writer = make_person("wendy")
    writer.groups.add(writers)
    client = client_for(writer)
    assert "Submit for approval" in client.get(NEW).content.decode()
    answer = client.post(NEW, form())
    page = AnnouncementPage.objects.get(title="Charte informatique")
    assert answer["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()


@pytest.mark.parametrize("changes, field", [
    ({"title": ""}, "title"),
    ({"body": body("  ")}, "body"),
    ({"importance": "urgent"}, "importance"),
    ({"importance": "ack_required", "ack_due": "2001-01-01 10:00"}, "ack_due"),
    ({"pinning": "until"}, "pinned_until"),
    ({"publish_at": "2030-01-02 10:00", "expire_at": "2030-01-01 10:00"}, "expire_at"),
    ({"departments": ["999999"]}, "departments"),
    ({"language": "de"}, "language"),
    ({"publish_at": "tomorrow"}, "publish_at"),
])
def test_bad_input_shows_the_form_again_and_writes_nothing(company, hr, client_for, changes,
                                                           field):
    pages = Page.objects.count()
    answer = client_for(hr).post(NEW, form(**changes))
    assert answer.status_code == 200
    assert field in answer.context["form"].errors
    assert Page.objects.count() == pages


def test_a_secret_group_is_neither_offered_nor_accepted(company, hr, client_for):
    _sales, secret, people = company
    shown = group_create(actor=people["owner"], name="Club photo", visibility="open")
    client = client_for(hr)
    page = client.get(NEW).content.decode()
    assert "Club photo" in page and "Projet Atlas" not in page
    pages = Page.objects.count()
    answer = client.post(NEW, form(groups=[secret.pk]))
    assert answer.status_code == 200 and "groups" in answer.context["form"].errors
    assert Page.objects.count() == pages
    assert client.post(NEW, form(groups=[shown.pk])).status_code == 302


def test_only_hr_may_open_it(company, client_for):
    _sales, _secret, people = company
    editor = people["other"]
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(editor)
    for answer in (client.get(NEW), client.post(NEW, form())):
        # Wagtail answers a refusal in its admin by going back to the dashboard.
        assert answer.status_code == 302 and answer["Location"] == "/admin/"
    assert not AnnouncementPage.objects.exists()


def test_the_live_count_is_the_union_of_departments_locations_and_groups(company, hr,
                                                                         client_for,
                                                                         make_person):
    sales, _secret, people = company
    paris = Location.objects.create(name="Paris")
    make_person("pia", location=paris)
    make_person("sven", department=sales, location=paris)  # counted once
    club = group_create(actor=people["owner"], name="Club photo", visibility="open")
    join_as(club, people["other"], people["owner"])
    join_as(club, people["seller"], people["owner"])  # also in Sales: counted once
    # The club: its owner, Otto and Sara.
    client = client_for(hr)

    def count(**query) -> int:
        answer = client.get(COUNT, query)
        assert answer.status_code == 200, answer.json()
        return answer.json()["count"]

    everyone = count()
    assert everyone == len(people) + 2
    assert client.get(COUNT).json()["everyone"] is True
    assert count(departments=sales.pk) == 2
    assert count(locations=paris.pk) == 2
    assert count(departments=sales.pk, locations=paris.pk) == 3
    assert count(departments=sales.pk, locations=paris.pk, groups=club.pk) == 5
    assert count(groups=club.pk) == 3
    assert "5 people" in client.get(COUNT, {"groups": club.pk, "departments": sales.pk,
                                            "locations": paris.pk}).json()["label"]


def test_the_live_count_refuses_a_secret_group_as_if_it_did_not_exist(company, hr,
                                                                     client_for):
    _sales, secret, _people = company
    client = client_for(hr)
    hidden = client.get(COUNT, {"groups": secret.pk})
    absent = client.get(COUNT, {"groups": 987654})
    assert hidden.status_code == absent.status_code == 400
    assert hidden.json()["error"]["code"] == absent.json()["error"]["code"] == "invalid"
    assert hidden.json()["error"]["message"] == absent.json()["error"]["message"]
    assert "count" not in hidden.json()
    for bad in ("x", "-1", str(2**70)):
        assert client.get(COUNT, {"departments": bad}).status_code == 400


def test_the_live_count_is_403_for_non_hr(company, client_for):
    _sales, _secret, people = company
    people["other"].user_permissions.add(Permission.objects.get(codename="access_admin"))
    answer = client_for(people["other"]).get(COUNT)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "permission_denied"
