"""Community managers read moderation's models by Django permission too, so that Wagtail's
site history (which asks Django's permissions) shows them its entries."""

from django.db import migrations

MODELS = {"case": "moderation case", "restriction": "restriction",
          "moderationrule": "moderation rule"}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    managers = Group.objects.filter(name="Community managers").first()
    if managers is None:
        return
    for model, name in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="intranet_moderation",
                                                            model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"view_{model}",
            defaults={"name": f"Can view {name}"})
        managers.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    managers = Group.objects.filter(name="Community managers").first()
    if managers is not None:
        managers.permissions.remove(*managers.permissions.filter(
            content_type__app_label="intranet_moderation"))


class Migration(migrations.Migration):
    dependencies = [
        ("intranet_moderation", "0004_rules"),
        ("intranet_accounts", "0002_company_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
