"""What the people who look after search tune: the company's synonyms, results pinned or
hidden for a query, and the queries that found nothing; Communications and Community
managers may tune search."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


# Frozen here, not imported, so this migration keeps meaning what it meant when written.
ROLES = ("Communications", "Community managers")


def grant(apps, schema_editor) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    promotions, _created = ContentType.objects.get_or_create(app_label="intranet_search",
                                                            model="searchpromotion")
    permission, _created = Permission.objects.get_or_create(
        content_type=promotions, codename="tune_search", defaults={"name": "Can tune search"})
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('intranet_search', '0003_full_text'),
        ('intranet_accounts', '0002_company_roles'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SynonymSet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('terms', models.TextField(help_text='Separated by commas, for example: salarié, employé, collaborateur, employee. A term may have several words.', verbose_name='terms')),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'synonyms',
                'verbose_name_plural': 'synonyms',
                'ordering': ['terms'],
            },
        ),
        migrations.CreateModel(
            name='UnansweredQuery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query_key', models.CharField(max_length=200, unique=True)),
                ('query', models.CharField(max_length=200, verbose_name='query')),
                ('times', models.PositiveIntegerField(default=1, verbose_name='times asked')),
                ('last_asked_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='last asked')),
            ],
            options={
                'verbose_name': 'query that found nothing',
                'verbose_name_plural': 'queries that found nothing',
                'ordering': ['-times', '-last_asked_at'],
            },
        ),
        migrations.CreateModel(
            name='SearchPromotion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(max_length=200, verbose_name='query')),
                ('query_key', models.CharField(db_index=True, help_text="The query's folded words, as compared.", max_length=200)),
                ('kind', models.CharField(max_length=32, verbose_name='type')),
                ('object_id', models.BigIntegerField()),
                ('action', models.CharField(choices=[('pin', 'Pin at the top'), ('hide', 'Hide')], max_length=8, verbose_name='action')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'search promotion',
                'verbose_name_plural': 'search promotions',
                'ordering': ['query_key', '-created_at'],
                'permissions': [('tune_search', 'Can tune search')],
                'constraints': [models.UniqueConstraint(fields=('query_key', 'kind', 'object_id'), name='search_one_promotion')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
