"""Ranked full-text search for the database engine.

On PostgreSQL: French and English configurations that fold accents (unaccent) before
stemming, a weighted tsvector of each entry (title A, body B) with a GIN index, and a
trigram index on the vocabulary for typos (pg_trgm). On SQLite: an FTS5 table holding
each entry's words and their French and English stems, ranked with BM25. Every existing
entry is queued for reindexing, which fills these and the vocabulary.
"""

from django.db import migrations, models
from django.utils import timezone

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TEXT SEARCH CONFIGURATION intranet_fr (COPY = french)",
    "ALTER TEXT SEARCH CONFIGURATION intranet_fr ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, french_stem",
    "CREATE TEXT SEARCH CONFIGURATION intranet_en (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION intranet_en ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, english_stem",
    """ALTER TABLE {entry} ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('intranet_fr'::regconfig, title_folded), 'A')
        || setweight(to_tsvector('intranet_en'::regconfig, title_folded), 'A')
        || setweight(to_tsvector('intranet_fr'::regconfig, folded), 'B')
        || setweight(to_tsvector('intranet_en'::regconfig, folded), 'B')) STORED""",
    "CREATE INDEX search_entry_vector ON {entry} USING gin (vector)",
    "CREATE INDEX search_term_trigram ON {term} USING gin (term gin_trgm_ops)",
]
POSTGRESQL_UNDO = [
    "DROP INDEX IF EXISTS search_term_trigram",
    "ALTER TABLE {entry} DROP COLUMN IF EXISTS vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS intranet_en",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS intranet_fr",
]
SQLITE = ["CREATE VIRTUAL TABLE search_entry_fts USING fts5(title, title_fr, title_en, body, "
          "body_fr, body_en, tokenize = 'unicode61 remove_diacritics 2')"]
SQLITE_UNDO = ["DROP TABLE IF EXISTS search_entry_fts"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        tables = {"entry": apps.get_model("intranet_search", "SearchEntry")._meta.db_table,
                  "term": apps.get_model("intranet_search", "SearchTerm")._meta.db_table}
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement.format(**tables))
    return run


def requeue(apps, schema_editor) -> None:
    entries = apps.get_model("intranet_search", "SearchEntry")
    outbox = apps.get_model("intranet_search", "IndexOutbox")
    now = timezone.now()
    outbox.objects.bulk_create(
        [outbox(kind=kind, object_id=object_id, changed_at=now, next_attempt_at=now)
         for kind, object_id in entries.objects.values_list("kind", "object_id")
         .iterator(chunk_size=2000)],
        batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("intranet_search", "0002_queue_existing_content")]

    operations = [
        migrations.AlterField(
            model_name="searchentry", name="folded",
            field=models.TextField(help_text="Accent-folded, lower-case words of the fields "
                                             "other than the title, for matching.")),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=100, unique=True)),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(_run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
                             _run({"postgresql": POSTGRESQL_UNDO, "sqlite": SQLITE_UNDO})),
        migrations.RunPython(requeue, migrations.RunPython.noop),
    ]
