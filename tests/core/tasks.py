"""Tasks that the background-work tests enqueue; workers import them by path."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def record_then_sleep(path: str, seconds: float) -> str:
    """Marks its start, sleeps (long enough to be killed), then marks completion."""
    log = Path(path)
    with log.open("a") as out:
        out.write("started\n")
    time.sleep(seconds)
    with log.open("a") as out:
        out.write("done\n")
    return "finished"


@task()
def always_fails(path: str) -> None:
    with Path(path).open("a") as out:
        out.write(f"{time.time()}\n")
    raise RuntimeError("this task always fails")


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
def tick() -> None:
    """A periodic job whose runs the tests count through the jobs it leaves."""


@task()
def note_worker_then_sleep(path: str, seconds: float) -> str:
    """Like record_then_sleep, naming the worker process that runs it."""
    with Path(path).open("a") as out:
        out.write(f"started {os.getpid()}\n")
    time.sleep(seconds)
    with Path(path).open("a") as out:
        out.write("done\n")
    return "finished"
