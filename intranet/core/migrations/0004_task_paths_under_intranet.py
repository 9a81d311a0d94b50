"""The feeds, groups, search and brand connector apps moved under the `intranet` package:
jobs waiting in the database queue, and the schedule of periodic jobs, name their tasks
by the new module paths."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat

MOVED = ("feeds.", "groups.", "search.", "plugins.")


def prefix_task_paths(apps, schema_editor):
    for model, field in (("Job", "task_path"), ("PeriodicRun", "name")):
        rows = apps.get_model("intranet_core", model).objects
        for old in MOVED:
            rows.filter(**{f"{field}__startswith": old}).update(
                **{field: Concat(Value("intranet."), field)})


def drop_prefix(apps, schema_editor):
    for model, field in (("Job", "task_path"), ("PeriodicRun", "name")):
        rows = apps.get_model("intranet_core", model).objects
        for old in MOVED:
            for row in rows.filter(**{f"{field}__startswith": f"intranet.{old}"}):
                setattr(row, field, getattr(row, field).removeprefix("intranet."))
                row.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [("intranet_core", "0003_event_positions")]
    operations = [migrations.RunPython(prefix_task_paths, drop_prefix)]
