"""The audit secret: where it comes from, and the keyed MACs derived from it.

Order: ``MASKING_AUDIT_KEY`` (hex or base64, at least 16 bytes) → ``MASKING_AUDIT_KEY_FILE`` (a
file holding the same) → for a SQLite store only, a key file next to the store (``audit.key``
beside ``audit.sqlite3``), created with mode 0600 on first use. A PostgreSQL store needs an
explicit key: several hosts must share it. The key is never logged, printed or put in a message;
only its ``key_id`` (a keyed fingerprint) is stored.

Sub-keys are derived per purpose (event seals, the signed head, anchors, linkable values), so a
MAC made for one purpose is never valid for another.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import secrets
import stat
import unicodedata
from pathlib import Path
from typing import Optional

from ..errors import AuditConfigError

KEY_ENV = "MASKING_AUDIT_KEY"
KEY_FILE_ENV = "MASKING_AUDIT_KEY_FILE"
MIN_KEY_BYTES = 16
_PURPOSES = ("event", "head", "anchor", "value", "key-id")


class AuditKey:
    """An HMAC-SHA256 key with per-purpose sub-keys. ``repr`` shows only the key id."""

    __slots__ = ("_sub", "key_id")

    def __init__(self, secret: bytes) -> None:
        if not isinstance(secret, (bytes, bytearray)) or len(secret) < MIN_KEY_BYTES:
            raise AuditConfigError(f"audit key must be at least {MIN_KEY_BYTES} bytes")
        self._sub = {p: hmac.new(bytes(secret), b"masking-audit/v1/" + p.encode(), hashlib.sha256).digest() for p in _PURPOSES}
        self.key_id = self._sub["key-id"].hex()[:16]

    def mac(self, purpose: str, message: str) -> str:
        return hmac.new(self._sub[purpose], message.encode("utf-8"), hashlib.sha256).hexdigest()

    def check(self, purpose: str, message: str, mac: object) -> bool:
        return isinstance(mac, str) and hmac.compare_digest(self.mac(purpose, message), mac)

    def value_hmac(self, value: str) -> str:
        """A linkable, unreadable stand-in for a value: the same value gives the same string
        under the same key. The value is NFC-normalised; normalise case/spacing yourself."""
        if not isinstance(value, str):
            raise TypeError("value_hmac takes a string")
        return "hmac-sha256:" + self.mac("value", unicodedata.normalize("NFC", value))

    def __repr__(self) -> str:
        return f"AuditKey(key_id={self.key_id})"


def decode_secret(text: str) -> Optional[bytes]:
    """The bytes of a key written as hex or base64 (standard or URL-safe, padding optional), or
    None when it is neither. Also used by ``masking anonymize``'s key files."""
    s = text.strip()
    if re.fullmatch(r"(?:[0-9a-fA-F]{2})+", s):
        return bytes.fromhex(s)
    padded = s + "=" * (-len(s) % 4)
    try:
        if re.fullmatch(r"[A-Za-z0-9+/]+=*", padded):
            return base64.b64decode(padded, validate=True)
        if re.fullmatch(r"[A-Za-z0-9_-]+=*", padded):
            return base64.urlsafe_b64decode(padded)
    except (binascii.Error, ValueError):
        pass
    return None


def read_private_text(path: Path, label: str, error: type[Exception]) -> str:
    """The text of a key file that only its owner may read or write; ``error`` naming ``label``
    when it is open to others, missing or unreadable. Also used by ``masking anonymize``."""
    try:
        if path.stat().st_mode & (stat.S_IROTH | stat.S_IWOTH | stat.S_IWGRP):
            raise error(f"{label} is readable or writable by others (chmod 600 it)")
        return path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise error(f"{label} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{label} cannot be read ({type(exc).__name__})") from None


def parse_key(text: str, where: str) -> AuditKey:
    raw = decode_secret(text)
    if raw is None:
        raise AuditConfigError(f"audit key from {where} is neither hex nor base64")
    if len(raw) < MIN_KEY_BYTES:
        raise AuditConfigError(f"audit key from {where} is shorter than {MIN_KEY_BYTES} bytes")
    return AuditKey(raw)


def read_key_file(path: Path) -> AuditKey:
    return parse_key(read_private_text(path, f"audit key file {path}", AuditConfigError), f"key file {path}")


def create_key_file(path: Path) -> AuditKey:
    """Create ``path`` (mode 0600) with a new random key unless it exists; return the key in it.

    Safe against two processes starting at once: the key is written to a private temporary
    file and linked into place, so a reader never sees a half-written key.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_hex(32) + "\n")
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process won; use its key
        finally:
            tmp.unlink(missing_ok=True)
    return read_key_file(path)


def load_key(default_key_file: Optional[Path], create: bool = True) -> AuditKey:
    """The configured key; ``default_key_file`` (for SQLite stores) is used when nothing is set,
    and created if ``create``."""
    env = os.environ.get(KEY_ENV)
    if env:
        return parse_key(env, KEY_ENV)
    file = os.environ.get(KEY_FILE_ENV)
    if file:
        return read_key_file(Path(file).expanduser())
    if default_key_file is None:
        raise AuditConfigError(f"no audit key: set {KEY_ENV} or {KEY_FILE_ENV} (required for a PostgreSQL store)")
    if not create:
        return read_key_file(default_key_file)
    return create_key_file(default_key_file)
