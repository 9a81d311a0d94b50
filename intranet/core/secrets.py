"""Secrets stored in the database (connector tokens), encrypted with a key derived from
SECRET_KEY, so a database dump alone does not hand out the company's API tokens.

Rotating SECRET_KEY keeps old secrets readable as long as the old key is listed in
SECRET_KEY_FALLBACKS; the next save re-encrypts them with the new key.
"""

import base64
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_INFO = b"intranet stored secrets v1"


def _fernet(secret_key: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    return MultiFernet([_fernet(key) for key in
                        [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]])


def seal(values: dict[str, Any]) -> str:
    """Encrypt a mapping of secret settings; an empty mapping seals to ""."""
    if not values:
        return ""
    return _keys().encrypt(json.dumps(values).encode()).decode()


def unseal(token: str) -> dict[str, Any]:
    """Decrypt what `seal` made; a token no configured key opens raises ValueError."""
    if not token:
        return {}
    try:
        return json.loads(_keys().decrypt(token.encode()))
    except InvalidToken as error:
        raise ValueError("The stored secrets cannot be decrypted with SECRET_KEY or "
                         "SECRET_KEY_FALLBACKS.") from error
