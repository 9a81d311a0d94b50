"""The HR import: employees from the HR system's CSV export, matched by employee id.

Reading checks the whole file before anything is written. A file that cannot be read as a
whole (not UTF-8, not CSV, a broken header) raises MalformedFile and changes nothing; a bad
row is rejected alone, with its line and reason. The other rows are applied in one
transaction, managers before their reports: changes to known people through
`profile_update`, leavers through `employee_leave`. A row whose values already match is
neither written nor audited, so importing a file twice changes nothing the second time.
The format is documented in docs/hr-import.md.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf.locale import LANG_INFO
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from intranet.core.audit import audit
from intranet.core.errors import Forbidden, Invalid
from intranet.people.models import Department, Location, Profile, ProfileSkill, Skill
from intranet.people.services import employee_leave, employee_return, profile_ensure, profile_update

User = get_user_model()

COLUMNS = ("employee_id", "username", "first_name", "last_name", "email", "job_title",
           "department", "team", "location", "manager_employee_id", "phone", "start_date",
           "status", "skills", "languages")
ACCOUNT_FIELDS = ("username", "first_name", "last_name", "email")
LIST_SEPARATOR = "|"  # never the file's own delimiter, so lists need no quoting
STATUSES = {"": "active", "active": "active", "left": "left", "leaver": "left"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Text columns are checked by the model field they fill: length, username and e-mail syntax.
CHECKED_BY = {
    "employee_id": Profile._meta.get_field("employee_id"),
    "username": User._meta.get_field("username"),
    "first_name": User._meta.get_field("first_name"),
    "last_name": User._meta.get_field("last_name"),
    "email": User._meta.get_field("email"),
    "job_title": Profile._meta.get_field("job_title"),
    "department": Department._meta.get_field("name"),
    "team": Profile._meta.get_field("team"),
    "location": Location._meta.get_field("name"),
    "phone": Profile._meta.get_field("phone"),
    "skills": Skill._meta.get_field("name"),
}


class MalformedFile(Invalid):
    """The file cannot be read as a whole, so nothing in it is imported."""

    code = "malformed_file"


class RowError(Exception):
    """Why one row is rejected."""


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str
    employee_id: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)


@dataclass
class Row:
    """An accepted line: its parsed columns, without those absent from the file."""

    line: int
    employee_id: str
    values: dict[str, Any]


def import_employees(*, actor: AbstractBaseUser | None, data: bytes, dry_run: bool = False,
                     progress: Callable[[list[Row]], Iterable[Row]] | None = None) -> Report:
    """Import the CSV export `data` and report what happened to each row.

    A dry run makes every write and rolls them all back, so its report is exactly the
    one the real run gives. `progress` wraps the rows as they are applied (a progress bar).
    """
    if actor is not None and not actor.has_perm("intranet_people.change_profile"):
        raise Forbidden(_("Only HR may import employees."))
    rows, rejected = read_rows(data)
    report = Report(rejected=rejected)
    with transaction.atomic():
        _Import(actor=actor, report=report).run(rows, progress or list)
        if dry_run:
            transaction.set_rollback(True)
    report.rejected.sort(key=lambda rejection: rejection.line)
    return report


def read_rows(data: bytes) -> tuple[list[Row], list[Rejection]]:
    """The file's rows, checked one by one; raises MalformedFile if the file is unreadable."""
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    rejected: list[Rejection] = []
    ids: dict[str, int] = {}
    usernames: dict[str, int] = {}
    try:
        columns = _check_header(next(reader, []))
        key = columns.index("employee_id")
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                try:
                    rows.append(_parse(line, columns, cells, ids, usernames))
                except RowError as error:
                    employee_id = cells[key].strip() if key < len(cells) else ""
                    rejected.append(Rejection(line, str(error), employee_id))
            line = reader.line_num + 1
    except csv.Error as error:
        raise MalformedFile(_("Line %(line)d is not valid CSV (%(error)s). Nothing was "
                              "imported.") % {"line": reader.line_num, "error": error}) from None
    return rows, rejected


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise MalformedFile(_("The file is not UTF-8 text (line %(line)d, byte 0x%(byte)02x): "
                              "export it as “CSV UTF-8”. Nothing was imported.")
                            % {"line": line, "byte": data[error.start]}) from None
    if "\x00" in text:
        raise MalformedFile(_("The file is not a CSV text file. Nothing was imported."))
    if not text.strip():
        raise MalformedFile(_("The file is empty: a header row is required."))
    return text


def _check_header(header: list[str]) -> list[str]:
    columns = [name.strip().lower() for name in header]
    problems = []
    if "employee_id" not in columns:
        problems.append(_("the column employee_id is missing"))
    unknown = [f"“{name}”" for name in columns if name not in COLUMNS]
    if unknown:
        problems.append(_("unknown columns %(names)s") % {"names": ", ".join(unknown)})
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    if duplicates:
        problems.append(_("duplicate columns %(names)s") % {"names": ", ".join(duplicates)})
    if problems:
        raise MalformedFile(_("Broken header: %(problems)s. The columns are %(columns)s. "
                              "Nothing was imported.")
                            % {"problems": "; ".join(problems), "columns": ", ".join(COLUMNS)})
    return columns


def _parse(line: int, columns: list[str], cells: list[str], ids: dict[str, int],
           usernames: dict[str, int]) -> Row:
    if len(cells) != len(columns):
        raise RowError(f"{len(cells)} fields, but the header has {len(columns)}")
    values = {name: cell.strip() for name, cell in zip(columns, cells, strict=True)}
    employee_id = values.pop("employee_id")
    if not employee_id:
        raise RowError("employee_id is empty")
    if employee_id in ids:
        raise RowError(f"duplicate employee_id {employee_id} (also on line {ids[employee_id]})")
    ids[employee_id] = line
    username = values.get("username")
    if username in usernames:
        raise RowError(f"username {username} is also on line {usernames[username]}")
    if username:
        usernames[username] = line
    _check_text("employee_id", employee_id)
    return Row(line, employee_id, {name: _value(name, text) for name, text in values.items()})


def _value(column: str, text: str) -> Any:
    if column == "start_date":
        if not text:
            return None
        try:
            if ISO_DATE.fullmatch(text):
                return date.fromisoformat(text)
        except ValueError:
            pass
        raise RowError(f"start_date {text} is not a date (YYYY-MM-DD)")
    if column == "status":
        if text.lower() not in STATUSES:
            raise RowError(f"status {text} is not active, left or leaver")
        return STATUSES[text.lower()]
    if column == "languages":
        codes = [code.strip().lower() for code in text.split(LIST_SEPARATOR) if code.strip()]
        unknown = [code for code in codes if code not in LANG_INFO]
        if unknown:
            raise RowError(f"languages: {', '.join(unknown)} is not an ISO language code "
                           "(en, fr, de...)")
        return list(dict.fromkeys(codes))
    if column == "skills":
        return {_check_text(column, skill.strip())
                for skill in text.split(LIST_SEPARATOR) if skill.strip()}
    return _check_text(column, text) if text and column in CHECKED_BY else text


def _check_text(column: str, text: str) -> str:
    try:
        CHECKED_BY[column].run_validators(text)
    except ValidationError as error:
        raise RowError(f"{column} {text}: {' '.join(error.messages)}") from None
    return text


class _Import:
    """One run: what the database holds for the file's people, then the writes."""

    def __init__(self, *, actor: AbstractBaseUser | None, report: Report) -> None:
        self.actor = actor
        self.report = report
        self.rejected_lines = {r.employee_id: r.line for r in reversed(report.rejected)}
        self.profiles: dict[str, Profile] = {}  # by employee id, for the rows and managers
        self.owners: dict[str, Profile] = {}  # by username
        self.places: dict[type[models.Model], dict[str, models.Model]] = {}
        self.skills: dict[str, Skill] = {}

    def run(self, rows: list[Row], progress: Callable[[list[Row]], Iterable[Row]]) -> None:
        self._load(rows)
        for row in progress(self._plan(rows)):
            self._apply(row)

    # Reading what exists, in a few queries whatever the size of the file.

    def _load(self, rows: list[Row]) -> None:
        ids = {row.employee_id for row in rows}
        ids |= {row.values["manager_employee_id"] for row in rows
                if row.values.get("manager_employee_id")}
        usernames = [row.values["username"] for row in rows if row.values.get("username")]
        found = _profiles(Q(employee_id__in=ids) | Q(user__username__in=usernames))
        by_pk = {profile.pk: profile for profile in found}
        for profile in found:
            if profile.employee_id:
                self.profiles[profile.employee_id] = profile
            self.owners[profile.user.username] = profile
            # One object per person, so checks that walk up the chain see this run's writes.
            if profile.manager_id in by_pk:
                profile.manager = by_pk[profile.manager_id]
        # The whole reporting tree as (manager, label) by profile id: two integers and a name.
        self.tree = {pk: (manager_id, employee_id or username) for pk, manager_id, employee_id,
                     username in Profile.objects.values_list("pk", "manager_id", "employee_id",
                                                             "user__username")}
        self._load_places()
        names = set().union(*(row.values.get("skills", ()) for row in rows))
        self.skills = {skill.name: skill for skill in Skill.objects.filter(name__in=names)}

    def _load_places(self) -> None:
        self.places = {model: {place.name.casefold(): place for place in model.objects.all()}
                       for model in (Department, Location)}

    # Planning: who manages whom once the file is applied, and in which order to write.

    def _plan(self, rows: list[Row]) -> list[Row]:
        """The rows to apply, managers before their reports; the others are rejected."""
        accepted: dict[str, Row] = {}
        for row in rows:
            adoptable = self.owners.get(row.values.get("username") or "")
            if row.employee_id not in self.profiles and adoptable and not adoptable.employee_id:
                # An account made before the import (by SSO, say) becomes this employee's.
                self.profiles[row.employee_id] = adoptable
            if row.employee_id in self.profiles or row.values.get("username"):
                accepted[row.employee_id] = row
            else:
                self._reject(row, "username is required for a new employee")
        while True:
            row_of = {self.profiles[eid].pk: eid for eid in accepted if eid in self.profiles}
            parents: dict[str, str | int | None] = {}
            refused: dict[str, str] = {}
            for eid, row in accepted.items():
                try:
                    parents[eid] = self._parent(row, accepted, row_of)
                except RowError as error:
                    refused[eid] = str(error)
            refused = refused or self._loops(parents, row_of)
            if not refused:
                return _managers_first(accepted, parents)
            for eid, reason in refused.items():
                self._reject(accepted.pop(eid), reason)

    def _parent(self, row: Row, accepted: dict[str, Row],
                row_of: dict[int, str]) -> str | int | None:
        """The row's manager once applied: an employee id of the file or a profile id."""
        if "manager_employee_id" not in row.values:
            profile = self.profiles.get(row.employee_id)
            manager_id = profile.manager_id if profile else None
            return row_of.get(manager_id, manager_id)
        manager = row.values["manager_employee_id"]
        if not manager or manager in accepted:
            return manager or None
        if manager in self.profiles:
            return row_of.get(self.profiles[manager].pk, self.profiles[manager].pk)
        raise RowError(self._missing(manager))

    def _loops(self, parents: dict[str, str | int | None],
               row_of: dict[int, str]) -> dict[str, str]:
        """Rows that would make someone report to themselves, with the loop they make."""
        refused: dict[str, str] = {}
        done: set[str | int] = set()
        for start in parents:
            path: dict[str | int, None] = {}
            node: str | int | None = start
            while node is not None and node not in done and node not in path:
                path[node] = None
                if isinstance(node, str):
                    node = parents[node]
                else:
                    manager_id = self.tree[node][0]
                    node = row_of.get(manager_id, manager_id)
            if node is not None and node in path:
                loop = list(path)[list(path).index(node):]
                names = [n if isinstance(n, str) else self.tree[n][1] for n in loop]
                for i, n in enumerate(loop):
                    if isinstance(n, str):  # told from this row's point of view
                        chain = " → ".join([*names[i:], *names[:i], n])
                        refused[n] = f"reporting loop {chain}"
            done.update(path)
        return refused

    # Applying one row: compare, then write only what differs.

    def _apply(self, row: Row) -> None:
        profile = self.profiles.get(row.employee_id)
        created = profile is None
        try:
            diff = self._diff(row, profile)
            status = row.values.get("status")
            leaves = status == "left" and (created or profile.left_at is None
                                           or profile.user.is_active)
            returns = status == "active" and not created and profile.left_at is not None
            if not (diff or leaves or returns):
                self.report.unchanged += 1
                return
            if "username" in diff:
                self._check_username(diff["username"][1], profile)
            if created:
                profile = self._create(diff)
            else:
                with transaction.atomic():
                    self._update(profile, diff)
        except (RowError, Invalid) as error:
            self._reject(row, _reason(error))
            self._forget(row.employee_id, profile)
            return
        self.profiles[row.employee_id] = profile
        if diff:
            audit(profile, "intranet.profile.import", actor=self.actor, data={"changes": {
                name: {"from": _text(now), "to": _text(wanted)}
                for name, (now, wanted) in diff.items()}})
        if leaves:
            employee_leave(actor=self.actor, profile=profile)
        elif returns:
            employee_return(actor=self.actor, profile=profile)
        if created:
            self.report.created += 1
        else:
            self.report.updated += 1

    def _diff(self, row: Row, profile: Profile | None) -> dict[str, tuple[Any, Any]]:
        """The columns whose value changes, as (now, wanted)."""
        wanted: dict[str, Any] = {"employee_id": row.employee_id}
        for name, value in row.values.items():
            if name == "manager_employee_id":
                wanted["manager"] = self._manager(value)
            elif name in ("department", "location"):
                model = Department if name == "department" else Location
                known = self.places[model].get(value.casefold())
                wanted[name] = known.name if known else value
            elif (name == "username" and not value) or name == "status":
                continue  # an empty username keeps the account's; status is not a field
            else:
                wanted[name] = value
        current = profile or Profile(user=User())
        diff = {}
        for name, value in wanted.items():
            now = _now(current, name)
            if _key(now) != _key(value):
                diff[name] = (now, value)
        if profile and diff.keys() & {"first_name", "last_name"}:
            user = profile.user
            if user.display_name == user.get_full_name():  # not one the person chose
                first = wanted.get("first_name", user.first_name)
                last = wanted.get("last_name", user.last_name)
                diff["display_name"] = (user.display_name, f"{first} {last}".strip())
        return diff

    def _manager(self, employee_id: str) -> Profile | None:
        if not employee_id:
            return None
        if employee_id not in self.profiles:  # its row failed as it was applied
            raise RowError(self._missing(employee_id))
        return self.profiles[employee_id]

    def _check_username(self, username: str, profile: Profile | None) -> None:
        owner = self.owners.get(username)
        if owner is not None and owner is not profile:
            raise RowError(f"username {username} is taken by another employee"
                           + (f" ({owner.employee_id})" if owner.employee_id else ""))

    def _create(self, diff: dict[str, tuple[Any, Any]]) -> Profile:
        """A newcomer, written here rather than through `profile_update`.

        A new profile has no earlier state for that service's rules to protect, and this
        module has checked every value (field validators, language codes, the whole
        reporting tree); the service would add some twenty queries a row, too slow for a
        first import of thousands of people.
        """
        user = User(**{name: diff[name][1] for name in ACCOUNT_FIELDS if name in diff})
        user.set_unusable_password()  # they sign in by SSO or ask for a password reset
        user.save()  # whose signal makes the profile, with privacy defaults and folded name
        profile = profile_ensure(user=user)
        profile.user = user
        self.owners[user.username] = profile
        fields = [name for name in diff if name not in ACCOUNT_FIELDS and name != "skills"]
        for name in fields:
            setattr(profile, name, self._model_value(name, diff[name][1]))
        profile.save(update_fields=[*fields, "updated_at"])
        if "skills" in diff:
            ProfileSkill.objects.bulk_create(
                ProfileSkill(content_object=profile, tag=self._skill(name))
                for name in sorted(diff["skills"][1], key=str.casefold))
        return profile

    def _update(self, profile: Profile, diff: dict[str, tuple[Any, Any]]) -> None:
        """Someone known: through `profile_update`, which checks the change against them."""
        if "username" in diff:
            old, new = diff["username"]
            profile.user.username = new
            profile.user.save(update_fields=["username"])
            self.owners.pop(old, None)
            self.owners[new] = profile
        changes = {name: self._model_value(name, value)
                   for name, (_now, value) in diff.items() if name != "username"}
        if changes:
            profile_update(actor=self.actor, profile=profile, changes=changes, audited=False)

    def _skill(self, name: str) -> Skill:
        if name not in self.skills:
            self.skills[name] = Skill.objects.get_or_create(name=name)[0]
        return self.skills[name]

    def _model_value(self, name: str, value: Any) -> Any:
        if name in ("department", "location"):
            model = Department if name == "department" else Location
            if not value:
                return None
            known = self.places[model]
            if value.casefold() not in known:
                known[value.casefold()] = model.objects.create(name=value)
            return known[value.casefold()]
        if name == "skills":
            return sorted(value, key=str.casefold)
        return value

    # Keeping the run's picture true when a row is rejected.

    def _reject(self, row: Row, reason: str) -> None:
        self.report.rejected.append(Rejection(row.line, reason, row.employee_id))
        self.rejected_lines.setdefault(row.employee_id, row.line)
        profile = self.profiles.get(row.employee_id)
        if profile is not None and profile.employee_id != row.employee_id:
            del self.profiles[row.employee_id]  # an account it would have adopted

    def _missing(self, employee_id: str) -> str:
        if employee_id in self.rejected_lines:
            return (f"manager {employee_id} is rejected "
                    f"(line {self.rejected_lines[employee_id]})")
        return f"manager {employee_id} not found"

    def _forget(self, employee_id: str, profile: Profile | None) -> None:
        """Drop what the rolled-back row left in memory: half-set fields, new places."""
        self._load_places()
        self.profiles.pop(employee_id, None)
        if profile is None:
            return
        fresh = _profiles(Q(pk=profile.pk))[0]
        self.owners = {name: owner for name, owner in self.owners.items() if owner is not profile}
        self.owners[fresh.user.username] = fresh
        if fresh.employee_id == employee_id:
            self.profiles[employee_id] = fresh
        for other in self.profiles.values():
            if other.manager_id == fresh.pk:
                other.manager = fresh
            if fresh.manager_id == other.pk:
                fresh.manager = other


def _profiles(condition: Q) -> list[Profile]:
    return list(Profile.objects.filter(condition)
                .select_related("user", "department", "location").prefetch_related("skills"))


def _managers_first(accepted: dict[str, Row],
                    parents: dict[str, str | int | None]) -> list[Row]:
    order: list[Row] = []
    placed: set[str] = set()
    for employee_id in accepted:
        chain = []
        node: str | int | None = employee_id
        while isinstance(node, str) and node not in placed:
            chain.append(node)
            placed.add(node)
            node = parents[node]
        order.extend(accepted[n] for n in reversed(chain))
    return order


def _now(profile: Profile, name: str) -> Any:
    """A column's value in the database, to compare with the file's."""
    if name in ("department", "location"):
        place = getattr(profile, name)
        return place.name if place else ""
    if name == "skills":
        return {tag.name for tag in profile.skills.all()} if profile.pk else set()
    if name in ACCOUNT_FIELDS:
        return getattr(profile.user, name)
    return getattr(profile, name)


def _key(value: Any) -> Any:
    return value.pk if isinstance(value, Profile) else value


def _text(value: Any) -> str:
    """A value as the audit log shows it: people by employee id, lists joined."""
    if isinstance(value, Profile):
        return value.employee_id or value.user.username
    if isinstance(value, set):
        return ", ".join(sorted(value, key=str.casefold))
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


def _reason(error: Exception) -> str:
    if isinstance(error, Invalid) and error.fields:
        return "; ".join(f"{name}: {message}" for name, messages in error.fields.items()
                         for message in messages)
    return str(error)
