"""The service's state store: API keys (hashed) and document/job records.

One interface (:class:`ServiceDB`), two implementations chosen from the location:

* a file path: SQLite (0600, WAL mode, so several HTTP worker processes on *one* host share it);
* a ``postgresql://`` URL (optionally ``?schema=NAME``, as the audit log's URL): PostgreSQL,
  shared by every instance of the service on every host.

``ServiceDB(location)`` (or :func:`open_service_db`) returns the right one. Tables are created
if missing and columns added if missing, idempotently and safely when several instances start
at once. Changes to one document are serialised across processes and hosts by
:meth:`ServiceDB.document_lock` (a file lock in the document's directory on SQLite, an advisory
lock on PostgreSQL).

A record holds ids, the owning organisation, the uploader's actor id, status, counts, SHA-256s
and a keyed HMAC of the case reference: never a file name, a value or any text from a document.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import hashlib
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Union
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from masking.errors import ConfigError

Location = Union[str, Path]

# (name, type, constraint) of the documents table. A new column is added here (and to
# DocumentRow): an existing database gets it on the next start (ALTER TABLE ... ADD COLUMN).
DOCUMENT_TABLE: tuple[tuple[str, str, str], ...] = (
    ("id", "TEXT", "PRIMARY KEY"),
    ("kind", "TEXT", "NOT NULL"),  # review | job
    ("org", "TEXT", "NOT NULL"),
    ("owner", "TEXT", "NOT NULL"),  # actor id of the uploader
    ("status", "TEXT", "NOT NULL"),
    ("policy", "TEXT", "NOT NULL"),
    ("protected_identity", "INTEGER", "NOT NULL DEFAULT 0"),
    ("pages", "INTEGER", ""),
    ("bytes", "BIGINT", ""),
    ("input_sha256", "TEXT", ""),
    ("output_sha256", "TEXT", ""),
    ("masked_areas", "INTEGER", ""),
    ("case_ref", "TEXT", ""),  # hmac-sha256:... of the case reference
    ("error_kind", "TEXT", ""),
    ("error", "TEXT", ""),
    ("created", "TEXT", "NOT NULL"),
    ("updated", "TEXT", "NOT NULL"),
    ("expires", "TEXT", "NOT NULL"),
    ("purged", "INTEGER", "NOT NULL DEFAULT 0"),
    # an asynchronous job's runner (a service instance's random id) and when it last said it is alive;
    # a job whose runner fell silent is taken over by another instance (claim_orphan_job)
    ("runner", "TEXT", ""),
    ("heartbeat", "TEXT", ""),
)
DOC_COLUMNS = tuple(name for name, _, _ in DOCUMENT_TABLE)
KEY_COLUMNS = ("key_id", "org", "actor", "role", "salt", "hash", "created", "revoked")


def _documents_ddl(table: str, order_column: str) -> str:
    cols = ",\n    ".join(f"{n} {t} {c}".rstrip() for n, t, c in DOCUMENT_TABLE)
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    {cols}{order_column}\n)"


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def iso(t: _dt.datetime) -> str:
    return t.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_postgres_url(location: Location) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


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
    runner: Optional[str] = None
    heartbeat: Optional[str] = None


class DocumentLock:
    """An exclusive lock on one document across processes (and, on PostgreSQL, hosts), taken
    without blocking: :meth:`try_acquire` is polled by the caller (an event loop must not block,
    and a cancelled wait must not leave a lock taken behind it)."""

    def try_acquire(self) -> bool:
        raise NotImplementedError

    def release(self) -> None:
        raise NotImplementedError


class _FileLock(DocumentLock):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: Optional[int] = None

    def try_acquire(self) -> bool:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the flock
            self._fd = None


class ServiceDB:
    """The store interface; ``ServiceDB(location)`` opens the implementation the location names."""

    ph = "?"  # the driver's parameter mark; SQL below is written with ?
    order_column = "rowid"  # insertion order, to break ties in ``created``
    description = ""

    def __new__(cls, location: Location, *args: Any, **kwargs: Any) -> "ServiceDB":
        if cls is ServiceDB:
            cls = PostgresServiceDB if is_postgres_url(location) else SQLiteServiceDB
        return super().__new__(cls)

    # -- implemented per backend ------------------------------------------------------------------
    def _exec(self, sql: str, params: tuple = ()) -> list[tuple]:
        raise NotImplementedError

    def _count(self, sql: str, params: tuple = ()) -> int:
        """Run a change; the number of rows it changed."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def document_lock(self, doc_id: str, lock_file: Path) -> DocumentLock:
        raise NotImplementedError

    # -- shared --------------------------------------------------------------------------------
    def ping(self) -> bool:
        try:
            self._exec("SELECT 1")
            return True
        except Exception:  # noqa: BLE001 - any failure: not ready
            return False

    # -- keys ---------------------------------------------------------------------------------
    def add_key(self, key_id: str, org: str, actor: str, role: str, salt: bytes, digest: bytes) -> None:
        self._count(
            "INSERT INTO api_keys (key_id, org, actor, role, salt, hash, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key_id, org, actor, role, salt, digest, iso(utc_now())),
        )

    def key(self, key_id: str) -> Optional[KeyRow]:
        rows = self._exec(f"SELECT {', '.join(KEY_COLUMNS)} FROM api_keys WHERE key_id = ?", (key_id,))
        return _key(rows[0]) if rows else None

    def keys(self, org: Optional[str] = None) -> list[KeyRow]:
        sql = f"SELECT {', '.join(KEY_COLUMNS)} FROM api_keys"
        rows = self._exec(sql + (" WHERE org = ?" if org else "") + " ORDER BY created, key_id", (org,) if org else ())
        return [_key(r) for r in rows]

    def revoke_key(self, key_id: str, org: Optional[str] = None) -> bool:
        sql = "UPDATE api_keys SET revoked = ? WHERE key_id = ? AND revoked IS NULL"
        params: tuple = (iso(utc_now()), key_id)
        if org:
            sql += " AND org = ?"
            params += (org,)
        return self._count(sql, params) > 0

    # -- documents and jobs ---------------------------------------------------------------------
    def add_document(self, **values: Any) -> None:
        for k in values:
            if k not in DOC_COLUMNS:
                raise ValueError(k)
        now = iso(utc_now())
        values.setdefault("created", now)
        values.setdefault("updated", now)
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self._count(f"INSERT INTO documents ({cols}) VALUES ({marks})", tuple(values.values()))

    def update_document(self, doc_id: str, **values: Any) -> None:
        for k in values:
            if k not in DOC_COLUMNS or k == "id":
                raise ValueError(k)
        values["updated"] = iso(utc_now())
        sets = ", ".join(f"{k} = ?" for k in values)
        self._count(f"UPDATE documents SET {sets} WHERE id = ?", tuple(values.values()) + (doc_id,))

    def mark_purged(self, doc_id: str) -> bool:
        """Record that a document's files are gone; False if it was recorded already (another
        instance's retention run got there first)."""
        return self._count("UPDATE documents SET purged = 1, updated = ? WHERE id = ? AND purged = 0",
                           (iso(utc_now()), doc_id)) > 0

    # -- asynchronous jobs across instances --------------------------------------------------------
    _ACTIVE_JOB = "kind = 'job' AND status IN ('queued', 'running') AND purged = 0"
    skip_locked = ""  # PostgreSQL: FOR UPDATE SKIP LOCKED (SQLite has one writer at a time)

    def heartbeat(self, runner: str) -> int:
        """``runner`` is alive: its unfinished jobs are not taken over. Returns how many it holds."""
        return self._count(f"UPDATE documents SET heartbeat = ? WHERE runner = ? AND {self._ACTIVE_JOB}",
                           (iso(utc_now()), runner))

    def release_jobs(self, runner: str) -> int:
        """``runner`` is stopping: its unfinished jobs may be taken over at once."""
        return self._count(f"UPDATE documents SET heartbeat = ? WHERE runner = ? AND {self._ACTIVE_JOB}",
                           ("1970-01-01T00:00:00Z", runner))

    def claim_orphan_job(self, runner: str, silent_since: _dt.datetime) -> Optional[str]:
        """Take over one unfinished job whose runner has not said it is alive since
        ``silent_since`` (it stopped, or its host went away); at most one instance gets it."""
        now = iso(utc_now())
        rows = self._exec(
            f"UPDATE documents SET runner = ?, heartbeat = ?, updated = ? WHERE id = ("
            f"SELECT id FROM documents WHERE {self._ACTIVE_JOB} AND heartbeat IS NOT NULL AND heartbeat < ? "
            f"ORDER BY created LIMIT 1{self.skip_locked}) AND {self._ACTIVE_JOB} RETURNING id",
            (runner, now, now, iso(silent_since)))
        return rows[0][0] if rows else None

    def document(self, doc_id: str) -> Optional[DocumentRow]:
        rows = self._exec(f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE id = ?", (doc_id,))
        return _doc(rows[0]) if rows else None

    def documents(self, org: str, kind: str, limit: int = 100, case_ref: Optional[str] = None) -> list[DocumentRow]:
        sql = f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE org = ? AND kind = ?"
        params: tuple = (org, kind)
        if case_ref:
            sql += " AND case_ref = ?"
            params += (case_ref,)
        rows = self._exec(sql + f" ORDER BY created DESC, {self.order_column} DESC LIMIT ?", params + (limit,))
        return [_doc(r) for r in rows]

    def document_ids(self, org: str) -> set[str]:
        return {r[0] for r in self._exec("SELECT id FROM documents WHERE org = ?", (org,))}

    def expired(self, now: Optional[_dt.datetime] = None) -> list[str]:
        rows = self._exec("SELECT id FROM documents WHERE purged = 0 AND expires <= ?", (iso(now or utc_now()),))
        return [r[0] for r in rows]


# --- SQLite ------------------------------------------------------------------------------------

_SQLITE_KEYS = """
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
"""
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS documents_org ON {documents}(org, kind, created)",
    "CREATE INDEX IF NOT EXISTS documents_expires ON {documents}(purged, expires)",
)


class SQLiteServiceDB(ServiceDB):
    """One file on one host (0600, WAL)."""

    def __init__(self, path: Location) -> None:
        self.path = Path(path)
        self.description = str(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self.path.exists():
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            os.chmod(self.path, 0o600)
            self._conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA busy_timeout=30000")
            self._setup()
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"cannot open the service database {self.path} ({type(exc).__name__})") from None
        self._lock = threading.RLock()

    def _setup(self) -> None:
        c = self._conn
        c.executescript(_SQLITE_KEYS)
        c.execute(_documents_ddl("documents", ""))
        have = {r[1] for r in c.execute("PRAGMA table_info(documents)")}
        for name, typ, constraint in DOCUMENT_TABLE:
            if name not in have:
                try:
                    c.execute(f"ALTER TABLE documents ADD COLUMN {name} {typ} {constraint}".rstrip())
                except sqlite3.OperationalError:  # another process added it just now
                    if name not in {r[1] for r in c.execute("PRAGMA table_info(documents)")}:
                        raise
        for ddl in _INDEXES:
            c.execute(ddl.format(documents="documents"))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _exec(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _count(self, sql: str, params: tuple = ()) -> int:
        with self._lock:
            return self._conn.execute(sql, params).rowcount

    def document_lock(self, doc_id: str, lock_file: Path) -> DocumentLock:
        return _FileLock(lock_file)


# --- PostgreSQL --------------------------------------------------------------------------------

_IDENT = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _pg_url(url: str) -> tuple[str, Optional[str], str]:
    """(conninfo without ``schema``, schema, a description without credentials)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), None)
    if schema is not None and not _IDENT.fullmatch(schema):
        raise ConfigError("service database URL: schema must be a lower-case SQL identifier")
    conninfo = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k != "schema"])))
    desc = f"postgresql://{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"
    return conninfo, schema, desc + (f"?schema={schema}" if schema else "")


class _AdvisoryLock(DocumentLock):
    """``pg_try_advisory_lock`` on a connection of its own: held until released, or until the
    connection ends (a process or host that dies releases its locks)."""

    def __init__(self, db: "PostgresServiceDB", doc_id: str) -> None:
        self.db = db
        # a 63-bit key from the document id, in a namespace of its own
        self.key = int.from_bytes(hashlib.sha256(b"masking-document:" + doc_id.encode()).digest()[:8], "big") >> 1
        self._conn: Any = None
        self._held = False

    def try_acquire(self) -> bool:
        if self._conn is None:
            self._conn = self.db._connect()
        self._held = bool(self._conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone()[0])
        return self._held

    def release(self) -> None:
        if self._conn is None:
            return
        try:
            if self._held:  # at once (the server ends a closed session's locks a moment later)
                self._conn.execute("SELECT pg_advisory_unlock(%s)", (self.key,))
        except Exception:  # noqa: BLE001 - a broken connection: closing it releases the lock
            pass
        finally:
            self._held = False
            self._conn.close()
            self._conn = None


class PostgresServiceDB(ServiceDB):
    """PostgreSQL (psycopg 3), shared by all instances. One connection per store, used under a
    lock (statements are short); it is opened again after it broke (a server restart)."""

    ph = "%s"
    order_column = "seq"
    skip_locked = " FOR UPDATE SKIP LOCKED"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:  # pragma: no cover - a declared dependency
            raise ConfigError("a PostgreSQL service database needs psycopg (pip install 'psycopg[binary]')") from None
        self._psycopg = psycopg
        self._conninfo, self.schema, self.description = _pg_url(url)
        self._lock = threading.RLock()
        self._conn: Any = None
        try:
            self._conn = self._connect()
            self._setup()
        except psycopg.Error as exc:
            if self._conn is not None:
                self._conn.close()
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            raise ConfigError(f"cannot open the service database {self.description} ({first})") from None

    def _connect(self) -> Any:
        kwargs: dict[str, Any] = {} if "connect_timeout" in self._conninfo else {"connect_timeout": 10}
        if self.schema:
            kwargs["options"] = f"-c search_path={self.schema}"
        return self._psycopg.connect(self._conninfo, autocommit=True, **kwargs)

    def _columns(self, table: str) -> set[str]:
        rows = self._conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s", (table,)).fetchall()
        return {r[0] for r in rows}

    def _setup(self) -> None:
        c = self._conn
        if self._columns("api_keys") and set(DOC_COLUMNS) <= self._columns("documents"):
            return  # nothing to create or add (no DDL, no table lock while other instances work)
        with c.transaction():
            c.execute("SELECT pg_advisory_xact_lock(hashtext('masking-service-setup'))")
            if self.schema:
                c.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            c.execute("""CREATE TABLE IF NOT EXISTS api_keys (
                key_id TEXT PRIMARY KEY, org TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
                salt BYTEA NOT NULL, hash BYTEA NOT NULL, created TEXT NOT NULL, revoked TEXT)""")
            c.execute(_documents_ddl("documents", ",\n    seq BIGINT GENERATED BY DEFAULT AS IDENTITY"))
            have = self._columns("documents")
            for name, typ, constraint in DOCUMENT_TABLE:
                if name not in have:
                    c.execute(f"ALTER TABLE documents ADD COLUMN {name} {typ} {constraint}".rstrip())
            for ddl in _INDEXES:
                c.execute(ddl.format(documents="documents"))

    def _connection(self) -> Any:
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._conn is not None:
                try:
                    self._conn.close()
                except Exception:  # noqa: BLE001 - it is broken already
                    pass
            self._conn = self._connect()
        return self._conn

    def _pg(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _run(self, sql: str, params: tuple, result: Callable[[Any], Any]) -> Any:
        """Run a statement; once more on a new connection if the old one was found broken (the
        server restarted, a proxy dropped it), so that one lost connection costs no request."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    return result(self._connection().execute(self._pg(sql), params))
                except self._psycopg.OperationalError:
                    if attempt == 2 or not (self._conn.closed or self._conn.broken):
                        raise

    def _exec(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self._run(sql, params, lambda cur: cur.fetchall() if cur.description else [])

    def _count(self, sql: str, params: tuple = ()) -> int:
        return self._run(sql, params, lambda cur: cur.rowcount)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()

    def document_lock(self, doc_id: str, lock_file: Path) -> DocumentLock:
        return _AdvisoryLock(self, doc_id)


def open_service_db(location: Location) -> ServiceDB:
    """The store at ``location``: a ``postgresql://`` URL, else a SQLite file path."""
    return ServiceDB(location)


def _key(row: tuple) -> KeyRow:
    d = dict(zip(KEY_COLUMNS, row))
    d["salt"], d["hash"] = bytes(d["salt"]), bytes(d["hash"])
    return KeyRow(**d)


def _doc(row: tuple) -> DocumentRow:
    d = dict(zip(DOC_COLUMNS, row))
    d["protected_identity"] = bool(d["protected_identity"])
    d["purged"] = bool(d["purged"])
    return DocumentRow(**d)
