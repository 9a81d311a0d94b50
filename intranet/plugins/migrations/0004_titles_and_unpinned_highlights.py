"""Items brought in before untitled ones were titled by their first words get that title
now (an address used as a title is dropped too); posts that featuring pinned
company-wide are unpinned, since featured items now show in the highlights band."""

from django.db import migrations

from intranet.plugins.titles import title_from_text


def title_untitled_items(apps, schema_editor):
    BrandItem = apps.get_model("intranet_plugins", "BrandItem")
    for item in BrandItem.objects.only("pk", "title", "text", "url").iterator():
        if not item.title or item.title in (item.url, item.url.rstrip("/")):
            BrandItem.objects.filter(pk=item.pk).update(title=title_from_text(item.text))


def unpin_featured_posts(apps, schema_editor):
    Post = apps.get_model("intranet_feeds", "Post")
    Post.objects.filter(brand_item__state="featured", pinned_at__isnull=False) \
        .update(pinned_at=None)


class Migration(migrations.Migration):
    dependencies = [("intranet_plugins", "0003_shares_clicks_and_source_health"),
                    ("intranet_feeds", "0009_moderation_state")]
    operations = [migrations.RunPython(title_untitled_items, migrations.RunPython.noop),
                  migrations.RunPython(unpin_featured_posts, migrations.RunPython.noop)]
