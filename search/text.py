"""Words as the database engine compares them."""

from intranet.core.text import fold


def fold_words(text: str) -> str:
    """Accent-folded, lower-case words; apostrophes split words ("l'entreprise")."""
    return fold(str(text).replace("'", " ").replace("\u2019", " "))
