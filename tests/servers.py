"""Real processes that tests start: the ASGI server and workers, on the test database."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, for processes started by a test (data must be committed)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def subprocess_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url(), "PYTHONPATH": str(ROOT), **extra}


def start_server(**env: str) -> tuple[subprocess.Popen, str]:
    """The intranet served by uvicorn, as in production; returns the process and its URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "intranet.asgi:application", "--host", "127.0.0.1",
         "--port", str(port)], cwd=ROOT, env=subprocess_env(**env),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=2):
                return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("the intranet's ASGI server (uvicorn) did not start") from None
            time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


# The nginx configuration deploy/cluster uses too.
PROXY_TEMPLATE = ROOT / "deploy" / "nginx-local.conf.in"


def start_proxy(backends: list[str]) -> tuple[subprocess.Popen, str]:
    """nginx (Debian's) spreading requests and websockets over `backends`, round robin,
    as in production; returns the process and its URL."""
    import shutil
    import tempfile

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise RuntimeError("nginx is needed: `apt-get install nginx-light` (make test "
                           "installs it)")
    prefix, port = tempfile.mkdtemp(prefix="intranet-nginx-"), free_port()
    servers = " ".join(f"server {url.removeprefix('http://')};" for url in backends)
    conf = Path(prefix) / "nginx.conf"
    conf.write_text(PROXY_TEMPLATE.read_text().replace("@PREFIX@", prefix)
                    .replace("@PORT@", str(port)).replace("@ACCESS_LOG@", "off")
                    .replace("@SERVERS@", servers))
    process = subprocess.Popen([nginx, "-p", prefix, "-c", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=2):
                return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log = (Path(prefix) / "error.log").read_text() if (
                    Path(prefix) / "error.log").exists() else ""
                raise RuntimeError(f"nginx did not start: {log[-2000:]}") from None
            time.sleep(0.2)
