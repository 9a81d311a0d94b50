"""The operations guide documents every setting the code reads."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.smoke
def test_every_environment_variable_is_documented():
    settings = (ROOT / "intranet" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|float|list)\("([A-Z_]+)"', settings))
    documented = set(re.findall(r"`([A-Z_]+)`", (ROOT / "docs" / "operations.md").read_text()))
    assert read, "no settings found: has settings.py changed shape?"
    assert read - documented == set(), "document these in docs/operations.md"
