"""Replace Wagtail's welcome page with the intranet's home page; add the French locale."""

import uuid

from django.db import migrations


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("intranet_site", "HomePage")

    english, _ = Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="fr")
    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page",
                        slug="home", depth=2).delete()
    home_type, _ = ContentType.objects.get_or_create(app_label="intranet_site",
                                                     model="homepage")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Home", draft_title="Home", slug="home", content_type=home_type,
        path=f"{root.path}0001", depth=2, numchild=0, url_path="/home/", locale=english,
        translation_key=uuid.uuid4(), live=True)
    Page.objects.filter(pk=root.pk).update(numchild=1)
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "root_page_id": home.pk, "site_name": "Intranet"})


def remove_home(apps, schema_editor):
    apps.get_model("intranet_site", "HomePage").objects.filter(depth=2, slug="home").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intranet_site", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    # So that search queues the home page with the rest of what existed before it.
    run_before = [("intranet_search", "0002_queue_existing_content")]

    operations = [migrations.RunPython(create_home, remove_home)]
