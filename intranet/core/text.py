"""Text folding, so "helene" finds "Hélène" on every database and in every engine; and
which text can be stored at all."""

import unicodedata
from collections.abc import Iterator
from typing import Any


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents ("Hélène Lefèvre" -> "helene lefevre")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def texts_in(data: Any) -> Iterator[str]:
    """Every key and string in parsed JSON, without recursion (however deep it is)."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            pending.extend(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def storable(text: str) -> bool:
    """Whether text can be stored and sent on as UTF-8."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
