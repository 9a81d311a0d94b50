"""Moderation's events in the catch-up: an item announced to a moderator is replayed only
while they still review it."""

from django.contrib.auth.base_user import AbstractBaseUser

from intranet.moderation.selectors import cases_for


def queued_frames(user: AbstractBaseUser, frames: list[dict]) -> list[dict]:
    ids = {frame["data"]["case"]["id"] for frame in frames}
    reviewed = set(cases_for(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [frame for frame in frames if frame["data"]["case"]["id"] in reviewed]
