"""A cluster started with deploy/cluster for the fault drills, on ports of its own."""

import os
import random
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = ROOT / "deploy" / "cluster"
SERVICES = ROOT / "deploy" / "services"
# What the scripts need from the test process's environment; the suite's own settings
# (its database, Redis, index prefix) must not reach the cluster.
PASSED_ON = ("PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "XDG_CACHE_HOME",
             "JAVA_HOME", "PIP_CACHE_DIR")


def free_ports(count: int) -> list[int]:
    """Free ports below the kernel's ephemeral range, so that no outgoing connection holds
    one at the moment a drill starts a service on it again."""
    low, _high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    ports: list[int] = []
    while len(ports) < count:
        port = random.randrange(20000, low)
        if port in ports:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports.append(port)
    return ports


@dataclass
class Cluster:
    settings: dict[str, str]
    url: str = ""

    def run(self, *args: str, script: Path = CLUSTER, timeout: float = 900) -> str:
        """Run deploy/cluster (or deploy/services) with this cluster's settings; its
        standard output. A failure shows what the script said."""
        done = subprocess.run([str(script), *args], env=self.settings, cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout)
        if done.returncode:
            raise RuntimeError(f"{script.name} {' '.join(args)} failed ({done.returncode}):\n"
                               f"{done.stderr[-4000:]}")
        return done.stdout

    def pids(self, kind: str) -> list[int]:
        return [int(line) for line in self.run("pids", kind).split()]

    def service(self, action: str, name: str) -> None:
        self.run(action, name, script=SERVICES)

    def manage(self, *args: str) -> str:
        """A management command against the cluster's database and services."""
        env = dict(self.settings)
        for line in self.run("env").splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            env[name] = value
        done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args,
                               "--verbosity", "0"],
                              env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-4000:]}")
        return done.stdout


def new_cluster() -> Cluster:
    """Settings for a cluster beside the suite's services: its own state directory and
    ports; the suite's collected static files when there are some (collecting takes
    minutes)."""
    pg, redis, search, transport, nginx, web1, web2 = free_ports(7)
    settings = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    settings.update(
        SERVICES_DIR=tempfile.mkdtemp(prefix="intranet-drills-", dir="/tmp"),
        PG_PORT=str(pg), REDIS_PORT=str(redis), OPENSEARCH_PORT=str(search),
        OPENSEARCH_TRANSPORT_PORT=str(transport), CLUSTER_PORT=str(nginx),
        WEB_PORTS=f"{web1} {web2}", WORKERS="2",
        # Workers report on their job every few seconds, so a killed one's job runs again
        # within the drill rather than a minute later.
        TASK_LEASE_SECONDS="10")
    static = os.environ.get("STATIC_ROOT")
    if static and (Path(static) / "staticfiles.json").exists():
        settings["STATIC_ROOT"] = static
    return Cluster(settings=settings)


def start(cluster: Cluster) -> None:
    last_line = cluster.run("start").strip().splitlines()[-1]
    assert last_line.startswith("URL=http://127.0.0.1:"), last_line
    cluster.url = last_line.removeprefix("URL=")


def established(port: int) -> int:
    """Open TCP connections to a local port (nginx's, to a web process), as the kernel
    lists them (state 01: established)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1].endswith(f":{port:04X}")
               and row.split()[3] == "01")
