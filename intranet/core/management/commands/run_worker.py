"""`manage.py run_worker`: serve the background queues until stopped.

On RQ (Redis configured) it runs RQ's worker with its scheduler for deferred jobs and
retries, and starts it again if Redis goes away; on the embedded default it runs the
database queue's worker.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_tasks import task_backends

logger = logging.getLogger("intranet.worker")


class Command(BaseCommand):
    help = "Run background jobs and periodic jobs. Run several for more throughput."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--queues", default="default,search,email,fetch",
                            help="Comma-separated queues to serve (default: all).")
        parser.add_argument("--poll-interval", type=float, default=0.5,
                            help="Database queue: seconds between looks at an empty queue.")
        parser.add_argument("--recover-interval", type=float, default=5.0,
                            help="Database queue: seconds between looks for jobs of stopped "
                                 "workers.")
        parser.add_argument("--until-idle", action="store_true",
                            help="Exit once no job is due (for scripts and tests).")

    def handle(self, *args, **options) -> None:
        queues = [q.strip() for q in options["queues"].split(",") if q.strip()]
        backend = task_backends["default"]
        if settings.WORKER_METRICS_PORT and not options["until_idle"]:
            self.serve_metrics(settings.WORKER_METRICS_ADDRESS, settings.WORKER_METRICS_PORT)
        if getattr(backend, "sweep_outbox", None):
            self.run_rq(backend, queues, until_idle=options["until_idle"])
        else:
            self.run_database(queues, options)

    def serve_metrics(self, address: str, port: int) -> None:
        """What this worker counts, for Prometheus, from a thread of its own. The shared
        figures (queue depth...) are left to the web processes' /metrics."""
        from prometheus_client import start_http_server

        try:
            start_http_server(port, addr=address)
        except OSError as error:
            raise CommandError(f"Cannot serve metrics on {address}:{port}: {error}") from None
        logger.info("Metrics on http://%s:%s/metrics", address, port)

    def run_rq(self, backend, queues: list[str], *, until_idle: bool) -> None:
        """Only sites with Redis have RQ installed (the `redis` extra)."""
        import django_rq
        import redis
        from django_tasks_rq.backend import Job

        from intranet.core.background.rq_worker import IntranetWorker

        while True:
            try:
                worker = IntranetWorker(
                    [django_rq.get_queue(name, job_class=Job) for name in queues],
                    connection=django_rq.get_connection(queues[0]), job_class=Job,
                    backend=backend)
                worker.work(burst=until_idle, with_scheduler=True, logging_level="INFO")
            except redis.RedisError as error:
                logger.warning("Redis is away (%s); the worker starts again in a moment", error)
            else:
                # RQ's worker returns when asked to stop, when idle in burst mode, and when
                # it loses Redis; only the last one calls for a new worker.
                if until_idle or worker.stop_asked:
                    return
                logger.warning("Worker %s stopped without being asked; starting again",
                               worker.name)
            time.sleep(1)

    def run_database(self, queues: list[str], options: dict) -> None:
        from intranet.core.background.worker import Worker

        worker = Worker(queues=queues, poll_interval=options["poll_interval"],
                        recover_interval=options["recover_interval"])
        # SIGTERM (deploys, Ctrl-C) lets the job at hand finish; SIGKILL is what leases cover.
        signal.signal(signal.SIGTERM, worker.stop)
        signal.signal(signal.SIGINT, worker.stop)
        done = worker.run(until_idle=options["until_idle"])
        self.stdout.write(f"Worker {worker.worker_id} stopped after {done} job(s).")
