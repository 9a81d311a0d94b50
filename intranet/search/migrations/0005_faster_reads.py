"""Indexes that let a search read what it filters and counts by (the asker's entries,
types, groups, departments, authors and dates) without reading whole documents."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("intranet_search", "0004_tuning")]

    operations = [
        migrations.AlterField(model_name="searchentrykey", name="key",
                              field=models.CharField(max_length=64)),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["id", "kind", "object_id", "group", "department",
                                       "author", "created_at"], name="search_entry_facets")),
        migrations.AddIndex(
            model_name="searchentrykey",
            index=models.Index(fields=["key", "entry"], name="search_entry_key_readers")),
    ]
