"""A fresh Wagtail site takes the suite as docs/install.md says, and works.

`wagtail start` makes a new project in a temporary folder with its own virtualenv; the
suite is installed into it from this checkout (a wheel, not the source tree), the code
blocks of docs/install.md are applied to the project as the page says, and the site is
migrated and served by uvicorn with a worker beside it, on SQLite. Then two people sign in
through the sign-in form: one creates a group and posts in it, the other, who joined,
receives the post on a live socket and finds it with the search box.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from tests.servers import free_port, stop

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "install.md"
PASSWORD = "a long pass phrase for the test"
STEP = re.compile(r"^(Append to|Replace|Create) `([^`]+)`[^\n]*:\n\n```\w*\n(.*?)^```",
                  re.M | re.S)


def run(*command: str | Path, cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=timeout)
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def apply_guide(project: Path) -> list[str]:
    """Do what each "Append to / Replace / Create `file`:" step of the guide says."""
    done = []
    for action, name, code in STEP.findall(GUIDE.read_text()):
        target = project / name
        if action == "Append to":
            target.write_text(target.read_text() + "\n" + code)
        else:
            assert (action == "Replace") == target.exists(), f"{action} {name}"
            target.write_text(code)
        done.append(f"{action} {name}")
    return done


def wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/health/", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert process.poll() is None and time.monotonic() < deadline, "the site did not start"
        time.sleep(0.3)


def sign_in(base: str, username: str) -> httpx.Client:
    """Sign in through the form, as a person does; the client keeps the session."""
    client = httpx.Client(base_url=base, timeout=30)
    form = client.get("/accounts/login/")
    assert form.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    signed = client.post("/accounts/login/", data={
        "csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
    assert signed.status_code == 302, signed.text[:500]
    client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
    return client


@pytest.fixture(scope="module")
def host_site(tmp_path_factory):
    """A new Wagtail project with the suite added by the guide, served with a worker."""
    folder = tmp_path_factory.mktemp("host")
    env = {"PATH": f"{folder / 'venv' / 'bin'}:{os.environ['PATH']}", "HOME": str(folder),
           "DJANGO_SETTINGS_MODULE": "mysite.settings.dev",
           **{name: os.environ[name] for name in ("PIP_CACHE_DIR", "LANG") if name in os.environ}}
    run(sys.executable, "-m", "venv", folder / "venv", cwd=folder, env=env)
    python = folder / "venv" / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", ROOT, cwd=folder, env=env)
    project = folder / "site"
    project.mkdir()
    run(folder / "venv" / "bin" / "wagtail", "start", "mysite", project, cwd=folder, env=env)
    steps = apply_guide(project)
    assert steps == ["Append to mysite/settings/base.py", "Replace mysite/urls.py",
                     "Create mysite/asgi.py"]
    run(python, "manage.py", "migrate", "--no-input", cwd=project, env=env)
    for username in ("ana", "ben"):
        run(python, "manage.py", "createsuperuser", "--no-input", "--username", username,
            "--email", f"{username}@example.com", cwd=project,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD})
    # Employees, not administrators: what they see goes through the read policy.
    run(python, "manage.py", "shell", "-c",
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.update(is_superuser=False, is_staff=False)",
        cwd=project, env=env)
    port = free_port()
    # Their output stays in the folder, for the reader of a failure.
    with (folder / "worker.log").open("w") as log:
        worker = subprocess.Popen([python, "manage.py", "run_worker"], cwd=project, env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
    with (folder / "server.log").open("w") as log:
        server = subprocess.Popen(
            [folder / "venv" / "bin" / "uvicorn", "mysite.asgi:application", "--host",
             "127.0.0.1", "--port", str(port)], cwd=project, env=env,
            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        yield {"base": base, "python": python, "project": project, "env": env,
               "folder": folder}
    finally:
        stop(server)
        stop(worker)


def test_the_suite_runs_from_the_site_s_own_virtualenv(host_site):
    where = run(host_site["python"], "-c", "import intranet.feeds; print(intranet.feeds.__file__)",
                cwd=host_site["project"], env=host_site["env"])
    assert "/venv/lib/" in where and "site-packages" in where
    assert not where.startswith(str(ROOT / "intranet"))


def test_people_sign_in_post_receive_it_live_and_find_it(host_site):
    base = host_site["base"]
    assert httpx.get(f"{base}/feed/", follow_redirects=False).status_code == 302
    ana, ben = sign_in(base, "ana"), sign_in(base, "ben")

    created = ana.post("/api/v1/groups/", json={"name": "Beekeepers", "visibility": "open"})
    assert created.status_code == 201, created.text
    slug = created.json()["slug"]
    assert ben.post(f"/api/v1/groups/{slug}/join/").status_code == 201

    ticket = ben.post("/api/v1/auth/ws-ticket/").json()["ticket"]
    with connect(f"ws://127.0.0.1:{base.rsplit(':', 1)[1]}/ws/?ticket={ticket}") as socket:
        posted = ana.post("/api/v1/posts/", json={
            "group": slug, "body": "The hives on the roof gave twelve kilos of honey."})
        assert posted.status_code == 201, posted.text
        deadline = time.monotonic() + 20
        while True:
            frame = json.loads(socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            if frame["type"] == "post.created":
                break
    assert frame["data"]["post"]["body"] == "The hives on the roof gave twelve kilos of honey."

    deadline = time.monotonic() + 60
    while True:
        found = ben.get("/api/v1/search/", params={"q": "honey hive"}).json()["results"]
        if found or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert [hit["type"] for hit in found] == ["post"], (
        host_site["folder"] / "worker.log").read_text()[-3000:]
    page = ben.get("/search/", params={"q": "honey"})
    assert page.status_code == 200 and "twelve kilos" in page.text


def test_pages_wear_the_suite_s_layout_and_speak_french(host_site):
    ana = sign_in(host_site["base"], "ana")
    page = ana.get("/groups/", headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    assert 'lang="fr"' in page.text and "Groupes" in page.text
    stylesheet = re.search(r'href="(/static/intranet/site[^"]*\.css)"', page.text).group(1)
    assert ana.get(stylesheet).status_code == 200


def test_the_api_schema_describes_the_suite(host_site):
    schema = httpx.get(f"{host_site['base']}/api/schema/?format=json").json()
    assert "/api/v1/posts/" in schema["paths"]
    assert "bearerToken" in schema["components"]["securitySchemes"]
