"""Analytics' part of a person's data: what was on their screen and the days they were
active (kept ANALYTICS_RAW_RETENTION_DAYS); its export, and its erasure. The daily
figures name nobody and stay."""

from django.contrib.auth.base_user import AbstractBaseUser

from intranet.analytics.models import ActiveDay, AnalyticsSettings, View
from intranet.core.personal_data import Archive, Erasure, register_personal_data


def export_activity(user: AbstractBaseUser, archive: Archive) -> None:
    archive.add_json("analytics.json", {
        "seen": [{"kind": kind, "id": pk, "seen_at": seen_at} for kind, pk, seen_at in
                 View.objects.filter(user=user).order_by("seen_at", "pk")
                 .values_list("kind", "object_id", "seen_at")],
        "active_days": list(ActiveDay.objects.filter(user=user).order_by("date")
                            .values_list("date", flat=True)),
    })


def erase_activity(erasure: Erasure) -> None:
    View.objects.filter(user=erasure.user).delete()
    ActiveDay.objects.filter(user=erasure.user).delete()
    AnalyticsSettings.excluded_people.through.objects.filter(user=erasure.user).delete()


register_personal_data("analytics", export=export_activity, erase=erase_activity, order=60)
