"""The service database (SQLite, 0600): API keys (hashed) and document/job records.

A record holds ids, the owning organisation, the uploader's actor id, status, counts, SHA-256s
and a keyed HMAC of the case reference: never a file name, a value or any text from a document.
One file per deployment (WAL mode, so several HTTP worker processes on one host can share it).
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from masking.errors import ConfigError

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    key_id     TEXT PRIMARY KEY,
    org        TEXT NOT NULL,
    actor      TEXT NOT NULL,
    role       TEXT NOT NULL,
    salt       BLOB NOT NULL,
    hash       BLOB NOT NULL,
    created    TEXT NOT NULL,
    revoked    TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL,            -- review | job
    org                TEXT NOT NULL,
    owner              TEXT NOT NULL,            -- actor id of the uploader
    status             TEXT NOT NULL,
    policy             TEXT NOT NULL,
    protected_identity INTEGER NOT NULL DEFAULT 0,
    pages              INTEGER,
    bytes              INTEGER,
    input_sha256       TEXT,
    output_sha256      TEXT,
    masked_areas       INTEGER,
    case_ref           TEXT,                     -- hmac-sha256:... of the case reference
    error_kind         TEXT,
    error              TEXT,
    created            TEXT NOT NULL,
    updated            TEXT NOT NULL,
    expires            TEXT NOT NULL,
    purged             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS documents_org ON documents(org, kind, created);
CREATE INDEX IF NOT EXISTS documents_expires ON documents(purged, expires);
"""

DOC_COLUMNS = (
    "id", "kind", "org", "owner", "status", "policy", "protected_identity", "pages", "bytes", "input_sha256",
    "output_sha256", "masked_areas", "case_ref", "error_kind", "error", "created", "updated", "expires", "purged",
)


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def iso(t: _dt.datetime) -> str:
    return t.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class KeyRow:
    key_id: str
    org: str
    actor: str
    role: str
    salt: bytes
    hash: bytes
    created: str
    revoked: Optional[str]


@dataclass(frozen=True)
class DocumentRow:
    id: str
    kind: str
    org: str
    owner: str
    status: str
    policy: str
    protected_identity: bool
    pages: Optional[int]
    bytes: Optional[int]
    input_sha256: Optional[str]
    output_sha256: Optional[str]
    masked_areas: Optional[int]
    case_ref: Optional[str]
    error_kind: Optional[str]
    error: Optional[str]
    created: str
    updated: str
    expires: str
    purged: bool


class ServiceDB:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self.path.exists():
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            os.chmod(self.path, 0o600)
            self._conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA busy_timeout=30000")
            self._conn.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"cannot open the service database {self.path} ({type(exc).__name__})") from None
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _exec(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def ping(self) -> bool:
        try:
            self._exec("SELECT 1")
            return True
        except sqlite3.Error:
            return False

    # -- keys ---------------------------------------------------------------------------------
    def add_key(self, key_id: str, org: str, actor: str, role: str, salt: bytes, digest: bytes) -> None:
        self._exec(
            "INSERT INTO api_keys (key_id, org, actor, role, salt, hash, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key_id, org, actor, role, salt, digest, iso(utc_now())),
        )

    def key(self, key_id: str) -> Optional[KeyRow]:
        rows = self._exec("SELECT key_id, org, actor, role, salt, hash, created, revoked FROM api_keys WHERE key_id = ?",
                          (key_id,))
        return KeyRow(*rows[0]) if rows else None

    def keys(self, org: Optional[str] = None) -> list[KeyRow]:
        sql = "SELECT key_id, org, actor, role, salt, hash, created, revoked FROM api_keys"
        rows = self._exec(sql + (" WHERE org = ?" if org else "") + " ORDER BY created, key_id", (org,) if org else ())
        return [KeyRow(*r) for r in rows]

    def revoke_key(self, key_id: str, org: Optional[str] = None) -> bool:
        sql = "UPDATE api_keys SET revoked = ? WHERE key_id = ? AND revoked IS NULL"
        params: tuple = (iso(utc_now()), key_id)
        if org:
            sql += " AND org = ?"
            params += (org,)
        with self._lock:
            cur = self._conn.execute(sql, params)
            return cur.rowcount > 0

    # -- documents and jobs ---------------------------------------------------------------------
    def add_document(self, **values: Any) -> None:
        now = iso(utc_now())
        values.setdefault("created", now)
        values.setdefault("updated", now)
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self._exec(f"INSERT INTO documents ({cols}) VALUES ({marks})", tuple(values.values()))

    def update_document(self, doc_id: str, **values: Any) -> None:
        for k in values:
            if k not in DOC_COLUMNS or k == "id":
                raise ValueError(k)
        values["updated"] = iso(utc_now())
        sets = ", ".join(f"{k} = ?" for k in values)
        self._exec(f"UPDATE documents SET {sets} WHERE id = ?", tuple(values.values()) + (doc_id,))

    def document(self, doc_id: str) -> Optional[DocumentRow]:
        rows = self._exec(f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE id = ?", (doc_id,))
        return _doc(rows[0]) if rows else None

    def documents(self, org: str, kind: str, limit: int = 100, case_ref: Optional[str] = None) -> list[DocumentRow]:
        sql = f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE org = ? AND kind = ?"
        params: tuple = (org, kind)
        if case_ref:
            sql += " AND case_ref = ?"
            params += (case_ref,)
        rows = self._exec(sql + " ORDER BY created DESC, rowid DESC LIMIT ?", params + (limit,))
        return [_doc(r) for r in rows]

    def document_ids(self, org: str) -> set[str]:
        return {r[0] for r in self._exec("SELECT id FROM documents WHERE org = ?", (org,))}

    def expired(self, now: Optional[_dt.datetime] = None) -> list[str]:
        rows = self._exec("SELECT id FROM documents WHERE purged = 0 AND expires <= ?", (iso(now or utc_now()),))
        return [r[0] for r in rows]


def _doc(row: tuple) -> DocumentRow:
    d = dict(zip(DOC_COLUMNS, row))
    d["protected_identity"] = bool(d["protected_identity"])
    d["purged"] = bool(d["purged"])
    return DocumentRow(**d)
