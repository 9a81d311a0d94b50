"""English and French versions of one announcement: each person reads their language,
and every version counts, reaches and protects like the original."""

import pytest
from wagtail.models import Locale

from intranet.announcements.models import AnnouncementPage
from intranet.announcements.selectors import announcements_for, stats
from intranet.announcements.services.delivery import notify_audience_of
from intranet.core.models import Event
from intranet.feeds.models import Notification
from intranet.people.services import set_preferred_language
from tests.announcements.conftest import publish

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def translate(page: AnnouncementPage, title: str, *, slug: str = "",
              publish_it: bool = True) -> AnnouncementPage:
    """As an editor does with Wagtail's "Translate" action, then writes and publishes."""
    version = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    version.title = version.draft_title = title
    version.summary = f"{title}."
    version.slug = slug or version.slug
    version.save()
    if publish_it:
        version.save_revision().publish()
    return AnnouncementPage.objects.get(pk=version.pk)


@pytest.fixture
def french_seller(company):
    _sales, _secret, people = company
    set_preferred_language(user=people["seller"], language="fr")
    return people["seller"]


def test_each_person_reads_their_language_under_one_id(company, french_seller, api_for,
                                                        client_for, make_person):
    sales, _secret, _people = company
    english_seller = make_person("ethan", department=sales)
    page = publish("Office move", departments=[sales], importance="ack_required")
    version = translate(page, "Déménagement des bureaux", slug="demenagement")

    french = api_for(french_seller).get("/api/v1/announcements/").json()["results"]
    english = api_for(english_seller).get("/api/v1/announcements/").json()["results"]
    assert [(a["id"], a["title"], a["language"]) for a in french] == [
        (page.pk, "Déménagement des bureaux", "fr")]
    assert [(a["id"], a["title"], a["language"]) for a in english] == [
        (page.pk, "Office move", "en")]
    assert french[0]["url"] == version.url != english[0]["url"] == page.url

    home = client_for(french_seller).get("/").content.decode()
    assert "Déménagement des bureaux" in home and "Office move" not in home
    assert AnnouncementPage.objects.filter(pk=version.pk).get() not in \
        announcements_for(french_seller)


def test_opening_and_acknowledging_a_version_counts_for_the_announcement(
        company, french_seller, client_for):
    sales, _secret, _people = company
    page = publish("Security training", departments=[sales], importance="ack_required")
    version = translate(page, "Formation sécurité", slug="formation-securite")
    client = client_for(french_seller)
    opened = client.get(version.url)
    assert opened.status_code == 200 and "Formation sécurité" in opened.content.decode()
    assert stats(page)["seen"] == 1
    client.post(f"/announcements/{page.pk}/acknowledge/")
    assert stats(page) == {"audience": 1, "seen": 1, "acknowledged": 1, "outstanding": 0}


def test_addresses_open_across_languages(company, french_seller, client_for, make_person):
    sales, _secret, _people = company
    english_seller = make_person("ethan", department=sales)
    page = publish("Canteen menu", departments=[sales])
    only_english = publish("Parking rules", departments=[sales])
    version = translate(page, "Menu de la cantine", slug="menu-cantine")

    in_french = client_for(french_seller).get(page.url)
    assert in_french.status_code == 200 and "Menu de la cantine" in in_french.content.decode()
    in_english = client_for(english_seller).get(version.url)
    assert in_english.status_code == 200 and "Canteen menu" in in_english.content.decode()
    # A page with no French version still opens for French readers.
    untranslated = client_for(french_seller).get(only_english.url)
    assert untranslated.status_code == 200 and "Parking rules" in untranslated.content.decode()
    assert client_for(french_seller).get("/no-such-page/").status_code == 404


def test_a_version_is_delivered_with_its_original_and_never_told_twice(company,
                                                                       french_seller):
    sales, _secret, _people = company
    page = publish("Strike notice", departments=[sales], importance="important")
    translate(page, "Préavis de grève")
    assert Event.objects.filter(type="announcement.published").count() == 1
    assert notify_audience_of(page) == 1
    notification = Notification.objects.get(recipient=french_seller)
    assert notification.data["title"] == "Préavis de grève"
    assert notification.data["announcement"] == page.pk


def test_a_version_published_first_waits_for_its_original(company, french_seller,
                                                          client_for):
    sales, _secret, _people = company
    from intranet.core.site import site_home

    draft = site_home().add_child(instance=AnnouncementPage(title="Holiday calendar",
                                                            live=False))
    draft.departments.set([sales])
    version = translate(draft, "Calendrier des congés")
    assert version.live
    assert client_for(french_seller).get(version.url).status_code == 404
    assert not Event.objects.filter(type="announcement.published").exists()
    draft.save_revision().publish()
    event = Event.objects.get(type="announcement.published")
    assert event.data["announcement"]["id"] == draft.pk
    assert event.data["announcement"]["translations"]["fr"]["title"] == "Calendrier des congés"
    assert client_for(french_seller).get(version.url).status_code == 200


def test_a_secret_groups_version_stays_with_its_members(company, client_for):
    _sales, secret, people = company
    page = publish("Atlas kickoff", groups=[secret])
    version = translate(page, "Lancement Atlas", slug="lancement-atlas")
    for outsider in (people["other"], people["seller"]):
        assert client_for(outsider).get(version.url).status_code == 404
        assert client_for(outsider).get(page.url).status_code == 404
    assert client_for(people["member"]).get(version.url).status_code == 200


def test_withdrawing_the_original_withdraws_every_version(company, french_seller,
                                                          client_for):
    sales, _secret, _people = company
    page = publish("Car pool", departments=[sales])
    version = translate(page, "Covoiturage", slug="covoiturage")
    page.unpublish()
    event = Event.objects.get(type="announcement.withdrawn")
    assert event.data == {"announcement": {"id": page.pk}}
    assert f"department:{sales.pk}" in event.audience
    assert client_for(french_seller).get(version.url).status_code == 404
    assert not announcements_for(french_seller).exists()


def test_a_translation_takes_its_audience_from_the_original(company):
    sales, secret, people = company
    page = publish("Badge renewal", departments=[sales], importance="ack_required")
    version = translate(page, "Renouvellement des badges", publish_it=False)
    form_class = AnnouncementPage.get_edit_handler().get_form_class()
    form = form_class(instance=version, for_user=people["hr"], data={
        "title": version.title, "slug": version.slug, "importance": "info",
        "groups": [secret.pk], "body-count": 0,
    })
    for name in ("departments", "groups", "importance", "ack_due", "allow_comments"):
        assert form.fields[name].disabled, name
    assert list(form.initial["departments"]) == [sales.pk]
    assert form.initial["importance"] == "ack_required"
    original_form = form_class(instance=page, for_user=people["hr"])
    assert not original_form.fields["departments"].disabled
