"""The Dockerfile builds in one stage and runs, unprivileged and without build tools, in another."""

import fnmatch
import json

import pytest
from dockerfile_parse import DockerfileParser

from tests.deploy.conftest import ROOT


@pytest.fixture(scope="module")
def stages() -> list[list[dict]]:
    """The instructions of each stage, in order (FROM first)."""
    found: list[list[dict]] = []
    for instruction in DockerfileParser(path=str(ROOT / "Dockerfile")).structure:
        if instruction["instruction"] == "FROM":
            found.append([])
        if instruction["instruction"] != "COMMENT":
            found[-1].append(instruction)
    return found


def values(stage: list[dict], name: str) -> list[str]:
    return [i["value"] for i in stage if i["instruction"] == name]


def ignored(path: str) -> bool:
    """Whether .dockerignore leaves a path out (its patterns; "**/" also matches no folder)."""
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    patterns += [pattern.removeprefix("**/") for pattern in patterns]
    return any(fnmatch.fnmatch(path, pattern) for pattern in patterns)


def test_a_builder_stage_and_a_slim_runtime(stages):
    assert len(stages) == 2
    builder, runtime = stages
    assert values(builder, "FROM") == ["python:3.11-slim AS builder"]
    assert values(runtime, "FROM") == ["python:3.11-slim AS runtime"]
    build = " ".join(values(builder, "RUN"))
    for step in ('pip install ".[opensearch,redis]"', "compilemessages",
                 "collectstatic --no-input"):
        assert step in build
    # The runtime takes the built environment and static files, and installs nothing.
    assert values(runtime, "COPY")[:2] == ["--from=builder /opt/venv /opt/venv",
                                           "--from=builder /opt/static /opt/static"]
    assert not any("apt-get install" in run or "pip install" in run
                   for run in values(runtime, "RUN"))


def test_the_runtime_runs_as_a_numeric_unprivileged_user(stages):
    runtime = stages[-1]
    users = values(runtime, "USER")
    assert users, "the image would run as root"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit() and int(uid) > 0 and (not gid or int(gid) > 0)
    # Nothing after the switch runs as someone else.
    last_user = max(i for i, instruction in enumerate(runtime)
                    if instruction["instruction"] == "USER")
    assert {i["instruction"] for i in runtime[last_user:]} <= {"USER", "EXPOSE", "CMD", "ENV"}
    # Media volumes mounted on DATA_DIR start owned by that user.
    assert f"-o {uid} -g {gid or uid} /var/lib/intranet" in " ".join(values(runtime, "RUN"))


def test_the_image_serves_the_web_process_and_leaves_probing_to_orchestrators(
        stages, compose, manifests):
    runtime = stages[-1]
    assert not values(runtime, "HEALTHCHECK")
    (command,) = values(runtime, "CMD")
    # The web process compose and Kubernetes run, so that `docker run` starts the same.
    (web,) = [m for m in manifests if m["metadata"]["name"] == "intranet-web"
              and m["kind"] == "Deployment"]
    assert json.loads(command) == compose["services"]["web"]["command"]
    assert json.loads(command) == web["spec"]["template"]["spec"]["containers"][0]["command"]
    assert json.loads(command)[:2] == ["uvicorn", "intranet.asgi:application"]
    assert values(runtime, "EXPOSE") == ["8000"]


def test_the_build_context_holds_what_the_image_copies_and_not_the_rest(stages):
    copied = [source for stage in stages for value in values(stage, "COPY")
              if not value.startswith("--from=") for source in value.split()[:-1]]
    assert copied == ["pyproject.toml", "README.md", "intranet", "manage.py"]
    for source in copied:
        assert (ROOT / source).exists() and not ignored(source)
    for local in (".venv", "var", "build", ".git", "intranet.egg-info", "deploy/.env",
                  "node_modules", ".pytest_cache", "intranet/core/__pycache__"):
        assert ignored(local), local
