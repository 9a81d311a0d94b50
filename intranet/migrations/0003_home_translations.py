"""A home page for each content language, translations of the site's home: Wagtail serves
each person the tree of their language, so announcements can have French and English
versions side by side."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone, translation
from django.utils.translation import gettext

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _next_path(root_path: str, last_child: str | None) -> str:
    number = 1 if last_child is None else int(last_child[-STEP:], 36) + 1
    digits = ""
    for _ in range(STEP):
        number, digit = divmod(number, 36)
        digits = ALPHABET[digit] + digits
    return root_path + digits


def translate_home(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("intranet_site", "HomePage")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    home = HomePage.objects.filter(pk=site.root_page_id).first()
    if home is None:
        return
    IndexOutbox = apps.get_model("intranet_search", "IndexOutbox")
    root = Page.objects.get(depth=1)
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locale, _created = Locale.objects.get_or_create(language_code=code)
        if HomePage.objects.filter(translation_key=home.translation_key, locale=locale).exists():
            continue
        with translation.override(code):
            title = gettext("Home")
        last = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True).first()
        slug = f"{home.slug}-{code}"
        created = HomePage.objects.create(
            title=title, draft_title=title, slug=slug, content_type_id=home.content_type_id,
            path=_next_path(root.path, last), depth=2, numchild=0, url_path=f"/{slug}/",
            locale=locale, translation_key=home.translation_key, live=True)
        Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())
        # Written without signals: the search worker indexes it from its outbox.
        IndexOutbox.objects.get_or_create(kind="page", object_id=created.pk, defaults={
            "changed_at": timezone.now(), "next_attempt_at": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("intranet_site", "0002_home_page"),
        ("intranet_search", "0002_queue_existing_content"),
    ]

    operations = [migrations.RunPython(translate_home, migrations.RunPython.noop)]
