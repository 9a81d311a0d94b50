"""The ceiling reads each process's CPU and memory from /proc, and finds services by port."""

import socket
import time

from bench.process_usage import ProcessWatch, listening, machine_busy


def test_the_listener_on_a_port_is_found_and_nothing_on_a_closed_one():
    import os

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert listening(port) == [os.getpid()]
    assert listening(port) == []


def test_cpu_spent_between_samples_is_counted_and_memory_is_seen():
    import os

    watch = ProcessWatch({"me": [os.getpid()], "gone": [2**22 + 1]})
    watch.sample()
    busy_before = machine_busy()
    until = time.process_time() + 0.3
    while time.process_time() < until:
        pass
    watch.sample()
    report = watch.report(seconds=1.0)
    assert report["me"]["cpu_seconds"] >= 0.2
    assert report["me"]["cpu_percent"] >= 20
    assert report["me"]["peak_rss_mib"] > 1
    assert report["gone"] == {"cpu_seconds": 0, "cpu_percent": 0, "peak_rss_mib": 0,
                              "processes": 0}
    assert machine_busy() - busy_before >= 0.2
