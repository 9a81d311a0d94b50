"""What SCIM requests say, read strictly: schemas, attribute paths, values and filters.

Attribute names are case-insensitive (RFC 7643, 2.1), so they are compared lower-cased.
The vocabulary is that of the schemas django-scim2 serves: an attribute they define that
the intranet does not keep (phone numbers, addresses...) is accepted and ignored, so that a
directory's default mapping works; a name they do not define is refused.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldError, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_scim.constants import SchemaURI
from django_scim.exceptions import BadRequestError
from django_scim.schemas import default_schemas_getter
from scim2_filter_parser.lexer import SCIMLexer
from scim2_filter_parser.parser import SCIMParser, SCIMParserError
from scim2_filter_parser.transpilers.django_q_object import Transpiler

USER = SchemaURI.USER
ENTERPRISE = SchemaURI.ENTERPRISE_USER
GROUP = SchemaURI.GROUP
PATCH_OP = SchemaURI.PATCH_OP
COMMON: dict[str, set[str]] = {"id": set(), "externalid": set(), "meta": set(), "schemas": set()}
ID = re.compile(r"[1-9][0-9]{0,17}")  # a row's id, small enough for a database key
PATH = re.compile(r"(?:(?P<urn>urn:.+):)?(?P<attr>[a-z$][\w$-]*)(?:\[(?P<filter>.*)\])?"
                  r"(?:\.(?P<sub>[a-z$][\w$-]*))?", re.IGNORECASE | re.DOTALL)
MAX_FILTER = 1000


def _vocabulary(urn: str) -> dict[str, set[str]]:
    """Each attribute of the schema `urn` with its sub-attributes, lower-cased."""
    schema = next(s for s in default_schemas_getter() if s["id"] == urn)
    return {a["name"].lower(): {s["name"].lower() for s in a.get("subAttributes", [])}
            for a in schema["attributes"]}


VOCABULARY = {USER: COMMON | _vocabulary(USER), ENTERPRISE: _vocabulary(ENTERPRISE),
              GROUP: COMMON | _vocabulary(GROUP)}


def invalid(detail: str, scim_type: str = "invalidValue") -> BadRequestError:
    return BadRequestError(detail, scim_type=scim_type)


@dataclass(frozen=True)
class Path:
    """An attribute path (`name.givenName`, `emails[type eq "work"].value`, one prefixed
    with its schema's URN), lower-cased; `attr` is empty when it names a whole extension."""

    schema: str
    attr: str
    sub: str | None = None
    filter: str | None = None


def parse_path(text: Any, schemas: tuple[str, ...]) -> Path:
    """The attribute `text` names in one of `schemas`, the first when it names none."""
    whole = next((s for s in schemas[1:] if isinstance(text, str)
                  and s.lower() == text.lower()), None)
    if whole is not None:
        return Path(whole, "")
    match = PATH.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise invalid(_("%(path)s is not an attribute path.") % {"path": text}, "invalidPath")
    urn = match["urn"]
    schema = (next((s for s in schemas if s.lower() == urn.lower()), "") if urn
              else schemas[0])
    attr, sub = match["attr"].lower(), (match["sub"] or "").lower() or None
    known = VOCABULARY.get(schema, {})
    if attr not in known or (sub is not None and sub not in known[attr]):
        raise invalid(_("%(path)s is not an attribute of this resource.") % {"path": text},
                      "invalidPath")
    return Path(schema, attr, sub, match["filter"])


def check_schemas(body: dict[str, Any], core: str, known: tuple[str, ...]) -> None:
    """A resource's `schemas` list its core schema, and no schema the intranet ignores."""
    schemas = body.get("schemas")
    if (not isinstance(schemas, list) or not all(isinstance(s, str) for s in schemas)
            or core.lower() not in {s.lower() for s in schemas}):
        raise invalid(_("schemas must list %(schema)s.") % {"schema": core}, "invalidSyntax")
    unknown = [s for s in schemas if s.lower() not in {k.lower() for k in known}]
    if unknown:
        raise invalid(_("Unknown schemas: %(schemas)s.") % {"schemas": ", ".join(unknown)})


def read_operation(operation: Any) -> tuple[str, Any, Any]:
    """(op, path, value) of one PATCH operation, op lower-cased."""
    if not isinstance(operation, dict):
        raise invalid(_("Each operation must be an object."), "invalidSyntax")
    fields = {str(key).lower(): value for key, value in operation.items()}
    op = fields.get("op")
    if not isinstance(op, str) or op.lower() not in ("add", "remove", "replace"):
        raise invalid(_("op must be add, remove or replace."), "invalidSyntax")
    path, value = fields.get("path"), fields.get("value")
    if path is None and op.lower() == "remove":
        raise invalid(_("A remove operation needs a path."), "noTarget")
    if path is None and not isinstance(value, dict):
        raise invalid(_("An operation without a path needs an object as its value."),
                      "invalidSyntax")
    return op.lower(), path, value


def apply_operations(reader: Any, operations: list[Any], schemas: tuple[str, ...]) -> None:
    """A PATCH's operations, in order, read into `reader` (a user's or a department's)."""
    for operation in operations:
        op, path, value = read_operation(operation)
        if path is None:
            reader.read_object(value, op)
        else:
            reader.read(parse_path(path, schemas), value, op)


def text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid(_("%(name)s must be a string.") % {"name": name})
    return value.strip()


def boolean(value: Any, name: str) -> bool:
    """true or false; "True" and "False" too, which Entra ID sends in PATCH operations."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise invalid(_("%(name)s must be true or false.") % {"name": name})


def lowered(value: Any, name: str) -> dict[str, Any]:
    """A complex value, with its sub-attribute names lower-cased."""
    if not isinstance(value, dict):
        raise invalid(_("%(name)s must be an object.") % {"name": name})
    return {str(key).lower(): item for key, item in value.items()}


def entries(value: Any, name: str) -> list[dict[str, Any]]:
    """A multi-valued attribute: a list of objects."""
    if not isinstance(value, list):
        raise invalid(_("%(name)s must be a list of objects.") % {"name": name})
    return [lowered(entry, name) for entry in value]


def identifier(value: Any) -> int | None:
    """The row id `value` names ("12" or 12), or None when it names none."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return int(value) if isinstance(value, str) and ID.fullmatch(value) else None


class _Transpiler(Transpiler):
    """scim2-filter-parser's, refusing an attribute it cannot map instead of leaving its
    comparison out of the filter (which would widen it)."""

    def visit_AttrPath(self, node: Any) -> str:
        found = super().visit_AttrPath(node)
        if found is None:
            raise ValueError(node.attr_name)
        return found


def filtered(queryset: QuerySet, query: Any,
             attributes: dict[tuple[str, str | None, None], str]) -> QuerySet:
    """`queryset` narrowed by the SCIM filter `query` (`userName eq "ana"`), whose
    attributes (lower-cased) `attributes` maps to the model's fields."""
    try:
        if not isinstance(query, str) or len(query) > MAX_FILTER:
            raise ValueError(query)
        tree = SCIMParser().parse(SCIMLexer().tokenize(query))
        condition = _Transpiler(attributes).transpile(tree)
        if condition is None:
            raise ValueError(query)
        return queryset.filter(condition)
    except (SCIMParserError, ValueError, TypeError, AttributeError, NotImplementedError,
            RecursionError, ValidationError, FieldError):
        raise invalid(_("This filter is not supported: %(filter)s.") % {"filter": query},
                      "invalidFilter") from None
