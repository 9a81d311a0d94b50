"""Errors that services raise, each with an HTTP status and a machine code.

Services speak in these; the API turns them into the documented JSON error body and
pages into messages or 404s, so a rule is checked once, where the write happens.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    code = "invalid"
    default_message = _("The request is not valid.")

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 fields: dict[str, list[str]] | None = None) -> None:
        self.message = str(message or self.default_message)
        self.code = code or self.code
        self.fields = fields or {}
        super().__init__(self.message)


class Invalid(DomainError):
    status = 400
    code = "invalid"


class Forbidden(DomainError):
    status = 403
    code = "permission_denied"
    default_message = _("You are not allowed to do that.")


class NotFound(DomainError):
    """Also what a reader gets for something that exists but that they may not read."""

    status = 404
    code = "not_found"
    default_message = _("Not found.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    default_message = _("That conflicts with the current state.")


class Gone(DomainError):
    status = 410
    code = "gone"
    default_message = _("This is no longer available.")


class TooLarge(DomainError):
    status = 413
    code = "too_large"
    default_message = _("That is too large.")


class Unauthorized(DomainError):
    status = 401
    code = "not_authenticated"
    default_message = _("Sign in first.")


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    default_message = _("Too many at once: wait a moment and try again.")

    def __init__(self, message: str | None = None, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unavailable(DomainError):
    status = 503
    code = "unavailable"
    default_message = _("This is unavailable for a moment: try again shortly.")
