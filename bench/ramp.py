"""The ceiling's ramp, as pure functions of what was measured, so that the decision to add
people or back off is tested without servers (tests/bench/test_ramp.py).

Mattermost's load-test model: start with some people, add a step of them after each
interval while the last window stays within the limits; when a step breaks them, remove
it and check that the number below holds again. The ceiling is the last number held.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (the smallest sample with at least `fraction` of the samples
    at or below it): always a measured value, never an interpolation; NaN for no samples."""
    if not samples:
        return math.nan
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass(frozen=True)
class Limits:
    """What a number of people must stay within to be held: p99 of HTTP actions, and
    errors (failed requests and dropped sockets) as a fraction of requests."""

    p99_seconds: float = 2.0
    error_rate: float = 0.00025


@dataclass(frozen=True)
class Window:
    """One window of measurements: the latency of each HTTP action that completed in it,
    how many actions were made, and how many of those (or of the sockets) failed."""

    latencies: Sequence[float]
    requests: int
    errors: int


def breaches(window: Window, limits: Limits) -> list[str]:
    """Why the window breaks the limits (empty when it holds). A window in which no
    request completed breaks them: the people are waiting, not served."""
    if window.requests == 0:
        return ["no request completed"]
    reasons = []
    p99 = percentile(window.latencies, 0.99)
    if p99 >= limits.p99_seconds:
        reasons.append(f"p99 {p99:.2f} s >= {limits.p99_seconds:.2f} s")
    rate = window.errors / window.requests
    if rate >= limits.error_rate and window.errors:
        reasons.append(f"errors {window.errors}/{window.requests} = {rate:.4%} "
                       f">= {limits.error_rate:.4%}")
    return reasons


@dataclass
class Ramp:
    """The number of people to simulate next, given each window's verdict.

    `people` is the current target; `held` the largest number whose window held and that
    is below every number that broke (confirmed once a back-off holds again). `done` once
    the ceiling is known: a back-off that holds, the maximum held, or nobody left."""

    start: int
    step: int
    maximum: int
    people: int = field(init=False)
    held: int = field(default=0, init=False)
    backing_off: bool = field(default=False, init=False)
    done: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        if self.start < 1 or self.step < 1 or self.maximum < self.start:
            raise ValueError("need 1 <= start <= maximum and step >= 1")
        self.people = self.start

    def observe(self, window: Window, limits: Limits) -> list[str]:
        """Record the window measured at `people`, move `people` to the next target and
        return the reasons it broke the limits (empty when it held)."""
        reasons = breaches(window, limits)
        if not reasons:
            self.held = self.people
            if self.backing_off or self.people >= self.maximum:
                self.done = True
            else:
                self.people = min(self.people + self.step, self.maximum)
            return reasons
        self.backing_off = True
        self.people = max(self.people - self.step, 0)
        self.held = min(self.held, self.people)
        self.done = self.people == 0
        return reasons
