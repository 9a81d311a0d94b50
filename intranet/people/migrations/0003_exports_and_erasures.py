"""Personal data exports and erasure requests; HR may erase people's data."""

import django.db.models.deletion
import intranet.core.media
import uuid
from django.conf import settings
from django.db import migrations, models


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    hr = Group.objects.filter(name="HR").first()
    if hr is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="intranet_people",
                                                        model="erasurerequest")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="erase_person",
        defaults={"name": "Can erase a person's personal data"})
    hr.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('intranet_people', '0002_hr_manages_profiles'),
        ('intranet_accounts', '0002_company_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PersonalDataExport',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('state', models.CharField(choices=[('pending', 'Being prepared'), ('ready', 'Ready'), ('failed', 'Failed'), ('expired', 'Expired')], default='pending', max_length=8)),
                ('progress', models.PositiveSmallIntegerField(default=0, help_text='Percent done.')),
                ('file', models.FileField(blank=True, max_length=200, storage=intranet.core.media.private_storage, upload_to='')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('expires_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'personal data export',
                'verbose_name_plural': 'personal data exports',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='ErasureRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(choices=[('requested', 'Waiting for HR'), ('approved', 'Being erased'), ('done', 'Erased'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], default='requested', max_length=10)),
                ('content', models.CharField(blank=True, max_length=10)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'erasure request',
                'verbose_name_plural': 'erasure requests',
                'ordering': ['-created_at'],
                'permissions': [('erase_person', "Can erase a person's personal data")],
                'constraints': [models.UniqueConstraint(condition=models.Q(('state__in', ['requested', 'approved'])), fields=('person',), name='people_one_open_erasure')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
