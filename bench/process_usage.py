"""CPU and memory of the stack's processes during a run, read from /proc (Linux).

Each watched role (a web process, PostgreSQL, ...) is a process and its descendants:
PostgreSQL's backends and nginx's workers count with their parent. CPU is the time spent
between the first and the last sample, including children that exited meanwhile (the
kernel adds their time to their parent's account); memory is the largest sum of the
tree's resident sets seen by a sample (shared pages, such as PostgreSQL's buffers, count
once per process that touched them).
"""

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat(pid: int) -> tuple[int, float, float] | None:
    """(parent pid, own CPU seconds, reaped children's CPU seconds), None once gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()  # the name may hold spaces
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return int(fields[1]), (utime + stime) / TICKS, (cutime + cstime) / TICKS


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except OSError:
        return 0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            tree.setdefault(stat[0], []).append(int(entry.name))
    return tree


def _tree(root: int, children: dict[int, list[int]]) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


@dataclass
class Usage:
    cpu_first: float | None = None
    cpu_last: float = 0.0
    peak_rss: int = 0
    processes: int = 0


def machine_busy() -> float:
    """CPU seconds the whole machine spent busy (all cores) since it booted."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks[:8]) - ticks[3] - ticks[4]) / TICKS  # all but idle and iowait


@dataclass
class ProcessWatch:
    """Roles to processes, e.g. {"web 1": [pid], "PostgreSQL": [pid]}; `sample()` often,
    then `report(seconds)`."""

    roles: dict[str, list[int]]
    usage: dict[str, Usage] = field(default_factory=dict)
    busy: list[float] = field(default_factory=list)

    def sample(self) -> None:
        self.busy = [*self.busy[:1], machine_busy()]  # the first sample and the last
        children = _children()
        for role, roots in self.roles.items():
            usage = self.usage.setdefault(role, Usage())
            cpu = rss = count = 0
            for root in roots:
                for pid in _tree(root, children):
                    stat = _stat(pid)
                    if stat is None:
                        continue
                    cpu += stat[1] + stat[2]
                    rss += _rss(pid)
                    count += 1
            if usage.cpu_first is None:
                usage.cpu_first = cpu
            usage.cpu_last = cpu
            usage.peak_rss = max(usage.peak_rss, rss)
            usage.processes = max(usage.processes, count)

    def machine_percent(self, seconds: float) -> float:
        """How busy the whole machine was, every process included (100 = one core)."""
        return round(100 * (self.busy[-1] - self.busy[0]) / max(seconds, 1e-9), 1)

    def report(self, seconds: float) -> dict[str, dict]:
        return {role: {"cpu_seconds": round(u.cpu_last - (u.cpu_first or 0), 1),
                       "cpu_percent": round(100 * (u.cpu_last - (u.cpu_first or 0))
                                            / max(seconds, 1e-9), 1),
                       "peak_rss_mib": round(u.peak_rss / 2**20, 1),
                       "processes": u.processes}
                for role, u in self.usage.items()}


def _links(fds: Path) -> set[str]:
    """What a process's descriptors point at; they may close while being read."""
    found = set()
    try:
        for fd in fds.iterdir():
            try:
                found.add(os.readlink(fd))
            except OSError:
                continue
    except OSError:
        pass
    return found


def listening(port: int) -> list[int]:
    """The processes with a socket listening on TCP `port`, parents only (nginx's workers
    share their master's socket)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if int(parts[1].rsplit(":", 1)[1], 16) == port and parts[3] == "0A":
                inodes.add(parts[9])
    wanted = {f"socket:[{inode}]" for inode in inodes}
    holders = {int(entry.name) for entry in Path("/proc").iterdir()
               if entry.name.isdigit() and wanted & _links(entry / "fd")}
    return sorted(pid for pid in holders if (_stat(pid) or (0,))[0] not in holders)


def cluster_pids(script: Path, role: str, env: dict[str, str]) -> list[int]:
    """`deploy/cluster pids <role>`: one process id a line; none when it cannot tell."""
    try:
        out = subprocess.run([str(script), "pids", role], env=env, capture_output=True,
                             text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [int(line) for line in out.split() if line.isdigit()]
