"""API keys: created once, shown once, stored only as a salted hash.

A key reads ``msk_<key id>_<secret>``: the key id (12 hex digits) finds the row, the secret
(32 random bytes, URL-safe base64) is checked against ``SHA-256(salt || secret)`` with a
constant-time compare. A slow password hash (scrypt, bcrypt) protects *guessable* secrets; a
256-bit random secret cannot be brute-forced from its hash, so a fast salted hash is the right
tool and keeps every request cheap. Revoking a key takes effect on the next request.

Roles (one per key):

============  =====================================================================
registrar     upload documents for review, review, apply, release, download
reviewer      review (decide) and preview documents of the organisation
auditor       read and verify the audit log (events of the organisation's documents)
integration   the one-shot API for case systems (POST /v1/redact, jobs), text analysis
admin         manage the organisation's API keys, read /metrics
============  =====================================================================
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Optional

from masking.errors import ConfigError

from .db import KeyRow, ServiceDB

ROLES = ("registrar", "reviewer", "auditor", "integration", "admin")
PREFIX = "msk_"
_KEY = re.compile(r"msk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})")
_ORG = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_ACTOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}")
_IDNUMBER = re.compile(r"\d{6}")  # no personnummer-like digits in an actor id (it goes into the audit log)


class ApiKeyError(ConfigError):
    """A key cannot be created or revoked (bad role, organisation or actor id)."""

    kind = "keys"


@dataclass(frozen=True)
class ApiKey:
    key_id: str
    org: str
    actor: str
    role: str


def _digest(salt: bytes, secret: str) -> bytes:
    return hashlib.sha256(salt + secret.encode("ascii")).digest()


def check_org(org: str) -> str:
    if not isinstance(org, str) or not _ORG.fullmatch(org):
        raise ApiKeyError("organisation must be 1-64 characters of a-z 0-9 . _ - (starting with a letter or digit)")
    return org


def check_actor(actor: str) -> str:
    if not isinstance(actor, str) or not _ACTOR.fullmatch(actor) or _IDNUMBER.search(actor):
        raise ApiKeyError("user id must be 1-64 characters of letters, digits and . _ @ + - (no identity numbers)")
    return actor


def create_key(db: ServiceDB, role: str, org: str = "default", actor: Optional[str] = None) -> tuple[str, ApiKey]:
    """A new key: returns (the secret key string, shown once; its record)."""
    if role not in ROLES:
        raise ApiKeyError(f"role must be one of {', '.join(ROLES)}")
    check_org(org)
    key_id = secrets.token_hex(6)
    actor = check_actor(actor) if actor else f"key-{key_id}"
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_bytes(16)
    db.add_key(key_id, org, actor, role, salt, _digest(salt, secret))
    return f"{PREFIX}{key_id}_{secret}", ApiKey(key_id, org, actor, role)


def parse_key(presented: str) -> Optional[tuple[str, str]]:
    m = _KEY.fullmatch(presented.strip()) if isinstance(presented, str) else None
    return (m.group(1), m.group(2)) if m else None


def verify_key(db: ServiceDB, presented: str) -> Optional[ApiKey]:
    """The key's record if ``presented`` is a valid, unrevoked key; else None (no reason given)."""
    parsed = parse_key(presented)
    if parsed is None:
        return None
    key_id, secret = parsed
    row = db.key(key_id)
    if row is None or row.revoked:
        _digest(b"\0" * 16, secret)  # same work either way
        return None
    if not hmac.compare_digest(row.hash, _digest(row.salt, secret)):
        return None
    return _api_key(row)


def active_key(db: ServiceDB, key_id: str) -> Optional[ApiKey]:
    """The record of an unrevoked key by id (for browser sessions, which hold only the id)."""
    row = db.key(key_id)
    return None if row is None or row.revoked else _api_key(row)


def _api_key(row: KeyRow) -> ApiKey:
    return ApiKey(row.key_id, row.org, row.actor, row.role)


def describe(row: KeyRow) -> dict:
    """A key as listed (never the hash or salt)."""
    return {"key_id": row.key_id, "org": row.org, "user": row.actor, "role": row.role, "created": row.created,
            "revoked": row.revoked}
