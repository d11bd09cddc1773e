"""Where audit events are kept: SQLite (default) or PostgreSQL, behind one small interface.

A store knows rows, not cryptography: :meth:`AuditStore.append` takes the last (seq, hash) under
a write lock that serialises every appender (SQLite ``BEGIN IMMEDIATE``; PostgreSQL ``LOCK TABLE
... IN EXCLUSIVE MODE``), lets the log build the new event from it, and writes the event, the
signed head and an optional anchor in the same transaction. Both stores refuse UPDATE and DELETE
of events and anchors with triggers (PostgreSQL also TRUNCATE); the hash chain is what detects
tampering by someone who gets past them.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import AuditConfigError

URL_ENV = "MASKING_AUDIT_URL"
PAGE = 1000


@dataclass(frozen=True)
class EventRow:
    seq: int
    event_id: str
    time: str
    kind: str
    document_id: Optional[str]
    hash: str
    body: str  # canonical JSON of the whole event, hash and mac included


@dataclass(frozen=True)
class HeadRow:
    """The signed claim "the log ends at ``seq`` with ``hash``", rewritten on every append."""

    seq: int
    hash: str
    key_id: str
    mac: str


@dataclass(frozen=True)
class AnchorRow:
    """The signed claim "event ``seq`` of log ``log`` (hash of event 1) had ``hash``"."""

    log: str
    seq: int
    hash: str
    time: str
    key_id: str
    mac: str

    def to_dict(self) -> dict:
        return {"log": self.log, "seq": self.seq, "hash": self.hash, "time": self.time, "key_id": self.key_id, "mac": self.mac}


Build = Callable[[int, str], "tuple[EventRow, HeadRow, Optional[AnchorRow]]"]
_EVENT_COLS = "seq, event_id, time, kind, document_id, hash, body"


class AuditStore:
    """Interface; see :class:`SQLiteStore` and :class:`PostgresStore`."""

    description = "audit store"
    ph = "?"  # parameter placeholder

    def append(self, build: Build) -> EventRow:
        return self.append_many([build])[-1]

    def append_many(self, builds: list[Build]) -> list[EventRow]:
        """Like :meth:`append` for each build in turn (each on the row before it), in one
        transaction under one write lock."""
        raise NotImplementedError

    def _query(self, sql: str, params: tuple) -> list[tuple]:
        raise NotImplementedError

    def _append_chain(self, c: Any, builds: list[Build]) -> list[EventRow]:
        """Inside the caller's write transaction on connection ``c``: each build on the row before
        it (the store's last row first), its event and anchor written, then the head naming the
        last event. The SQL both stores share, in the store's placeholder and table names."""
        p = self.ph
        rows: list[EventRow] = []
        last = c.execute(f"SELECT seq, hash FROM {self.t_events} ORDER BY seq DESC LIMIT 1").fetchone()
        head = None
        for build in builds:
            row, head, anchor = build(*(last or (0, None)))
            c.execute(f"INSERT INTO {self.t_events} ({_EVENT_COLS}) VALUES ({', '.join([p] * 7)})",
                      (row.seq, row.event_id, row.time, row.kind, row.document_id, row.hash, row.body))
            if anchor is not None:
                self._insert_anchor(anchor)
            rows.append(row)
            last = (row.seq, row.hash)
        if head is not None:  # the head names the last event
            c.execute(f"INSERT INTO {self.t_head} (id, seq, hash, key_id, mac) VALUES (1, {p}, {p}, {p}, {p}) "
                      "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
                      "key_id = excluded.key_id, mac = excluded.mac", (head.seq, head.hash, head.key_id, head.mac))
        return rows

    def _insert_anchor(self, a: AnchorRow) -> None:
        raise NotImplementedError

    def add_anchor(self, anchor: AnchorRow) -> None:
        raise NotImplementedError

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one consistent state of the store."""
        yield

    def warnings(self) -> list[str]:
        return []

    def close(self) -> None:
        pass

    # --- reads shared by both stores ---
    def _page(self, after_seq: int, start: Optional[str], end: Optional[str], document_id: Optional[str], kind: Optional[str]) -> list[EventRow]:
        p = self.ph
        where, params = [f"seq > {p}"], [after_seq]
        for col, op, val in (("time", ">=", start), ("time", "<", end), ("document_id", "=", document_id), ("kind", "=", kind)):
            if val is not None:
                where.append(f"{col} {op} {p}")
                params.append(val)
        sql = f"SELECT {_EVENT_COLS} FROM {self.t_events} WHERE {' AND '.join(where)} ORDER BY seq LIMIT {PAGE}"
        return [EventRow(*r) for r in self._query(sql, tuple(params))]

    def iter_rows(self, *, start: Optional[str] = None, end: Optional[str] = None, document_id: Optional[str] = None, kind: Optional[str] = None) -> Iterator[EventRow]:
        """Rows in seq order, fetched a page at a time (keyset pagination)."""
        after = 0
        while True:
            page = self._page(after, start, end, document_id, kind)
            yield from page
            if len(page) < PAGE:
                return
            after = page[-1].seq

    def last_row(self) -> Optional[EventRow]:
        rows = self._query(f"SELECT {_EVENT_COLS} FROM {self.t_events} ORDER BY seq DESC LIMIT 1", ())
        return EventRow(*rows[0]) if rows else None

    def first_row(self) -> Optional[EventRow]:
        rows = self._query(f"SELECT {_EVENT_COLS} FROM {self.t_events} ORDER BY seq LIMIT 1", ())
        return EventRow(*rows[0]) if rows else None

    def head(self) -> Optional[HeadRow]:
        rows = self._query(f"SELECT seq, hash, key_id, mac FROM {self.t_head} WHERE id = 1", ())
        return HeadRow(*rows[0]) if rows else None

    def anchors(self) -> list[AnchorRow]:
        return [AnchorRow(*r) for r in self._query(f"SELECT log, seq, hash, time, key_id, mac FROM {self.t_anchors} ORDER BY seq", ())]

    def __enter__(self) -> "AuditStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- SQLite ---------------------------------------------------------------------------------

_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_events (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    time TEXT NOT NULL,
    kind TEXT NOT NULL,
    document_id TEXT,
    hash TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_events_time ON audit_events(time);
CREATE INDEX IF NOT EXISTS audit_events_document ON audit_events(document_id);
CREATE TABLE IF NOT EXISTS audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    key_id TEXT NOT NULL,
    mac TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_anchors (
    seq INTEGER PRIMARY KEY,
    log TEXT NOT NULL,
    hash TEXT NOT NULL,
    time TEXT NOT NULL,
    key_id TEXT NOT NULL,
    mac TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'masking audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'masking audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_anchors_no_update BEFORE UPDATE ON audit_anchors
BEGIN SELECT RAISE(ABORT, 'masking audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_anchors_no_delete BEFORE DELETE ON audit_anchors
BEGIN SELECT RAISE(ABORT, 'masking audit log is append-only'); END;
"""
_SQLITE_TRIGGERS = {"audit_events_no_update", "audit_events_no_delete", "audit_anchors_no_update", "audit_anchors_no_delete"}


class SQLiteStore(AuditStore):
    """One file, WAL journal, ``synchronous=FULL``; created 0600 in a 0700 directory."""

    t_events, t_head, t_anchors = "audit_events", "audit_head", "audit_anchors"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.description = f"sqlite:{self.path}"
        self._lock = threading.RLock()
        try:
            if not self.path.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            self._conn = sqlite3.connect(self.path, timeout=60.0, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.executescript(_SQLITE_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise AuditConfigError(f"cannot open the audit store {self.description} ({type(exc).__name__})") from None

    def _query(self, sql: str, params: tuple) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def append_many(self, builds: list[Build]) -> list[EventRow]:
        with self._lock:
            c = self._conn
            c.execute("BEGIN IMMEDIATE")
            try:
                rows = self._append_chain(c, builds)
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
            return rows

    def _insert_anchor(self, a: AnchorRow) -> None:
        self._conn.execute("INSERT OR IGNORE INTO audit_anchors (seq, log, hash, time, key_id, mac) VALUES (?, ?, ?, ?, ?, ?)",
                           (a.seq, a.log, a.hash, a.time, a.key_id, a.mac))

    def add_anchor(self, anchor: AnchorRow) -> None:
        with self._lock:
            self._insert_anchor(anchor)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield
            finally:
                self._conn.execute("COMMIT")

    def warnings(self) -> list[str]:
        names = {r[0] for r in self._query("SELECT name FROM sqlite_master WHERE type = 'trigger'", ())}
        missing = sorted(_SQLITE_TRIGGERS - names)
        return [f"append-only trigger {n} is missing" for n in missing]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


# --- PostgreSQL -----------------------------------------------------------------------------

_IDENT = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_PG_TRIGGERS = {
    "audit_events": ("audit_events_append_only", "audit_events_no_truncate"),
    "audit_anchors": ("audit_anchors_append_only", "audit_anchors_no_truncate"),
}


class PostgresStore(AuditStore):
    """psycopg 3. Tables (in ``?schema=NAME`` if given) are created if missing; events and
    anchors get a row trigger rejecting UPDATE/DELETE and a statement trigger rejecting TRUNCATE.
    Run the application as a role that does not own the tables: only the owner or a superuser
    can switch the triggers off."""

    ph = "%s"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:  # pragma: no cover - a declared dependency
            raise AuditConfigError("PostgreSQL audit store needs psycopg (pip install 'psycopg[binary]')") from None
        self._psycopg = psycopg
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
        schema = next((v for k, v in query if k == "schema"), None)
        if schema is not None and not _IDENT.fullmatch(schema):
            raise AuditConfigError("audit store URL: schema must be a lower-case SQL identifier")
        self.schema = schema
        conninfo = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k != "schema"])))
        host = parts.hostname or "localhost"
        self.description = f"postgresql://{host}:{parts.port or 5432}{parts.path}" + (f"?schema={schema}" if schema else "")
        q = (lambda t: f'"{schema}"."{t}"') if schema else (lambda t: t)
        self.t_events, self.t_head, self.t_anchors = q("audit_events"), q("audit_head"), q("audit_anchors")
        self._fn = q("masking_audit_reject")
        self._lock = threading.RLock()
        kwargs = {} if "connect_timeout" in parts.query else {"connect_timeout": 10}
        try:
            self._conn = psycopg.connect(conninfo, autocommit=True, **kwargs)
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            raise AuditConfigError(f"cannot connect to the audit store {self.description} ({first})") from None
        try:
            self._setup()
        except psycopg.Error as exc:
            self._conn.close()
            raise AuditConfigError(f"cannot create the audit tables in {self.description} ({type(exc).__name__})") from None

    def _regclass(self, table: str) -> Optional[str]:
        return self._conn.execute("SELECT to_regclass(%s)::text", (table,)).fetchone()[0]

    def _triggers(self) -> dict[str, str]:
        """Trigger name → tgenabled ('O' on, 'D' disabled, ...) on events and anchors."""
        out: dict[str, str] = {}
        for table in (self.t_events, self.t_anchors):
            if self._regclass(table) is None:
                continue
            for name, enabled in self._conn.execute(
                "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal", (table,)
            ).fetchall():
                out[name] = enabled.decode() if isinstance(enabled, bytes) else str(enabled)
        return out

    def _setup(self) -> None:
        wanted = {t for ts in _PG_TRIGGERS.values() for t in ts}
        tables = (self.t_events, self.t_head, self.t_anchors)
        if all(self._regclass(t) for t in tables) and wanted <= set(self._triggers()):
            return  # nothing to create: a role without DDL rights can use the store
        c = self._conn
        with c.transaction():
            c.execute("SELECT pg_advisory_xact_lock(hashtext('masking-audit-setup'))")
            if self.schema:
                c.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            c.execute(f"""CREATE TABLE IF NOT EXISTS {self.t_events} (
                seq BIGINT PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, time TEXT NOT NULL, kind TEXT NOT NULL,
                document_id TEXT, hash TEXT NOT NULL, body TEXT NOT NULL)""")
            c.execute(f"CREATE INDEX IF NOT EXISTS audit_events_time ON {self.t_events} (time)")
            c.execute(f"CREATE INDEX IF NOT EXISTS audit_events_document ON {self.t_events} (document_id)")
            c.execute(f"""CREATE TABLE IF NOT EXISTS {self.t_head} (
                id SMALLINT PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL,
                key_id TEXT NOT NULL, mac TEXT NOT NULL)""")
            c.execute(f"""CREATE TABLE IF NOT EXISTS {self.t_anchors} (
                seq BIGINT PRIMARY KEY, log TEXT NOT NULL, hash TEXT NOT NULL, time TEXT NOT NULL,
                key_id TEXT NOT NULL, mac TEXT NOT NULL)""")
            c.execute(f"""CREATE OR REPLACE FUNCTION {self._fn}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'masking audit log is append-only: % on % rejected', TG_OP, TG_TABLE_NAME; END $$""")
            have = set(self._triggers())
            for table, (row_trigger, trunc_trigger) in _PG_TRIGGERS.items():
                qualified = self.t_events if table == "audit_events" else self.t_anchors
                if row_trigger not in have:
                    c.execute(f"CREATE TRIGGER {row_trigger} BEFORE UPDATE OR DELETE ON {qualified} "
                              f"FOR EACH ROW EXECUTE FUNCTION {self._fn}()")
                if trunc_trigger not in have:
                    c.execute(f"CREATE TRIGGER {trunc_trigger} BEFORE TRUNCATE ON {qualified} "
                              f"FOR EACH STATEMENT EXECUTE FUNCTION {self._fn}()")

    def _query(self, sql: str, params: tuple) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def append_many(self, builds: list[Build]) -> list[EventRow]:
        with self._lock, self._conn.transaction():
            c = self._conn
            c.execute(f"LOCK TABLE {self.t_events} IN EXCLUSIVE MODE")
            return self._append_chain(c, builds)

    def _insert_anchor(self, a: AnchorRow) -> None:
        self._conn.execute(f"INSERT INTO {self.t_anchors} (seq, log, hash, time, key_id, mac) VALUES (%s, %s, %s, %s, %s, %s) "
                           "ON CONFLICT (seq) DO NOTHING", (a.seq, a.log, a.hash, a.time, a.key_id, a.mac))

    def add_anchor(self, anchor: AnchorRow) -> None:
        with self._lock:
            self._insert_anchor(anchor)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        with self._lock, self._conn.transaction():
            self._conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield

    def warnings(self) -> list[str]:
        have = self._triggers()
        out = []
        for names in _PG_TRIGGERS.values():
            for n in names:
                if n not in have:
                    out.append(f"append-only trigger {n} is missing")
                elif have[n] == "D":
                    out.append(f"append-only trigger {n} is disabled")
        return out

    def close(self) -> None:
        with self._lock:
            self._conn.close()


# --- choosing a store -----------------------------------------------------------------------


def default_sqlite_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "masking" / "audit.sqlite3"


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def sqlite_path_for(url: Optional[str]) -> Optional[Path]:
    """The SQLite file a store URL names (None for PostgreSQL)."""
    url = url if url is not None else (os.environ.get(URL_ENV) or None)
    if not url:
        return default_sqlite_path()
    if is_postgres_url(url):
        return None
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite://"):])
    if "://" in url:
        raise AuditConfigError(f"{URL_ENV}: expected a SQLite file path or a postgresql:// URL")
    return Path(url).expanduser()


def open_store(url: Optional[str] = None) -> AuditStore:
    """The store ``url`` names, else ``MASKING_AUDIT_URL``, else the default SQLite file."""
    url = url if url is not None else (os.environ.get(URL_ENV) or None)
    if url and is_postgres_url(url):
        return PostgresStore(url)
    path = sqlite_path_for(url)
    assert path is not None
    return SQLiteStore(path)


__all__ = [
    "AnchorRow", "AuditStore", "EventRow", "HeadRow", "PostgresStore", "SQLiteStore",
    "default_sqlite_path", "open_store", "sqlite_path_for",
]
