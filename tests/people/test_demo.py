"""The demo company: believable, complete, and seeded once however often it runs."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from intranet.accounts.roles import ROLE_PERMISSIONS
from intranet.people.models import Profile

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_seed_demo_builds_a_company_once(settings):
    settings.DEMO_PASSWORD = "demo"
    User = get_user_model()
    call_command("seed_demo")
    people = User.objects.filter(is_superuser=False).count()
    profiles = Profile.objects.count()
    assert people >= 150
    call_command("seed_demo")
    from intranet.groups.models import InterestGroup

    assert InterestGroup.objects.count() == 25
    assert User.objects.filter(is_superuser=False).count() == people
    assert Profile.objects.count() == profiles

    admin = authenticate(username="admin", password="demo")
    assert admin is not None and admin.is_superuser
    assert authenticate(username="ceo", password="demo") is not None
    names = " ".join(User.objects.values_list("display_name", flat=True))
    assert any(letter in names for letter in "éèëïç")
    assert "Smith" in names or "Taylor" in names
    for role in ROLE_PERMISSIONS:
        assert User.objects.filter(groups__name=role).exists(), role
    staff = Profile.objects.exclude(user__username__in=["ceo", "company", "admin"])
    assert not staff.filter(manager__isnull=True, user__is_superuser=False).exists()
    assert Profile.objects.filter(is_official=True).exists()
    assert Profile.objects.values("department").distinct().count() >= 8
    assert Profile.objects.values("location").distinct().count() >= 5

    from intranet.groups.models import InterestGroup, Membership

    groups = InterestGroup.objects.all()
    assert groups.count() == 25
    assert {g.visibility for g in groups} == {"open", "private", "secret"}
    assert any(letter in " ".join(g.name for g in groups) for letter in "éèçô")
    assert Membership.objects.count() > 300
    assert not groups.filter(memberships__isnull=True).exists()
