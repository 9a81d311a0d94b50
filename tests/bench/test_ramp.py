"""The ceiling's ramp decides from measurements alone: percentiles, limits, back-off."""

import math

import pytest

from bench.ramp import Limits, Ramp, Window, breaches, percentile

LIMITS = Limits(p99_seconds=2.0, error_rate=0.00025)


def calm(requests: int = 10_000, slow: float = 0.1) -> Window:
    return Window(latencies=[slow] * requests, requests=requests, errors=0)


def test_percentile_is_a_measured_value_by_nearest_rank():
    samples = list(range(1, 101))  # 1..100
    assert percentile(samples, 0.5) == 50
    assert percentile(samples, 0.99) == 99
    assert percentile(samples, 1.0) == 100
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([7.0], 0.99) == 7.0
    assert math.isnan(percentile([], 0.5))
    with pytest.raises(ValueError):
        percentile([1.0], 0)


def test_p99_ignores_the_slowest_one_percent_but_not_more():
    fast = [0.1] * 990
    assert percentile(fast + [9.0] * 10, 0.99) == 0.1
    assert percentile(fast + [9.0] * 11, 0.99) == 9.0


def test_a_window_holds_within_both_limits():
    assert breaches(calm(), LIMITS) == []
    # 2 errors in 10,000 requests is 0.02 %: within 0.025 %.
    assert breaches(Window([0.1] * 10_000, 10_000, 2), LIMITS) == []


def test_a_window_breaks_on_latency_errors_or_silence():
    slow = Window([0.1] * 98 + [2.5] * 2, 100, 0)
    assert [r.split()[0] for r in breaches(slow, LIMITS)] == ["p99"]
    # 3 errors in 10,000 is 0.03 %; a single dropped socket in a small window breaks it.
    assert [r.split()[0] for r in breaches(Window([0.1] * 10_000, 10_000, 3), LIMITS)] \
        == ["errors"]
    assert len(breaches(Window([0.1] * 100, 100, 1), LIMITS)) == 1
    assert breaches(Window([], 0, 0), LIMITS) == ["no request completed"]
    assert len(breaches(Window([3.0] * 100, 100, 5), LIMITS)) == 2


def test_the_ramp_grows_by_steps_up_to_the_maximum_and_stops_there():
    ramp = Ramp(start=10, step=20, maximum=45)
    seen = []
    while not ramp.done:
        seen.append(ramp.people)
        assert ramp.observe(calm(), LIMITS) == []
    assert seen == [10, 30, 45]
    assert ramp.held == 45


def test_a_breaking_step_is_removed_and_the_level_below_confirmed():
    ramp = Ramp(start=10, step=10, maximum=100)
    for _ in range(3):  # 10, 20, 30 hold
        ramp.observe(calm(), LIMITS)
    assert (ramp.people, ramp.held) == (40, 30)
    assert ramp.observe(Window([3.0] * 100, 100, 0), LIMITS)  # 40 breaks
    assert (ramp.people, ramp.held, ramp.done) == (30, 30, False)
    assert ramp.observe(calm(), LIMITS) == []  # 30 holds again: that is the ceiling
    assert (ramp.people, ramp.held, ramp.done) == (30, 30, True)


def test_a_back_off_that_breaks_again_keeps_backing_off():
    ramp = Ramp(start=10, step=10, maximum=100)
    for _ in range(3):
        ramp.observe(calm(), LIMITS)
    broken = Window([0.1] * 100, 100, 1)
    ramp.observe(broken, LIMITS)  # 40 breaks
    ramp.observe(broken, LIMITS)  # 30 breaks this time
    assert (ramp.people, ramp.held, ramp.done) == (20, 20, False)
    ramp.observe(calm(), LIMITS)
    assert (ramp.held, ramp.done) == (20, True)


def test_when_even_the_start_breaks_nothing_is_held():
    ramp = Ramp(start=10, step=10, maximum=100)
    ramp.observe(Window([], 0, 0), LIMITS)
    assert (ramp.people, ramp.held, ramp.done) == (0, 0, True)


def test_the_ramp_refuses_nonsense():
    with pytest.raises(ValueError):
        Ramp(start=0, step=10, maximum=100)
    with pytest.raises(ValueError):
        Ramp(start=10, step=10, maximum=5)
