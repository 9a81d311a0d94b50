"""HR, Communications and Community managers read analytics; HR chooses who is left out
of them (the Analytics settings)."""

from django.db import migrations

# Frozen here, not imported, so this migration keeps meaning what it meant when written.
READERS = ("HR", "Communications", "Community managers")
SETTINGS_EDITORS = ("HR",)


def grant(apps, schema_editor) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    figures, _created = ContentType.objects.get_or_create(app_label="intranet_analytics",
                                                         model="dailyfigure")
    read, _created = Permission.objects.get_or_create(
        content_type=figures, codename="view_analytics",
        defaults={"name": "Can view analytics"})
    settings_type, _created = ContentType.objects.get_or_create(
        app_label="intranet_analytics", model="analyticssettings")
    edit, _created = Permission.objects.get_or_create(
        content_type=settings_type, codename="change_analyticssettings",
        defaults={"name": "Can change analytics"})
    for group in Group.objects.filter(name__in=READERS):
        group.permissions.add(read)
    for group in Group.objects.filter(name__in=SETTINGS_EDITORS):
        group.permissions.add(edit)


def withdraw(apps, schema_editor) -> None:
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="intranet_analytics",
                              codename__in=["view_analytics", "change_analyticssettings"]
                              ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intranet_analytics", "0001_initial"),
        ("intranet_accounts", "0002_company_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, withdraw)]
