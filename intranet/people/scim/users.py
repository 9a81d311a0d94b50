"""A person as a SCIM User: their account and profile, and what the directory may change.

userName, name, displayName, the primary e-mail, title (the job title), active and
externalId (the employee id, as the HR import identifies people) map to the person; the
enterprise extension's department (by name) and manager (by id) too. A PUT changes the
attributes it gives and keeps those it leaves out (RFC 7644, 3.5.1 allows either), so a
directory that does not send the department does not empty the one HR set.
"""

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_scim.adapters import SCIMUser
from django_scim.utils import get_group_adapter

from intranet.people.models import Profile
from intranet.people.scim.protocol import (
    ENTERPRISE,
    USER,
    Path,
    apply_operations,
    boolean,
    check_schemas,
    entries,
    identifier,
    invalid,
    lowered,
    parse_path,
    text,
)
from intranet.people.scim.provisioning import person_provision
from intranet.people.services import employee_leave, profile_ensure

User = get_user_model()
SCHEMAS = (USER, ENTERPRISE)
FIELDS = {("username", None): "username", ("displayname", None): "display_name",
          ("title", None): "job_title", ("externalid", None): "employee_id",
          ("name", "givenname"): "first_name", ("name", "familyname"): "last_name"}
WORK_EMAIL = re.compile(r'\s*(type\s+eq\s+"work"|primary\s+eq\s+true)\s*', re.IGNORECASE)


class PersonReader:
    """The changes a SCIM body or PATCH operations ask of a person, as
    `person_provision` takes them."""

    def __init__(self) -> None:
        self.changes: dict[str, Any] = {}

    def read_object(self, value: dict[str, Any], op: str) -> None:
        for key, item in value.items():
            self.read(parse_path(key, SCHEMAS), item, op)

    def read(self, path: Path, value: Any, op: str) -> None:
        remove = op == "remove"
        if path.filter is not None and path.attr != "emails":
            raise invalid(_("%(name)s takes no filter.") % {"name": path.attr}, "invalidPath")
        if path.schema == ENTERPRISE:
            self._enterprise(path, value, remove)
        elif (path.attr, path.sub) in FIELDS:
            self._field(FIELDS[path.attr, path.sub], "" if remove else text(value, path.attr))
        elif path.attr == "active":
            if remove:
                raise invalid(_("active cannot be removed."), "mutability")
            self.changes["active"] = boolean(value, "active")
        elif path.attr == "name" and path.sub is None:
            if remove:
                self.changes.update(first_name="", last_name="")
            for key, item in ({} if remove else lowered(value, "name")).items():
                self.read(parse_path(f"name.{key}", SCHEMAS), item, op)
        elif path.attr == "emails":
            self._email(path, value, remove)
        # The schema's other attributes (phone numbers, addresses...) are not kept here.

    def _field(self, field: str, value: str) -> None:
        if field == "username" and not value:
            raise invalid(_("userName is required."))
        self.changes[field] = (value or None) if field == "employee_id" else value

    def _email(self, path: Path, value: Any, remove: bool) -> None:
        """The person keeps one address: the primary one, else the work one. Paths to
        addresses of other types change nothing."""
        if path.filter is None and path.sub is None:
            self.changes["email"] = "" if remove else _primary(entries(value, "emails"))
        elif path.filter is None or WORK_EMAIL.fullmatch(path.filter):
            if path.sub == "value":
                self.changes["email"] = "" if remove else text(value, "emails.value")
            elif path.sub is None:
                found = [] if remove else entries(value if isinstance(value, list)
                                                  else [value], "emails")
                self.changes["email"] = _primary(found)

    def _enterprise(self, path: Path, value: Any, remove: bool) -> None:
        if not path.attr:
            if remove:
                self.changes.update(department=None, manager=None)
            for key, item in ({} if remove else lowered(value, ENTERPRISE)).items():
                self._enterprise(parse_path(f"{ENTERPRISE}:{key}", SCHEMAS), item, remove)
        elif path.attr == "department":
            self.changes["department"] = None if remove else text(value, "department") or None
        elif path.attr == "manager" and path.sub in (None, "value"):
            self.changes["manager"] = None if remove else _manager(value)
        # employeeNumber, costCenter, organization and division are not kept here.


def _primary(found: list[dict[str, Any]]) -> str:
    """The address marked primary, else the work one, else the first."""
    primary = [entry for entry in found if boolean(entry.get("primary", False), "primary")]
    work = [entry for entry in found if entry.get("type") == "work"]
    chosen = (primary or work or found or [{}])[0]
    return text(chosen.get("value"), "emails.value")


def _manager(value: Any) -> Profile | None:
    if isinstance(value, dict):
        value = lowered(value, "manager").get("value")
    if value is None or value == "":
        return None
    key = identifier(value)
    manager = (Profile.objects.select_related("user").filter(
        user_id=key, user__erased_at=None).first() if key else None)
    if manager is None:
        raise invalid(_("The manager %(id)s is not a person known here.") % {"id": value})
    return manager


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """Without unassigned attributes, which SCIM leaves out rather than sends empty."""
    return {key: value for key, value in values.items() if value not in (None, "", [], {})}


class PersonAdapter(SCIMUser):
    """django-scim2's user adapter, on the person's account and profile."""

    id_field = "pk"
    # The attributes a filter may name, lower-cased, and the fields they compare.
    FILTERS = {("username", None, None): "username",
               ("externalid", None, None): "profile.employee_id",
               ("displayname", None, None): "display_name",
               ("name", "givenname", None): "first_name",
               ("name", "familyname", None): "last_name",
               ("emails", None, None): "email", ("emails", "value", None): "email",
               ("title", None, None): "profile.job_title",
               ("active", None, None): "is_active"}

    def __init__(self, obj: Any, request: Any = None) -> None:
        super().__init__(obj, request=request)
        self.reader = PersonReader()

    @staticmethod
    def queryset() -> QuerySet:
        """Everyone but people whose data was erased: they are nobody now."""
        return (User.objects.filter(erased_at=None, profile__isnull=False)
                .select_related("profile__department", "profile__manager__user")
                .order_by("pk"))

    @classmethod
    def resource_type_dict(cls, request: Any = None) -> dict[str, Any]:
        return {**super().resource_type_dict(request),
                "schemaExtensions": [{"schema": ENTERPRISE, "required": False}]}

    def to_dict(self) -> dict[str, Any]:
        user, profile = self.obj, self.obj.profile
        department, manager = profile.department, profile.manager
        return _present({
            "schemas": list(SCHEMAS),
            "id": self.id,
            "externalId": profile.employee_id,
            "userName": user.username,
            "name": _present({"givenName": user.first_name, "familyName": user.last_name,
                              "formatted": user.get_full_name()}),
            "displayName": user.get_display_name(),
            "title": profile.job_title,
            "emails": [{"value": user.email, "type": "work", "primary": True}]
            if user.email else None,
            "active": user.is_active,
            "groups": [{"value": str(department.pk), "display": department.name,
                        "$ref": get_group_adapter()(department, self.request).location}]
            if department else None,
            ENTERPRISE: _present({
                "department": department.name if department else None,
                "manager": {"value": str(manager.user_id),
                            "displayName": manager.user.get_display_name(),
                            "$ref": PersonAdapter(manager.user, self.request).location}
                if manager else None}),
            "meta": {"resourceType": self.resource_type,
                     "created": user.date_joined.isoformat(),
                     "lastModified": profile.updated_at.isoformat(),
                     "location": self.location},
        })

    def validate_dict(self, d: dict[str, Any]) -> None:
        check_schemas(d, USER, SCHEMAS)

    def from_dict(self, d: dict[str, Any]) -> None:
        self.reader.read_object(d, "replace")
        if not self.reader.changes.get("username"):
            raise invalid(_("userName is required."))

    def handle_operations(self, operations: list[Any]) -> None:
        apply_operations(self.reader, operations, SCHEMAS)
        self.save()

    def save(self) -> None:
        profile = profile_ensure(user=self.obj) if self.obj.pk else None
        saved = person_provision(profile=profile, changes=self.reader.changes)
        self.obj = self.queryset().get(pk=saved.user_id)

    def delete(self) -> None:
        """Deleting a person makes them a leaver: their posts stay theirs."""
        employee_leave(actor=None, profile=profile_ensure(user=self.obj))
