"""A person's analytics records are part of their data export and go with their erasure;
the daily figures name nobody and stay."""

import io
import json
import zipfile

import pytest
from django.utils import timezone

from intranet.analytics.aggregation import compute_day
from intranet.analytics.models import ActiveDay, AnalyticsSettings, DailyFigure, View
from intranet.core.personal_data import Archive, Erasure, sections
from tests.analytics.conftest import exclude

pytestmark = pytest.mark.django_db


def test_export_and_erasure_of_a_persons_records(make_person):
    ana, bob = make_person("ana"), make_person("bob")
    today = timezone.localdate()
    for person in (ana, bob):
        View.objects.create(kind="post", object_id=7, user=person, seen_at=timezone.now())
        ActiveDay.objects.create(user=person, date=today)
    compute_day(today)
    exclude(ana)
    part = {section.name: section for section in sections()}["analytics"]

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        part.export(ana, Archive(archive))
    with zipfile.ZipFile(out) as archive:
        data = json.loads(archive.read("analytics.json"))
    assert [(seen["kind"], seen["id"]) for seen in data["seen"]] == [("post", 7)]
    assert data["active_days"] == [today.isoformat()]

    part.erase(Erasure(user=ana, username="ana", names=("Ana",), pseudonym="former-1",
                       label="Former employee", delete_content=False))
    assert list(View.objects.values_list("user_id", flat=True)) == [bob.pk]
    assert list(ActiveDay.objects.values_list("user_id", flat=True)) == [bob.pk]
    assert not AnalyticsSettings.load().excluded_people.exists()
    assert DailyFigure.objects.get(date=today, measure="active", dimension="").value == 2
