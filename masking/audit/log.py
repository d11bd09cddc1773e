"""The audit log: append, read, export, anchor and verify (see the package docstring)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping, Optional, Union

from .. import __version__
from ..errors import AuditConfigError, AuditIntegrityError, AuditRecordError
from .keys import AuditKey, load_key, parse_key
from .model import GENESIS, AuditArea, AuditEvent, content_hash, format_time, new_event_id, parse_time, utc_now
from .stores import AnchorRow, AuditStore, EventRow, HeadRow, open_store, sqlite_path_for

ANCHOR_FILE_ENV = "MASKING_AUDIT_ANCHOR_FILE"
ANCHOR_EVERY_ENV = "MASKING_AUDIT_ANCHOR_EVERY"
TimeArg = Union[str, _dt.datetime, None]
_PLACEHOLDER_TIME = "1970-01-01T00:00:00.000000Z"  # the real time is taken under the write lock


def _time_arg(t: TimeArg) -> Optional[str]:
    if t is None:
        return None
    return format_time(t) if isinstance(t, _dt.datetime) else parse_time(t)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int  # events whose content hash, chain link and MAC verified
    first_bad_seq: Optional[int] = None
    reason: Optional[str] = None
    last_seq: int = 0
    anchors: int = 0  # anchors checked (store and anchor file)
    warnings: tuple[str, ...] = ()

    def message(self) -> str:
        if self.ok:
            return f"audit log ok: {self.checked} events, {self.anchors} anchors checked"
        where = f"event seq {self.first_bad_seq}: " if self.first_bad_seq is not None else ""
        return f"audit log does not verify: {where}{self.reason}"

    def raise_for_failure(self) -> None:
        if not self.ok:
            raise AuditIntegrityError(self.message())


def _anchor_message(a: AnchorRow) -> str:
    return f"{a.log}|{a.seq}|{a.hash}|{a.time}"


class AuditLog:
    """Append-only, hash-chained, keyed audit log over an :class:`AuditStore`. Example::

        log = open_audit_log()
        log.record("decision", actor="u-4711", role="handlaggare", document_id=doc_id,
                   areas=[AuditArea(page=1, box=(72, 90, 180, 104), type="PERSON",
                                    ground="OSL 21:7", detector="SePersonNameRecognizer",
                                    score=0.93, decided_by="u-4711", decision="accepted")],
                   details={"outcome": "partial", "request_ref": log.value_hmac(request_no)})
    """

    def __init__(
        self,
        store: AuditStore,
        key: AuditKey,
        *,
        anchor_file: Optional[Union[str, Path]] = None,
        anchor_every: int = 0,
        clock: Callable[[], str] = utc_now,
        tool_version: Optional[str] = __version__,
    ) -> None:
        self.store = store
        self.key = key
        self.anchor_file = Path(anchor_file) if anchor_file else None
        self.anchor_every = max(0, int(anchor_every))
        self.clock = clock
        self.tool_version = tool_version
        self._log_id: Optional[str] = None  # hash of event 1

    # --- writing ---
    def append(
        self,
        kind: str,
        *,
        actor: str,
        role: str,
        document_id: Optional[str] = None,
        input_sha256: Optional[str] = None,
        output_sha256: Optional[str] = None,
        policy: Any = None,
        model: Any = None,
        areas: Iterable[Union[AuditArea, Mapping[str, Any]]] = (),
        details: Optional[Mapping[str, Any]] = None,
    ) -> AuditEvent:
        """Validate, chain, seal and store one event; returns it with seq, time, hash and mac."""
        return self.append_many([(kind, dict(actor=actor, role=role, document_id=document_id,
                                             input_sha256=input_sha256, output_sha256=output_sha256, policy=policy,
                                             model=model, areas=areas, details=details))])[0]

    record = append  # log.record("decision", actor=..., ...)

    def append_many(self, events: Iterable[tuple[str, Mapping[str, Any]]]) -> list[AuditEvent]:
        """Several events, each ``(kind, keyword arguments of append)``, validated first, then
        chained, sealed and stored in this order in one transaction (one write to disk): all
        of them or none."""
        drafts = [self._draft(kind, **kwargs) for kind, kwargs in events]  # validated before the lock
        if not drafts:
            return []
        done: list[AuditEvent] = []
        anchored: list[AnchorRow] = []
        self.store.append_many([self._builder(d, done, anchored) for d in drafts])
        for a in anchored:
            self._write_anchor_file(a)
        return done

    record_many = append_many

    def _draft(self, kind: str, *, actor: str, role: str, document_id: Optional[str] = None,
               input_sha256: Optional[str] = None, output_sha256: Optional[str] = None, policy: Any = None,
               model: Any = None, areas: Iterable[Union[AuditArea, Mapping[str, Any]]] = (),
               details: Optional[Mapping[str, Any]] = None) -> AuditEvent:
        return AuditEvent(  # validates every field before the write lock is taken
            seq=1, event_id=new_event_id(), time=_PLACEHOLDER_TIME, kind=kind, actor=actor, role=role,
            document_id=document_id, input_sha256=input_sha256, output_sha256=output_sha256,
            policy=policy, model=model, tool_version=self.tool_version, areas=tuple(areas),
            details=dict(details or {}),
        )

    def _builder(self, draft: AuditEvent, done: list[AuditEvent], anchored: list[AnchorRow]):
        """The store's build step for ``draft``: the event sealed on the last (seq, hash)."""

        def build(last_seq: int, last_hash: Optional[str]) -> tuple[EventRow, HeadRow, Optional[AnchorRow]]:
            ev = dataclasses.replace(draft, seq=last_seq + 1, time=self.clock(), prev_hash=last_hash or GENESIS)
            h = ev.compute_hash()
            ev = dataclasses.replace(ev, hash=h, mac=self.key.mac("event", h))
            row = EventRow(ev.seq, ev.event_id, ev.time, ev.kind, ev.document_id, h, ev.to_json())
            head = HeadRow(ev.seq, h, self.key.key_id, self.key.mac("head", f"{ev.seq}|{h}"))
            anchor = None
            if self.anchor_every and ev.seq % self.anchor_every == 0:
                anchor = self._make_anchor(ev.seq, h, self._first_hash() if ev.seq > 1 else h, ev.time)
                anchored.append(anchor)
            done.append(ev)
            return row, head, anchor

        return build

    def value_hmac(self, value: str) -> str:
        """``hmac-sha256:<hex>`` of a value under this log's key: linkable, not readable."""
        return self.key.value_hmac(value)

    def _first_hash(self) -> str:
        if self._log_id is None:
            first = self.store.first_row()
            if first is None:
                raise AuditIntegrityError("audit log is empty")
            self._log_id = first.hash
        return self._log_id

    def _make_anchor(self, seq: int, h: str, log: str, time: str) -> AnchorRow:
        a = AnchorRow(log=log, seq=seq, hash=h, time=time, key_id=self.key.key_id, mac="")
        return dataclasses.replace(a, mac=self.key.mac("anchor", _anchor_message(a)))

    def _write_anchor_file(self, a: AnchorRow) -> None:
        if self.anchor_file is None:
            return
        line = (json.dumps(a.to_dict(), sort_keys=True, separators=(",", ":")) + "\n").encode("ascii")
        try:
            self.anchor_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.anchor_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise AuditConfigError(f"cannot append to the anchor file {self.anchor_file} ({type(exc).__name__})") from None

    def anchor(self) -> Optional[AnchorRow]:
        """Record a signed anchor for the current last event in the store and, if configured,
        the anchor file (keep that file, or the printed anchor, somewhere the store's writers
        cannot reach). Returns None for an empty log."""
        last = self.store.last_row()
        if last is None:
            return None
        a = self._make_anchor(last.seq, last.hash, self._first_hash(), self.clock())
        self.store.add_anchor(a)
        self._write_anchor_file(a)
        return a

    # --- reading ---
    def events(self, start: TimeArg = None, end: TimeArg = None, document_id: Optional[str] = None,
               kind: Optional[str] = None) -> Iterator[AuditEvent]:
        """Events in seq order, time in [start, end). Reading does not verify: use :meth:`verify`."""
        for row in self.store.iter_rows(start=_time_arg(start), end=_time_arg(end), document_id=document_id, kind=kind):
            try:
                yield AuditEvent.from_dict(json.loads(row.body))
            except (ValueError, TypeError, AuditRecordError) as exc:
                why = exc.message if isinstance(exc, AuditRecordError) else "not JSON"
                raise AuditIntegrityError(f"audit log: event seq {row.seq} is not a valid event ({why})") from None

    def export(self, fp: IO[str], start: TimeArg = None, end: TimeArg = None) -> int:
        """Write events with time in [start, end) as JSON lines (canonical JSON, hash and mac
        included, so a recipient can check the chain). Returns the number written."""
        n = 0
        for row in self.store.iter_rows(start=_time_arg(start), end=_time_arg(end)):
            fp.write(row.body + "\n")
            n += 1
        return n

    # --- verifying ---
    def _read_anchor_file(self, path: Optional[Path]) -> tuple[list[tuple[str, AnchorRow]], list[str]]:
        if path is None:
            return [], []
        if not path.exists():
            return [], [f"anchor file {path} does not exist yet"]
        out = []
        try:
            lines = path.read_text(encoding="ascii").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise AuditConfigError(f"cannot read the anchor file {path} ({type(exc).__name__})") from None
        for i, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                a = AnchorRow(log=d["log"], seq=d["seq"], hash=d["hash"], time=d["time"], key_id=d["key_id"], mac=d["mac"])
                if not isinstance(a.seq, int) or any(not isinstance(v, str) for v in (a.log, a.hash, a.time, a.key_id, a.mac)):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                a = AnchorRow(log="", seq=-1, hash="", time="", key_id="", mac="")  # fails its MAC check below
            out.append((f"anchor file line {i}", a))
        return out, []

    def verify(self, anchor_file: Optional[Union[str, Path]] = None) -> VerifyResult:
        """Check every event (content hash, link to the previous event, keyed MAC, sequence),
        every anchor (store and anchor file) and the signed head. Stops at the first bad event."""
        path = Path(anchor_file) if anchor_file else self.anchor_file
        file_anchors, warnings = self._read_anchor_file(path)
        key = self.key
        with self.store.snapshot():
            head = self.store.head()
            anchors = [("anchor in the store", a) for a in self.store.anchors()] + file_anchors
            warnings += self.store.warnings()
            anchor_seqs = {a.seq for _, a in anchors}
            seen: dict[int, str] = {}
            expected, prev, first_hash = 1, GENESIS, None

            def bad(seq: Optional[int], reason: str) -> VerifyResult:
                return VerifyResult(False, expected - 1, seq, reason, expected - 1, 0, tuple(warnings))

            for row in self.store.iter_rows():
                if row.seq != expected:
                    return bad(expected, f"missing (the next stored event is seq {row.seq})")
                try:
                    d = json.loads(row.body)
                    if not isinstance(d, dict):
                        raise ValueError
                except ValueError:
                    return bad(row.seq, "stored event is not a JSON object")
                if d.get("seq") != row.seq:
                    return bad(row.seq, "stored out of place: the event's own seq differs (moved or swapped)")
                if (row.event_id, row.time, row.kind, row.document_id, row.hash) != (
                    d.get("event_id"), d.get("time"), d.get("kind"), d.get("document_id"), d.get("hash")
                ):
                    return bad(row.seq, "indexed columns differ from the stored event (edited)")
                try:
                    h = content_hash(d)
                except (AuditRecordError, ValueError, TypeError):
                    h = None
                if h != d.get("hash"):
                    return bad(row.seq, "content does not match its hash (edited)")
                if d.get("prev_hash") != prev:
                    return bad(row.seq, "prev_hash does not match the previous event (removed, inserted or reordered)")
                if not key.check("event", h, d.get("mac")):
                    hint = ""
                    if head is not None and head.key_id != key.key_id:
                        hint = f"; the log was written with key id {head.key_id}, this key is {key.key_id}"
                    return bad(row.seq, f"MAC does not verify (forged or rewritten event, or the wrong key{hint})")
                if row.seq == 1:
                    first_hash = h
                if row.seq in anchor_seqs:
                    seen[row.seq] = h
                prev = h
                expected += 1
            last = expected - 1

            for where, a in sorted(anchors, key=lambda x: x[1].seq):
                if a.key_id != key.key_id or not key.check("anchor", _anchor_message(a), a.mac):
                    return bad(None, f"{where} for seq {a.seq} has an invalid MAC (forged, or another key)")
                if a.seq > last:
                    return bad(last + 1, f"missing: the log ends at seq {last} but {where} covers seq {a.seq} (tail removed)")
                if a.log != first_hash or seen.get(a.seq) != a.hash:
                    return bad(a.seq, f"does not match {where} (the log was replaced)")

            if head is None:
                if last:
                    return bad(None, f"the signed head is missing (events after seq {last} may have been removed)")
            elif head.key_id != key.key_id or not key.check("head", f"{head.seq}|{head.hash}", head.mac):
                return bad(None, "the signed head has an invalid MAC (forged, or another key)")
            elif head.seq > last:
                return bad(last + 1, f"missing: the signed head says the log ends at seq {head.seq}, it ends at seq {last} (tail removed)")
            elif head.seq < last:
                return bad(head.seq + 1, f"after the signed head (seq {head.seq}): appended without the key, or the head was rolled back")
            elif head.hash != prev:
                return bad(head.seq, "does not match the signed head")
        return VerifyResult(True, last, None, None, last, len(anchors), tuple(warnings))

    # --- lifecycle ---
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "AuditLog":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _coerce_key(key: Union[AuditKey, bytes, str, None], url: Optional[str], create: bool = True) -> AuditKey:
    if isinstance(key, AuditKey):
        return key
    if isinstance(key, (bytes, bytearray)):
        return AuditKey(bytes(key))
    if isinstance(key, str):
        return parse_key(key, "the key argument")
    path = sqlite_path_for(url)
    return load_key(path.with_suffix(".key") if path is not None else None, create=create)


def open_audit_log(
    url: Optional[str] = None,
    *,
    key: Union[AuditKey, bytes, str, None] = None,
    anchor_file: Optional[Union[str, Path]] = None,
    anchor_every: Optional[int] = None,
    clock: Optional[Callable[[], str]] = None,
    create: bool = True,
) -> AuditLog:
    """The audit log ``url`` names (else ``MASKING_AUDIT_URL``, else the default SQLite file),
    with the configured key (``MASKING_AUDIT_KEY`` / ``MASKING_AUDIT_KEY_FILE`` / a key file
    beside a SQLite store), anchor file (``MASKING_AUDIT_ANCHOR_FILE``) and automatic anchor
    interval (``MASKING_AUDIT_ANCHOR_EVERY`` events; 0 = only on request). With
    ``create=False`` a missing SQLite store or default key file is an error, not a new log."""
    url = url if url is not None else (os.environ.get("MASKING_AUDIT_URL") or None)
    if not create:
        path = sqlite_path_for(url)
        if path is not None and not path.exists():
            raise AuditConfigError(f"no audit store at {path}")
    k = _coerce_key(key, url, create=create)  # before the store: a missing key creates no empty store
    if anchor_every is None:
        raw = os.environ.get(ANCHOR_EVERY_ENV, "0") or "0"
        if not raw.isdigit():
            raise AuditConfigError(f"{ANCHOR_EVERY_ENV} must be a whole number of events")
        anchor_every = int(raw)
    store = open_store(url)
    return AuditLog(
        store,
        k,
        anchor_file=anchor_file if anchor_file is not None else (os.environ.get(ANCHOR_FILE_ENV) or None),
        anchor_every=anchor_every,
        clock=clock or utc_now,
    )


_key_cache: dict[tuple, AuditKey] = {}


def value_hmac(value: str) -> str:
    """``hmac-sha256:<hex>`` of ``value`` under the configured audit key (see :func:`open_audit_log`)."""
    url = os.environ.get("MASKING_AUDIT_URL") or None
    ck = tuple(os.environ.get(v) for v in ("MASKING_AUDIT_KEY", "MASKING_AUDIT_KEY_FILE", "XDG_DATA_HOME", "HOME")) + (url,)
    if ck not in _key_cache:
        _key_cache.clear()
        _key_cache[ck] = _coerce_key(None, url)
    return _key_cache[ck].value_hmac(value)
