"""The demo's announcements: published by HR, targeted, one awaiting acknowledgement."""

import pytest
from django.contrib.auth import get_user_model

from intranet.announcements.demo import seed_announcements
from intranet.announcements.models import AnnouncementPage
from intranet.announcements.selectors import announcements_for, audience_people
from intranet.groups.demo import seed_groups
from intranet.people.demo import seed_people

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_the_demo_has_targeted_announcements_once(settings):
    settings.WRITE_RATE_LIMITS = {}
    seed_people(password="demo")
    seed_groups()
    assert seed_announcements() == 4
    versions = AnnouncementPage.objects.live()
    assert versions.count() == 6
    assert set(versions.filter(title__in=["IT charter 2027", "Mutuelle : inscriptions ouvertes"])
               .values_list("locale__language_code", flat=True)) == {"en", "fr"}
    pages = versions.filter(announced_at__isnull=False)
    assert pages.count() == 4 and pages.filter(importance="ack_required").count() == 1
    uk = pages.get(title="Open enrolment for the health plan")
    people = audience_people(uk)
    assert people.exists()
    assert set(people.values_list("profile__location__name", flat=True)) <= {
        "London", "Manchester"}
    everyone = get_user_model().objects.filter(is_active=True).count()
    charter = pages.get(importance="ack_required")
    assert audience_people(charter).count() == everyone
    ceo = get_user_model().objects.get(username="ceo")
    assert charter in announcements_for(ceo)
    assert seed_announcements() == 0 and AnnouncementPage.objects.count() == 6
