"""What the deployment tests read: the files under deploy/ and the names the code knows."""

import re
from pathlib import Path

import pytest
import yaml
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
KUBERNETES = DEPLOY / "kubernetes"


@pytest.fixture(scope="session")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


@pytest.fixture(scope="session")
def manifests() -> list[dict]:
    """Every Kubernetes object under deploy/kubernetes (the kustomization is not one)."""
    return [document for path in sorted(KUBERNETES.glob("*.yaml"))
            if path.name != "kustomization.yaml"
            for document in yaml.safe_load_all(path.read_text()) if document]


@pytest.fixture(scope="session")
def settings_variables() -> set[str]:
    """The environment variables intranet/settings.py reads."""
    source = (ROOT / "intranet" / "settings.py").read_text()
    return set(re.findall(r'env_(?:str|bool|int|float|list)\("([A-Z_]+)"', source))


@pytest.fixture(scope="session")
def image_env() -> dict[str, str]:
    """The environment the image's last stage sets (DATA_DIR, STATIC_ROOT...)."""
    return DockerfileParser(path=str(ROOT / "Dockerfile")).envs
