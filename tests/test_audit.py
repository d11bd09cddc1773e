"""Audit log: hash chain, keyed seals, signed head and anchors; tampering detected on SQLite and
on the real local PostgreSQL (set MASKING_SKIP_PG=1 to skip those when it is not running)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from masking.audit import AuditArea, AuditEvent, AuditKey, canonical_json, open_audit_log, value_hmac
from masking.cli import main
from masking.errors import AuditConfigError, AuditRecordError

ROOT = Path(__file__).resolve().parent.parent
KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
PG_BASE = os.environ.get("MASKING_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
SHA_IN = hashlib.sha256(b"in").hexdigest()
SHA_OUT = hashlib.sha256(b"out").hexdigest()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    for var in ("MASKING_AUDIT_URL", "MASKING_AUDIT_KEY", "MASKING_AUDIT_KEY_FILE", "MASKING_AUDIT_ANCHOR_FILE",
                "MASKING_AUDIT_ANCHOR_EVERY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def clock_from(start_hour: int = 10):
    """Deterministic times: one second apart per event, starting 2026-11-21 at start_hour."""
    n = iter(range(10**6))
    return lambda: f"2026-11-21T{start_hour + (i := next(n)) // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000000Z"


def fill(log, n: int = 6) -> list[AuditEvent]:
    kinds = ["upload", "analysis", "decision", "application", "verification", "release", "download"]
    out = []
    for i in range(n):
        out.append(log.record(
            kinds[i % len(kinds)], actor=f"u-{i % 2}", role="handlaggare", document_id="doc-1",
            input_sha256=SHA_IN, output_sha256=SHA_OUT if i else None,
            policy={"name": "general", "version": "1", "sha256": "a" * 64}, model={"name": "sv_blank", "version": "0.1"},
            areas=[AuditArea(page=1, box=(72.0, 90.123, 180.5, 104.0), type="SE_PERSONNUMMER", ground="OSL 21:7",
                             detector="SePersonnummerRecognizer", score=0.97, decided_by="u-1", decision="accepted")],
            details={"outcome": "partial", "masked_areas": 1, "request_ref": log.value_hmac("request-17")},
        ))
    return out


# --- stores and tampering, per backend --------------------------------------------------------


class SqliteBackend:
    name = "sqlite"

    def __init__(self, tmp_path: Path) -> None:
        self.path = tmp_path / "audit.sqlite3"
        self.url = str(self.path)
        self.events, self.head, self.anchors = "audit_events", "audit_head", "audit_anchors"

    def tamper(self, sql: str, params: tuple = ()) -> list:
        """Run SQL as someone with write access to the file: triggers dropped first."""
        c = sqlite3.connect(self.path)
        try:
            for t in ("audit_events_no_update", "audit_events_no_delete", "audit_anchors_no_update", "audit_anchors_no_delete"):
                c.execute(f"DROP TRIGGER IF EXISTS {t}")
            rows = c.execute(sql, params).fetchall()
            c.commit()
            return rows
        finally:
            c.close()

    def direct(self, sql: str) -> None:
        """Run SQL with the triggers in place."""
        c = sqlite3.connect(self.path)
        try:
            c.execute(sql)
            c.commit()
        finally:
            c.close()

    def close(self) -> None:
        pass


class PostgresBackend:
    name = "postgres"

    def __init__(self) -> None:
        import psycopg

        self.psycopg = psycopg
        self.schema = f"masking_audit_test_{uuid.uuid4().hex[:12]}"
        self.url = f"{PG_BASE}?schema={self.schema}"
        self.events, self.head, self.anchors = (f'"{self.schema}".{t}' for t in ("audit_events", "audit_head", "audit_anchors"))

    def tamper(self, sql: str, params: tuple = ()) -> list:
        """Run SQL as the superuser with triggers bypassed (session_replication_role = replica)."""
        with self.psycopg.connect(PG_BASE, autocommit=True) as c:
            c.execute("SET session_replication_role = replica")
            cur = c.execute(sql.replace("?", "%s"), params)
            return cur.fetchall() if cur.description else []

    def direct(self, sql: str) -> None:
        with self.psycopg.connect(PG_BASE, autocommit=True) as c:
            c.execute(sql)

    def close(self) -> None:
        with self.psycopg.connect(PG_BASE, autocommit=True) as c:
            c.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')


@pytest.fixture(scope="session")
def pg_ready():
    try:
        import psycopg

        psycopg.connect(PG_BASE, connect_timeout=5).close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        if os.environ.get("MASKING_SKIP_PG") == "1":
            pytest.skip("PostgreSQL not reachable and MASKING_SKIP_PG=1")
        pytest.fail(f"PostgreSQL not reachable at {PG_BASE} ({type(exc).__name__}); set MASKING_SKIP_PG=1 to skip")


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request, tmp_path):
    if request.param == "postgres":
        request.getfixturevalue("pg_ready")
        b = PostgresBackend()
    else:
        b = SqliteBackend(tmp_path)
    yield b
    b.close()


def row(b, seq: int) -> tuple:
    return b.tamper(f"SELECT seq, event_id, time, kind, document_id, hash, body FROM {b.events} WHERE seq = ?", (seq,))[0]


def insert(b, r: tuple) -> None:
    b.tamper(f"INSERT INTO {b.events} (seq, event_id, time, kind, document_id, hash, body) VALUES (?, ?, ?, ?, ?, ?, ?)", r)


def forge(base: AuditEvent, prev_hash: str, key: bytes = OTHER_KEY, **changes) -> AuditEvent:
    """What an attacker without the key can build: ``base`` changed, with a correct chain link
    and hash, sealed with some other key."""
    ev = dataclasses.replace(base, prev_hash=prev_hash, **changes)
    h = ev.compute_hash()
    return dataclasses.replace(ev, hash=h, mac=AuditKey(key).mac("event", h))


def as_row(ev: AuditEvent) -> tuple:
    return (ev.seq, ev.event_id, ev.time, ev.kind, ev.document_id, ev.hash, ev.to_json())


def test_round_trip_and_event_contents(backend):
    with open_audit_log(backend.url, key=KEY, clock=clock_from()) as log:
        written = fill(log, 6)
        assert [e.seq for e in written] == [1, 2, 3, 4, 5, 6]
        assert written[0].prev_hash == "0" * 64 and all(b.prev_hash == a.hash for a, b in zip(written, written[1:]))
        read = list(log.events())
        assert read == written
        assert read[2].areas[0].box == (72.0, 90.12, 180.5, 104.0) and read[2].policy.sha256 == "a" * 64
        assert [e.seq for e in log.events(document_id="doc-1", kind="decision")] == [3]
        res = log.verify()
    assert res.ok and res.checked == 6 and res.first_bad_seq is None and res.warnings == ()
    # the hash is SHA-256 of the canonical JSON of everything but hash and mac
    e = written[3]
    assert e.hash == hashlib.sha256(canonical_json(e.content()).encode()).hexdigest()
    assert e.to_json() == canonical_json(json.loads(e.to_json())) and " " not in canonical_json({"b": [1, 2.5], "a": "x"})


def test_store_rejects_update_and_delete(backend):
    with open_audit_log(backend.url, key=KEY) as log:
        fill(log, 2)
        log.anchor()
    statements = [f"UPDATE {backend.events} SET kind = 'upload'", f"DELETE FROM {backend.events}",
                  f"DELETE FROM {backend.anchors}"]
    if backend.name == "postgres":
        statements.append(f"TRUNCATE {backend.events}")
    for sql in statements:
        with pytest.raises(Exception, match="append-only"):
            backend.direct(sql)
    with open_audit_log(backend.url, key=KEY) as log:
        assert log.verify().ok and log.verify().checked == 2


def test_edit_a_field_is_detected(backend):
    with open_audit_log(backend.url, key=KEY) as log:
        fill(log, 6)
    r = row(backend, 3)
    backend.tamper(f"UPDATE {backend.events} SET body = ? WHERE seq = 3", (r[6].replace('"actor":"u-0"', '"actor":"u-9"'),))
    with open_audit_log(backend.url, key=KEY) as log:
        res = log.verify()
    assert not res.ok and res.first_bad_seq == 3 and "edited" in res.reason and res.checked == 2


def test_rewriting_the_chain_without_the_key_is_detected(backend):
    with open_audit_log(backend.url, key=KEY) as log:
        events = fill(log, 5)
    # edit event 2 and recompute every hash after it (the chain alone would look fine)
    prev = events[0]
    for ev in events[1:]:
        changes = {"role": "chef"} if ev.seq == 2 else {}
        new = forge(ev, prev.hash, **changes)
        backend.tamper(f"UPDATE {backend.events} SET hash = ?, body = ? WHERE seq = ?", (new.hash, new.to_json(), ev.seq))
        prev = new
    with open_audit_log(backend.url, key=KEY) as log:
        res = log.verify()
    assert not res.ok and res.first_bad_seq == 2 and "MAC" in res.reason


def test_deleted_row_is_detected(backend):
    with open_audit_log(backend.url, key=KEY) as log:
        fill(log, 6)
    backend.tamper(f"DELETE FROM {backend.events} WHERE seq = 4")
    with open_audit_log(backend.url, key=KEY) as log:
        res = log.verify()
    assert not res.ok and res.first_bad_seq == 4 and "missing" in res.reason


def test_swapped_rows_are_detected(backend):
    with open_audit_log(backend.url, key=KEY) as log:
        fill(log, 6)
    r3, r4 = row(backend, 3), row(backend, 4)
    backend.tamper(f"DELETE FROM {backend.events} WHERE seq IN (3, 4)")
    insert(backend, (3,) + r4[1:])
    insert(backend, (4,) + r3[1:])
    with open_audit_log(backend.url, key=KEY) as log:
        res = log.verify()
    assert not res.ok and res.first_bad_seq == 3 and "swapped" in res.reason


def test_inserted_forged_row_is_detected(backend):
    with open_audit_log(backend.url, key=KEY) as log:
        events = fill(log, 4)
    forged = forge(events[-1], events[-1].hash, seq=5, event_id=str(uuid.uuid4()))
    insert(backend, as_row(forged))  # a correct link and hash, but no valid seal
    with open_audit_log(backend.url, key=KEY) as log:
        res = log.verify()
    assert not res.ok and res.first_bad_seq == 5 and "MAC" in res.reason


def test_truncated_tail_after_last_anchor_is_detected(backend):
    with open_audit_log(backend.url, key=KEY) as log:
        fill(log, 4)
        assert log.anchor().seq == 4
        fill(log, 3)
    backend.tamper(f"DELETE FROM {backend.events} WHERE seq > 5")
    with open_audit_log(backend.url, key=KEY) as log:
        res = log.verify()
    assert not res.ok and res.first_bad_seq == 6 and "tail removed" in res.reason


def test_truncation_with_rolled_back_head_is_caught_by_anchors(backend, tmp_path):
    anchor_file = tmp_path / "anchors.jsonl"
    with open_audit_log(backend.url, key=KEY, anchor_file=anchor_file) as log:
        fill(log, 3)
        saved_head = backend.tamper(f"SELECT seq, hash, key_id, mac FROM {backend.head}")[0]
        fill(log, 2)
        log.anchor()  # seq 5, in the store and in the external file
        fill(log, 2)

    def roll_back() -> None:  # back to 3 events, with the head as it was then
        backend.tamper(f"DELETE FROM {backend.events} WHERE seq > 3")
        backend.tamper(f"UPDATE {backend.head} SET seq = ?, hash = ?, key_id = ?, mac = ?", saved_head)

    roll_back()
    with open_audit_log(backend.url, key=KEY) as log:
        res = log.verify()
    assert not res.ok and res.first_bad_seq == 4 and "anchor in the store" in res.reason
    # the writer can delete the store's anchors too; the external anchor file still tells
    backend.tamper(f"DELETE FROM {backend.anchors}")
    with open_audit_log(backend.url, key=KEY) as log:
        res = log.verify(anchor_file=anchor_file)
        assert not res.ok and res.first_bad_seq == 4 and "anchor file line 1" in res.reason
        # the documented limit: without an anchor beyond the cut, a consistent rollback passes
        assert log.verify().ok


def test_wrong_key_and_forged_anchor_are_reported(backend, tmp_path):
    anchor_file = tmp_path / "anchors.jsonl"
    with open_audit_log(backend.url, key=KEY, anchor_file=anchor_file) as log:
        fill(log, 2)
        log.anchor()
    with open_audit_log(backend.url, key=OTHER_KEY) as log:
        res = log.verify()
    assert not res.ok and res.first_bad_seq == 1 and "key id" in res.reason
    line = json.loads(anchor_file.read_text())
    anchor_file.write_text(json.dumps({**line, "seq": 1}) + "\n")
    with open_audit_log(backend.url, key=KEY) as log:
        res = log.verify(anchor_file=anchor_file)
    assert not res.ok and "invalid MAC" in res.reason


def test_periodic_anchors(backend, tmp_path):
    anchor_file = tmp_path / "anchors.jsonl"
    with open_audit_log(backend.url, key=KEY, anchor_file=anchor_file, anchor_every=3) as log:
        fill(log, 7)
        res = log.verify()
    lines = [json.loads(x) for x in anchor_file.read_text().splitlines()]
    assert [a["seq"] for a in lines] == [3, 6] and res.ok and res.anchors == 4  # 2 in the store + 2 in the file


def test_several_events_in_one_transaction_chain_and_anchor_like_single_ones(backend, tmp_path):
    anchor_file = tmp_path / "anchors.jsonl"
    with open_audit_log(backend.url, key=KEY, anchor_file=anchor_file, anchor_every=2) as log:
        first = log.record("upload", actor="u-1", role="integration", document_id="doc-1")
        many = log.record_many([("application", {"actor": "u-1", "role": "integration", "document_id": "doc-1"}),
                                ("verification", {"actor": "u-1", "role": "integration", "document_id": "doc-1"}),
                                ("download", {"actor": "u-1", "role": "integration", "document_id": "doc-1",
                                              "details": {"channel": "api"}})])
        assert [e.seq for e in many] == [2, 3, 4] and many[0].prev_hash == first.hash
        assert all(b.prev_hash == a.hash for a, b in zip(many, many[1:]))
        assert [e.kind for e in log.events()] == ["upload", "application", "verification", "download"]
        assert log.store.head().seq == 4 and log.store.head().hash == many[-1].hash
        assert log.record_many([]) == []
        res = log.verify(anchor_file=anchor_file)
    assert res.ok and res.checked == 4
    assert [json.loads(x)["seq"] for x in anchor_file.read_text().splitlines()] == [2, 4]


def test_several_events_are_all_written_or_none(backend):
    with open_audit_log(backend.url, key=KEY) as log:
        with pytest.raises(AuditRecordError):
            log.record_many([("application", {"actor": "u-1", "role": "integration", "document_id": "doc-1"}),
                             ("application", {"actor": "u-1", "role": "integration", "document_id": "doc-1",
                                              "details": {"name": "Anna Svensson"}})])
        assert list(log.events()) == []


def test_trigger_bypass_is_warned_on_postgres(pg_ready):
    b = PostgresBackend()
    try:
        with open_audit_log(b.url, key=KEY) as log:
            fill(log, 1)
        b.direct(f"ALTER TABLE {b.events} DISABLE TRIGGER audit_events_append_only")
        with open_audit_log(b.url, key=KEY) as log:
            res = log.verify()
        assert res.ok and res.warnings == ("append-only trigger audit_events_append_only is disabled",)
    finally:
        b.close()


def test_concurrent_processes_form_one_chain(tmp_path):
    url, go = tmp_path / "audit.sqlite3", tmp_path / "go"
    script = (
        "import sys, time, pathlib\n"
        "from masking.audit import open_audit_log\n"
        "log = open_audit_log(sys.argv[1], key=bytes(range(32)))\n"
        "go = pathlib.Path(sys.argv[2])\n"
        "while not go.exists(): time.sleep(0.01)\n"
        "for i in range(40): log.record('analysis', actor=sys.argv[3], role='system')\n"
    )
    open_audit_log(str(url), key=KEY).close()  # create the store once
    procs = [subprocess.Popen([sys.executable, "-c", script, str(url), str(go), f"p{i}"], cwd=ROOT) for i in (1, 2)]
    go.touch()
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with open_audit_log(str(url), key=KEY) as log:
        res = log.verify()
        actors = [e.actor for e in log.events()]
    assert res.ok and res.checked == 80 and actors.count("p1") == actors.count("p2") == 40


def test_concurrent_connections_on_postgres_form_one_chain(pg_ready):
    b = PostgresBackend()
    try:
        open_audit_log(b.url, key=KEY).close()
        logs = [open_audit_log(b.url, key=KEY) for _ in range(2)]
        threads = [threading.Thread(target=lambda lg=lg: [lg.record("analysis", actor="t", role="system") for _ in range(25)])
                   for lg in logs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        res = logs[0].verify()
        for lg in logs:
            lg.close()
        assert res.ok and res.checked == 50
    finally:
        b.close()


# --- no personal data in -------------------------------------------------------------------


def test_value_hmac_links_under_one_key_only(tmp_path, monkeypatch):
    a = AuditKey(KEY).value_hmac("811218-9876")
    assert re.fullmatch(r"hmac-sha256:[0-9a-f]{64}", a)
    assert a == AuditKey(KEY).value_hmac("811218-9876") != AuditKey(KEY).value_hmac("811218-9877")
    assert a != AuditKey(OTHER_KEY).value_hmac("811218-9876")
    assert a.removeprefix("hmac-sha256:") != hashlib.sha256(b"811218-9876").hexdigest()  # keyed, not a plain hash
    monkeypatch.setenv("MASKING_AUDIT_KEY", KEY.hex())
    assert value_hmac("811218-9876") == a
    with open_audit_log(str(tmp_path / "a.sqlite3")) as log:
        assert log.value_hmac("811218-9876") == a


@pytest.mark.parametrize(
    "change",
    [
        {"details": {"outcome": "Anna Svensson ringde"}},  # free text in an enumerated key
        {"details": {"note": 1}},  # key not allowed
        {"details": {"request_ref": "811218-9876"}},  # a _ref must be an HMAC
        {"details": {"masked_areas": "3"}},  # text where a count belongs
        {"document_id": "811218-9876"},  # a personnummer as an id
        {"actor": "Anna Svensson"},  # a sentence, not a token
        {"areas": [{"page": 1, "box": [0, 0, 1, 1], "type": "PERSON", "ground": "Anna Svensson"}]},
        {"kind": "gossip"},
    ],
)
def test_restricted_fields_reject_values(tmp_path, change):
    fields = {"kind": "decision", "actor": "u-1", "role": "handlaggare", "document_id": "doc-1"} | change
    with open_audit_log(str(tmp_path / "a.sqlite3"), key=KEY) as log:
        with pytest.raises(AuditRecordError) as err:
            log.record(fields.pop("kind"), **fields)
        assert "Anna" not in err.value.message and "811218" not in err.value.message
        assert list(log.events()) == []  # nothing was written


def test_accepted_details_and_areas_from_report(tmp_path):
    from masking.model import MaskedArea

    area = MaskedArea(page=0, box=(10, 20, 30, 40.006), entity_type="PHONE_NUMBER", ground="OSL 21:7", score=0.81234,
                      recognizer="SePhoneRecognizer")
    with open_audit_log(str(tmp_path / "a.sqlite3"), key=KEY) as log:
        ev = log.record("application", actor="system", role="service", document_id=str(uuid.uuid4()),
                        areas=[AuditArea.from_masked_area(area)],
                        details={"verification_passed": True, "duration_ms": 12.5, "appeal_deadline": "2026-12-12",
                                 "case_ref": log.value_hmac("Dnr 2026-123")})
    assert ev.areas[0].to_dict() == {"page": 1, "box": [10.0, 20.0, 30.0, 40.01], "type": "PHONE_NUMBER",
                                     "ground": "OSL 21:7", "detector": "SePhoneRecognizer", "score": 0.8123,
                                     "decided_by": "auto", "decision": "masked"}


# --- configuration --------------------------------------------------------------------------


def test_default_store_and_key_file(tmp_path, monkeypatch):
    with open_audit_log() as log:  # XDG_DATA_HOME → tmp_path/xdg
        fill(log, 1)
        key_id = log.key.key_id
    store = tmp_path / "xdg" / "masking" / "audit.sqlite3"
    key_file = store.with_suffix(".key")
    assert stat.S_IMODE(store.stat().st_mode) == 0o600 and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.parent.stat().st_mode) == 0o700
    with open_audit_log() as log:
        assert log.key.key_id == key_id and log.verify().ok
        assert key_file.read_text().strip() not in repr(log.key)
    key_file.chmod(0o644)
    with pytest.raises(AuditConfigError, match="readable or writable by others"):
        open_audit_log()
    monkeypatch.setenv("MASKING_AUDIT_URL", PG_BASE)
    with pytest.raises(AuditConfigError, match="no audit key"):
        open_audit_log()
    monkeypatch.setenv("MASKING_AUDIT_KEY", "too-short")
    with pytest.raises(AuditConfigError):
        open_audit_log()


# --- command line ---------------------------------------------------------------------------


def test_cli_verify_export_anchor(tmp_path, monkeypatch, capsys):
    db = tmp_path / "audit.sqlite3"
    monkeypatch.setenv("MASKING_AUDIT_URL", str(db))
    monkeypatch.setenv("MASKING_AUDIT_KEY", KEY.hex())
    assert main(["audit", "verify"]) == 32  # no store yet: an error, not an empty "ok"
    with open_audit_log(clock=clock_from(10)) as log:
        fill(log, 5)  # 10:00:00 … 10:00:04
    assert main(["audit", "verify"]) == 0
    out = tmp_path / "export.jsonl"
    assert main(["audit", "export", "--from", "2026-11-21T10:00:01Z", "--to", "2026-11-21T11:00:03+01:00", "-o", str(out)]) == 0
    assert [json.loads(x)["seq"] for x in out.read_text().splitlines()] == [2, 3]
    assert main(["audit", "anchor", "--anchor-file", str(tmp_path / "anchors.jsonl")]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["seq"] == 5
    SqliteBackend(tmp_path).tamper("DELETE FROM audit_events WHERE seq = 2")
    capsys.readouterr()
    assert main(["audit", "verify"]) == 22
    err = capsys.readouterr().err.strip()
    assert err == "masking: audit log does not verify: event seq 2: missing (the next stored event is seq 3)"
    assert main(["audit", "anchor"]) == 22  # a log that does not verify is never anchored
