"""Create the company-wide roles as auth groups with their named permissions."""

from django.db import migrations

# Frozen here, not imported, so this migration keeps meaning what it meant when written.
ROLE_PERMISSIONS = {
    "HR": ["intranet_accounts.publish_announcements", "intranet_accounts.post_company_wide",
           "wagtailadmin.access_admin"],
    "Communications": ["intranet_accounts.post_company_wide",
                       "intranet_accounts.manage_brand_sources", "intranet_accounts.curate_brand",
                       "wagtailadmin.access_admin"],
    "Community managers": ["intranet_accounts.moderate_everywhere", "wagtailadmin.access_admin"],
}

CUSTOM_PERMISSIONS = {
    "publish_announcements": "Can publish announcements",
    "post_company_wide": "Can post company-wide",
    "manage_brand_sources": "Can manage brand sources",
    "curate_brand": "Can curate brand items",
    "moderate_everywhere": "Can moderate content everywhere",
}


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    user_type, _ = ContentType.objects.get_or_create(app_label="intranet_accounts", model="user")
    for codename, name in CUSTOM_PERMISSIONS.items():
        Permission.objects.get_or_create(content_type=user_type, codename=codename,
                                         defaults={"name": name})
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    Permission.objects.get_or_create(content_type=admin_type, codename="access_admin",
                                     defaults={"name": "Can access Wagtail admin"})
    for role, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in permissions:
            app_label, codename = dotted.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                         codename=codename))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intranet_accounts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
