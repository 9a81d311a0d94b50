"""The compose file follows the Compose Specification and runs the whole stack as intended."""

import subprocess
import sys
from pathlib import Path

import crossplane
import pytest

from tests.deploy.commands import known_management_commands, manage_py_command
from tests.deploy.conftest import DEPLOY

APP = ("migrate", "web", "worker")
DATA = {"postgres": "postgres:16", "redis": "redis:7",
        "opensearch": "opensearchproject/opensearch:2.19.1"}


def validate_compose(path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema against the Compose Specification's schema it ships."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.compose-spec", str(path)],
                          capture_output=True, text=True, timeout=60)


def instances(compose: dict, command_word: str) -> int:
    return sum(service.get("deploy", {}).get("replicas", 1)
               for service in compose["services"].values()
               if command_word in service.get("command", []))


def test_the_compose_file_follows_the_compose_specification():
    result = validate_compose(DEPLOY / "compose.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_refuses_a_misspelled_key(tmp_path):
    original = (DEPLOY / "compose.yaml").read_text()
    broken = original.replace("    depends_on: *after-migrations",
                              "    depend_on: *after-migrations", 1)
    assert broken != original
    (tmp_path / "compose.yaml").write_text(broken)
    result = validate_compose(tmp_path / "compose.yaml")
    assert result.returncode == 1
    assert "depend_on" in result.stdout


def test_two_web_processes_and_two_workers(compose):
    assert instances(compose, "intranet.asgi:application") == 2
    assert instances(compose, "run_worker") == 2
    web = compose["services"]["web"]["command"]
    assert "--proxy-headers" in web and "websockets" in web


def test_the_processes_start_after_the_migrations(compose):
    services = compose["services"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--no-input"]
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"}
    for name, image in DATA.items():
        assert services[name]["image"] == image
        assert services[name]["healthcheck"]["test"]
        assert services["migrate"]["depends_on"][name] == {"condition": "service_healthy"}
    run = {manage_py_command(services[name]["command"]) for name in APP} - {None}
    assert run - known_management_commands() == set(), "no such manage.py command"


def test_the_app_reaches_the_data_services_by_their_names(compose, settings_variables):
    for name in APP:
        environment = compose["services"][name]["environment"]
        assert set(environment) <= settings_variables
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert environment["SEARCH_URL"] == "opensearch://opensearch:9200"
    example = (DEPLOY / "compose.env.example").read_text()
    assert "SECRET_KEY=CHANGE-ME" in example and "POSTGRES_PASSWORD=CHANGE-ME" in example


def test_web_is_healthy_only_when_ready(compose):
    web = compose["services"]["web"]
    assert "/health/ready/" in " ".join(web["healthcheck"]["test"])
    assert compose["services"]["nginx"]["depends_on"]["web"] == {"condition": "service_healthy"}


@pytest.fixture(scope="module")
def nginx(compose, tmp_path_factory) -> dict:
    """The server block of the nginx configuration compose mounts, parsed by crossplane."""
    mounts = dict(volume.split(":")[1::-1] for volume in compose["services"]["nginx"]["volumes"])
    assert compose["services"]["nginx"]["image"].startswith("nginx:")
    site = (DEPLOY / mounts["/etc/nginx/conf.d/default.conf"]).resolve()
    # The image includes conf.d inside its http block: parse it there.
    main = tmp_path_factory.mktemp("nginx") / "nginx.conf"
    main.write_text(f"events {{}}\nhttp {{\n    include {site};\n}}\n")
    parsed = crossplane.parse(str(main), combine=True)
    assert parsed["errors"] == [], parsed["errors"]
    (http,) = [d for d in parsed["config"][0]["parsed"] if d["directive"] == "http"]
    # Strictly, every name must be a directive nginx knows, but a map's entries are not
    # directives: those lines are let through.
    entries = {entry["line"] for block in directives(http["block"], "map")
               for entry in block["block"]}
    unknown = crossplane.parse(str(main), strict=True, combine=True)["errors"]
    assert [error for error in unknown if error["line"] not in entries] == []
    return {"http": http["block"], "mounts": mounts}


def directives(block: list[dict], name: str) -> list[dict]:
    return [directive for directive in block if directive["directive"] == name]


def headers(block: list[dict]) -> dict[str, str]:
    return {d["args"][0].lower(): d["args"][1] for d in directives(block, "proxy_set_header")}


def test_nginx_balances_over_the_web_replicas(nginx):
    (upstream,) = directives(nginx["http"], "upstream")
    (server,) = directives(upstream["block"], "server")
    assert server["args"][0] == "web:8000"
    # Replicas come and go: their addresses are looked up again.
    assert "resolve" in server["args"] and directives(nginx["http"], "resolver")
    (site,) = directives(nginx["http"], "server")
    locations = {d["args"][0]: d["block"] for d in directives(site["block"], "location")}
    assert directives(locations["/"], "proxy_pass")[0]["args"] == [
        f"http://{upstream['args'][0]}"]


def test_nginx_passes_websockets_through(nginx):
    (site,) = directives(nginx["http"], "server")
    locations = {d["args"][0]: d["block"] for d in directives(site["block"], "location")}
    websocket = locations["/ws/"]
    assert directives(websocket, "proxy_pass")
    # nginx inherits proxy_set_header only into a location that sets none of its own.
    sent = headers(websocket) or headers(site["block"])
    assert sent["upgrade"] == "$http_upgrade"
    (upgrade_map,) = directives(nginx["http"], "map")
    assert upgrade_map["args"] == ["$http_upgrade", sent["connection"]]
    assert ["default", "upgrade"] in [[d["directive"], *d["args"]] for d in upgrade_map["block"]]
    assert directives(site["block"], "proxy_http_version")[0]["args"] == ["1.1"]
    assert directives(websocket, "proxy_read_timeout")[0]["args"] == ["1h"]
    # The port stays in Host, or Django's CSRF check refuses forms on a port other than 80.
    assert sent["host"] == "$http_host"


def test_nginx_serves_media_the_app_allowed_from_the_shared_volume(compose, nginx, image_env):
    environment = compose["services"]["web"]["environment"]
    (site,) = directives(nginx["http"], "server")
    locations = {d["args"][0]: d["block"] for d in directives(site["block"], "location")}
    (app_volume,) = compose["services"]["web"]["volumes"]
    volume, data_dir = app_volume.split(":")
    assert data_dir == image_env["DATA_DIR"]
    (nginx_mount,) = [path for path, source in nginx["mounts"].items() if source == volume]
    for prefix, folder in ((environment["MEDIA_ACCEL_REDIRECT"], "media"),
                           (environment["PRIVATE_MEDIA_ACCEL_REDIRECT"], "private-media")):
        location = locations[prefix]
        assert directives(location, "internal")
        assert directives(location, "alias")[0]["args"] == [f"{nginx_mount}/{folder}/"]
