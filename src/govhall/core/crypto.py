"""Chinese national cryptography used for data at rest: SM3 digests, SM4-GCM, HMAC-SM3.

Encrypted values are text so they fit ordinary columns: ``v1.<base64(nonce ‖ ciphertext ‖ tag)>``.
Keys come from settings (``GOVHALL_FIELD_KEY``, ``GOVHALL_INDEX_KEY``); see docs/operations.md.
"""

from __future__ import annotations

import base64
import hmac as std_hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_PREFIX = "v1."
_NONCE_BYTES = 12
_TAG_BYTES = 16


class DecryptionError(Exception):
    """The ciphertext was altered, or was made with another key."""


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def canonical_json(value: Any) -> bytes:
    """Deterministic JSON (sorted keys, no spaces, UTF-8) for hashing and signing."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest_of(value: Any) -> str:
    """SM3 digest of a JSON-able value, e.g. a row's state before and after a change."""
    return sm3_hex(canonical_json(value))


def _field_key() -> bytes:
    key = bytes.fromhex(settings.GOVHALL_FIELD_KEY)
    if len(key) != 16:
        raise ImproperlyConfigured("GOVHALL_FIELD_KEY must be 32 hexadecimal characters (SM4, 128 bits)")
    return key


def _index_key() -> bytes:
    key = bytes.fromhex(settings.GOVHALL_INDEX_KEY)
    if len(key) < 16:
        raise ImproperlyConfigured("GOVHALL_INDEX_KEY must be at least 32 hexadecimal characters")
    return key


def encrypt_text(plaintext: str, *, context: str) -> str:
    """Encrypt with SM4-GCM; ``context`` (e.g. ``person.id_number``) is bound as associated data,
    so a ciphertext copied into another column does not decrypt."""
    nonce = os.urandom(_NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(_field_key()), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(context.encode())
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return _PREFIX + base64.b64encode(nonce + body + encryptor.tag).decode()


def decrypt_text(token: str, *, context: str) -> str:
    """Reverse of ``encrypt_text``. Raises ``DecryptionError`` on any tampering or wrong key."""
    if not token.startswith(_PREFIX):
        raise DecryptionError("unknown ciphertext format")
    try:
        raw = base64.b64decode(token[len(_PREFIX) :], validate=True)
    except ValueError as exc:
        raise DecryptionError("ciphertext is not base64") from exc
    if len(raw) < _NONCE_BYTES + _TAG_BYTES:
        raise DecryptionError("ciphertext too short")
    nonce, body, tag = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:-_TAG_BYTES], raw[-_TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(_field_key()), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(context.encode())
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag as exc:
        raise DecryptionError("ciphertext failed authentication") from exc


def blind_index(value: str, *, context: str) -> str:
    """Keyed HMAC-SM3 of a normalised value: equality lookups without storing the plaintext.

    The context separates indexes of different fields so equal values do not correlate.
    """
    mac = hmac.HMAC(_index_key(), hashes.SM3())
    mac.update(context.encode() + b"\x00" + value.encode())
    return mac.finalize().hex()


def constant_time_equals(a: str, b: str) -> bool:
    return std_hmac.compare_digest(a.encode(), b.encode())


def is_encrypted(value: str) -> bool:
    """Whether ``value`` looks like an ``encrypt_text`` ciphertext (versioned prefix)."""
    return value.startswith(_PREFIX)
