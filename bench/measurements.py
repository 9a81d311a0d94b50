"""What the simulated employees measured: each HTTP action's latency and outcome, socket
failures and frames, kept with the time they happened so that any window can be cut out."""

import time
from collections import Counter
from dataclasses import dataclass, field

from bench.ramp import Window, percentile


@dataclass(frozen=True)
class Sample:
    at: float  # time.monotonic() when the action completed
    action: str
    seconds: float
    error: str | None  # its kind ("http_500", "timeout", ...), None when it succeeded


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    socket_errors: list[tuple[float, str]] = field(default_factory=list)
    frames: int = 0

    def action(self, action: str, seconds: float, error: str | None = None) -> None:
        self.samples.append(Sample(time.monotonic(), action, seconds, error))

    def socket_error(self, kind: str) -> None:
        self.socket_errors.append((time.monotonic(), kind))

    def frame(self) -> None:
        self.frames += 1

    def between(self, since: float, until: float) -> list[Sample]:
        return [s for s in self.samples if since <= s.at < until]

    def window(self, since: float, until: float) -> Window:
        """The ramp's view of [since, until): every HTTP action counts, and a socket that
        dropped or stopped answering counts as an error."""
        samples = self.between(since, until)
        dropped = sum(since <= at < until for at, _kind in self.socket_errors)
        return Window(latencies=[s.seconds for s in samples], requests=len(samples),
                      errors=sum(s.error is not None for s in samples) + dropped)

    def error_counts(self) -> Counter:
        counts = Counter(s.error for s in self.samples if s.error)
        counts.update(kind for _at, kind in self.socket_errors)
        return counts


def action_table(samples: list[Sample]) -> dict[str, dict]:
    """Per action: count, errors and p50/p95/p99 in milliseconds."""
    by_action: dict[str, list[Sample]] = {}
    for sample in samples:
        by_action.setdefault(sample.action, []).append(sample)
    table = {}
    for action, rows in sorted(by_action.items()):
        seconds = [row.seconds for row in rows]
        table[action] = {"count": len(rows), "errors": sum(r.error is not None for r in rows),
                         **{f"p{q}_ms": round(percentile(seconds, q / 100) * 1000, 1)
                            for q in (50, 95, 99)}}
    return table
