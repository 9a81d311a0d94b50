"""Every write about people: profiles, privacy, photos and leavers."""

from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Forbidden, Invalid
from intranet.core.images import sanitize_image
from intranet.core.media import private_storage
from intranet.core.text import fold
from intranet.people.models import PRIVACY_DEFAULTS, Profile, Visibility

# Fields a person edits on their own profile.
SELF_EDITABLE = {
    "pronouns", "job_title", "team", "phone", "bio", "skills", "languages", "start_date",
    "contact_policy", "preferred_language",
}
USER_FIELDS = {"display_name", "first_name", "last_name"}
# Fields that decide what a person may read (a department or location receives its
# announcements) or how the company is drawn (the org chart): HR, the HR import or
# single sign-on set them, never the person.
HR_OWNED = {"department", "location", "manager"}
ADMIN_FIELDS = {"employee_id", "is_official", "email", *HR_OWNED}


def profile_ensure(*, user: AbstractBaseUser) -> Profile:
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"privacy": dict(PRIVACY_DEFAULTS),
                             "name_folded": _name_folded(user)})
    return profile


def profile_sync_name(*, user: AbstractBaseUser) -> None:
    """Keep the folded name used by the directory in step with the account."""
    Profile.objects.filter(user=user).exclude(name_folded=_name_folded(user)).update(
        name_folded=_name_folded(user))


def _name_folded(user: AbstractBaseUser) -> str:
    return fold(" ".join(filter(None, [user.get_display_name(), user.first_name,
                                       user.last_name, user.username])))


def can_edit_profile(actor: AbstractBaseUser, profile: Profile) -> bool:
    return actor.pk == profile.user_id or actor.has_perm("intranet_people.change_profile")


def _check_languages(codes: list[str]) -> list[str]:
    unknown = [code for code in codes if code not in LANG_INFO]
    if unknown:
        raise Invalid(_("Unknown language codes: %(codes)s.") % {"codes": ", ".join(unknown)},
                      fields={"languages": [_("Use ISO codes such as en, fr, de.")]})
    return list(dict.fromkeys(codes))


def _check_privacy(privacy: dict[str, Any]) -> dict[str, str]:
    errors = {}
    for field, level in privacy.items():
        if field not in PRIVACY_DEFAULTS:
            errors[field] = [_("This field has no privacy setting.")]
        elif level not in Visibility.values:
            errors[field] = [_("Choose everyone, groups or private.")]
    if errors:
        raise Invalid(_("Some privacy settings are not valid."), fields={"privacy": [
            f"{field}: {msg}" for field, msgs in errors.items() for msg in msgs]})
    return privacy


def _check_manager(profile: Profile, manager: Profile | None) -> None:
    seen = {profile.pk}
    current = manager
    while current is not None:
        if current.pk in seen:
            raise Invalid(_("A person cannot report to themselves, directly or not."),
                          fields={"manager": [_("This would make a reporting loop.")]})
        seen.add(current.pk)
        current = current.manager


def profile_update(*, actor: AbstractBaseUser | None, profile: Profile,
                   changes: dict[str, Any], audited: bool = True) -> Profile:
    """Apply `changes` to a profile after checking who may make them.

    `actor` None means the system (the HR import). Changes to privacy or to the contact
    policy are audited apart from other edits, since they decide who sees what.
    `audited=False` leaves the audit entry to the caller: the HR import writes one per
    row, with every column it changed, account fields included.
    """
    allowed = SELF_EDITABLE | USER_FIELDS | {"privacy", "photo"}
    if actor is not None:
        if not can_edit_profile(actor, profile):
            raise Forbidden(_("You may only edit your own profile."))
        if actor.has_perm("intranet_people.change_profile"):
            allowed |= ADMIN_FIELDS
        refused = set(changes) - allowed
        if refused:
            raise Forbidden(_("You may not change: %(fields)s.") % {
                "fields": ", ".join(sorted(refused))})
    user = profile.user
    changes = dict(changes)
    photo = changes.pop("photo", None)
    skills = changes.pop("skills", None)
    privacy = changes.pop("privacy", None)
    if "languages" in changes:
        changes["languages"] = _check_languages(changes["languages"])
    if "manager" in changes:
        _check_manager(profile, changes["manager"])
    before = _snapshot(profile) if audited else {}
    with transaction.atomic():
        for field, value in changes.items():
            setattr(user if field in USER_FIELDS | {"email"} else profile, field, value)
        if privacy is not None:
            profile.privacy = {**profile.privacy, **_check_privacy(privacy)}
        replaced_photo = profile.photo.name if photo is not None else ""
        if photo is not None:
            profile.photo = (sanitize_image(photo, max_side=800, field="photo")
                             if photo else "")
        try:
            user.full_clean(exclude=["password", "groups", "user_permissions"])
            profile.full_clean(exclude=["user", "skills"])
        except ValidationError as error:
            raise Invalid(_("Some fields are not valid."),
                          fields=error.message_dict) from None
        if USER_FIELDS & set(changes) or "email" in changes:
            user.save()
        profile.name_folded = _name_folded(user)
        profile.save()
        if skills is not None:
            profile.skills.set(sorted({s.strip() for s in skills if s.strip()},
                                      key=str.casefold))
        if audited:
            _audit_changes(profile, before, _snapshot(profile), actor)
        if replaced_photo and replaced_photo != profile.photo.name:
            # A replaced photo must not stay reachable by its old name.
            transaction.on_commit(lambda: private_storage().delete(replaced_photo))
    return profile


def _snapshot(profile: Profile) -> dict[str, Any]:
    values = {field: str(getattr(profile, field) or "") for field in
              SELF_EDITABLE - {"skills"} | ADMIN_FIELDS - {"email"}}
    values["display_name"] = profile.user.get_display_name()
    values["photo"] = str(profile.photo or "")
    values["skills"] = ", ".join(sorted(profile.skills.names())) if profile.pk else ""
    values["privacy"] = dict(profile.privacy)
    return values


def _audit_changes(profile: Profile, before: dict, after: dict,
                   actor: AbstractBaseUser | None) -> None:
    changed = {k: {"from": before[k], "to": after[k]} for k in after if before[k] != after[k]}
    privacy = {k: changed.pop(k) for k in ("privacy", "contact_policy") if k in changed}
    if changed:
        audit(profile, "intranet.profile.edit", actor=actor, data={"changes": changed})
    if privacy:
        audit(profile, "intranet.profile.privacy", actor=actor, data={"changes": privacy})


def profile_set_photo(*, actor: AbstractBaseUser, profile: Profile,
                      upload: UploadedFile | None) -> Profile:
    return profile_update(actor=actor, profile=profile, changes={"photo": upload or ""})


def employee_leave(*, actor: AbstractBaseUser | None, profile: Profile) -> None:
    """A leaver can no longer sign in and leaves the directory; their posts stay theirs."""
    if profile.left_at is not None and not profile.user.is_active:
        return
    with transaction.atomic():
        profile.left_at = profile.left_at or timezone.now()
        profile.save(update_fields=["left_at", "updated_at"])
        user = profile.user
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit(profile, "intranet.profile.leave", actor=actor)


def employee_return(*, actor: AbstractBaseUser | None, profile: Profile) -> None:
    """Someone rehired: their account works again and they are back in the directory."""
    if profile.left_at is None and profile.user.is_active:
        return
    with transaction.atomic():
        profile.left_at = None
        profile.save(update_fields=["left_at", "updated_at"])
        profile.user.is_active = True
        profile.user.save(update_fields=["is_active"])
        audit(profile, "intranet.profile.return", actor=actor)


def set_preferred_language(*, user: AbstractBaseUser, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise Invalid(_("Unknown language."), fields={"language": [_("Choose en or fr.")]})
    profile = profile_ensure(user=user)
    if profile.preferred_language != language:
        profile_update(actor=user, profile=profile, changes={"preferred_language": language})
