"""Items fetched before links were checked may hold `javascript:` or `data:` addresses
from their channel: those are forgotten, as new items' are."""

from django.db import migrations

from intranet.core.links import safe_link


def forget_unsafe_links(apps, schema_editor):
    BrandItem = apps.get_model("intranet_plugins", "BrandItem")
    for item in BrandItem.objects.exclude(url="").only("pk", "url").iterator():
        if not safe_link(item.url):
            BrandItem.objects.filter(pk=item.pk).update(url="")


class Migration(migrations.Migration):
    dependencies = [("intranet_plugins", "0001_brand")]
    operations = [migrations.RunPython(forget_unsafe_links, migrations.RunPython.noop)]
