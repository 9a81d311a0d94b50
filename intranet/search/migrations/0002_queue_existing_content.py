"""Queue everything that existed before search for indexing: the home page a fresh
install creates, and all content of an installation upgraded from a version without
search. The worker indexes it like any other change."""

from django.db import migrations
from django.utils import timezone

EXISTING = [
    ("page", "wagtailcore", "Page", {"depth__gt": 1}),
    ("person", "intranet_people", "Profile", {}),
    ("group", "intranet_groups", "InterestGroup", {}),
    ("post", "intranet_feeds", "Post", {}),
]


def queue(apps, schema_editor) -> None:
    outbox = apps.get_model("intranet_search", "IndexOutbox")
    now = timezone.now()
    for kind, app, model, only in EXISTING:
        ids = apps.get_model(app, model).objects.filter(**only).values_list("pk", flat=True)
        outbox.objects.bulk_create(
            [outbox(kind=kind, object_id=pk, changed_at=now, next_attempt_at=now)
             for pk in ids.iterator(chunk_size=2000)],
            batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("intranet_search", "0001_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("intranet_people", "0002_hr_manages_profiles"),
        ("intranet_groups", "0001_initial"),
        ("intranet_feeds", "0001_initial"),
    ]

    operations = [migrations.RunPython(queue, migrations.RunPython.noop)]
