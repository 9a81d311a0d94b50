"""Periodic jobs: each registered task is enqueued once per period, whatever the number
of workers, because claiming a period is a conditional update of its schedule row."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

from intranet.core.models import PeriodicRun


@dataclass(frozen=True)
class Periodic:
    name: str
    task: Task
    every: timedelta


_registry: dict[str, Periodic] = {}


def register_periodic(task: Task, *, every: timedelta, name: str | None = None) -> None:
    """Run `task` (without arguments) every `every`, starting when a worker first sees it."""
    if every.total_seconds() < 1:
        raise ValueError("A periodic job runs at most once a second.")
    key = name or task.module_path
    _registry[key] = Periodic(key, task, every)


def registered() -> list[Periodic]:
    return list(_registry.values())


def _next_after(due: datetime, every: timedelta, now: datetime) -> datetime:
    """The first period boundary after `now`: missed periods are skipped, not replayed."""
    missed = max(0, int((now - due) / every))
    return due + every * (missed + 1)


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every periodic job that is due and that no other worker claimed first."""
    now = now or timezone.now()
    started = []
    for periodic in registered():
        schedule, _ = PeriodicRun.objects.get_or_create(name=periodic.name,
                                                        defaults={"next_run_at": now})
        if schedule.next_run_at > now:
            continue
        with transaction.atomic():
            claimed = PeriodicRun.objects.filter(
                pk=schedule.pk, next_run_at=schedule.next_run_at,
            ).update(next_run_at=_next_after(schedule.next_run_at, periodic.every, now),
                     last_run_at=now)
            if claimed:
                periodic.task.enqueue()
                started.append(periodic.name)
    return started
