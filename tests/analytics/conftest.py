"""A small company for analytics: departments of each size, a group, and the roles."""

from datetime import date, datetime, time

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.utils import timezone

from intranet.analytics.models import AnalyticsSettings
from intranet.people.models import Department

# Brand items for the highlights' reach: the official account, curator and channel server.
from tests.plugins.conftest import brand, channels  # noqa: F401


def give_role(user, role: str) -> None:
    """Make `user` one of a company-wide role ("HR", "Communications", ...)."""
    user.groups.add(AuthGroup.objects.get(name=role))
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A moment of `day` in the site's time zone."""
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


def exclude(*people) -> None:
    """Leave people out of analytics, as an administrator does in the settings."""
    AnalyticsSettings.load().excluded_people.add(*people)


@pytest.fixture
def department(db):
    def make(name: str) -> Department:
        return Department.objects.get_or_create(name=name)[0]

    return make


@pytest.fixture
def hr(make_person, department):
    person = make_person("hilda", department=department("Human Resources"))
    give_role(person, "HR")
    return person
