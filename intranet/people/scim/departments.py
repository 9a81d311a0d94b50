"""A department as a SCIM Group: its members are its people.

A person belongs to one department, so adding them to a group moves them out of the one
they were in. The directory's externalId of a group is accepted and not kept: departments
are matched by their name (displayName).
"""

import re
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_scim.adapters import SCIMGroup
from django_scim.utils import get_user_adapter

from intranet.people.models import Department, Profile
from intranet.people.scim.protocol import (
    GROUP,
    Path,
    apply_operations,
    check_schemas,
    entries,
    identifier,
    invalid,
    parse_path,
    text,
)
from intranet.people.scim.provisioning import department_delete, department_provision

SCHEMAS = (GROUP,)
MEMBER = re.compile(r'\s*value\s+eq\s+"([^"]*)"\s*', re.IGNORECASE)


class DepartmentReader:
    """The name and people a SCIM body or PATCH operations ask of a department."""

    def __init__(self, department: Department) -> None:
        self.department = department
        self.name: str | None = None
        self.members: dict[int, Profile] | None = None  # by user id; None: unchanged

    def read_object(self, value: dict[str, Any], op: str) -> None:
        for key, item in value.items():
            self.read(parse_path(key, SCHEMAS), item, op)

    def read(self, path: Path, value: Any, op: str) -> None:
        if path.sub is not None or (path.filter is not None and path.attr != "members"):
            raise invalid(_("This path is not supported: %(path)s.") % {"path": path.attr},
                          "invalidPath")
        if path.attr == "displayname":
            self.name = None if op == "remove" else text(value, "displayName")
            if not self.name:
                raise invalid(_("displayName is required."))
        elif path.attr == "members":
            self._members(path, value, op)
        # id, externalId and meta: nothing a department keeps.

    def _members(self, path: Path, value: Any, op: str) -> None:
        if self.members is None:
            self.members = ({p.user_id: p for p in self.department.people.select_related("user")}
                            if self.department.pk else {})
        if path.filter is not None:
            if op != "remove":
                raise invalid(_("Only remove takes a members filter."), "invalidPath")
            for key in _filtered_ids(path.filter):
                self.members.pop(key, None)
        elif op == "remove" and value is None:
            self.members = {}
        else:
            people = _people(entries(value, "members"))
            if op == "replace":
                self.members = people
            elif op == "add":
                self.members.update(people)
            else:
                for key in people:
                    self.members.pop(key, None)


def _filtered_ids(condition: str) -> list[int | None]:
    """The ids a `members[value eq "12" or value eq "13"]` filter names."""
    found = [MEMBER.fullmatch(part) for part in re.split(r"\s+or\s+", condition,
                                                         flags=re.IGNORECASE)]
    if not all(found):
        raise invalid(_('Filter members as members[value eq "id"].'), "invalidFilter")
    return [identifier(match[1]) for match in found if match]


def _people(members: list[dict[str, Any]]) -> dict[int, Profile]:
    """The people members name, by user id; 400 naming those unknown here."""
    if any(str(member.get("type") or "User").lower() != "user" for member in members):
        raise invalid(_("A department's members are people, not groups."))
    keys = [(member.get("value"), identifier(member.get("value"))) for member in members]
    found = {profile.user_id: profile for profile in Profile.objects.select_related("user")
             .filter(user_id__in=[key for _raw, key in keys if key], user__erased_at=None)}
    unknown = [str(raw) for raw, key in keys if key not in found]
    if unknown:
        raise invalid(_("No person has the id %(ids)s.") % {"ids": ", ".join(unknown)})
    return found


class DepartmentAdapter(SCIMGroup):
    """django-scim2's group adapter, on a department."""

    id_field = "pk"
    FILTERS = {("displayname", None, None): "name"}

    def __init__(self, obj: Any, request: Any = None) -> None:
        super().__init__(obj, request=request)
        self.reader = DepartmentReader(obj)

    @staticmethod
    def queryset() -> QuerySet:
        return Department.objects.order_by("pk")

    def to_dict(self) -> dict[str, Any]:
        group = {"schemas": list(SCHEMAS), "id": self.id, "displayName": self.obj.name,
                 "meta": {"resourceType": self.resource_type, "location": self.location}}
        excluded = self.request.GET.get("excludedAttributes", "").lower().split(",")
        if "members" not in {name.strip() for name in excluded}:
            people = (self.obj.people.filter(user__erased_at=None).select_related("user")
                      .order_by("user_id"))
            group["members"] = [
                {"value": str(profile.user_id), "display": profile.user.get_display_name(),
                 "$ref": get_user_adapter()(profile.user, self.request).location}
                for profile in people]
        return group

    def validate_dict(self, d: dict[str, Any]) -> None:
        check_schemas(d, GROUP, SCHEMAS)

    def from_dict(self, d: dict[str, Any]) -> None:
        self.reader.read_object(d, "replace")
        if self.reader.name is None:
            raise invalid(_("displayName is required."))

    def handle_operations(self, operations: list[Any]) -> None:
        apply_operations(self.reader, operations, SCHEMAS)
        self.save()

    def save(self) -> None:
        members = self.reader.members
        self.obj = department_provision(
            department=self.obj if self.obj.pk else None, name=self.reader.name,
            members=None if members is None else list(members.values()))

    def delete(self) -> None:
        department_delete(department=self.obj)
