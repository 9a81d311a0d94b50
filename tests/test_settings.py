"""Settings come from the environment and fail loudly when a production one is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def start_django(**env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")}
    environment.update(env)
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.smoke
@pytest.mark.parametrize(("env", "missing"), [
    ({"DEBUG": "0"}, "SECRET_KEY and ALLOWED_HOSTS must be set"),
    ({"DEBUG": "0", "SECRET_KEY": "s3cret"}, "ALLOWED_HOSTS must be set"),
    ({"DEBUG": "0", "ALLOWED_HOSTS": "intranet.example.com"}, "SECRET_KEY must be set"),
])
def test_production_settings_are_required_when_debug_is_off(env, missing):
    result = start_django(**env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.smoke
def test_bad_values_are_reported_by_name():
    result = start_django(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.smoke
def test_a_configured_production_start_passes_its_checks():
    result = start_django(DEBUG="0", SECRET_KEY="s3cret", ALLOWED_HOSTS="intranet.example.com")
    assert result.returncode == 0, result.stderr


@pytest.mark.smoke
def test_the_embedded_default_runs_sqlite_in_wal_mode(tmp_path):
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DATABASE_URL", "REDIS_URL", "SEARCH_URL")}
    environment.update(DEBUG="1", DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    script = ("import django; django.setup(); from django.db import connection; "
              "c = connection.cursor(); c.execute('PRAGMA journal_mode'); "
              "print(connection.vendor, c.fetchone()[0])")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["sqlite", "wal"], result.stderr
    assert (tmp_path / "db.sqlite3").exists()
