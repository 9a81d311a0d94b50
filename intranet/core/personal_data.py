"""Personal data: what each app keeps about a person, to hand it over and to erase it.

Each app describes its part in its own `personal_data.py` (found at first use, the way
search finds `search_indexes.py`): how to write it into the person's export, and how to
erase it. The people app runs exports and erasures through this registry, so no app
reaches up the import arrows to find what another keeps.

The core's own parts are the event log (the catch-up hands some events back as they were
stored) and the audit trail: entries that name the person are rewritten.
"""

import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils.module_loading import autodiscover_modules

from intranet.core.audit import erase_mentions


class Archive:
    """The export being written: JSON files, and copies of the person's stored files."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.zip = archive

    def add_json(self, name: str, data: Any) -> None:
        self.zip.writestr(name, json.dumps(data, cls=DjangoJSONEncoder, indent=2,
                                           ensure_ascii=False))

    def add_file(self, name: str, stored: FieldFile) -> str | None:
        """Copy a stored file under `name` (its extension kept); the path it has in the
        archive, or None when there is no such file (any more)."""
        if not stored or not stored.storage.exists(stored.name):
            return None
        path = name + ("." + stored.name.rsplit(".", 1)[-1] if "." in stored.name else "")
        with stored.storage.open(stored.name, "rb") as source, self.zip.open(path, "w") as out:
            while chunk := source.read(1 << 20):
                out.write(chunk)
        return path


@dataclass(frozen=True)
class Erasure:
    """One person's erasure, as each app's part needs it.

    `username` and `names` are who the person was, to find them where others' text
    names them; `pseudonym` is the username their account keeps; `label` what stands
    in for them in stored text ("Former employee", in the site's language)."""

    user: AbstractBaseUser
    username: str
    names: tuple[str, ...]
    pseudonym: str
    label: str
    delete_content: bool

    def mention(self) -> re.Pattern:
        """An @mention of the person, as posts write it: not inside a word, and not the
        start of a longer username."""
        return re.compile(r"(?<![\w.@#&/])@" + re.escape(self.username)
                          + r"(?![\w.+-]*[\w+-])")

    def without_mentions(self, text: str) -> str:
        return self.mention().sub(lambda _match: self.label, text)

    def scrub_text(self, text: str) -> str:
        """A stored string with the person's username, names and mentions replaced."""
        if text == self.username:
            return self.pseudonym
        text = self.without_mentions(text)
        text = text.replace(f"/people/{self.username}/", f"/people/{self.pseudonym}/")
        for name in self.names:
            text = text.replace(name, self.label)
        return text

    def scrub(self, value: Any) -> Any:
        """Stored JSON with every string scrubbed (`scrub_text`)."""
        if isinstance(value, dict):
            return {key: self.scrub(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        return self.scrub_text(value) if isinstance(value, str) else value

    def naming(self, field: str) -> Q:
        """Rows whose JSON or text `field` may name the person (then `scrub` them)."""
        found = Q(pk__in=[])
        for word in (self.username, *self.names):
            # JSON stored as text escapes accents on some databases, not on others.
            for form in {word, json.dumps(word)[1:-1]}:
                found |= Q(**{f"{field}__icontains": form})
        return found


Export = Callable[[AbstractBaseUser, Archive], None]
Erase = Callable[[Erasure], None]


@dataclass(frozen=True)
class Section:
    name: str
    export: Export | None
    erase: Erase | None
    order: int


_sections: dict[str, Section] = {}
_discovered = False


def register_personal_data(name: str, *, export: Export | None = None,
                           erase: Erase | None = None, order: int = 50) -> None:
    """Declare what an app keeps about people: `export(user, archive)` writes it into
    their export, `erase(erasure)` erases it. Sections run by `order`, inside one
    transaction for an erasure."""
    _sections[name] = Section(name, export, erase, order)


def sections() -> list[Section]:
    global _discovered
    if not _discovered:
        autodiscover_modules("personal_data")
        _discovered = True
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))


def erase_events(erasure: Erasure) -> None:
    """Events naming the person are rewritten: the catch-up replays some as stored."""
    from intranet.core.models import Event

    for event in Event.objects.filter(erasure.naming("data")).iterator():
        Event.objects.filter(pk=event.pk).update(data=erasure.scrub(event.data))


register_personal_data("events", erase=erase_events, order=90)
register_personal_data("audit", erase=erase_mentions, order=95)
