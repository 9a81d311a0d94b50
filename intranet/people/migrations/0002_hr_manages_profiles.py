"""HR manages people in the admin: profiles, departments and locations."""

from django.db import migrations

MODELS = ("profile", "department", "location")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    hr = Group.objects.filter(name="HR").first()
    if hr is None:
        return
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="intranet_people",
                                                            model=model)
        for action in ("view", "change", "add"):
            if model == "profile" and action == "add":
                continue  # profiles come with accounts, never on their own
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"})
            hr.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("intranet_people", "0001_initial"),
        ("intranet_accounts", "0002_company_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
