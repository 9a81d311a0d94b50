"""What other apps add to the feeds without feeds importing them, registered at
start-up: entries on top of the first page of a person's home feed (pinned
announcements), the read policy of what their notifications are about, and the objects
whose conversation is a post (announcements)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet

from intranet.groups.models import InterestGroup

Provider = Callable[[AbstractBaseUser], list[dict]]
Readable = Callable[[AbstractBaseUser], QuerySet]

_providers: list[Provider] = []


def register_home_entries(provider: Provider) -> None:
    """`provider(user)` returns feed entries such as {"type": "announcement", ...}."""
    if provider not in _providers:
        _providers.append(provider)


def home_entries(user: AbstractBaseUser) -> list[dict]:
    return [entry for provider in _providers for entry in provider(user)]


_subjects: dict[str, Readable] = {}


def register_notification_subject(kind: str, readable: Readable) -> None:
    """Notifications of `kind` are about an object of another app (their `target_id`):
    they are shown, e-mailed and replayed only while `readable(user)` (that app's read
    policy, a queryset) holds it."""
    _subjects[kind] = readable


def readable_subjects(user: AbstractBaseUser) -> Q:
    """Notifications whose subject, if another app's, the person may read now."""
    condition = Q()
    for kind, readable in _subjects.items():
        condition &= ~Q(kind=kind) | Q(target_id__in=readable(user).values("pk"))
    return condition


@dataclass(frozen=True)
class PostSubject:
    """What feeds needs to know of another app's objects that carry a conversation."""

    readable: Readable  # that app's read policy, a queryset of its objects
    audience: Callable[[int], list[str]]  # who may read one, as audience keys
    url: Callable[[int], str]  # where the conversation is shown
    allows: Callable[[int, str], bool]  # whether "comments" or "reactions" are on


_post_subjects: dict[str, PostSubject] = {}


def register_post_subject(subject_type: str, subject: PostSubject) -> None:
    """Posts whose `subject_type` is this are conversations under that app's objects."""
    _post_subjects[subject_type] = subject


def post_subject(subject_type: str) -> PostSubject | None:
    return _post_subjects.get(subject_type) if subject_type else None


def readable_conversations(user: AbstractBaseUser) -> Q:
    """Conversation posts whose subject the person may read now."""
    condition = Q(pk__in=[])
    for subject_type, subject in _post_subjects.items():
        condition |= Q(subject_type=subject_type,
                       subject_id__in=subject.readable(user).values("pk"))
    return condition


PostingCheck = Callable[[AbstractBaseUser, InterestGroup | None], str | None]
_posting_checks: list[PostingCheck] = []


def register_posting_check(check: PostingCheck) -> None:
    """`check(user, group)` returns why `user` may not post or comment in `group` (None:
    company-wide) now, or None; moderation's mutes are such a check."""
    if check not in _posting_checks:
        _posting_checks.append(check)


def posting_refusal(user: AbstractBaseUser, group: InterestGroup | None) -> str | None:
    for check in _posting_checks:
        refusal = check(user, group)
        if refusal:
            return refusal
    return None


Screen = Callable[[object], str]
_screens: list[Screen] = []


def register_content_screen(screen: Screen) -> None:
    """`screen(content)` looks at a post as it is published, or a comment as it is
    written (saved, not yet sent to anyone), and returns "held" or "hidden" to withhold
    it from everyone but its author and moderators, or "" to let it through; moderation's
    rules are such a screen."""
    if screen not in _screens:
        _screens.append(screen)


def screened(content) -> str:
    """The strictest verdict of the registered screens on `content`."""
    verdicts = {screen(content) for screen in _screens}
    return "held" if "held" in verdicts else "hidden" if "hidden" in verdicts else ""
