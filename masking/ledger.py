"""The durable job ledger of ``masking batch``: one row per input file, in SQLite or PostgreSQL.

A row records what is needed to resume and to account for a batch, and nothing else: the
input's path relative to the input directory (the user's own file name), its size, mtime and
SHA-256, its page count, the status (``planned`` → ``running`` → ``done`` | ``failed``), the
number of attempts, timings, the output's relative path and SHA-256, the number of masked
areas, and on failure the error *class* and exit code. Never a value, never an error message.

Rows are keyed by ``(job, relpath)``; ``job`` is the resolved output directory, so one
PostgreSQL ledger can serve many batches (and many machines writing to shared storage).

Only the coordinating process writes the ledger (workers return outcomes to it), so SQLite on
the output volume is safe, and every state change is committed at once (WAL, synchronous=FULL).
A crash leaves rows ``planned``/``running``: the next run does them again. A file is skipped
when its row is ``done`` with the same content hash and its output is present.

URLs: a path or ``sqlite:///PATH`` (default ``OUT_DIR/.masking-ledger.sqlite3``), or
``postgresql://user@host:port/db[?schema=NAME]``.
"""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import LedgerError

DEFAULT_NAME = ".masking-ledger.sqlite3"
TABLE = "masking_batch_files"
_IDENT = re.compile(r"[a-z_][a-z0-9_]{0,62}")

STATUSES = ("planned", "running", "done", "failed")


def utcnow() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


@dataclass
class LedgerRow:
    job: str
    relpath: str
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""
    pages: int = 0
    status: str = "planned"
    attempts: int = 0
    output_relpath: str = ""
    output_sha256: str = ""
    masked_areas: int = 0
    error_kind: str = ""
    exit_code: int = 0
    seconds: float = 0.0
    planned_at: str = ""
    started_at: str = ""
    finished_at: str = ""


_COLUMNS = [f.name for f in fields(LedgerRow)]
_DDL = f"""CREATE TABLE IF NOT EXISTS {{table}} (
    job TEXT NOT NULL,
    relpath TEXT NOT NULL,
    size BIGINT NOT NULL DEFAULT 0,
    mtime_ns BIGINT NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL DEFAULT '',
    pages INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ({", ".join(f"'{s}'" for s in STATUSES)})),
    attempts INTEGER NOT NULL DEFAULT 0,
    output_relpath TEXT NOT NULL DEFAULT '',
    output_sha256 TEXT NOT NULL DEFAULT '',
    masked_areas INTEGER NOT NULL DEFAULT 0,
    error_kind TEXT NOT NULL DEFAULT '',
    exit_code INTEGER NOT NULL DEFAULT 0,
    seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
    planned_at TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL DEFAULT '',
    finished_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (job, relpath)
)"""


class Ledger:
    """SQLite or PostgreSQL through one small SQL dialect (``?`` placeholders are rewritten)."""

    def __init__(self, conn, *, paramstyle: str, table: str, description: str) -> None:
        self._conn = conn
        self._ps = paramstyle
        self.table = table
        self.description = description
        self._exec(_DDL.format(table=table))

    # -- plumbing --------------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self._ps == "format" else sql

    def _exec(self, sql: str, params: Iterable = ()):  # noqa: ANN202
        try:
            cur = self._conn.cursor()
            cur.execute(self._sql(sql), tuple(params))
            return cur
        except LedgerError:
            raise
        except Exception as exc:
            raise LedgerError(f"ledger {self.description}: {type(exc).__name__}") from None

    def close(self) -> None:
        try:
            self._conn.close()
        except Exception:
            pass

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------
    def rows(self, job: str) -> dict[str, LedgerRow]:
        cur = self._exec(f"SELECT {', '.join(_COLUMNS)} FROM {self.table} WHERE job = ?", (job,))
        return {r[1]: LedgerRow(*r) for r in cur.fetchall()}

    def get(self, job: str, relpath: str) -> Optional[LedgerRow]:
        cur = self._exec(
            f"SELECT {', '.join(_COLUMNS)} FROM {self.table} WHERE job = ? AND relpath = ?", (job, relpath)
        )
        r = cur.fetchone()
        return LedgerRow(*r) if r else None

    # -- writing ---------------------------------------------------------------------------------
    def plan(self, row: LedgerRow) -> None:
        """Insert or refresh a file's row before it is processed (keeps its attempt count)."""
        row.planned_at = row.planned_at or utcnow()
        self._exec(
            f"INSERT INTO {self.table} (job, relpath, size, mtime_ns, sha256, pages, status, output_relpath, planned_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'planned', ?, ?)"
            " ON CONFLICT (job, relpath) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
            " sha256 = excluded.sha256, pages = excluded.pages, status = 'planned',"
            " output_relpath = excluded.output_relpath, planned_at = excluded.planned_at,"
            " error_kind = '', exit_code = 0",
            (row.job, row.relpath, row.size, row.mtime_ns, row.sha256, row.pages, row.output_relpath, row.planned_at),
        )

    def start(self, job: str, relpath: str) -> None:
        self._exec(
            f"UPDATE {self.table} SET status = 'running', attempts = attempts + 1, started_at = ? "
            "WHERE job = ? AND relpath = ?",
            (utcnow(), job, relpath),
        )

    def finish(
        self,
        job: str,
        relpath: str,
        *,
        ok: bool,
        sha256: str = "",
        pages: int = 0,
        output_sha256: str = "",
        masked_areas: int = 0,
        error_kind: str = "",
        exit_code: int = 0,
        seconds: float = 0.0,
    ) -> None:
        self._exec(
            f"UPDATE {self.table} SET status = ?, sha256 = CASE WHEN ? = '' THEN sha256 ELSE ? END,"
            " pages = CASE WHEN ? > 0 THEN ? ELSE pages END, output_sha256 = ?, masked_areas = ?,"
            " error_kind = ?, exit_code = ?, seconds = ?, finished_at = ? WHERE job = ? AND relpath = ?",
            (
                "done" if ok else "failed", sha256, sha256, pages, pages, output_sha256, masked_areas,
                error_kind, exit_code, round(seconds, 4), utcnow(), job, relpath,
            ),
        )


def default_ledger_path(out_dir: Path) -> Path:
    return out_dir / DEFAULT_NAME


def open_ledger(url: Optional[str], out_dir: Path) -> Ledger:
    """The ledger at ``url`` (see module docstring); default: SQLite next to the output."""
    if url and url.startswith(("postgresql://", "postgres://")):
        return _open_pg(url)
    if url and url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])  # sqlite:///rel/path or sqlite:////abs/path
    elif url:
        path = Path(url)
    else:
        path = default_ledger_path(out_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
    except (OSError, sqlite3.Error) as exc:
        raise LedgerError(f"cannot open the ledger {path.name}: {type(exc).__name__}") from None
    return Ledger(conn, paramstyle="qmark", table=TABLE, description=str(path))


def _open_pg(url: str) -> Ledger:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        raise LedgerError("PostgreSQL ledger needs psycopg") from None
    parts = urlsplit(url)
    query = parse_qsl(parts.query)
    schema = next((v for k, v in query if k == "schema"), None)
    if schema is not None and not _IDENT.fullmatch(schema):
        raise LedgerError("ledger URL: schema must be a lower-case SQL identifier")
    conninfo = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k != "schema"])))
    where = f"postgresql://{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"
    try:
        conn = psycopg.connect(conninfo, autocommit=True, connect_timeout=10)
        if schema:
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    except Exception as exc:
        raise LedgerError(f"cannot open the ledger {where}: {type(exc).__name__}") from None
    table = f'"{schema}".{TABLE}' if schema else TABLE
    return Ledger(conn, paramstyle="format", table=table, description=where)
