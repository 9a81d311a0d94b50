"""Saving a form without touching it changes nothing, in French as in English.

Each form is fetched as the person sees it, submitted with exactly what a browser would
send for it untouched (tests/browser_forms.py), and the stored values are compared with
those before. A date shown in the reader's format inside a date input, which a browser
cannot read and sends empty, is the kind of loss this catches.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.forms.models import model_to_dict

from intranet.feeds.models import Post
from intranet.groups.models import InterestGroup
from intranet.groups.services import group_create
from intranet.people.models import Department, Location, Profile
from intranet.people.services import profile_ensure, profile_update
from intranet.plugins.models import CurationRule
from intranet.plugins.services.sources import source_create
from tests.browser_forms import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]
LANGUAGES = ["fr", "en"]


def speaking(person, language: str):
    profile_update(actor=None, profile=profile_ensure(user=person),
                   changes={"preferred_language": language})
    return person


def stored(row) -> dict:
    row.refresh_from_db()
    return {name: value for name, value in model_to_dict(row).items()
            if name not in ("updated_at",)}


def save_untouched(client, url: str, selector: str = "main form[method=post i]"):
    page = client.get(url)
    assert page.status_code == 200
    answer = client.post(url, form_data(page.content.decode(), selector))
    assert answer.status_code == 302, answer.content.decode()[:3000]
    return answer


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_profile(language, make_person, client_for):
    boss = make_person("boss")
    ana = make_person(
        "ana", first_name="Ana", last_name="Lima", display_name="Ana L.",
        pronouns="she/her", job_title="Buyer", team="Fresh produce", phone="+33 1 23 45 67 89",
        bio="Twenty years in retail.\nAsk me about suppliers.", languages=["pt", "fr"],
        start_date=datetime.date(2023, 5, 13), contact_policy="groups",
        department=Department.objects.create(name="Purchasing"),
        location=Location.objects.create(name="Lyon"), manager=profile_ensure(user=boss),
        skills=["negotiation", "logistics"], privacy={"phone": "groups"})
    speaking(ana, language)
    ana.refresh_from_db()
    profile = Profile.objects.get(user=ana)
    before = stored(profile), sorted(profile.skills.names()), ana.display_name
    save_untouched(client_for(ana), "/people/me/edit/", "form.profile-form")
    ana.refresh_from_db()
    after = stored(profile), sorted(profile.skills.names()), ana.display_name
    assert {k: (v, after[0][k]) for k, v in before[0].items() if after[0][k] != v} == {}
    assert after == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_group_s_settings(language, make_person, client_for):
    owner = speaking(make_person("owner"), language)
    group = group_create(actor=owner, name="Jardin partagé",
                         description="Le jeudi à 12 h 30.\nBring gloves.", visibility="private")
    before = stored(group)
    save_untouched(client_for(owner), f"/groups/{group.slug}/settings/")
    assert stored(InterestGroup.objects.get(pk=group.pk)) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_brand_source_and_a_curation_rule_in_the_admin(language, make_person, client_for):
    staff = speaking(make_person("editor"), language)
    staff.is_staff = staff.is_superuser = True
    staff.save()
    account = make_person("acme", first_name="Acme", is_official=True)
    source = source_create(actor=staff, connector="rss", name="Newsroom", account=account,
                           team="Press", interval_minutes=1440,
                           settings={"url": "https://example.com/feed.xml"})
    rule = CurationRule.objects.create(source=source, label="Keep launches", action="approve",
                                       words="launch\nlancement", authors="@brand")
    client = client_for(staff)
    before = stored(source), stored(rule)
    save_untouched(client, f"/admin/brand/sources/edit/{source.pk}/", "form[data-edit-form]")
    save_untouched(client, f"/admin/brand/rules/edit/{rule.pk}/", "form[data-edit-form]")
    assert (stored(source), stored(rule)) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_publishing_later_from_the_composer_keeps_the_chosen_time(language, make_person,
                                                                   client_for):
    """A datetime input always sends ISO local time; it is the reader's wall clock."""
    owner = speaking(make_person("owner"), language)
    group = group_create(actor=owner, name="Choir")
    client = client_for(owner)
    data = form_data(client.get(f"/groups/{group.slug}/").content.decode(), "form.composer")
    data.update(body=["Rehearsal moved to Thursday."], publish_at=["2030-03-04T09:30"])
    assert client.post("/feed/posts/", data).status_code == 302
    post = Post.objects.get(group=group)
    assert post.publish_at == datetime.datetime(2030, 3, 4, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
