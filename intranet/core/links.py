"""Which addresses may become a link. Content from people and from outside channels
carries addresses; only these schemes ever reach an `href`, so a `javascript:` or
`data:` address never runs in a reader's browser, whoever wrote it."""

from urllib.parse import urlsplit

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# What browsers drop from an address before reading its scheme ("java\tscript:").
_IGNORED = {chr(code) for code in range(0x21)} | {"\x7f"}


def safe_link(address: str | None) -> str:
    """`address` when it is an absolute http, https or mailto address, else ""."""
    if not address:
        return ""
    read_as = "".join(ch for ch in address if ch not in _IGNORED)
    try:
        scheme = urlsplit(read_as).scheme.lower()
    except ValueError:  # an address no parser reads, such as "http://[x"
        return ""
    return address.strip() if scheme in LINK_SCHEMES else ""
