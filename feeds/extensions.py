"""What other apps add to the feeds without feeds importing them, registered at
start-up: entries on top of the first page of a person's home feed (pinned
announcements), and the read policy of what their notifications are about."""

from collections.abc import Callable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet

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
