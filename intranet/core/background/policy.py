"""How many times a job is tried, how long between tries, and how long a worker's claim
lasts: read once from a task backend's OPTIONS (settings.TASKS), the same for the database
queue and RQ, so that switching engines keeps a job's behaviour."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    backoff_seconds: float = 10.0
    backoff_max_seconds: float = 3600.0
    lease_seconds: float = 60.0

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> "RetryPolicy":
        default = cls()
        return cls(
            max_attempts=int(options.get("max_attempts", default.max_attempts)),
            backoff_seconds=float(options.get("backoff_seconds", default.backoff_seconds)),
            backoff_max_seconds=float(options.get("backoff_max_seconds",
                                                  default.backoff_max_seconds)),
            lease_seconds=float(options.get("lease_seconds", default.lease_seconds)))

    def delay(self, failed_attempts: int) -> float:
        """Seconds to wait after the `failed_attempts`-th failure: doubling, capped."""
        return min(self.backoff_seconds * 2 ** (failed_attempts - 1), self.backoff_max_seconds)
