"""Ceiling: how many simulated employees one stack holds, ramped Mattermost-style.

Each simulated employee holds a websocket and, after each think time, reads the home
feed or a group's feed, posts in a group, comments, reacts or searches (bench/employees.py).
The ramp starts with `--start` people and adds `--step` more after each `--interval` while
the level's window keeps p99 of the HTTP actions under 2 s and errors (failed requests,
sockets that dropped or went silent) under 0.025 % of requests; when a step breaks the
limits it is removed, and the number below must hold again (bench/ramp.py). Prints the
people held, requests per second, latency per action, errors by kind, websocket frames,
and the CPU and memory of every process of the stack and of the load generator itself.

    deploy/cluster start
    .venv/bin/python bench/ceiling.py --quick                 # the cluster's URL and database
    .venv/bin/python bench/ceiling.py --start 100 --step 50 --interval 60 --json
    .venv/bin/python bench/ceiling.py --start-cluster --quick # start it, and stop it after
    eval "$(deploy/cluster env)"; .venv/bin/python bench/ceiling.py --url http://127.0.0.1:58081

With `--url` (here one web process alone), the load-test people are created in the
database the environment names; without it, `deploy/cluster env` gives the URL and database.
"""

import argparse
import asyncio
import json
import os
import resource
import shlex
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.measurements import Recorder, action_table  # noqa: E402
from bench.process_usage import ProcessWatch, cluster_pids, listening  # noqa: E402
from bench.ramp import Limits, Ramp, Window, percentile  # noqa: E402

CLUSTER = ROOT / "deploy" / "cluster"
QUICK = {"start": 10, "step": 10, "interval": 15.0, "maximum": 60, "duration": 90.0}
FULL = {"start": 20, "step": 20, "interval": 60.0, "maximum": 2000, "duration": 1800.0}
JOIN_TIMEOUT = 60.0
WARM_UP_PEOPLE = 4  # nginx spreads them over the web processes
JOIN_EVERY = 0.05  # people join one by one, twenty a second, not in one burst


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the stack (nginx or one web process); default: "
                                      "the URL `deploy/cluster env` prints")
    parser.add_argument("--start-cluster", action="store_true",
                        help="run `deploy/cluster start` first and `deploy/cluster stop` after")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: tens of people, about a minute")
    parser.add_argument("--start", type=int, help=f"people at first ({FULL['start']})")
    parser.add_argument("--step", type=int, help=f"people added each interval ({FULL['step']})")
    parser.add_argument("--interval", type=float,
                        help=f"seconds at each level ({FULL['interval']:g})")
    parser.add_argument("--window", type=float,
                        help="seconds at the end of each level that are judged (the interval)")
    parser.add_argument("--maximum", type=int, help=f"people at most ({FULL['maximum']})")
    parser.add_argument("--duration", type=float,
                        help=f"seconds the ramp may last at most ({FULL['duration']:g})")
    parser.add_argument("--think", type=float, default=5.0,
                        help="mean seconds between one person's actions (5)")
    parser.add_argument("--p99", type=float, default=2.0, help="p99 limit in seconds (2)")
    parser.add_argument("--max-error-rate", type=float, default=0.00025,
                        help="error limit as a fraction of requests (0.00025 = 0.025 %%)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    args.window = min(args.window or args.interval, args.interval)
    if args.start < 1 or args.step < 1 or args.maximum < args.start or args.think <= 0 \
            or args.interval <= 0 or args.duration <= 0:
        parser.error("need 1 <= start <= maximum, step >= 1, and positive times")
    return args


def cluster_env() -> dict[str, str]:
    """The variables `deploy/cluster env` exports (the stack's database, Redis, URL...)."""
    done = subprocess.run([str(CLUSTER), "env"], capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"no cluster to measure ({done.stderr.strip()}): `deploy/cluster start`, "
                 "or give --start-cluster or --url")
    env = {}
    for line in done.stdout.splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            key, value = words[1].split("=", 1)
            env[key] = value
    return env


def prepare_people(count: int, env: dict[str, str]) -> list[dict]:
    print(f"ceiling: preparing {count} load-test people...", file=sys.stderr, flush=True)
    done = subprocess.run([sys.executable, "-m", "bench.load_people", "--count", str(count)],
                          cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)},
                          stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode:
        sys.exit("preparing the load-test people failed (see above)")
    return json.loads(done.stdout)


def port_of(url: str | None) -> int | None:
    parts = urlsplit(url or "")
    return parts.port if parts.hostname in ("127.0.0.1", "localhost") else None


def stack_processes(url: str, env: dict[str, str], from_cluster: bool) -> dict[str, list[int]]:
    """Each role's processes: the cluster's own from `deploy/cluster pids`, the services
    (and a lone web process) as whatever listens on their port."""
    roles: dict[str, list[int]] = {}
    if from_cluster:
        cluster = {**os.environ, **env}
        for kind in ("web", "worker", "nginx"):
            pids = cluster_pids(CLUSTER, kind, cluster)
            for n, pid in enumerate(pids, 1):
                roles[f"{kind} {n}" if len(pids) > 1 else kind] = [pid]
    elif port := port_of(url):
        roles[f"server :{port}"] = listening(port)
    for role, variable in (("PostgreSQL", "DATABASE_URL"), ("Redis", "REDIS_URL"),
                           ("OpenSearch", "SEARCH_URL")):
        if (port := port_of(env.get(variable))) and (pids := listening(port)):
            roles[role] = pids
    roles["load generator"] = [os.getpid()]
    return roles


def needed(args: argparse.Namespace) -> int:
    """People the ramp can reach within its duration (each level lasts an interval)."""
    levels = max(1, int(args.duration // args.interval))
    return min(args.maximum, args.start + args.step * (levels - 1))


async def sample_forever(watch: ProcessWatch, lags: list[float]) -> None:
    """Sample the processes every second, and how late this event loop wakes up: a late
    loop means the load generator, not the stack, is the bottleneck."""
    while True:
        watch.sample()
        asked = time.monotonic()
        await asyncio.sleep(1.0)
        lags.append(time.monotonic() - asked - 1.0)


def level_row(people: int, window: Window, seconds: float, reasons: list[str]) -> dict:
    ms = {f"p{q}_ms": round(percentile(window.latencies, q / 100) * 1000, 1)
          if window.latencies else None for q in (50, 95, 99)}
    return {"people": people, "requests": window.requests,
            "requests_per_second": round(window.requests / max(seconds, 1e-9), 1), **ms,
            "errors": window.errors, "held": not reasons, "reasons": reasons}


def why_stopped(ramp: Ramp, levels: list[dict], cut_short: str) -> str:
    """Say how much to trust `held`: found, bounded by the options, or not confirmed."""
    if cut_short:
        if ramp.backing_off:
            return f"{cut_short} before the back-off was confirmed"
        return f"{cut_short} before the limits were reached"
    if ramp.held == 0:
        return ("the levels that held broke when tried again"
                if any(level["held"] for level in levels)
                else "even the first level broke the limits")
    if not ramp.backing_off:
        return "the maximum was held"
    return "the ceiling was found: a step broke the limits, the level below held again"


async def warm_up(people: list[dict], client, ws_url: str) -> None:
    """Make each kind of action a few times, unmeasured, so that every web process has
    loaded its code and the search engine its caches before the first level is judged."""
    from bench.employees import WEIGHTS, Employee

    for n, person in enumerate(people[:WARM_UP_PEOPLE]):
        employee = Employee(person, client, ws_url, Recorder(), think=1.0, seed=-1 - n)
        for action in WEIGHTS:
            await employee.act(action)


async def resize(running: list[asyncio.Task], target: int, employee) -> None:
    """Cancel the people last added, or add people one by one (`employee(n)` makes the
    n-th) and wait until each has tried to open their socket."""
    leaving = running[target:]
    del running[target:]
    for task in leaving:
        task.cancel()
    await asyncio.gather(*leaving, return_exceptions=True)
    joining = []
    for n in range(len(running), target):
        person = employee(n)
        running.append(asyncio.create_task(person.run()))
        joining.append(asyncio.create_task(person.connected.wait()))
        await asyncio.sleep(JOIN_EVERY)
    if joining:  # a socket that cannot open is counted, and the level goes on
        _joined, late = await asyncio.wait(joining, timeout=JOIN_TIMEOUT)
        for task in late:
            task.cancel()


async def run_ramp(args: argparse.Namespace, people: list[dict], url: str,
                   watch: ProcessWatch) -> dict:
    import httpx

    from bench.employees import Employee

    recorder, lags = Recorder(), []
    limits = Limits(p99_seconds=args.p99, error_rate=args.max_error_rate)
    ramp = Ramp(args.start, args.step, args.maximum)
    ws_url = url.replace("http", "ws", 1).rstrip("/") + "/ws/"
    running: list[asyncio.Task] = []
    levels, cut_short = [], ""
    limits_http = httpx.Limits(max_connections=1000, max_keepalive_connections=500)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits_http) as client:
        await warm_up(people, client, ws_url)
        sampler = asyncio.create_task(sample_forever(watch, lags))
        began = time.monotonic()
        deadline = began + args.duration
        while not ramp.done:
            if time.monotonic() >= deadline:
                cut_short = "the duration ended"
                break
            if ramp.people > len(people):
                cut_short = "no more load-test people were prepared"
                break
            level_began = time.monotonic()
            await resize(running, ramp.people, lambda n: Employee(
                people[n], client, ws_url, recorder, args.think, seed=n))
            await asyncio.sleep(max(0.0, min(args.interval, deadline - time.monotonic())))
            until = time.monotonic()
            since = max(level_began, until - args.window)
            if until - since < args.window / 2:
                cut_short = "the duration ended"
                break
            window = recorder.window(since, until)
            at = ramp.people
            reasons = ramp.observe(window, limits)
            levels.append(level_row(at, window, until - since, reasons))
            print(f"ceiling: {at} people: {window.requests} requests, "
                  f"p99 {levels[-1]['p99_ms']} ms, {window.errors} errors: "
                  f"{'held' if not reasons else 'broke (' + '; '.join(reasons) + ')'}",
                  file=sys.stderr, flush=True)
        await resize(running, 0, None)
    sampler.cancel()
    watch.sample()
    seconds = time.monotonic() - began
    return {"held": ramp.held, "stopped_by": why_stopped(ramp, levels, cut_short),
            "seconds": round(seconds, 1),
            "requests": len(recorder.samples),
            "requests_per_second": round(len(recorder.samples) / seconds, 1),
            "levels": levels, "actions": action_table(recorder.samples),
            "errors": dict(recorder.error_counts().most_common()),
            "websocket_frames": recorder.frames,
            "loop_lag_p99_ms": round(percentile(lags, 0.99) * 1000, 1) if lags else None,
            "processes": watch.report(seconds),
            "machine_cpu_percent": watch.machine_percent(seconds)}


def text_report(result: dict) -> str:
    c = result["config"]
    lines = [f"people held: {result['held']} ({result['stopped_by']})",
             f"target {c['url']}; limits p99 < {c['p99']:g} s, errors < "
             f"{c['max_error_rate']:.4%}; start {c['start']}, step {c['step']}, interval "
             f"{c['interval']:g} s, window {c['window']:g} s, think {c['think']:g} s; "
             f"run {result['seconds']:g} s on {c['cpus']} cores",
             f"requests: {result['requests']} ({result['requests_per_second']:g}/s), "
             f"websocket frames received: {result['websocket_frames']}",
             "", f"{'people':>7} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
                 f"{'p99 ms':>8} {'errors':>7}  verdict"]
    for row in result["levels"]:
        lines.append(f"{row['people']:7d} {row['requests']:9d} {row['requests_per_second']:7g} "
                     f"{row['p50_ms'] or 0:8g} {row['p95_ms'] or 0:8g} {row['p99_ms'] or 0:8g} "
                     f"{row['errors']:7d}  "
                     f"{'held' if row['held'] else 'broke: ' + '; '.join(row['reasons'])}")
    lines += ["", f"{'action':<12} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} "
                  f"{'p99 ms':>8}"]
    for action, row in result["actions"].items():
        lines.append(f"{action:<12} {row['count']:7d} {row['errors']:7d} {row['p50_ms']:8g} "
                     f"{row['p95_ms']:8g} {row['p99_ms']:8g}")
    errors = ", ".join(f"{kind} {n}" for kind, n in result["errors"].items()) or "none"
    lines += ["", f"errors by kind: {errors}", "",
              f"{'process':<16} {'CPU s':>8} {'CPU %':>7} {'peak RSS MiB':>13} {'procs':>6}"]
    for role, row in result["processes"].items():
        lines.append(f"{role:<16} {row['cpu_seconds']:8g} {row['cpu_percent']:7g} "
                     f"{row['peak_rss_mib']:13g} {row['processes']:6d}")
    listed = sum(row["cpu_percent"] for row in result["processes"].values())
    lines += ["", f"CPU % is of one core. The load generator shares the machine's "
                  f"{c['cpus']} cores with the stack (its event loop woke up to "
                  f"{result['loop_lag_p99_ms']} ms late, p99), so the stack alone would hold "
                  f"somewhat more. The whole machine was {result['machine_cpu_percent']:g} % "
                  f"busy; the processes above used {listed:.1f} % of that."]
    return "\n".join(lines)


def main() -> None:
    args = parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if args.start_cluster:
        started = subprocess.run([str(CLUSTER), "start"], stdout=subprocess.PIPE, text=True,
                                 check=False)
        if started.returncode:
            sys.exit("deploy/cluster start failed")
    try:
        if args.url and not args.start_cluster:
            url, env, from_cluster = args.url.rstrip("/"), dict(os.environ), False
        else:
            env = {**os.environ, **cluster_env()}
            url, from_cluster = (args.url or env["URL"]).rstrip("/"), True
        people = prepare_people(needed(args), env)
        watch = ProcessWatch(stack_processes(url, env, from_cluster))
        result = asyncio.run(run_ramp(args, people, url, watch))
    finally:
        if args.start_cluster:
            subprocess.run([str(CLUSTER), "stop"], check=False)
    result["config"] = {"url": url, **{name: getattr(args, name) for name in (
        "start", "step", "interval", "window", "maximum", "duration", "think", "p99",
        "max_error_rate")}, "cpus": os.cpu_count()}
    print(json.dumps(result, indent=2) if args.json else text_report(result))


if __name__ == "__main__":
    main()
