"""The read policy: for each kind of content, the one pair that decides "may this person
read this", registered by the app that owns the kind.

`readable(user)` is the queryset of what the person may read, so that a path filters in
the database; `can_read(user, obj)` is the same decision for one object. Pages, the
API, the socket, the catch-up, notifications, e-mails, choosers and media all call these
(through the owning app's selectors); paths that must work from audience keys (search,
live frames) are held against them by tests. A kind the person may not read is absent,
exactly as one that does not exist.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class ReadPolicy:
    kind: str
    readable: Callable[[AbstractBaseUser], QuerySet]
    can_read: Callable[[AbstractBaseUser, Model], bool]


_policies: dict[str, ReadPolicy] = {}


def register_read_policy(kind: str, *, readable: Callable[[AbstractBaseUser], QuerySet],
                         can_read: Callable[[AbstractBaseUser, Model], bool]) -> None:
    _policies[kind] = ReadPolicy(kind=kind, readable=readable, can_read=can_read)


def read_policy(kind: str) -> ReadPolicy:
    return _policies[kind]


def read_policies() -> dict[str, ReadPolicy]:
    return dict(_policies)
