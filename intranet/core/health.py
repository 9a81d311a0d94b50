"""Readiness: can this process serve requests, given the services it depends on?

Each check is a function that returns when its service answered and raises otherwise.
The core checks the database and Redis; other apps register theirs (search registers
its engine), so the core names no app. Checks run side by side, each given a short
timeout, so that a service that hangs makes the answer slow by that timeout at most.
"""

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2.0
OK, FAILING, TIMEOUT = "ok", "failing", "timeout"


@dataclass(frozen=True)
class HealthCheck:
    name: str
    check: Callable[[float], None]  # given the timeout; raises when the service fails
    applies: Callable[[], bool]  # whether this installation uses the service


_checks: dict[str, HealthCheck] = {}


def register_health_check(name: str, check: Callable[[float], None], *,
                          applies: Callable[[], bool] = lambda: True) -> None:
    _checks[name] = HealthCheck(name, check, applies)


def database_check(timeout: float) -> None:
    """A query on a connection of the checking thread's own, closed afterwards."""
    connection = connections.create_connection("default")
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET statement_timeout = %s", [int(timeout * 1000)])
            cursor.execute("SELECT 1")
    finally:
        connection.close()


def redis_check(timeout: float) -> None:
    import redis  # an optional dependency: only installations with REDIS_URL have it

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=timeout,
                                  socket_timeout=timeout)
    try:
        client.ping()
    finally:
        client.close()


def _run(check: HealthCheck, timeout: float) -> None:
    try:
        check.check(timeout)
    except Exception as error:
        logger.warning("Health check %s failed: %s", check.name, error)
        raise


def run_checks(names: list[str] | None = None,
               timeout: float = TIMEOUT_SECONDS) -> dict[str, str]:
    """The state of each applicable check (or of those named): ok, failing or timeout."""
    wanted = [check for check in _checks.values()
              if (names is None or check.name in names) and check.applies()]
    if not wanted:
        return {}
    pool = ThreadPoolExecutor(max_workers=len(wanted), thread_name_prefix="health")
    futures = {check.name: pool.submit(_run, check, timeout) for check in wanted}
    wait(futures.values(), timeout=timeout + 0.5)
    states = {}
    for name, future in futures.items():
        if not future.done():
            logger.warning("Health check %s did not answer within %s s.", name, timeout)
            states[name] = TIMEOUT
        else:
            states[name] = FAILING if future.exception() else OK
    pool.shutdown(wait=False)  # a check that hangs ends on its own timeout
    return states


register_health_check("database", database_check)
register_health_check("redis", redis_check, applies=lambda: bool(settings.REDIS_URL))
