"""A readable title for an item whose channel gives none (a Mastodon or PeerTube post
is text alone): its first words, never its address."""

TITLE_WORDS = 12
TITLE_CHARS = 90
ELLIPSIS = "…"


def title_from_text(text: str) -> str:
    """The text's first words, cut at a word boundary, with an ellipsis when cut."""
    words = " ".join(str(text or "").split()).split(" ")
    title = ""
    for count, word in enumerate(words):
        longer = f"{title} {word}".strip()
        if count >= TITLE_WORDS or len(longer) > TITLE_CHARS:
            return (title or word[:TITLE_CHARS]).rstrip(",;:-\u2013\u2014 ") + ELLIPSIS
        title = longer
    return title


def repeats_text(title: str, text: str) -> bool:
    """Whether `title` is only the start of `text` (a derived title), which a post
    must not print twice."""
    start = title.removesuffix(ELLIPSIS).rstrip()
    return bool(start) and " ".join(str(text or "").split()).startswith(start)
