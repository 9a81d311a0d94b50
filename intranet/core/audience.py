"""The audience-key registry: who may read what, as sets of keys.

Every readable thing carries audience keys (`company`, `user:<id>`, `group:<id>`, ...)
and a person holds a set of keys. Apps contribute the keys they know about at start-up
(accounts: company and user; people: department and location; groups: group and member),
so nobody reaches up the import arrows to compute them, and every read path (feeds,
websocket, search, notifications) filters with the same selector.
"""

from collections.abc import Callable, Iterable, Sequence

from django.contrib.auth.base_user import AbstractBaseUser

KeyProvider = Callable[[Sequence[AbstractBaseUser]], dict[int, set[str]]]

_providers: dict[str, KeyProvider] = {}


def register_audience_keys(name: str, provider: KeyProvider) -> None:
    """Register `provider`, which maps each given user's id to the keys it contributes.

    Providers take a batch so that a page listing many people costs one query per
    provider, not one per person. Registering the same name again replaces it.
    """
    _providers[name] = provider


def audience_keys_for_users(users: Iterable[AbstractBaseUser]) -> dict[int, frozenset[str]]:
    """Every key each user holds now, from all registered providers."""
    batch = [user for user in users if user.is_authenticated and user.is_active]
    keys: dict[int, set[str]] = {user.pk: set() for user in batch}
    if not batch:
        return {}
    for provider in _providers.values():
        for user_id, provided in provider(batch).items():
            keys[user_id] |= provided
    return {user_id: frozenset(found) for user_id, found in keys.items()}


def audience_keys(user: AbstractBaseUser) -> frozenset[str]:
    """The keys `user` holds now; anonymous and deactivated users hold none."""
    return audience_keys_for_users([user]).get(user.pk, frozenset())


def can_read(user: AbstractBaseUser, keys: Iterable[str]) -> bool:
    """Whether `user` holds at least one of an object's audience keys."""
    return not audience_keys(user).isdisjoint(keys)
