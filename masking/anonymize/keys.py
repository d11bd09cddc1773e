"""Keys for the keyed operators: HMAC pseudonyms and AES encryption.

A key file holds one random secret (hex or base64, at least 32 bytes; ``masking anonymize-key
FILE`` writes one with mode 0600). Sub-keys are derived per purpose, so the HMAC key never
doubles as the AES key; only a keyed fingerprint, the ``key_id``, is ever shown or recorded.
Without a key file, ``hmac`` uses the audit key (:mod:`masking.audit.keys`), with its own
message prefix so a pseudonym is never equal to an audit record's ``value_hmac``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..audit.keys import decode_secret, read_private_text
from .errors import AnonymizeKeyError

MIN_SECRET_BYTES = 32
_PREFIX = b"masking-anonymize/v1/"


def _derive(secret: bytes, purpose: str) -> bytes:
    return hmac.new(secret, _PREFIX + purpose.encode(), hashlib.sha256).digest()


@dataclass(frozen=True)
class AnonymizeKey:
    """Sub-keys of one secret. ``repr`` shows only ``key_id``."""

    key_id: str
    _mac: Callable[[str], str] = field(repr=False)
    aes_key: bytes | None = field(default=None, repr=False)  # 256 bits; None for the audit key

    @classmethod
    def from_secret(cls, secret: bytes) -> "AnonymizeKey":
        if len(secret) < MIN_SECRET_BYTES:
            raise AnonymizeKeyError(f"the key must be at least {MIN_SECRET_BYTES} bytes")
        mac_key = _derive(secret, "hmac")
        return cls(
            key_id=_derive(secret, "key-id").hex()[:16],
            _mac=lambda msg: hmac.new(mac_key, msg.encode("utf-8"), hashlib.sha256).hexdigest(),
            aes_key=_derive(secret, "aes-256"),
        )

    @classmethod
    def from_audit_key(cls, audit_key) -> "AnonymizeKey":  # type: ignore[no-untyped-def]
        return cls(key_id=audit_key.key_id, _mac=lambda msg: audit_key.mac("value", "masking-anonymize/v1\x00" + msg))

    def mac(self, message: str) -> str:
        return self._mac(message)


def parse_secret(text: str) -> bytes:
    raw = decode_secret(text)
    if raw is None:
        raise AnonymizeKeyError("the key file holds neither hex nor base64")
    return raw


def read_key_file(path: str | Path) -> AnonymizeKey:
    p = Path(path)
    return AnonymizeKey.from_secret(parse_secret(read_private_text(p, f"key file {p.name}", AnonymizeKeyError)))


def create_key_file(path: str | Path) -> AnonymizeKey:
    """A new random 32-byte secret in ``path`` (mode 0600); an existing file is never replaced."""
    p = Path(path)
    secret = secrets.token_bytes(32)
    try:
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise AnonymizeKeyError(f"key file {p.name} exists already; it is not replaced") from None
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secret.hex() + "\n")
    return AnonymizeKey.from_secret(secret)


def audit_hmac_key(audit=None) -> AnonymizeKey:  # type: ignore[no-untyped-def]
    """The audit log's key (that of ``audit``, an open :class:`masking.audit.AuditLog`, else
    ``MASKING_AUDIT_KEY`` / ``MASKING_AUDIT_KEY_FILE`` / the key file beside the default SQLite
    store), for ``hmac`` without ``--key-file``."""
    if audit is not None:
        return AnonymizeKey.from_audit_key(audit.key)
    from ..audit.log import _coerce_key  # the audit log's own lookup of its key

    url = os.environ.get("MASKING_AUDIT_URL") or None
    return AnonymizeKey.from_audit_key(_coerce_key(None, url, create=True))
