"""Background work on RQ, as it runs wherever Redis is configured: a job reaches Redis only
once its transaction commits, and still reaches it when the process dies in between (the
outbox); a killed worker's job runs again, once; failures are retried with growing delays;
periodic jobs reach RQ's workers."""

import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import django_rq
import pytest
import redis
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks.exceptions import TaskResultDoesNotExist
from rq.job import Job
from rq.registry import FinishedJobRegistry

from intranet.core.background import periodic
from intranet.core.models import TaskOutbox
from tests.core import tasks
from tests.servers import ROOT, stop, subprocess_env
from tests.waiting import wait_for

OPTIONS = {"max_attempts": 3, "backoff_seconds": 2, "backoff_max_seconds": 5,
           "lease_seconds": 4, "timeout_seconds": 60, "result_seconds": 600}


def clear_rq(url: str) -> None:
    client = redis.Redis.from_url(url)
    for key in client.scan_iter("rq:*"):
        client.delete(key)


@pytest.fixture
def backend(transactional_db, django_db_serialized_rollback, settings):
    """RQ on the suite's Redis, emptied of other tests' jobs."""
    if not settings.REDIS_URL:
        pytest.fail('Redis is needed: set REDIS_URL (deploy/services start; '
                    'eval "$(deploy/services env)")')
    clear_rq(settings.REDIS_URL)
    settings.TASKS = {"default": {**settings.TASKS["default"], "OPTIONS": OPTIONS,
                                  "BACKEND": "intranet.core.background.rq_backend.RQQueueBackend"}}
    yield task_backends["default"]
    clear_rq(settings.REDIS_URL)


def in_redis(job_id: str) -> bool:
    return Job.exists(job_id, connection=django_rq.get_connection("default"))


def status(result) -> str:
    return task_backends["default"].get_result(result.id).status


def start_worker() -> subprocess.Popen:
    environment = subprocess_env(TASK_STORE="redis", TASK_LEASE_SECONDS="4",
                                 TASK_MAX_ATTEMPTS="3", TASK_BACKOFF_SECONDS="2")
    return subprocess.Popen([sys.executable, "manage.py", "run_worker", "--queues", "default"],
                            cwd=ROOT, env=environment, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def children(pid: int) -> set[int]:
    """The processes `pid` started (RQ's scheduler)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def run_until_idle() -> None:
    call_command("run_worker", "--until-idle", "--queues", "default")


def test_a_job_reaches_redis_only_when_its_transaction_commits(backend):
    with transaction.atomic():
        result = tasks.add.enqueue(2, 3)
        assert not in_redis(result.id)
        assert status(result) == TaskResultStatus.READY
    assert in_redis(result.id)
    assert not TaskOutbox.objects.exists()
    run_until_idle()
    finished = backend.get_result(result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == 5


def test_a_job_enqueued_in_a_rolled_back_transaction_never_exists(backend):
    with pytest.raises(RuntimeError), transaction.atomic():
        result = tasks.add.enqueue(1, 1)
        raise RuntimeError("the change failed")
    assert not in_redis(result.id)
    assert not TaskOutbox.objects.exists()
    with pytest.raises(TaskResultDoesNotExist):
        backend.get_result(result.id)


CRASH_AFTER_COMMIT = """
import os
from django.db import transaction
from tests.core import tasks
with transaction.atomic():
    transaction.on_commit(lambda: os._exit(0))
    print(tasks.record_then_sleep.enqueue({path!r}, 0).id, flush=True)
"""


def test_a_process_that_dies_between_commit_and_push_loses_no_job(backend, tmp_path):
    log = tmp_path / "log"
    crashed = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CRASH_AFTER_COMMIT.format(path=str(log))],
        cwd=ROOT, env=subprocess_env(TASK_STORE="redis"), capture_output=True, text=True,
        check=True)
    job_id = crashed.stdout.split()[-1]
    assert TaskOutbox.objects.filter(pk=job_id).exists()
    assert not in_redis(job_id)
    # The sweep leaves rows to their writer for a few seconds: these are older.
    TaskOutbox.objects.update(created_at=F("created_at") - timedelta(minutes=1))
    run_until_idle()
    assert backend.get_result(job_id).status == TaskResultStatus.SUCCESSFUL
    assert not TaskOutbox.objects.exists()
    assert log.read_text().splitlines() == ["started", "done"]


def test_a_job_pushed_but_not_yet_crossed_off_is_not_pushed_twice(backend, tmp_path):
    log = tmp_path / "log"
    with transaction.atomic():
        result = tasks.record_then_sleep.enqueue(str(log), 0)
        row = TaskOutbox.objects.get(pk=result.id)
        backend._send(row)
    # The commit's own push finds the job in Redis and only crosses the row off.
    assert not TaskOutbox.objects.exists()
    run_until_idle()
    assert log.read_text().splitlines() == ["started", "done"]


def test_jobs_wait_in_the_outbox_while_redis_is_away(backend, settings, caplog):
    reachable, configured = settings.RQ_QUEUES, settings.TASKS
    settings.RQ_QUEUES = {name: {"URL": "redis://127.0.0.1:9/0"} for name in reachable}
    settings.TASKS = {**configured}
    result = tasks.add.enqueue(20, 22)
    assert "stays in the outbox until Redis answers" in caplog.text
    assert task_backends["default"].get_result(result.id).status == TaskResultStatus.READY
    settings.RQ_QUEUES, settings.TASKS = reachable, configured
    TaskOutbox.objects.update(created_at=F("created_at") - timedelta(minutes=1))
    run_until_idle()
    assert backend.get_result(result.id).return_value == 42


def test_a_deferred_job_waits_for_its_time(backend):
    later = tasks.add.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(1, 2)
    run_until_idle()
    assert in_redis(later.id)
    assert status(later) == TaskResultStatus.READY


def test_a_killed_workers_job_runs_again_once(backend, settings, tmp_path):
    # Retried at once: a delayed retry waits for RQ's scheduler, and the killed worker's
    # scheduler keeps its lock for a minute.
    settings.TASKS = {"default": {**settings.TASKS["default"],
                                  "OPTIONS": {**OPTIONS, "backoff_seconds": 0}}}
    log = tmp_path / "log"
    result = tasks.note_worker_then_sleep.enqueue(str(log), 3)
    first = start_worker()
    try:
        wait_for(lambda: log.exists() and "started" in log.read_text(), "the first start")
        assert log.read_text().split()[1] == str(first.pid), "the job runs in the worker"
        scheduler = children(first.pid)
        first.send_signal(signal.SIGKILL)
        first.wait()
        # Its job died with it, and so did its scheduler process.
        wait_for(lambda: not any(alive(pid) for pid in scheduler), "its processes to die", 10)
        time.sleep(4)
        assert log.read_text().split()[::2] == ["started"]
        second = start_worker()
        try:
            wait_for(lambda: status(result) == TaskResultStatus.SUCCESSFUL, "completion")
        finally:
            stop(second)
    finally:
        first.kill()
    assert log.read_text().split()[::2] == ["started", "started", "done"]
    assert task_backends["default"].get_result(result.id).return_value == "finished"


def test_a_job_longer_than_the_lease_is_not_taken_over_while_its_worker_lives(
        backend, tmp_path):
    log = tmp_path / "log"
    result = tasks.note_worker_then_sleep.enqueue(str(log), 10)  # the lease is 4 s
    workers = [start_worker(), start_worker()]
    try:
        wait_for(lambda: status(result) == TaskResultStatus.SUCCESSFUL, "completion")
        time.sleep(5)  # a second run, had there been one, would have started by now
    finally:
        for worker in workers:
            stop(worker)
    assert log.read_text().split()[::2] == ["started", "done"]


def test_sigterm_lets_the_running_job_finish(backend, tmp_path):
    log = tmp_path / "log"
    result = tasks.record_then_sleep.enqueue(str(log), 1)
    worker = start_worker()
    wait_for(lambda: log.exists() and "started" in log.read_text(), "the start")
    worker.send_signal(signal.SIGTERM)
    try:
        assert worker.wait(timeout=30) == 0
    finally:
        worker.kill()
    assert status(result) == TaskResultStatus.SUCCESSFUL
    assert log.read_text().splitlines() == ["started", "done"]


def test_a_failing_job_is_retried_with_growing_delays_then_failed(backend, tmp_path):
    calls = tmp_path / "calls"
    result = tasks.always_fails.enqueue(str(calls))
    worker = start_worker()
    try:
        wait_for(lambda: status(result) == TaskResultStatus.FAILED, "the final failure")
    finally:
        stop(worker)
    failed = backend.get_result(result.id)
    assert failed.errors[-1].exception_class_path == "builtins.RuntimeError"
    assert "this task always fails" in failed.errors[-1].traceback
    times = [float(line) for line in calls.read_text().split()]
    assert len(times) == 3
    # Delays of 2 s then 4 s, which RQ schedules to the second.
    assert times[1] - times[0] >= 1
    assert times[2] - times[1] >= 3


@pytest.fixture
def tick_every_minute():
    periodic.register_periodic(tasks.tick, every=timedelta(minutes=1), name="tests.tick")
    yield
    periodic._registry.pop("tests.tick")


@pytest.mark.usefixtures("tick_every_minute")
def test_periodic_jobs_run_on_rq_workers(backend):
    run_until_idle()
    finished = FinishedJobRegistry("default", connection=django_rq.get_connection("default"))
    ran = [Job.fetch(job_id, connection=finished.connection).func_name
           for job_id in finished.get_job_ids()]
    assert ran.count(tasks.tick.module_path) == 1
    run_until_idle()
    assert len(finished.get_job_ids()) == len(ran), "a period runs once"
