"""A person's copy of their data: asked for on their settings page or through the API,
built in the background from every app's part (`intranet.core.personal_data`), kept in
private storage and served to them alone until it expires."""

import logging
import tempfile
import uuid
import zipfile
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from intranet.core.audit import audit
from intranet.core.media import private_storage
from intranet.core.personal_data import Archive, sections
from intranet.people.models import ExportState, PersonalDataExport

logger = logging.getLogger(__name__)
FOLDER = "people/exports/"
LISTED = 10


def export_start(*, actor: AbstractBaseUser) -> PersonalDataExport:
    """Start building the actor's export, or give back the one already being built."""
    with transaction.atomic():
        building = (PersonalDataExport.objects.select_for_update()
                    .filter(owner=actor, state=ExportState.PENDING).first())
        if building is not None:
            return building
        export = PersonalDataExport.objects.create(owner=actor)
        audit(export, "intranet.personal_data.export", actor=actor)
        transaction.on_commit(lambda: _build_soon(export.pk))
    return export


def _build_soon(export_id: uuid.UUID) -> None:
    from intranet.people.tasks import build_export

    build_export.enqueue(str(export_id))


def exports_of(user: AbstractBaseUser) -> list[PersonalDataExport]:
    return list(PersonalDataExport.objects.filter(owner=user)[:LISTED])


def export_data(export: PersonalDataExport) -> dict:
    """An export as its owner sees it (the API and the settings page)."""
    state = export.state_at(timezone.now())
    return {"id": str(export.pk), "state": state, "progress": export.progress,
            "created_at": export.created_at, "expires_at": export.expires_at,
            "url": export.file.url if state == ExportState.READY else None}


def can_read_export(user: AbstractBaseUser, name: str) -> bool:
    """Only its owner reads an export, and only until it expires."""
    return PersonalDataExport.objects.filter(
        file=name, owner_id=user.pk, state=ExportState.READY,
        expires_at__gt=timezone.now()).exists()


def build(export_id: str) -> str:
    """Write the export's ZIP, one app's part after the other, saying how far it got;
    a failure is recorded on the export (its owner may start another)."""
    export = PersonalDataExport.objects.select_related("owner").filter(
        pk=export_id, state=ExportState.PENDING).first()
    if export is None:
        return "gone"
    parts = [section for section in sections() if section.export is not None]
    try:
        with tempfile.TemporaryFile() as spool:
            with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
                Archive(archive).add_json("export.json", {
                    "username": export.owner.username, "created_at": timezone.now(),
                    "parts": [section.name for section in parts]})
                for done, section in enumerate(parts, start=1):
                    section.export(export.owner, Archive(archive))
                    PersonalDataExport.objects.filter(pk=export.pk).update(
                        progress=int(100 * done / (len(parts) + 1)))
            name = private_storage().save(f"{FOLDER}{uuid.uuid4().hex}.zip", File(spool))
    except Exception:
        logger.exception("The personal data export %s failed", export.pk)
        PersonalDataExport.objects.filter(pk=export.pk).update(
            state=ExportState.FAILED, finished_at=timezone.now())
        return ExportState.FAILED
    now = timezone.now()
    if not PersonalDataExport.objects.filter(pk=export.pk, state=ExportState.PENDING).update(
            state=ExportState.READY, progress=100, file=name, finished_at=now,
            expires_at=now + timedelta(days=settings.EXPORT_LINK_DAYS)):
        private_storage().delete(name)  # its owner was erased meanwhile
        return "gone"
    return ExportState.READY


def expire_exports() -> int:
    """Delete the files of expired exports (their links already answer 404)."""
    expired = 0
    for export in PersonalDataExport.objects.filter(state=ExportState.READY,
                                                    expires_at__lte=timezone.now()):
        if export.file:
            private_storage().delete(export.file.name)
        PersonalDataExport.objects.filter(pk=export.pk).update(state=ExportState.EXPIRED,
                                                               file="")
        expired += 1
    return expired
