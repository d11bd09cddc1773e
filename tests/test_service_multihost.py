"""More than one host (issue #15 item 5): the service's state in PostgreSQL, files in a shared
storage directory, masking on the Dask cluster.

* The store: the same semantics on SQLite and PostgreSQL (keys, documents, ordering, retention
  counted once, creation idempotent, a column added to an older table, the document lock
  exclusive across connections).
* Two service instances on different ports against the local PostgreSQL (a schema of their own
  per test run, dropped at the end) and one Dask scheduler with two workers: a document uploaded
  through one instance is reviewed, applied, released and downloaded through the other; a
  session cookie issued by one is good on the other; a job accepted by one is polled and fetched
  through the other; neither instance starts a masking process of its own.

PostgreSQL is reachable here and in CI; the tests skip, saying why, only where it is not.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pymupdf
import pytest

from service.db import DOC_COLUMNS, ServiceDB, SQLiteServiceDB, iso, utc_now
from service.keys import create_key, verify_key
from service.storage import Storage, write_json

from .service_support import NAME, PNR, sample_pdf

ROOT = Path(__file__).resolve().parents[1]
PG_BASE = os.environ.get("MASKING_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
AUDIT_KEY = "22" * 32


def _pg_reason() -> str | None:
    try:
        import psycopg

        psycopg.connect(PG_BASE, connect_timeout=5).close()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL is not reachable at {PG_BASE} ({type(exc).__name__}); the multi-host tests need it"


@pytest.fixture(scope="module")
def pg_schemas():
    """Makes schema names unique to this test run; drops every one made at the end."""
    reason = _pg_reason()
    if reason:
        pytest.skip(reason)
    import psycopg

    made: list[str] = []

    def new(prefix: str = "masking_test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        made.append(name)
        return name

    yield new
    with psycopg.connect(PG_BASE, autocommit=True) as c:
        for name in made:
            c.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def pg_url(schema: str) -> str:
    return f"{PG_BASE}?schema={schema}"


@pytest.fixture(params=["sqlite", "postgres"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return tmp_path / "service.sqlite3"
    return pg_url(request.getfixturevalue("pg_schemas")())


# --- the store, on both backends -------------------------------------------------------------------


def _add(db: ServiceDB, doc_id: str, created: str, **kw) -> None:
    db.add_document(id=doc_id, kind="review", org="org-a", owner="u-1", status="review", policy="general",
                    created=created, updated=created, expires=kw.pop("expires", "2099-01-01T00:00:00Z"), **kw)


def test_store_semantics_are_the_same_on_both_backends(location) -> None:
    db = ServiceDB(location)
    try:
        assert isinstance(db, SQLiteServiceDB) == (not isinstance(location, str))
        assert db.ping()
        secret, key = create_key(db, "registrar", org="org-a", actor="u-1")
        assert verify_key(db, secret) == key
        row = db.key(key.key_id)
        assert isinstance(row.salt, bytes) and len(row.hash) == 32
        assert [k.key_id for k in db.keys("org-a")] == [key.key_id] and db.keys("org-b") == []
        assert db.revoke_key(key.key_id) and not db.revoke_key(key.key_id)
        assert verify_key(db, secret) is None

        same = "2026-01-01T10:00:00Z"  # equal timestamps: newest inserted first
        ids = [str(uuid.uuid4()) for _ in range(3)]
        for i in ids:
            _add(db, i, same)
        _add(db, str(uuid.uuid4()), "2026-01-01T09:00:00Z", expires="2000-01-01T00:00:00Z", case_ref="hmac-sha256:ab")
        listed = db.documents("org-a", "review")
        assert [d.id for d in listed[:3]] == ids[::-1] and len(listed) == 4
        assert len(db.documents("org-a", "review", case_ref="hmac-sha256:ab")) == 1
        assert db.documents("org-b", "review") == [] and db.documents("org-a", "job") == []
        db.update_document(ids[0], status="applied", masked_areas=3, protected_identity=1)
        d = db.document(ids[0])
        assert (d.status, d.masked_areas, d.protected_identity, d.purged) == ("applied", 3, True, False)
        assert d.updated != same
        with pytest.raises(ValueError):
            db.update_document(ids[0], nonsense=1)
        (old,) = db.expired()
        assert db.mark_purged(old) and not db.mark_purged(old)  # a second instance's retention counts nothing
        assert db.expired() == [] and db.document(old).purged
        assert db.document_ids("org-a") == set(ids) | {old}
        assert db.document(str(uuid.uuid4())) is None
    finally:
        db.close()
    again = ServiceDB(location)  # creation is idempotent; the data is still there
    try:
        assert len(again.documents("org-a", "review")) == 4
    finally:
        again.close()


def test_a_silent_runners_job_is_taken_over_once(location) -> None:
    import datetime as dt

    db = ServiceDB(location)
    try:
        old, fresh = "2026-01-01T00:00:00Z", iso(utc_now())
        jobs = {name: str(uuid.uuid4()) for name in ("orphan", "alive", "done", "sync")}
        for name, doc_id in jobs.items():
            db.add_document(id=doc_id, kind="job", org="org-a", owner="u-1", policy="general",
                            status="done" if name == "done" else "running", expires="2099-01-01T00:00:00Z",
                            runner=None if name == "sync" else ("a" if name == "alive" else "gone"),
                            heartbeat=None if name == "sync" else (fresh if name == "alive" else old))
        silent_since = utc_now() - dt.timedelta(seconds=60)
        assert db.heartbeat("a") == 1  # its one unfinished job
        assert db.claim_orphan_job("b", silent_since) == jobs["orphan"]
        assert db.claim_orphan_job("c", silent_since) is None  # taken, and the others are not orphans
        row = db.document(jobs["orphan"])
        assert row.runner == "b" and row.heartbeat > old
        assert db.heartbeat("b") == 1
        assert db.release_jobs("a") == 1  # "a" is stopping: its job is free at once
        assert db.claim_orphan_job("b", utc_now() - dt.timedelta(seconds=3600)) == jobs["alive"]
    finally:
        db.close()


def test_an_older_table_gets_the_missing_columns(location) -> None:
    """A database made by an older version (no ``error_kind``/``error``/``purged``) is brought up
    to date when the service starts."""
    legacy = [c for c in DOC_COLUMNS if c not in ("error_kind", "error", "purged")]
    if isinstance(location, str):
        import psycopg

        from service.db import _pg_url

        conninfo, schema, _ = _pg_url(location)
        with psycopg.connect(conninfo, autocommit=True) as c:
            c.execute(f'CREATE SCHEMA "{schema}"')
            c.execute(f'CREATE TABLE "{schema}".documents ({", ".join(f"{n} TEXT" for n in legacy)}, '
                      "seq BIGINT GENERATED BY DEFAULT AS IDENTITY)")
            c.execute(f'CREATE TABLE "{schema}".api_keys (key_id TEXT PRIMARY KEY, org TEXT, actor TEXT, role TEXT, '
                      "salt BYTEA, hash BYTEA, created TEXT, revoked TEXT)")
    else:
        import sqlite3

        with sqlite3.connect(location) as c:
            c.execute(f"CREATE TABLE documents ({', '.join(legacy)})")
    db = ServiceDB(location)
    try:
        _add(db, str(uuid.uuid4()), iso(utc_now()), error_kind="corrupt", error="the file is damaged")
        (d,) = db.documents("org-a", "review")
        assert (d.error_kind, d.purged) == ("corrupt", False)
    finally:
        db.close()


def test_the_document_lock_is_exclusive_across_connections(location, tmp_path) -> None:
    a, b = ServiceDB(location), ServiceDB(location)
    doc = str(uuid.uuid4())
    try:
        la, lb = a.document_lock(doc, tmp_path / ".lock"), b.document_lock(doc, tmp_path / ".lock")
        other = b.document_lock(str(uuid.uuid4()), tmp_path / ".other")
        assert la.try_acquire()
        assert not lb.try_acquire()  # held by the other process / host
        assert other.try_acquire()  # another document is not blocked
        la.release()
        assert lb.try_acquire()
        lb.release()
        other.release()
    finally:
        a.close()
        b.close()


def test_instances_sharing_a_storage_directory_sign_sessions_with_one_key(tmp_path) -> None:
    from service.app import _session_secret
    from service.settings import load_settings

    s1 = load_settings(env={}, storage_dir=tmp_path)
    s2 = load_settings(env={}, storage_dir=tmp_path, port=8001)
    first = _session_secret(s1)
    assert _session_secret(s2) == first and len(first) > 40
    assert [p.name for p in tmp_path.iterdir()] == ["session.key"]  # no temporary file left
    assert _session_secret(load_settings(env={}, storage_dir=tmp_path, session_secret="x" * 40)) == "x" * 40


def test_settings_name_the_database_by_url() -> None:
    from masking.errors import ConfigError
    from service.settings import load_settings

    s = load_settings(env={"MASKING_SERVICE_DB": PG_BASE + "?schema=abc", "MASKING_SERVICE_SCHEDULER": "tcp://h:8786"})
    assert s.database == PG_BASE + "?schema=abc" and s.shared and s.scheduler == "tcp://h:8786"
    assert not load_settings(env={}).shared
    with pytest.raises(ConfigError):
        load_settings(env={"MASKING_SERVICE_DB": PG_BASE, "MASKING_SERVICE_DB_PATH": "/tmp/x.sqlite3"})
    with pytest.raises(ConfigError):  # a password in the URL never shows in the error
        ServiceDB("postgresql://u:s3cret@127.0.0.1:1/none?connect_timeout=2")
    try:
        ServiceDB("postgresql://u:s3cret@127.0.0.1:1/none?connect_timeout=2")
    except ConfigError as exc:
        assert "s3cret" not in str(exc)


def test_a_lost_postgresql_connection_costs_no_request(pg_schemas) -> None:
    import psycopg

    db = ServiceDB(pg_url(pg_schemas()))
    try:
        _add(db, str(uuid.uuid4()), iso(utc_now()))
        pid = db._exec("SELECT pg_backend_pid()")[0][0]
        with psycopg.connect(PG_BASE, autocommit=True) as c:  # as a server restart or a proxy would
            c.execute("SELECT pg_terminate_backend(%s)", (pid,))
        assert len(db.documents("org-a", "review")) == 1 and db.ping()
        assert db._exec("SELECT pg_backend_pid()")[0][0] != pid
    finally:
        db.close()


def test_keys_cli_manages_keys_in_postgresql(pg_schemas, capsys) -> None:
    from masking.cli import main

    url = pg_url(pg_schemas())
    assert main(["keys", "create", "--role", "registrar", "--org", "agency", "--user", "u-1", "--db", url]) == 0
    key = capsys.readouterr().out.strip()
    db = ServiceDB(url)
    try:
        rec = verify_key(db, key)
        assert rec is not None and (rec.role, rec.org, rec.actor) == ("registrar", "agency", "u-1")
        assert main(["keys", "list", "--db", url]) == 0 and rec.key_id in capsys.readouterr().out
        assert main(["keys", "revoke", rec.key_id, "--db", url]) == 0
        assert verify_key(db, key) is None
    finally:
        db.close()


# --- two instances, one Dask cluster ---------------------------------------------------------------


def _env(scratch: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MASKING_SERVICE_", "MASKING_AUDIT_"))}
    env.update(OMP_THREAD_LIMIT="1", OMP_NUM_THREADS="1", TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="",
               DASK_DISTRIBUTED__WORKER__DAEMON="False", DASK_TEMPORARY_DIRECTORY=str(scratch), PYTHONPATH=str(ROOT),
               **extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check, what: str, limit_s: float = 240.0, procs=()) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{what}: a process exited with {p.returncode}")
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - still starting
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what}: not within {limit_s:g} s")


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        out += [int(c) for c in text]
    return out


@pytest.fixture(scope="module")
def cluster(pg_schemas):
    """A shared storage directory, a PostgreSQL schema for the service and one for the audit log,
    a Dask scheduler with two workers and two service instances; all gone at the end."""
    pytest.importorskip("distributed")
    import httpx

    root = Path(tempfile.mkdtemp(prefix="masking-multihost-test-"))
    procs: list[subprocess.Popen] = []
    logs = open(root / "processes.log", "wb")
    db_url, audit_url = pg_url(pg_schemas()), pg_url(pg_schemas("masking_audit_test"))
    common = dict(MASKING_AUDIT_URL=audit_url, MASKING_AUDIT_KEY=AUDIT_KEY)  # the workers' own audit key
    try:
        storage = root / "shared"
        db = ServiceDB(db_url)
        keys = {role: create_key(db, role, org="agency", actor=f"{role}-1")[0]
                for role in ("registrar", "reviewer", "integration", "auditor")}
        db.close()

        sched_file = root / "scheduler.json"
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(sched_file)], env=_env(root), stdout=logs, stderr=subprocess.STDOUT))
        _wait(lambda: sched_file.exists() and json.loads(sched_file.read_text())["address"], "dask scheduler",
              procs=procs)
        address = json.loads(sched_file.read_text())["address"]
        dask_workers = []
        for i in range(2):
            dask_workers.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--memory-limit", "0", "--name", f"w{i}", "--host", "127.0.0.1"],
                env=_env(root, **common), stdout=logs, stderr=subprocess.STDOUT, cwd=root))
        procs += dask_workers
        from distributed import Client

        with Client(address, timeout=60) as c:
            c.wait_for_workers(2, timeout=120)

        bases, servers = [], []
        for _ in range(2):
            port = _free_port()
            env = _env(root, MASKING_SERVICE_DB=db_url, MASKING_SERVICE_STORAGE_DIR=str(storage),
                       MASKING_SERVICE_SCHEDULER=address, MASKING_SERVICE_POOL_WORKERS="2",
                       MASKING_SERVICE_MAX_UPLOAD_BYTES="1000000", MASKING_SERVICE_JOB_TIMEOUT_S="120",
                       MASKING_SERVICE_JOB_TAKEOVER_S="4", **common)
            p = subprocess.Popen([sys.executable, "-m", "masking", "serve", "--host", "127.0.0.1", "--port", str(port),
                                  "--log-level", "warning"], env=env, stdout=logs, stderr=subprocess.STDOUT, cwd=root)
            procs.append(p)
            servers.append(p)
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            _wait(lambda: httpx.get(base + "/ready", timeout=5).status_code == 200, f"service {base}", procs=procs)
        yield {"bases": bases, "servers": servers, "dask_workers": dask_workers, "keys": keys, "address": address, "storage": storage,
               "db_url": db_url, "root": root}
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)
        logs.close()
        shutil.rmtree(root, ignore_errors=True)


def _page_text(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "".join(p.get_text() for p in doc)


def test_upload_on_one_instance_review_apply_download_on_the_other(cluster) -> None:
    import httpx

    a, b = (httpx.Client(base_url=u, timeout=180) for u in cluster["bases"])
    h = {role: {"Authorization": f"Bearer {k}"} for role, k in cluster["keys"].items()}
    try:
        # neither instance runs masking itself: every task went to the cluster
        for p in cluster["servers"]:
            assert _children(p.pid) == [], "a service instance started processes of its own"
        ready = b.get("/ready").json()
        assert ready["checks"] == {"workers": True, "database": True, "storage": True}

        r = a.post("/v1/documents", files={"file": ("Anna_Svensson_intyg.pdf", sample_pdf(), "application/pdf")},
                   data={"case_ref": "KS 2026/77"}, headers=h["registrar"])
        assert r.status_code == 201, r.text
        did = r.json()["document_id"]
        assert (cluster["storage"] / "documents" / did / "plan.json").exists()  # written by a Dask worker

        doc = b.get(f"/v1/documents/{did}", headers=h["reviewer"]).json()
        assert doc["status"] == "review" and doc["counts"]["blocking"] == 1
        cands = b.get(f"/v1/documents/{did}/candidates", headers=h["reviewer"]).json()["candidates"]
        png = b.get(f"/v1/documents/{did}/pages/1.png", headers=h["reviewer"])
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
        assert [d["document_id"] for d in b.get("/v1/documents", headers=h["registrar"]).json()] == [did]

        # a browser session from instance A is good on instance B, CSRF token included
        login = a.post("/ui/login", data={"api_key": cluster["keys"]["reviewer"]}, follow_redirects=False)
        assert login.status_code == 303
        browser_b = httpx.Client(base_url=cluster["bases"][1], timeout=60,
                                 cookies={"masking_session": login.cookies["masking_session"]})
        page = browser_b.get("/ui/documents")
        assert page.status_code == 200
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        weak = next(c for c in cands if not c["auto"])
        r = browser_b.post(f"/v1/documents/{did}/decisions", headers={"X-CSRF-Token": csrf},
                           json={"action": "reject", "ids": [weak["id"]], "reason": "Myndighetens referensnummer"})
        assert r.status_code == 200 and r.json()["counts"]["blocking"] == 0, r.text
        assert browser_b.post(f"/v1/documents/{did}/decisions",
                              json={"action": "accept", "ids": [weak["id"]]}).status_code == 403  # no token
        browser_b.close()

        # changes sent to both instances at once are serialised by the document lock: none is lost
        def draw(i: int) -> int:
            with httpx.Client(base_url=cluster["bases"][i % 2], timeout=120) as c:
                return c.post(f"/v1/documents/{did}/boxes", headers=h["reviewer"],
                              json={"page": 1, "box": [72 + 60 * i, 700, 112 + 60 * i, 720]}).status_code

        with ThreadPoolExecutor(6) as ex:
            assert list(ex.map(draw, range(6))) == [200] * 6
        plan = a.get(f"/v1/documents/{did}/candidates", headers=h["reviewer"]).json()
        assert sorted(m["box"][0] for m in plan["manual_areas"]) == [72 + 60 * i for i in range(6)]

        r = b.post(f"/v1/documents/{did}/apply", headers=h["reviewer"])
        assert r.status_code == 200 and r.json()["verification"]["passed"], r.text
        assert a.get(f"/v1/documents/{did}/verification", headers=h["reviewer"]).json()["output_intact"]

        def release(i: int) -> httpx.Response:
            with httpx.Client(base_url=cluster["bases"][i], timeout=120) as c:
                return c.post(f"/v1/documents/{did}/release", headers=h["registrar"])

        with ThreadPoolExecutor(2) as ex:  # released once, whichever instance comes second
            answers = sorted(ex.map(release, (0, 1)), key=lambda r: r.status_code)
        assert [r.status_code for r in answers] == [200, 409], [r.text for r in answers]
        assert answers[0].json()["released_by"] == "registrar-1" and answers[1].json()["error"] == "released"
        out = b.get(f"/v1/documents/{did}/download", headers=h["registrar"])
        assert out.status_code == 200
        text = _page_text(out.content)
        assert PNR not in text and "Svensson" not in text and "1234-123 456 7" in text
        assert hashlib.sha256(out.content).hexdigest() == a.get(f"/v1/documents/{did}",
                                                                headers=h["reviewer"]).json()["output_sha256"]

        # a job accepted by B is polled and fetched through A
        r = b.post("/v1/redact", files={"file": ("x.pdf", sample_pdf(), "application/pdf")},
                   headers={**h["integration"], "Prefer": "respond-async"})
        assert r.status_code == 202, r.text
        job = r.json()["job_id"]
        _wait(lambda: a.get(f"/v1/jobs/{job}", headers=h["integration"]).json()["status"] == "done", "job", 180)
        res = a.get(f"/v1/jobs/{job}/result", headers=h["integration"])
        assert res.status_code == 200 and PNR not in _page_text(res.content)

        # a job whose instance stopped before it ran is taken over by a live one
        orphan = str(uuid.uuid4())
        Storage(cluster["storage"] / "documents").create(orphan, sample_pdf())
        write_json(cluster["storage"] / "documents" / orphan / "job.json", {
            "document_id": orphan, "actor": "integration-1", "role": "integration", "policy": "general",
            "protected_identity": False, "deny_list": [], "case_ref": None, "append_list": False, "callback": None})
        db = ServiceDB(cluster["db_url"])
        try:
            db.add_document(id=orphan, kind="job", org="agency", owner="integration-1", status="running",
                            policy="general", expires="2099-01-01T00:00:00Z", runner="stopped-instance",
                            heartbeat="2026-01-01T00:00:00Z")
        finally:
            db.close()
        _wait(lambda: b.get(f"/v1/jobs/{orphan}", headers=h["integration"]).json()["status"] == "done", "takeover", 180)
        res = a.get(f"/v1/jobs/{orphan}/result", headers=h["integration"])
        assert res.status_code == 200 and PNR not in _page_text(res.content)
        assert not (cluster["storage"] / "documents" / orphan / "job.json").exists()  # its parameters are gone

        # the work was done by the cluster's workers (each set up for the service: model loaded)
        from distributed import Client

        with Client(cluster["address"], timeout=30, set_as_default=False) as dc:
            configured = dc.run(lambda: __import__("service.worker", fromlist=["_"])._dask_config is not None)
        assert sorted(configured.values()) == [True, True], configured

        # one audit log for all: events written by both instances and the Dask workers, chain intact
        v = a.get("/v1/audit/verify", headers=h["auditor"]).json()
        assert v["ok"], v
        kinds = {e["kind"] for e in b.get("/v1/audit/events", params={"document_id": did},
                                          headers=h["auditor"]).json()["events"]}
        assert {"upload", "analysis", "decision", "release", "download"} <= kinds, kinds
        # a cluster without workers: every instance says it is not ready (a task would only wait)
        for w in cluster["dask_workers"]:
            w.send_signal(signal.SIGTERM)
            w.wait(timeout=30)
        _wait(lambda: a.get("/ready").status_code == 503 and b.get("/ready").status_code == 503, "not ready", 60)
        assert b.get("/ready").json()["checks"]["workers"] is False
    finally:
        a.close()
        b.close()

    # the shared database holds no personal data: no name, number, file name or case reference
    import psycopg

    from service.db import _pg_url

    conninfo, schema, _ = _pg_url(cluster["db_url"])
    with psycopg.connect(conninfo) as c:
        rows = c.execute(f'SELECT * FROM "{schema}".documents').fetchall()
    dump = json.dumps([[str(v) for v in r] for r in rows], ensure_ascii=False)
    for secret in (NAME, "Svensson", PNR, "Anna_Svensson", "KS 2026/77"):
        assert secret not in dump
