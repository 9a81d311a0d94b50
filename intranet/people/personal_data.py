"""The profile's part of a person's data: its export (with the photo) and its erasure."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from intranet.core.audit import redact
from intranet.core.personal_data import Archive, Erasure, register_personal_data
from intranet.people.models import PRIVACY_DEFAULTS, ContactPolicy, PersonalDataExport, Profile


def export_profile(user: AbstractBaseUser, archive: Archive) -> None:
    profile = Profile.objects.select_related("department", "location", "manager__user").filter(
        user=user).first()
    if profile is None:
        return
    archive.add_json("profile.json", {
        "employee_id": profile.employee_id, "pronouns": profile.pronouns,
        "job_title": profile.job_title,
        "department": profile.department.name if profile.department else None,
        "team": profile.team,
        "manager": profile.manager.user.username if profile.manager else None,
        "location": profile.location.name if profile.location else None,
        "phone": profile.phone, "bio": profile.bio,
        "skills": sorted(profile.skills.names()), "languages": profile.languages,
        "start_date": profile.start_date, "is_official": profile.is_official,
        "privacy": {field: profile.visibility_of(field) for field in PRIVACY_DEFAULTS},
        "contact_policy": profile.contact_policy,
        "preferred_language": profile.preferred_language, "left_at": profile.left_at,
        "photo": archive.add_file("files/photo", profile.photo),
    })


def erase_profile(erasure: Erasure) -> None:
    """Every field goes, the photo's file too; nobody reports to the person any more,
    and their earlier exports are deleted with their files."""
    profile = Profile.objects.filter(user=erasure.user).first()
    if profile is not None:
        photo = profile.photo.name
        for field in ("pronouns", "job_title", "team", "phone", "bio", "preferred_language",
                      "name_folded"):
            setattr(profile, field, "")
        profile.employee_id = profile.department = profile.manager = None
        profile.location = profile.start_date = None
        profile.photo, profile.languages, profile.is_official = "", [], False
        profile.privacy, profile.contact_policy = dict(PRIVACY_DEFAULTS), ContactPolicy.EVERYONE
        profile.left_at = profile.left_at or timezone.now()
        profile.save()
        profile.skills.clear()
        Profile.objects.filter(manager=profile).update(manager=None)
        redact(profile)
        if photo:
            transaction.on_commit(lambda: profile.photo.storage.delete(photo))
    for export in PersonalDataExport.objects.filter(owner=erasure.user):
        if export.file:
            transaction.on_commit(lambda stored=export.file: stored.storage.delete(stored.name))
        export.delete()


register_personal_data("profile", export=export_profile, erase=erase_profile, order=80)
