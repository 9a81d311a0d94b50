"""Entries other apps put on top of the first page of a person's home feed (pinned
announcements), without feeds importing them: each registers a provider at start-up."""

from collections.abc import Callable

from django.contrib.auth.base_user import AbstractBaseUser

Provider = Callable[[AbstractBaseUser], list[dict]]

_providers: list[Provider] = []


def register_home_entries(provider: Provider) -> None:
    """`provider(user)` returns feed entries such as {"type": "announcement", ...}."""
    if provider not in _providers:
        _providers.append(provider)


def home_entries(user: AbstractBaseUser) -> list[dict]:
    return [entry for provider in _providers for entry in provider(user)]
