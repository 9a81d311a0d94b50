"""What the ceiling judges: a window counts every action in it, and dropped sockets."""

import time

from bench.measurements import Recorder, action_table


def test_a_window_counts_actions_and_socket_failures_inside_it_only():
    recorder = Recorder()
    recorder.action("home_feed", 0.2)
    recorder.action("post", 0.4, "http_500")
    recorder.socket_error("ws_dropped")
    middle = time.monotonic()
    recorder.action("search", 0.3)
    end = time.monotonic() + 1
    whole = recorder.window(0, end)
    assert (whole.requests, whole.errors, sorted(whole.latencies)) == (3, 2, [0.2, 0.3, 0.4])
    later = recorder.window(middle, end)
    assert (later.requests, later.errors) == (1, 0)
    assert recorder.error_counts() == {"http_500": 1, "ws_dropped": 1}


def test_the_action_table_gives_percentiles_in_milliseconds_per_action():
    recorder = Recorder()
    for ms in range(1, 101):
        recorder.action("home_feed", ms / 1000)
    recorder.action("post", 0.05, "timeout")
    table = action_table(recorder.samples)
    assert table["home_feed"] == {"count": 100, "errors": 0, "p50_ms": 50.0, "p95_ms": 95.0,
                                  "p99_ms": 99.0}
    assert table["post"]["errors"] == 1
