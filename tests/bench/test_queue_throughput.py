"""What the queue benchmark prints: costs per job and ratios against the floor."""

import pytest

from bench.queue_throughput import Run, Timing, report


def test_a_timing_gives_its_cost_per_job_its_rate_and_its_ratio_to_a_floor():
    engine, floor = Timing(seconds=2.0, jobs=500), Timing(seconds=0.5, jobs=500)
    assert engine.ms_per_job == pytest.approx(4.0)
    assert engine.per_second == pytest.approx(250.0)
    assert engine.ratio(floor) == pytest.approx(4.0)
    assert floor.ratio(engine) == pytest.approx(0.25)


def test_the_ratio_compares_costs_per_job_even_when_the_counts_differ():
    assert Timing(seconds=1.0, jobs=100).ratio(Timing(seconds=1.0, jobs=400)) == pytest.approx(4)


def test_the_database_report_has_no_enqueue_ratio_nor_fork_note():
    run = Run(done=Timing(3.0, 500), enqueued=Timing(0.5, 500))
    lines = report("database", "postgresql conn_max_age=0", Timing(1.0, 500), run)
    assert lines == ["store=database database=postgresql conn_max_age=0 jobs=500",
                     "floor:   2.00 ms/job",
                     "engine:  6.00 ms/job (167 jobs/s, enqueue to done)",
                     "ratio engine/floor: 3.0",
                     "enqueue: 1.00 ms/job (included above)"]


def test_the_rq_report_compares_its_enqueue_with_a_bare_enqueue():
    run = Run(done=Timing(10.0, 500), enqueued=Timing(2.0, 500), exit_lag=0.25)
    lines = report("redis", "sqlite conn_max_age=0", Timing(0.2, 500), run,
                   bare_enqueue=Timing(0.25, 500))
    assert "ratio engine/floor: 50.0" in lines
    assert "bare RQ Queue.enqueue: 0.50 ms/job" in lines
    assert "ratio enqueue/bare enqueue: 8.0" in lines
    assert "worker exited 0.2 s after the last job (not counted)" in lines
