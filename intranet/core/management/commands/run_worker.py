"""`manage.py run_worker`: serve the background queue until stopped."""

import signal

from django.core.management.base import BaseCommand

from intranet.core.background.worker import Worker


class Command(BaseCommand):
    help = "Run background jobs and periodic jobs. Run several for more throughput."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--queues", default="default,search,email,fetch",
                            help="Comma-separated queues to serve (default: all).")
        parser.add_argument("--poll-interval", type=float, default=0.5,
                            help="Seconds between looks at an empty queue.")
        parser.add_argument("--recover-interval", type=float, default=5.0,
                            help="Seconds between looks for jobs of stopped workers.")
        parser.add_argument("--until-idle", action="store_true",
                            help="Exit once no job is due (for scripts and tests).")

    def handle(self, *args, **options) -> None:
        worker = Worker(queues=[q.strip() for q in options["queues"].split(",") if q.strip()],
                        poll_interval=options["poll_interval"],
                        recover_interval=options["recover_interval"])
        # SIGTERM (deploys, Ctrl-C) lets the job at hand finish; SIGKILL is what leases cover.
        signal.signal(signal.SIGTERM, worker.stop)
        signal.signal(signal.SIGINT, worker.stop)
        done = worker.run(until_idle=options["until_idle"])
        self.stdout.write(f"Worker {worker.worker_id} stopped after {done} job(s).")
