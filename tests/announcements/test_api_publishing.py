"""HR systems publish through the API with the page type's audience rules."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page

from intranet.announcements.models import AnnouncementPage
from intranet.announcements.selectors import announcements_for
from intranet.core.models import Event
from intranet.core.site import site_home
from tests.feeds.conftest import give_role, join_as

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_hr_publishes_at_once_to_the_named_audience(company, api_for):
    _sales, secret, people = company
    join_as(secret, people["hr"], people["owner"])
    answer = api_for(people["hr"]).post("/api/v1/announcements/", {
        "title": "Prime de fin d'année", "summary": "Versée en décembre.",
        "body": "La prime sera **versée** le 20 décembre.",
        "audience": {"departments": ["Sales"], "groups": [secret.slug]},
        "importance": "ack_required", "pinned_until": "seen"}, format="json")
    assert answer.status_code == 201, answer.json()
    page = AnnouncementPage.objects.get(pk=answer.json()["id"])
    assert page.live and page.importance == "ack_required" and page.pin_until_seen
    assert "<strong>versée</strong>" in str(page.body[0].value)
    assert page in announcements_for(people["seller"])
    assert page in announcements_for(people["member"])
    assert page not in announcements_for(people["other"])
    assert Event.objects.filter(type="announcement.published").count() == 1


@override_settings(LANGUAGE_CODE="en-us")
def test_without_a_language_it_is_in_the_site_s_default_one(company, api_for):
    """A site made by `wagtail start` says "en-us": announcements are then in English."""
    _sales, _secret, people = company
    answer = api_for(people["hr"]).post("/api/v1/announcements/", {
        "title": "Parking", "body": "The car park closes on Friday."}, format="json")
    assert answer.status_code == 201, answer.json()
    page = AnnouncementPage.objects.get(pk=answer.json()["id"])
    assert page.locale.language_code == "en"
    assert page in announcements_for(people["other"])


def test_a_title_of_symbols_only_still_gets_an_address(company, api_for):
    _sales, _secret, people = company
    api = api_for(people["hr"])
    for _ in range(2):
        answer = api.post("/api/v1/announcements/", {"title": "\U000d0364 🎉",
                                                      "body": "Party!"}, format="json")
        assert answer.status_code == 201, answer.json()
    slugs = sorted(AnnouncementPage.objects.values_list("slug", flat=True))
    assert slugs == ["announcement", "announcement-1"]


def test_a_scheduled_one_waits(company, api_for):
    _sales, _secret, people = company
    later = (timezone.now() + timedelta(days=1)).isoformat()
    answer = api_for(people["hr"]).post("/api/v1/announcements/", {
        "title": "Inventaire", "body": "Le magasin ferme pour l'inventaire.",
        "publish_at": later}, format="json")
    assert answer.status_code == 201 and answer.json()["published_at"] is None
    page = AnnouncementPage.objects.get(pk=answer.json()["id"])
    assert not page.live and page not in announcements_for(people["other"])


def test_bad_input_is_400_with_fields_and_creates_nothing(company, api_for):
    _sales, _secret, people = company
    hr = api_for(people["hr"])
    pages = Page.objects.count()
    for body, field in (({"body": "x"}, "title"), ({"title": "x"}, "body"),
                        ({"title": "x", "body": "y", "importance": "urgent"}, "importance"),
                        ({"title": "x", "body": "y", "audience": {"departments": ["Mars"]}},
                         "audience.departments"),
                        ({"title": "x", "body": "y", "publish_at": "tomorrow"},
                         "publish_at"),
                        ({"title": "x", "body": "y", "ack_due": "2027-02-30T10:00:00+01:00"},
                         "ack_due"),
                        ({"title": "x", "body": "y", "expire_at": "0001-01-01T00:30:00+02:00"},
                         "expire_at")):
        answer = hr.post("/api/v1/announcements/", body, format="json")
        assert answer.status_code == 400 and field in answer.json()["error"]["fields"], body
    for body in ([{"title": "x", "body": "y"}], None, "title"):
        answer = hr.post("/api/v1/announcements/", body, format="json")
        assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid", body
    assert Page.objects.count() == pages


def test_an_offset_no_place_uses_is_stored_as_the_same_instant(company, api_for):
    _sales, _secret, people = company
    answer = api_for(people["hr"]).post("/api/v1/announcements/", {
        "title": "Far east", "body": "x", "ack_due": "2027-05-26T13:06:19+23:18"},
        format="json")
    assert answer.status_code == 201
    assert answer.json()["ack_due"].startswith("2027-05-25T13:48:19")


def test_only_hr_publishes(company, api_for, make_person):
    _sales, _secret, people = company
    comms = make_person("carla")
    give_role(comms, "Communications")
    for user in (people["seller"], comms):
        answer = api_for(user).post("/api/v1/announcements/", {"title": "x", "body": "y"},
                                    format="json")
        assert answer.status_code == 403
    assert not AnnouncementPage.objects.exists()


def test_hr_may_write_announcements_in_the_admin(company, client_for):
    _sales, _secret, people = company
    home = site_home()
    page = client_for(people["hr"]).get(
        f"/admin/pages/add/intranet_announcements/announcementpage/{home.pk}/")
    assert page.status_code == 200


def test_a_writer_who_may_not_publish_submits_it_for_approval(company, api_for,
                                                               make_person):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, WorkflowState

    writers = Group.objects.create(name="Announcement writers")
    writers.permissions.add(Permission.objects.get(codename="publish_announcements"))
    home = site_home()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(group=writers, page=home, permission=Permission
                                           .objects.get(content_type__app_label="wagtailcore",
                                                        codename=codename))
    writer = make_person("wendy")
    writer.groups.add(writers)
    answer = api_for(writer).post("/api/v1/announcements/", {
        "title": "Nouveaux horaires", "body": "Le site ouvre à 7 h."}, format="json")
    assert answer.status_code == 201
    assert answer.json()["live"] is False and answer.json()["in_workflow"] is True
    page = AnnouncementPage.objects.get(pk=answer.json()["id"])
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()
    _sales, _secret, people = company
    assert page not in announcements_for(people["other"])


def test_hr_publishes_both_languages_at_once(company, api_for):
    _sales, _secret, people = company
    answer = api_for(people["hr"]).post("/api/v1/announcements/", {
        "language": "fr", "title": "Fermeture du site", "body": "Le site ferme lundi.",
        "audience": {"departments": ["Sales"]},
        "translations": {"en": {"title": "Site closure", "summary": "Monday.",
                                "body": "The site closes on Monday."}}}, format="json")
    assert answer.status_code == 201, answer.json()
    original = AnnouncementPage.objects.get(pk=answer.json()["id"])
    assert original.locale.language_code == "fr" and original.live
    english = AnnouncementPage.objects.get(translation_key=original.translation_key,
                                           locale__language_code="en")
    assert english.live and english.title == "Site closure" and english.slug == "site-closure"
    assert english.original == original
    event = Event.objects.get(type="announcement.published")
    assert event.data["announcement"]["translations"]["en"]["title"] == "Site closure"
    assert event.data["announcement"]["translations"]["fr"]["title"] == "Fermeture du site"
    listed = api_for(people["seller"]).get("/api/v1/announcements/").json()["results"]
    assert [(a["id"], a["title"]) for a in listed] == [(original.pk, "Site closure")]


def test_bad_translations_are_400_and_create_nothing(company, api_for):
    _sales, _secret, people = company
    hr = api_for(people["hr"])
    pages = Page.objects.count()
    for extra, field in (({"language": "de"}, "language"),
                         ({"translations": {"de": {"title": "x", "body": "y"}}},
                          "translations.de"),
                         ({"translations": {"en": {"title": "x", "body": "y"}}},
                          "translations.en"),
                         ({"translations": {"fr": {"body": "y"}}}, "translations.fr.title"),
                         ({"translations": ["fr"]}, "translations")):
        answer = hr.post("/api/v1/announcements/", {"title": "x", "body": "y", **extra},
                         format="json")
        assert answer.status_code == 400 and field in answer.json()["error"]["fields"], extra
    assert Page.objects.count() == pages


def test_a_secret_group_hr_is_not_in_is_an_unknown_group(company, api_for):
    _sales, secret, people = company
    api = api_for(people["hr"])
    answers = [api.post("/api/v1/announcements/", {
        "title": "Réunion", "body": "Demain.", "audience": {"groups": [slug]}},
        format="json") for slug in (secret.slug, "no-such-group")]
    assert [answer.status_code for answer in answers] == [400, 400]
    assert answers[0].json()["error"]["fields"]["audience.groups"][0].replace(
        secret.slug, "?") == answers[1].json()["error"]["fields"]["audience.groups"][0]\
        .replace("no-such-group", "?")
    assert not AnnouncementPage.objects.filter(title="Réunion").exists()


def test_the_editor_offers_only_groups_the_writer_may_see_and_keeps_the_others(
        company, make_person):
    from intranet.announcements.forms import AnnouncementPageForm
    from intranet.groups.services import group_create
    from tests.announcements.conftest import publish

    _sales, secret, people = company
    hr = people["hr"]
    club = group_create(actor=hr, name="Choir")
    page = publish("Atlas kickoff", groups=[secret])
    form_class = AnnouncementPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, AnnouncementPageForm)
    form = form_class(instance=page, for_user=hr)
    offered = set(form.fields["groups"].queryset)
    assert club in offered and secret not in offered
    form.cleaned_data = {"groups": form.fields["groups"].queryset.filter(pk=club.pk)}
    assert set(form.clean_groups()) == {club, secret}
