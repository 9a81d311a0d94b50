"""Text folding, so "helene" finds "Hélène" on every database and in every engine."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents ("Hélène Lefèvre" -> "helene lefevre")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
