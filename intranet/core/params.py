"""Reading numbers that people and scripts type into query strings and forms."""

MAX_ID = 2**63 - 1


def row_id(value: str | None) -> int | None:
    """The id of a database row written in `value`, or None when it is not one: only
    ASCII digits count (not "²"), within what a key can hold."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def whole_number(value: str | None, *, maximum: int) -> int | None:
    """A count of something written in ASCII digits, from 0 to `maximum`, or None."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 20:
        return None
    number = int(value)
    return number if number <= maximum else None
