"""Stored secrets: unreadable in the database, readable again after a key rotation that
keeps the old key as a fallback, and a clear error without it."""

import pytest

from intranet.core.secrets import seal, unseal

pytestmark = pytest.mark.smoke


def test_sealed_secrets_survive_a_rotation_with_a_fallback(settings):
    settings.SECRET_KEY = "old-key-" + "x" * 40
    sealed = seal({"token": "t0k3n"})
    assert "t0k3n" not in sealed and unseal(sealed) == {"token": "t0k3n"}
    settings.SECRET_KEY = "new-key-" + "y" * 40
    with pytest.raises(ValueError, match="SECRET_KEY"):
        unseal(sealed)
    settings.SECRET_KEY_FALLBACKS = ["old-key-" + "x" * 40]
    assert unseal(sealed) == {"token": "t0k3n"}
    assert seal({}) == "" and unseal("") == {}
