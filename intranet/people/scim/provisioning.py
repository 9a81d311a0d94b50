"""Every write the company directory asks for through SCIM, made as the system.

People change through the people services, as with the HR import: `profile_update` for
their fields, `employee_leave` and `employee_return` for their account, one transaction a
request. Only what differs is written and audited, so a directory sending the same values
again changes nothing.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Conflict, Invalid
from intranet.people.models import Department, Profile
from intranet.people.services import (
    employee_leave,
    employee_return,
    profile_ensure,
    profile_update,
)

User = get_user_model()
ACCOUNT_FIELDS = ("username", "first_name", "last_name", "display_name", "email")
PROFILE_FIELDS = ("job_title", "employee_id", "department", "manager")


def person_provision(*, profile: Profile | None, changes: dict[str, Any]) -> Profile:
    """Create the person (`profile` None) or change them as `changes` says: fields of
    ACCOUNT_FIELDS and PROFILE_FIELDS (a department by its name, created if new), and
    `active`, which makes them a leaver or brings them back."""
    changes = dict(changes)
    active = changes.pop("active", None)
    with transaction.atomic():
        _check_free(profile, changes)
        if "department" in changes:
            changes["department"] = _department(changes["department"])
        before = _values(profile)
        if profile is None:
            profile = _create(changes.get("username", ""))
        diff = {name: (before[name], value) for name, value in changes.items()
                if _key(before[name]) != _key(value)}
        user = profile.user
        if ({"first_name", "last_name"} & diff.keys() and "display_name" not in changes
                and before["display_name"] and before["display_name"] == user.get_full_name()):
            # A display name that was the full name, not one the person chose, follows it.
            full = " ".join(filter(None, [changes.get("first_name", user.first_name),
                                          changes.get("last_name", user.last_name)]))
            diff["display_name"] = (before["display_name"], full)
        if "username" in diff and user.username != diff["username"][1]:
            user.username = _check_username(diff["username"][1])
            user.save(update_fields=["username"])
        fields = {name: value for name, (_now, value) in diff.items() if name != "username"}
        if fields:
            profile_update(actor=None, profile=profile, changes=fields, audited=False)
        if diff:
            audit(profile, "intranet.profile.scim", actor=None, data={"changes": {
                name: {"from": _text(now), "to": _text(wanted)}
                for name, (now, wanted) in diff.items()}})
        if active is False:
            employee_leave(actor=None, profile=profile)
        elif active is True:
            employee_return(actor=None, profile=profile)
    return profile


def _check_free(profile: Profile | None, changes: dict[str, Any]) -> None:
    """userName (case-insensitive, as SCIM has it) and the employee id are one person's."""
    username = changes.get("username")
    if profile is None and not username:
        raise Invalid(_("userName is required."))
    others = User.objects.exclude(pk=profile.user_id if profile else None)
    if username and others.filter(username__iexact=username).exists():
        raise Conflict(_("Another person has the userName %(name)s.") % {"name": username})
    employee_id = changes.get("employee_id")
    if employee_id and Profile.objects.exclude(pk=profile.pk if profile else None).filter(
            employee_id=employee_id).exists():
        raise Conflict(_("Another person has the externalId %(id)s.") % {"id": employee_id})


def _check_username(username: str) -> str:
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as error:
        raise Invalid(_("Some fields are not valid."),
                      fields={"userName": error.messages}) from None
    return username


def _create(username: str) -> Profile:
    user = User(username=_check_username(username))
    user.set_unusable_password()  # they sign in by single sign-on
    user.save()
    return profile_ensure(user=user)


def _values(profile: Profile | None) -> dict[str, Any]:
    """The person's current values of the fields SCIM writes (blank for a newcomer)."""
    if profile is None:
        return dict.fromkeys(ACCOUNT_FIELDS + PROFILE_FIELDS, "") | {
            "employee_id": None, "department": None, "manager": None}
    return ({name: getattr(profile.user, name) for name in ACCOUNT_FIELDS}
            | {name: getattr(profile, name) for name in PROFILE_FIELDS})


def _department(value: Department | str | None) -> Department | None:
    """A department, or the one with this name (its case aside), created if new."""
    if value is None or isinstance(value, Department):
        return value
    found = (Department.objects.filter(name=value).first()
             or Department.objects.filter(name__iexact=value).first())
    return found or _saved(Department(name=value))


def _saved(department: Department) -> Department:
    try:
        department.full_clean()
    except ValidationError as error:
        raise Invalid(_("Some fields are not valid."), fields=error.message_dict) from None
    department.save()
    return department


def _key(value: Any) -> Any:
    return value.pk if isinstance(value, Profile | Department) else value


def _text(value: Any) -> str:
    """A value as the audit log shows it: people by employee id, departments by name."""
    if isinstance(value, Profile):
        return value.employee_id or value.user.username
    return "" if value is None else str(value)


def department_provision(*, department: Department | None, name: str | None,
                         members: list[Profile] | None) -> Department:
    """Create the department (`department` None) or rename it (`name` None keeps its
    name), and make `members` its people (None keeps them): those added leave their
    previous department, those left out are in none."""
    with transaction.atomic():
        if name is not None and (department is None or name != department.name):
            taken = Department.objects.exclude(pk=department.pk if department else None)
            if taken.filter(name__iexact=name).exists():
                raise Conflict(_("Another department is called %(name)s.") % {"name": name})
            action = "wagtail.create" if department is None else "wagtail.edit"
            department = department or Department()
            department.name = name
            audit(_saved(department), action, actor=None)
        if department is None:
            raise Invalid(_("displayName is required."))
        if members is not None:
            wanted = {profile.pk for profile in members}
            for profile in members:
                if profile.department_id != department.pk:
                    person_provision(profile=profile, changes={"department": department})
            leaving = department.people.exclude(pk__in=wanted).select_related("user")
            for profile in leaving:
                person_provision(profile=profile, changes={"department": None})
    return department


def department_delete(*, department: Department) -> None:
    """The department goes; its people stay, in no department."""
    with transaction.atomic():
        audit(department, "wagtail.delete", actor=None)
        department.delete()
