"""The service's flows over the library, shared by the API and the review page.

* one-shot redaction (integrations): upload → mask + verify in a worker → masked PDF (or a job
  id for large files), report, maskeringsförteckning, decision draft;
* review: upload → plan of candidates (worker) → decisions (here, under a per-document lock,
  audited with :func:`masking.review.record_decision`) → apply (worker: mask + verify) →
  release (:func:`masking.review.release`) → download.

Masking, review and audit logic all live in the library; this module stores files, checks
ownership and state, and turns outcomes into records and metrics. A document of another
organisation is reported as not found.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import hashlib
import logging
import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, AsyncIterator, BinaryIO, Callable, Optional, Sequence, Union

from masking import errors as me
from masking.entities import ALL_TYPES
from masking.model import MaskedArea
from masking.verify import VerificationResult

from . import storage, webhook, worker
from .auth import Principal
from .db import DocumentRow, ServiceDB, iso, utc_now
from .errors import ServiceError, conflict, not_found
from .metrics import Metrics
from .pool import Overloaded, PoolError, WorkerPool
from .settings import Settings
from .storage import Storage

log = logging.getLogger("service")

MANUAL_TYPES = ("MANUAL",) + ALL_TYPES
MAX_DENY_TERMS = 200
MAX_TERM_CHARS = 200
MAX_CASE_REF_CHARS = 200
_ENTITY = re.compile(r"[A-Z][A-Z0-9_]{0,63}")

Source = Union[bytes, BinaryIO]  # an upload: bytes, or a file (the spooled request body), copied in blocks


def source_size(src: Source) -> int:
    if isinstance(src, (bytes, bytearray)):
        return len(src)
    pos = src.tell()
    end = src.seek(0, os.SEEK_END)
    src.seek(pos)
    return end - pos


@dataclass(frozen=True)
class UploadOptions:
    policy: Optional[str] = None
    protected_identity: bool = False
    deny_list: tuple[str, ...] = ()
    case_ref: Optional[str] = None
    append_list: bool = False
    callback_url: Optional[str] = None  # one-shot jobs: POSTed to when the job finishes (service/webhook.py)
    file_name: Optional[str] = None  # shown in the review page's document list (meta.json), never logged


def deny_terms(raw: Sequence[str] | None) -> tuple[str, ...]:
    """Deny-list terms from form fields (repeated, or one per line)."""
    terms: list[str] = []
    for item in raw or ():
        for line in str(item).splitlines():
            t = line.strip()
            if t:
                terms.append(t)
    if len(terms) > MAX_DENY_TERMS or any(len(t) > MAX_TERM_CHARS for t in terms):
        raise ServiceError(422, "validation", f"deny_list: at most {MAX_DENY_TERMS} terms of {MAX_TERM_CHARS} characters")
    return tuple(dict.fromkeys(terms))


def _error_fields(exc: BaseException) -> dict[str, str]:
    if isinstance(exc, me.MaskingError):
        return {"error_kind": exc.kind, "error": exc.message}
    if isinstance(exc, PoolError):
        return {"error_kind": exc.kind, "error": str(exc)}
    return {"error_kind": "internal", "error": "internal error"}


def _view(row: DocumentRow, id_key: str, status: str, base: str) -> dict[str, Any]:
    """What a job's and a review document's status have in common (no content, no names)."""
    return {
        id_key: row.id,
        "status": status,
        "created": row.created,
        "updated": row.updated,
        "expires": row.expires,
        "policy": row.policy,
        "protected_identity": row.protected_identity,
        "pages": row.pages,
        "masked_areas": row.masked_areas,
        "input_sha256": row.input_sha256,
        "output_sha256": row.output_sha256,
        "error": {"kind": row.error_kind, "detail": row.error} if row.error_kind else None,
        "links": {"self": base},
    }


def _product_links(base: str) -> dict[str, str]:
    return {"report": f"{base}/report", "masking_list": f"{base}/masking-list",
            "masking_list_pdf": f"{base}/masking-list.pdf", "decision_draft": f"{base}/decision-draft"}


def display_name(name: Optional[str]) -> Optional[str]:
    """An uploaded file's name as the document list shows it: its last path part, without
    control characters, at most 200 characters."""
    if not name:
        return None
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or None


def read_meta(doc_dir: Path) -> dict:
    """The upload's file name and case reference (``meta.json``), or {}."""
    try:
        return storage.read_json(doc_dir / storage.META)
    except (OSError, ValueError):
        return {}


def _check_manual_type(entity_type: str) -> None:
    if entity_type not in MANUAL_TYPES:
        raise ServiceError(422, "validation", f"entity_type must be one of {', '.join(MANUAL_TYPES)}")


class DocumentService:
    def __init__(self, settings: Settings, db: ServiceDB, store: Storage, pool: WorkerPool, metrics: Metrics,
                 audit: Any) -> None:
        self.settings = settings
        self.db = db
        self.storage = store
        self.pool = pool
        self.metrics = metrics
        self.audit = audit  # this process's audit log (decisions, release, download, export)
        self._locks: dict[str, list] = {}  # document id -> [asyncio.Lock, users]
        self._jobs: set[asyncio.Task] = set()
        self.instance = uuid.uuid4().hex  # this instance, as the runner of its asynchronous jobs
        self.webhooks = webhook.WebhookConfig.from_settings(settings)

    # -- ownership and state ------------------------------------------------------------------
    def get(self, p: Principal, doc_id: str, kind: str = "review") -> DocumentRow:
        what = "document" if kind == "review" else "job"
        if not storage.is_document_id(doc_id):
            raise not_found(what)
        row = self.db.document(doc_id)
        if row is None or row.org != p.org or row.kind != kind:
            raise not_found(what)
        return row

    def live(self, p: Principal, doc_id: str, kind: str = "review") -> DocumentRow:
        row = self.get(p, doc_id, kind)
        if row.purged:
            raise ServiceError(410, "expired", "the files were deleted (retention period passed, or deleted on request)")
        return row

    def dir(self, doc_id: str) -> Path:
        return self.storage.path(doc_id)

    @contextlib.asynccontextmanager
    async def locked(self, doc_id: str) -> AsyncIterator[None]:
        """One change at a time per document: in this process (asyncio) and across HTTP worker
        processes and hosts (the database's document lock: a file lock in the document's
        directory on SQLite, an advisory lock on PostgreSQL), waited for without blocking."""
        entry = self._locks.setdefault(doc_id, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                lock = self.db.document_lock(doc_id, self.dir(doc_id) / ".lock")
                try:
                    while not await asyncio.to_thread(lock.try_acquire):
                        await asyncio.sleep(0.05)
                    yield
                finally:
                    await asyncio.to_thread(lock.release)
        finally:
            entry[1] -= 1
            if entry[1] == 0:  # nobody waits: forget it (no lock per document ever seen)
                self._locks.pop(doc_id, None)

    # -- uploads --------------------------------------------------------------------------------
    def _check_upload(self, size: int, opts: UploadOptions) -> str:
        if size > self.settings.max_upload_bytes:
            raise ServiceError(413, "too_large", f"the upload is larger than the limit of {self.settings.max_upload_bytes} bytes")
        if not size:
            raise me.EmptyPdfError("upload: empty file")
        self.settings.policy_spec(opts.policy)  # ConfigError (422) when not offered
        if opts.case_ref is not None and len(opts.case_ref) > MAX_CASE_REF_CHARS:
            raise ServiceError(422, "validation", f"case_ref: at most {MAX_CASE_REF_CHARS} characters")
        return opts.policy or self.settings.default_policy

    async def _create(self, p: Principal, src: Source, kind: str, status: str, policy: str, opts: UploadOptions) -> str:
        doc_id = str(uuid.uuid4())
        _, sha256, size = await asyncio.to_thread(self.storage.create_from, doc_id, src)  # in blocks, off the loop
        expires = utc_now() + _dt.timedelta(hours=self.settings.retention_hours)
        case_ref = self.audit.value_hmac(opts.case_ref.strip()) if opts.case_ref and opts.case_ref.strip() else None
        await asyncio.to_thread(  # off the event loop: a commit waits for the disk
            self.db.add_document,
            id=doc_id, kind=kind, org=p.org, owner=p.actor, status=status, policy=policy,
            protected_identity=int(opts.protected_identity), bytes=size,
            input_sha256=sha256, case_ref=case_ref, expires=iso(expires),
        )
        meta = {k: v for k, v in (("file_name", display_name(opts.file_name)),
                                  ("case_ref", (opts.case_ref or "").strip() or None)) if v}
        if meta:  # in the document's directory: deleted with its files
            await asyncio.to_thread(storage.write_json, self.dir(doc_id) / storage.META, meta)
        return doc_id

    def _fail(self, doc_id: str, exc: BaseException, flow: str) -> None:
        """Record a failure; the upload is deleted at once (nothing will be done with it)."""
        fields = _error_fields(exc)
        if isinstance(exc, Overloaded):  # waited for a worker longer than queue_wait_s: 503
            self.metrics.rejected.inc()
        self.metrics.failure(fields["error_kind"])
        self.metrics.documents.labels(flow=flow, outcome="failed").inc()
        self.storage.purge(doc_id)
        self.db.update_document(doc_id, status="failed", purged=1, **fields)

    async def _accept(self, p: Principal, src: Source, opts: UploadOptions, kind: str, status: str) -> tuple[str, str, Any]:
        """Check an upload, reserve its place in the pool (Overloaded, 503, before anything is
        stored), store it. Returns (document id, policy name, pool ticket)."""
        policy = self._check_upload(source_size(src), opts)
        try:
            ticket = self.pool.admit()
        except Overloaded:
            self.metrics.rejected.inc()
            raise
        try:
            return await self._create(p, src, kind, status, policy, opts), policy, ticket
        except BaseException:
            ticket.release()
            raise

    # -- one-shot redaction ---------------------------------------------------------------------
    async def redact(self, p: Principal, src: Source, opts: UploadOptions, run_async: bool,
                     timing: Optional[dict] = None, download: Optional[str] = None) -> tuple[str, Optional[dict]]:
        """Mask ``src`` automatically, file to file (the upload is copied to the job's directory,
        the worker writes the output there, the response streams it). Returns (job id, summary)
        — summary None when queued. ``download``: the channel through which a synchronous
        answer delivers the masked PDF, audited with the outcome (one transaction). ``timing``
        (synchronous requests) gets the seconds of each phase: ``accept`` (checks, the upload
        stored, its record), the pool's (``queue``, ``dispatch``, ``task``, ``reply``), the
        worker's split of ``task``, ``record`` (products and audit events written) and ``finish``."""
        t0 = time.monotonic()
        size = source_size(src)
        callback = webhook.check_url(opts.callback_url, self.webhooks)  # 422 before anything is stored
        queued = run_async or size > self.settings.sync_max_bytes
        # a request is answered by its own run: "running" from the start (one database write fewer)
        doc_id, policy, ticket = await self._accept(p, src, opts, "job", "queued" if queued else "running")
        kwargs = dict(doc_dir=str(self.dir(doc_id)), document_id=doc_id, actor=p.actor, role=p.role, policy=policy,
                      protected_identity=opts.protected_identity, deny_list=opts.deny_list, case_ref=opts.case_ref,
                      append_list=opts.append_list)
        if queued:
            # durable: the parameters in the job's directory, the record names this instance as its
            # runner; if the instance stops before the job ends, another one takes it over (resume_jobs)
            job = {k: v for k, v in kwargs.items() if k != "doc_dir"}
            job["callback"] = callback
            await asyncio.to_thread(storage.write_json, self.dir(doc_id) / storage.JOB, job)
            self.db.update_document(doc_id, runner=self.instance, heartbeat=iso(utc_now()))
            self._background(self._run_job(doc_id, kwargs, ticket, raise_errors=False, callback=callback))
            return doc_id, None
        if timing is not None:
            timing["accept"] = time.monotonic() - t0
        delivered = (p.actor, p.role, download) if download else None
        return doc_id, await self._run_job(doc_id, kwargs, ticket, raise_errors=True, callback=callback, timing=timing,
                                           download=delivered, running=True)

    def _background(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._jobs.add(task)  # cancelled when the service stops
        task.add_done_callback(self._jobs.discard)

    def _notify(self, doc_id: str, callback: Optional[str], by_type: Optional[dict] = None) -> None:
        """The finished job's webhook, sent in the background: it never fails the job."""
        if callback is None:
            return
        try:
            row = self.db.document(doc_id)
            payload = webhook.job_payload(self.job_view(row), by_type) if row is not None else None
        except Exception as exc:
            log.error("webhook for job %s not sent (%s)", doc_id, type(exc).__name__)
            return
        if payload is not None:
            self._background(webhook.deliver(callback, payload, self.webhooks, doc_id))

    async def _run_job(self, doc_id: str, kwargs: dict, ticket, raise_errors: bool,
                       callback: Optional[str] = None, timing: Optional[dict] = None,
                       download: Optional[tuple[str, str, str]] = None, running: bool = False) -> Optional[dict]:
        self.metrics.inflight.set(self.pool.load)
        try:
            if not running:  # database writes off the event loop (a commit waits for the disk)
                await asyncio.to_thread(self.db.update_document, doc_id, status="running")
            # an accepted asynchronous job waits for a worker as long as it takes; a request, queue_wait_s
            summary = await self.pool.run(worker.redact, kwargs, ticket=ticket, timing=timing,
                                          **({} if raise_errors else {"wait_s": None}))
            t_record = time.monotonic()
            await self._record_outcome(doc_id, summary, download)
            if timing is not None:
                timing["record"] = time.monotonic() - t_record
        except Exception as exc:
            self._fail(doc_id, exc, "redact")
            self._notify(doc_id, callback)
            if raise_errors:
                raise
            return None
        finally:
            self.metrics.inflight.set(self.pool.load)
        t_done = time.monotonic()
        (self.dir(doc_id) / storage.JOB).unlink(missing_ok=True)  # done (not when cancelled: then it is resumed)
        await asyncio.to_thread(self.db.update_document, doc_id, status="done", pages=summary["pages"],
                                output_sha256=summary["output_sha256"], masked_areas=summary["masked_areas"])
        self.metrics.documents.labels(flow="redact", outcome="done").inc()
        self.metrics.pages.labels(flow="redact").inc(summary["pages"])
        self.metrics.observe_detections(summary["detections_by_type"])
        self._notify(doc_id, callback, summary["by_type"])
        if timing is not None:
            timing.update(summary.get("timings") or {})
            timing["finish"] = time.monotonic() - t_done
        return summary

    async def _record_outcome(self, doc_id: str, summary: dict, download: Optional[tuple[str, str, str]]) -> None:
        """What the worker left to this process (:func:`service.worker.redact`): its products
        written to the job's directory and the outcome's audit events (with the download, when
        the answer delivers the PDF) recorded in one transaction, both in threads at once."""
        products = summary.pop("products", None) or {}
        events = list(summary.pop("audit_events", None) or ())
        if download is not None:
            actor, role, channel = download
            events.append(("download", dict(actor=actor, role=role, document_id=doc_id,
                                             input_sha256=summary["input_sha256"],
                                             output_sha256=summary["output_sha256"], details={"channel": channel})))
        await asyncio.gather(asyncio.to_thread(storage.write_products, self.dir(doc_id), products),
                             asyncio.to_thread(self._record_events, events))

    def _record_events(self, events: list[tuple[str, dict]]) -> None:
        many = getattr(self.audit, "record_many", None)
        if many is not None:
            many(events)
        else:  # an audit log without batches (tests)
            for kind, kwargs in events:
                self.audit.record(kind, **kwargs)

    def job_view(self, row: DocumentRow) -> dict:
        row = self._stale(row)
        base = f"/v1/jobs/{row.id}"
        out = _view(row, "job_id", "expired" if row.purged and row.status == "done" else row.status, base)
        if row.status == "done" and not row.purged:
            out["links"].update({"result": f"{base}/result", **_product_links(base)})
        return out

    def resume_jobs(self, silent_s: float) -> int:
        """Take over the asynchronous jobs whose runner has been silent for ``silent_s`` seconds
        (its instance stopped or its host went away) while this instance has room: each runs
        here from its stored parameters, once (the claim is atomic across instances)."""
        n = 0
        while not self.pool.saturated:
            doc_id = self.db.claim_orphan_job(self.instance, utc_now() - _dt.timedelta(seconds=silent_s))
            if doc_id is None:
                break
            try:
                job = storage.read_json(self.dir(doc_id) / storage.JOB)
                kwargs = {k: v for k, v in job.items() if k != "callback"}
                kwargs["deny_list"] = tuple(kwargs.get("deny_list") or ())
                kwargs["doc_dir"] = str(self.dir(doc_id))
            except (OSError, ValueError) as exc:  # nothing to run it from
                log.error("job %s cannot be resumed (%s)", doc_id, type(exc).__name__)
                self.db.update_document(doc_id, status="failed", error_kind="interrupted",
                                        error="the job was interrupted (the service restarted); submit it again")
                continue
            try:
                ticket = self.pool.admit()
            except PoolError:  # full or closing after all: let it be claimed again
                self.db.update_document(doc_id, heartbeat="1970-01-01T00:00:00Z")
                break
            log.warning("job %s resumed: its instance stopped", doc_id)
            self.db.update_document(doc_id, status="queued")
            self._background(self._run_job(doc_id, kwargs, ticket, raise_errors=False, callback=job.get("callback")))
            n += 1
        return n

    def _stale(self, row: DocumentRow) -> DocumentRow:
        """A job left queued/running by a service process that stopped is reported failed (one
        with a runner is taken over by another instance instead, see :meth:`resume_jobs`)."""
        if row.status not in ("queued", "running") or row.heartbeat is not None:
            return row
        age = (utc_now() - _dt.datetime.fromisoformat(row.updated.replace("Z", "+00:00"))).total_seconds()
        if age < 2 * self.settings.job_timeout_s + 60:
            return row
        self.db.update_document(row.id, status="failed", error_kind="interrupted",
                                error="the job was interrupted (the service restarted); submit it again")
        return self.db.document(row.id) or row

    def _finished(self, p: Principal, doc_id: str, kind: str) -> DocumentRow:
        """A job that is done, or a review document that is applied or released: its products exist."""
        row = self.live(p, doc_id, kind)
        if kind == "review":
            if row.status not in ("applied", "released"):
                raise conflict("not_applied", "apply the reviewed plan first (POST .../apply)")
            return row
        row = self._stale(row)
        if row.status in ("queued", "running"):
            raise conflict("not_ready", "the job is not finished yet; poll the job status")
        if row.status != "done":
            raise conflict("job_failed", f"the job failed ({row.error_kind}); no result")
        return row

    def product(self, p: Principal, doc_id: str, name: str, kind: str = "review") -> Path:
        """A file the masking produced (report, maskeringsförteckning, draft) of a finished job or
        an applied review document."""
        self._finished(p, doc_id, kind)
        path = self.dir(doc_id) / name
        if not path.exists():
            raise not_found("file")
        return path

    def output(self, p: Principal, doc_id: str, kind: str) -> tuple[DocumentRow, Path]:
        """The masked PDF to hand out: a finished job's, or a *released* review document's."""
        if kind == "job":
            return self.get(p, doc_id, kind), self.product(p, doc_id, storage.OUTPUT, kind)
        row = self.live(p, doc_id)
        if row.status != "released":
            raise conflict("not_released", "the document has not been released")
        return row, self.dir(doc_id) / storage.OUTPUT

    async def record_download(self, p: Principal, row: DocumentRow, channel: str) -> None:
        await asyncio.to_thread(
            self.audit.record, "download", actor=p.actor, role=p.role, document_id=row.id,
            input_sha256=row.input_sha256, output_sha256=row.output_sha256, details={"channel": channel},
        )

    # -- review flow ------------------------------------------------------------------------------
    async def create_review(self, p: Principal, src: Source, opts: UploadOptions) -> DocumentRow:
        doc_id, policy, ticket = await self._accept(p, src, opts, "review", "analysing")
        try:
            summary = await self.pool.run(
                worker.plan,
                dict(doc_dir=str(self.dir(doc_id)), document_id=doc_id, actor=p.actor, role=p.role, policy=policy,
                     protected_identity=opts.protected_identity, deny_list=opts.deny_list),
                ticket=ticket,
            )
        except Exception as exc:
            self._fail(doc_id, exc, "review")
            raise
        self.db.update_document(doc_id, status="review", pages=summary["pages"])
        self.metrics.documents.labels(flow="review", outcome="analysed").inc()
        self.metrics.pages.labels(flow="review").inc(summary["pages"])
        self.metrics.observe_detections(summary["detections_by_type"])
        return self.db.document(doc_id)  # type: ignore[return-value]

    def plan(self, doc_id: str):
        from masking.review import MaskingPlan

        return MaskingPlan.from_json((self.dir(doc_id) / storage.PLAN).read_text(encoding="utf-8"))

    def _save_plan(self, doc_id: str, plan) -> None:
        storage.write_private(self.dir(doc_id) / storage.PLAN, plan.to_json().encode("utf-8"))

    def geometry(self, doc_id: str) -> list[dict]:
        return storage.read_json(self.dir(doc_id) / storage.PAGES)

    def document_view(self, row: DocumentRow, plan=None) -> dict:
        base = f"/v1/documents/{row.id}"
        out = _view(row, "document_id", "expired" if row.purged and row.status != "failed" else row.status, base)
        out["links"].update({"candidates": f"{base}/candidates", "page_image": f"{base}/pages/{{page}}.png"})
        if plan is not None:
            out["counts"] = plan.counts()
        if row.status in ("applied", "released"):
            out["links"].update({"preview_image": f"{base}/preview/{{page}}.png", "verification": f"{base}/verification",
                                 **_product_links(base)})
        if row.status == "released":
            out["links"]["download"] = f"{base}/download"
        return out

    def _editable(self, row: DocumentRow) -> None:
        if row.status == "released":
            raise conflict("released", "the document has been released; it can no longer be changed")
        if row.status not in ("review", "applied"):
            raise conflict("state", f"the document is {row.status}")

    async def _after_change(self, row: DocumentRow) -> None:
        if row.status == "applied":  # the preview no longer matches the decisions
            await asyncio.to_thread(self.storage.drop_outputs, row.id)
            self.db.update_document(row.id, status="review", output_sha256=None, masked_areas=None)

    @contextlib.asynccontextmanager
    async def _editing(self, p: Principal, doc_id: str) -> AsyncIterator[DocumentRow]:
        """A review document that may still change, locked for the change."""
        self._editable(self.live(p, doc_id))
        async with self.locked(doc_id):
            row = self.live(p, doc_id)  # again: another process or host may have changed it meanwhile
            self._editable(row)
            yield row

    async def _change_plan(self, p: Principal, doc_id: str, change: Callable[[Any], Any]) -> tuple[Any, Any]:
        """An official's change to the plan (``change(plan)``), audited and saved under the
        document's lock; a preview made before it is dropped. Returns (plan, what change returned)."""
        from masking.review import record_decision

        async with self._editing(p, doc_id) as row:
            def work() -> tuple[Any, Any]:
                plan = self.plan(doc_id)
                out = change(plan)
                record_decision(self.audit, plan, plan.history[-1])
                self._save_plan(doc_id, plan)
                return plan, out

            plan, out = await asyncio.to_thread(work)
            await self._after_change(row)
        return plan, out

    async def decide(self, p: Principal, doc_id: str, action: str, ids: Sequence[str], reason: Optional[str] = None,
                     ground: Optional[str] = None, all_occurrences: bool = False) -> dict:
        def change(plan) -> list:
            if action == "accept":
                return plan.accept(ids, p.actor, p.role, all_occurrences=all_occurrences)
            if action == "reject":
                return plan.reject(ids, p.actor, reason or "", p.role, all_occurrences=all_occurrences)
            if action == "change_ground":
                if not ground:
                    raise me.PlanError("change_ground needs a ground")
                return plan.change_ground(ids, ground, p.actor, p.role, all_occurrences=all_occurrences)
            if action == "delete":  # undo a drawn box or a text entry
                return plan.delete(ids, p.actor, p.role, all_occurrences=all_occurrences)
            raise me.PlanError(f"unknown action {action!r}")

        plan, changed = await self._change_plan(p, doc_id, change)
        return {"counts": plan.counts(), "changed": [c.to_dict() for c in changed]}

    async def add_box(self, p: Principal, doc_id: str, page: int, box: Sequence[float], ground: Optional[str] = None,
                      entity_type: str = "MANUAL", all_occurrences: bool = False) -> dict:
        _check_manual_type(entity_type)
        plan, area = await self._change_plan(
            p, doc_id, lambda plan: plan.add_box(page, box, p.actor, p.role, ground=ground, entity_type=entity_type,
                                                 all_occurrences=all_occurrences))
        return {"counts": plan.counts(), "area": area.to_dict()}

    async def add_text(self, p: Principal, doc_id: str, text: str, entity_type: str = "PERSON",
                       ground: Optional[str] = None) -> dict:
        _check_manual_type(entity_type)
        async with self._editing(p, doc_id) as row:  # found in the document's text: in a worker
            out = await self.pool.run(worker.add_text, dict(doc_dir=str(self.dir(doc_id)), policy=row.policy, text=text,
                                                            actor=p.actor, role=p.role, entity_type=entity_type,
                                                            ground=ground))
            await self._after_change(row)
        plan = self.plan(doc_id)
        added = set(out["added"])
        return {"counts": plan.counts(), "changed": [c.to_dict() for c in plan.candidates if c.id in added]}

    async def apply(self, p: Principal, doc_id: str, append_list: bool = False) -> dict:
        async with self._editing(p, doc_id) as row:
            try:
                summary = await self.pool.run(worker.apply, dict(doc_dir=str(self.dir(doc_id)), policy=row.policy,
                                                            actor=p.actor, role=p.role, append_list=append_list))
            except Exception as exc:
                self.metrics.failure(_error_fields(exc)["error_kind"])
                raise
            self.db.update_document(doc_id, status="applied", output_sha256=summary["output_sha256"],
                                    masked_areas=summary["masked_areas"])
        self.metrics.documents.labels(flow="review", outcome="applied").inc()
        self.metrics.pages.labels(flow="review").inc(summary["pages"])
        return {
            "document_id": doc_id,
            "status": "applied",
            "masked_areas": summary["masked_areas"],
            "by_type": summary["by_type"],
            "output_pages": summary["output_pages"],
            "output_sha256": summary["output_sha256"],
            "verification": {"passed": summary["verification_passed"], "checks": summary["checks"]},
        }

    def verification(self, p: Principal, doc_id: str) -> dict:
        """The verification recorded when the plan was applied, and whether the stored output is
        still the one verified (its SHA-256)."""
        row = self._finished(p, doc_id, "review")
        d = self.dir(doc_id)
        report = storage.read_json(d / storage.REPORT)
        actual = hashlib.sha256((d / storage.OUTPUT).read_bytes()).hexdigest()
        v = report["verification"]
        return {
            "document_id": doc_id,
            "passed": bool(v["passed"]) and actual == report["output"]["sha256"] == row.output_sha256,
            "checks": v["checks"],
            "findings": v["findings"],
            "output_sha256": actual,
            "output_intact": actual == report["output"]["sha256"] == row.output_sha256,
        }

    async def release(self, p: Principal, doc_id: str) -> dict:
        from masking.pipeline import MaskingResult
        from masking.review import release

        row = self.live(p, doc_id)
        if row.status == "released":
            raise conflict("released", "the document has already been released")
        if row.status != "applied":
            raise conflict("not_applied", "apply the reviewed plan and check the preview before releasing")
        async with self.locked(doc_id):
            status = self.live(p, doc_id).status  # again: another process or host may have acted meanwhile
            if status == "released":
                raise conflict("released", "the document has already been released")
            if status != "applied":
                raise conflict("not_applied", "apply the reviewed plan and check the preview before releasing")

            def work() -> dict:
                check = self.verification(p, doc_id)
                if not check["output_intact"]:
                    raise me.PlanError("release refused: the stored output is not the one that was verified")
                report = storage.read_json(self.dir(doc_id) / storage.REPORT)
                areas = [MaskedArea(a["page"] - 1, tuple(a["box"]), a["type"], a["ground"], a["score"], a["recognizer"],
                                    a.get("label_drawn", True), a.get("decided_by")) for a in report["masked_areas"]]
                result = MaskingResult(b"", report, [], areas, VerificationResult(passed=bool(check["passed"])))
                record = release(self.plan(doc_id), result, actor=p.actor, role=p.role, audit=self.audit)
                storage.write_json(self.dir(doc_id) / storage.RELEASE, record)
                return record

            record = await asyncio.to_thread(work)
            self.db.update_document(doc_id, status="released")
        self.metrics.documents.labels(flow="review", outcome="released").inc()
        return record

    async def list_pdf(self, doc_id: str) -> Path:
        """The maskeringsförteckning PDF of an applied document or finished job (made once)."""
        path = self.dir(doc_id) / storage.LIST_PDF
        if not path.exists():
            await self.pool.run(worker.list_pdf, {"doc_dir": str(self.dir(doc_id))})
        return path

    async def page_image(self, p: Principal, doc_id: str, page: int, masked: bool) -> Path:
        row = self._finished(p, doc_id, "review") if masked else self.live(p, doc_id)
        if row.status in ("analysing", "failed"):
            raise conflict("state", f"the document is {row.status}")
        if page < 1 or (not masked and row.pages is not None and page > row.pages):
            raise not_found("page")
        d = self.dir(doc_id)
        out = d / "png" / (f"masked-{page}.png" if masked else f"page-{page}.png")
        if not out.exists():
            src = d / (storage.OUTPUT if masked else storage.INPUT)
            try:
                await self.pool.run(worker.render_page, dict(pdf_path=str(src), page=page, out_path=str(out),
                                                        zoom=self.settings.render_zoom))
            except me.PlanError:
                raise not_found("page") from None
        return out

    async def delete(self, p: Principal, doc_id: str, kind: str) -> None:
        row = self.get(p, doc_id, kind)
        if row.status in ("queued", "running", "analysing"):
            raise conflict("busy", "the document is being processed; try again when it is done")
        if not row.purged:
            async with self.locked(doc_id):
                await asyncio.to_thread(self.storage.purge, doc_id)
        self.db.update_document(doc_id, purged=1, status="deleted" if row.status != "failed" else "failed")

    def list_documents(self, p: Principal, kind: str, case_ref: Optional[str] = None, limit: int = 100) -> list[DocumentRow]:
        ref = self.audit.value_hmac(case_ref.strip()) if case_ref and case_ref.strip() else None
        return self.db.documents(p.org, kind, limit=limit, case_ref=ref)

    # -- text analysis, audit ---------------------------------------------------------------------
    async def analyze(self, p: Principal, text: str, policy: Optional[str]) -> list[dict]:
        if len(text) > self.settings.max_text_chars:
            raise ServiceError(413, "too_large", f"the text is longer than {self.settings.max_text_chars} characters")
        self.settings.policy_spec(policy)
        entities = await self.pool.run(worker.analyze, dict(text=text, policy=policy or self.settings.default_policy))
        by_type: dict[str, int] = {}
        for e in entities:
            by_type[e["type"]] = by_type.get(e["type"], 0) + 1
        self.metrics.observe_detections(by_type)
        return entities

    async def audit_events(self, p: Principal, start: Optional[str], end: Optional[str], document_id: Optional[str],
                           kind: Optional[str], after_seq: int, limit: int) -> list[dict]:
        ids = self.db.document_ids(p.org)
        if document_id is not None and document_id not in ids:
            return []

        def work() -> list[dict]:
            out = []
            try:
                for ev in self.audit.events(start=start, end=end, document_id=document_id, kind=kind):
                    if ev.seq > after_seq and ev.document_id in ids:
                        out.append(ev.to_dict())
                        if len(out) >= limit:
                            break
            except me.AuditRecordError as exc:
                raise ServiceError(422, "validation", exc.message) from None
            self.audit.record("export", actor=p.actor, role=p.role,
                              details={"events": len(out), "channel": "api", "action": "export"})
            return out

        return await asyncio.to_thread(work)

    async def audit_verify(self) -> dict:
        result = await asyncio.to_thread(self.audit.verify)
        return {"ok": result.ok, "checked": result.checked, "first_bad_seq": result.first_bad_seq,
                "reason": result.reason, "last_seq": result.last_seq, "anchors": result.anchors,
                "warnings": list(result.warnings), "message": result.message()}

    # -- retention ----------------------------------------------------------------------------------
    def purge_expired(self, now: Optional[_dt.datetime] = None) -> int:
        n = 0
        for doc_id in self.db.expired(now):
            self.storage.purge(doc_id)
            if self.db.mark_purged(doc_id):  # counted once when several instances run retention
                n += 1
        if n:
            self.audit.record("admin", actor="masking-service", role="system",
                              details={"action": "retention", "files": n})
        return n
