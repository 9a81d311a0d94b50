import secrets
import uuid

from django.db import migrations


def secret_addresses(apps, schema_editor):
    """Secret groups take an address that no other group's name collides with, and the
    auth groups of every group a name that says nothing of it (the admin lists them)."""
    InterestGroup = apps.get_model("intranet_groups", "InterestGroup")
    for group in InterestGroup.objects.select_related("owners", "moderators", "members"):
        token = uuid.uuid4().hex[:12]
        for role in ("owner", "moderator", "member"):
            auth_group = getattr(group, f"{role}s")
            auth_group.name = f"Interest group {token} · {role}s"
            auth_group.save(update_fields=["name"])
    for group in InterestGroup.objects.filter(visibility="secret"):
        while True:
            slug = f"{group.slug[:120]}-{secrets.token_hex(3)}"
            if not InterestGroup.objects.filter(slug=slug).exists():
                break
        InterestGroup.objects.filter(pk=group.pk).update(slug=slug)


class Migration(migrations.Migration):

    dependencies = [
        ("intranet_groups", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(secret_addresses, migrations.RunPython.noop),
    ]
