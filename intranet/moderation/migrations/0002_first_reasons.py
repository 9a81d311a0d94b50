"""The reasons offered at first, in the site's languages; community managers edit them."""

from django.conf import settings
from django.db import migrations

# Frozen here, not imported, so this migration keeps meaning what it meant when written.
REASONS = [
    ("spam", "Spam or advertising", "Spam ou publicité"),
    ("harassment", "Harassment or bullying", "Harcèlement ou intimidation"),
    ("hate", "Hateful or discriminatory", "Haineux ou discriminatoire"),
    ("confidential", "Confidential information", "Information confidentielle"),
    ("false", "False information", "Fausse information"),
    ("other", "Something else", "Autre chose"),
]


def seed(apps, schema_editor) -> None:
    Locale = apps.get_model("wagtailcore", "Locale")
    Reason = apps.get_model("intranet_moderation", "ReportReason")
    languages = [code for code, _name in settings.LANGUAGES] or [settings.LANGUAGE_CODE]
    locales = [Locale.objects.get_or_create(language_code=code)[0] for code in languages]
    for position, (code, english, french) in enumerate(REASONS):
        key = None
        for locale in locales:
            label = french if locale.language_code.startswith("fr") else english
            reason = Reason.objects.create(code=code, label=label, position=position,
                                           locale=locale, **({"translation_key": key}
                                                             if key else {}))
            key = reason.translation_key


class Migration(migrations.Migration):

    dependencies = [
        ("intranet_moderation", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
