"""Background work on the database queue (the embedded default): durable, retried with
back-off, recovered after a killed worker, and periodic jobs run once per period however
many workers run. tests/core/test_background_rq.py checks the same on RQ."""

import signal
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends

from intranet.core.background import periodic
from intranet.core.background.worker import Worker, backoff_delay
from intranet.core.models import Job, PeriodicRun
from tests.core import tasks
from tests.servers import ROOT, subprocess_env
from tests.waiting import wait_for

pytestmark = pytest.mark.smoke


def tasks_setting() -> dict:
    return {"default": {
        "BACKEND": "intranet.core.background.backend.QueueBackend",
        "QUEUES": settings.TASKS["default"]["QUEUES"],
        "OPTIONS": {"max_attempts": 3, "backoff_seconds": 0.2, "backoff_max_seconds": 5,
                    "lease_seconds": 2},
    }}


@pytest.fixture
def store(transactional_db, django_db_serialized_rollback):
    with override_settings(TASKS=tasks_setting()):
        yield "database"


def record(result):
    return task_backends["default"].store.get(result.id)


def start_worker(store: str) -> subprocess.Popen:
    environment = subprocess_env(TASK_STORE=store, TASK_LEASE_SECONDS="2")
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--poll-interval", "0.1",
         "--recover-interval", "0.5"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_in_thread(worker: Worker) -> threading.Thread:
    thread = threading.Thread(target=worker.run)
    thread.start()
    return thread


def test_killed_worker_task_runs_again_and_completes_once(store, tmp_path):
    log = tmp_path / "log"
    result = tasks.record_then_sleep.enqueue(str(log), 4)
    first = start_worker(store)
    try:
        wait_for(lambda: log.exists() and "started" in log.read_text(), "the first start")
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert record(result).status == TaskResultStatus.RUNNING
        second = start_worker(store)
        try:
            wait_for(lambda: record(result).status == TaskResultStatus.SUCCESSFUL, "completion")
        finally:
            second.terminate()
            second.wait(timeout=30)
    finally:
        first.kill()
    assert log.read_text().splitlines() == ["started", "started", "done"]
    finished = record(result)
    assert finished.attempts == 2
    assert finished.return_value == "finished"
    assert [e["exception_class_path"] for e in finished.errors] == [
        "intranet.core.background.errors.WorkerLost"]
    assert len(set(finished.worker_ids)) == 2


def test_sigterm_lets_the_running_job_finish(store, tmp_path):
    log = tmp_path / "log"
    result = tasks.record_then_sleep.enqueue(str(log), 1)
    worker = start_worker(store)
    wait_for(lambda: log.exists() and "started" in log.read_text(), "the start")
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0
    assert record(result).status == TaskResultStatus.SUCCESSFUL
    assert log.read_text().splitlines() == ["started", "done"]


def test_failing_task_is_retried_with_backoff_then_recorded_as_failed(store, tmp_path):
    calls = tmp_path / "calls"
    result = tasks.always_fails.enqueue(str(calls))
    worker = Worker(queues=["default"], poll_interval=0.05)
    thread = run_in_thread(worker)
    try:
        wait_for(lambda: record(result).status == TaskResultStatus.FAILED, "the final failure")
    finally:
        worker.stop()
        thread.join()
    failed = task_backends["default"].get_result(result.id)
    assert failed.attempts == 3
    assert len(failed.errors) == 3
    assert all(e.exception_class_path == "builtins.RuntimeError" for e in failed.errors)
    assert "this task always fails" in failed.errors[-1].traceback
    times = [float(line) for line in calls.read_text().split()]
    assert len(times) == 3
    # Each retry waits at least its back-off: 0.2 s, then 0.4 s.
    assert times[1] - times[0] >= 0.2
    assert times[2] - times[1] >= 0.4


def test_successful_task_result_is_stored(store):
    result = tasks.add.enqueue(2, 3)
    Worker(queues=["default"]).run(until_idle=True)
    stored = task_backends["default"].get_result(result.id)
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert stored.return_value == 5
    assert stored.args == [2, 3]


def test_worker_outlives_a_queue_it_cannot_reach_for_a_moment(store, monkeypatch):
    backend_store = task_backends["default"].store
    claim, failures = backend_store.claim, []

    def locked_once(**options):
        if not failures:
            failures.append(1)
            raise OperationalError("database is locked")
        return claim(**options)

    monkeypatch.setattr(backend_store, "claim", locked_once)
    result = tasks.add.enqueue(2, 2)
    Worker(queues=["default"], poll_interval=0.05).run(until_idle=True)
    assert failures == [1]
    assert record(result).status == TaskResultStatus.SUCCESSFUL


def test_job_enqueued_in_a_rolled_back_transaction_never_exists(store):
    with pytest.raises(RuntimeError), transaction.atomic():
        result = tasks.add.enqueue(1, 1)
        raise RuntimeError("the change failed")
    assert record(result) is None


def test_deferred_job_waits_for_its_time(store):
    later = tasks.add.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(1, 2)
    Worker(queues=["default"]).run(until_idle=True)
    assert record(later).status == TaskResultStatus.READY


@override_settings(TASKS=tasks_setting())
def test_backoff_doubles_and_is_capped():
    backend = task_backends["default"]
    for attempt in range(1, 8):
        expected = min(0.2 * 2 ** (attempt - 1), 5)
        assert expected <= backoff_delay(backend, attempt) <= expected * 1.1


@pytest.fixture
def tick_every_minute():
    periodic.register_periodic(tasks.tick, every=timedelta(minutes=1), name="tests.tick")
    yield
    periodic._registry.pop("tests.tick")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("tick_every_minute")
@override_settings(TASKS=tasks_setting())
def test_periodic_job_runs_once_per_period_with_two_workers():
    start = timezone.now()
    workers = 2
    for period in range(3):
        now = start + timedelta(minutes=period, seconds=1)
        barrier = threading.Barrier(workers)

        def housekeeping(now=now, barrier=barrier) -> None:
            barrier.wait()
            try:
                periodic.enqueue_due(now)
            finally:
                connection.close()

        threads = [threading.Thread(target=housekeeping) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert Job.objects.filter(task_path=tasks.tick.module_path).count() == period + 1
    schedule = PeriodicRun.objects.get(name="tests.tick")
    assert schedule.next_run_at == start + timedelta(minutes=3, seconds=1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("tick_every_minute")
@override_settings(TASKS=tasks_setting())
def test_missed_periods_are_skipped_not_replayed():
    start = timezone.now()
    periodic.enqueue_due(start)
    periodic.enqueue_due(start + timedelta(minutes=10, seconds=5))
    assert Job.objects.filter(task_path=tasks.tick.module_path).count() == 2
    assert PeriodicRun.objects.get(name="tests.tick").next_run_at == start + timedelta(minutes=11)
