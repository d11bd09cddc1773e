"""Tasks that run inside a masking worker process (see :mod:`service.pool`).

Each task is a thin call into the library — :class:`masking.pipeline.Masker`,
:mod:`masking.review`, :mod:`masking.disclosure` — that reads its input from the document's
directory and writes what it produces there (0600), returning only small summaries (counts,
types, hashes: never text). Library errors (:class:`masking.errors.MaskingError`) travel back
to the HTTP process by type and message, which never hold personal data.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Optional

import pymupdf

from masking.errors import PlanError
from masking.pdf import Limits

from . import storage

_config: dict[str, Any] = {}
_maskers: dict[str, Any] = {}
_audit_log: Any = None

MAX_IMAGE_SIDE_PX = 3000  # page images are scaled down to this (a huge page must not exhaust memory)


def init(config: dict[str, Any]) -> None:
    """Called once in each new worker: load the model and policies before the first task."""
    _config.clear()
    _config.update(config)
    _maskers.clear()
    for name in config["policies"]:
        _masker(name)


def _masker(policy: str):
    """The Masker for a policy *name offered by the service* (one per process)."""
    if policy not in _maskers:
        from masking.analyzer import get_analyzer
        from masking.pipeline import Masker

        spec = _config["policies"].get(policy)
        if spec is None:
            raise PlanError(f"policy {policy!r} is not offered by this service")
        limits = Limits(max_bytes=int(_config["max_bytes"]), max_pages=int(_config["max_pages"]))
        _maskers[policy] = Masker(policy=spec, analyzer=get_analyzer(_config.get("analyzer_config")), limits=limits)
    return _maskers[policy]


def _audit():
    global _audit_log
    if _audit_log is None:
        from masking.audit import open_audit_log

        _audit_log = open_audit_log(_config.get("audit_url"), key=_config.get("audit_key"))
    return _audit_log


class _DeferredAudit:
    """The audit log for a one-shot task. The upload is recorded as it happens, in a thread (its
    disk write overlaps the analysis; :meth:`wait` before the task answers); the outcome's events
    (analysis, application, verification) are kept and returned with the result, for the HTTP
    process to record in one transaction with the download while this worker takes the next
    document (:meth:`service.documents.DocumentService.redact`). On a failure they are written
    here, before the error goes back (:meth:`flush`)."""

    DEFERRED = frozenset({"analysis", "application", "verification"})

    def __init__(self, log: Any) -> None:
        self._log = log
        self.events: list[tuple[str, dict]] = []
        self._writing: Optional[threading.Thread] = None
        self._error: Optional[BaseException] = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._log, name)

    def record(self, kind: str, **kwargs: Any) -> None:
        if kind in self.DEFERRED:
            self.events.append((kind, kwargs))
            return
        self.wait()  # one write at a time, in order
        self._writing = threading.Thread(target=self._write, args=(kind, kwargs), name="audit-write", daemon=True)
        self._writing.start()

    append = record

    def _write(self, kind: str, kwargs: dict) -> None:
        try:
            self._log.record(kind, **kwargs)
        except BaseException as exc:  # raised by wait(), in the task
            self._error = exc

    def wait(self) -> None:
        """Until what :meth:`record` wrote is on disk; its error, if it failed."""
        if self._writing is not None:
            self._writing.join()
            self._writing = None
        if self._error is not None:
            exc, self._error = self._error, None
            raise exc

    def flush(self) -> None:
        self.wait()
        events, self.events = self.events, []
        for kind, kwargs in events:
            self._log.record(kind, **kwargs)


def _read_input(doc_dir: Path) -> bytes:
    return (doc_dir / storage.INPUT).read_bytes()


def _page_geometry(doc: pymupdf.Document) -> list[dict]:
    """Per page: displayed size (rotation applied) and the matrix from PDF/text coordinates to it."""
    out = []
    for page in doc:
        m = page.rotation_matrix
        out.append({
            "page": page.number + 1,
            "width": round(page.rect.width, 3),
            "height": round(page.rect.height, 3),
            "rotation": page.rotation,
            "matrix": [m.a, m.b, m.c, m.d, m.e, m.f],
        })
    return out


def _products(result, policy, document_id: str) -> dict[str, bytes]:
    """The job's small products, by file name: report, maskeringsförteckning (JSON) and decision draft."""
    from masking.disclosure import build_masking_list, decision_draft

    listing = build_masking_list(result.areas, policy, document_id=document_id, page_sizes=result.page_sizes)
    draft = decision_draft(listing, policy, _config.get("agency") or "[myndighetens namn]")
    return {storage.REPORT: storage.json_bytes(result.report), storage.LIST_JSON: storage.json_bytes(listing),
            storage.DRAFT: draft.encode("utf-8")}


def _write_products(doc_dir: Path, result, policy, document_id: str) -> None:
    if getattr(result, "output_path", None) is None:  # else the pipeline wrote it there itself
        storage.write_private(doc_dir / storage.OUTPUT, result.output)
    storage.write_products(doc_dir, _products(result, policy, document_id))


def _summary(result) -> dict:
    return {
        "pages": result.report["input"]["pages"],
        "output_pages": None,
        "masked_areas": len(result.areas),
        "by_type": dict(Counter(a.entity_type for a in result.areas)),
        "detections_by_type": dict(Counter(d.entity_type for d in result.detections)),
        "output_sha256": result.report["output"]["sha256"],
        "input_sha256": result.report["input"]["sha256"],
        "verification_passed": bool(result.verification.passed),
        "checks": len(result.verification.checks),
    }


# --- tasks -------------------------------------------------------------------------------------


def ping() -> int:
    _masker(next(iter(_config["policies"])))
    return os.getpid()


def redact(doc_dir: str, document_id: str, actor: str, role: str, policy: str, protected_identity: bool = False,
           deny_list: tuple[str, ...] = (), case_ref: Optional[str] = None, append_list: bool = False) -> dict:
    """One-shot automatic masking (integrations): mask, verify, record the upload; the products
    and the outcome's audit events are returned for the HTTP process to write."""
    from masking.review import masker_for
    from masking.stages import Recorder, run

    t0 = time.perf_counter()
    d = Path(doc_dir)
    m = masker_for(_masker(policy), protected_identity)
    audit = _DeferredAudit(_audit())
    recorder = Recorder(audit, actor, role, document_id, channel="api", upload=True, analysis=False,
                        case_ref=case_ref)
    try:
        # file to file, as the CLI: MuPDF reads the upload from its file
        result = run(d / storage.INPUT, m, sink=d / storage.OUTPUT, deny_list=tuple(deny_list),
                     append_list=append_list, document_id=document_id, recorder=recorder, name="upload")
        t1 = time.perf_counter()
        out = _summary(result)
        # written by the HTTP process (service.documents), the events in one transaction with the
        # download: this worker is free for the next document meanwhile
        out["products"] = _products(result, m.policy, document_id)
        t2 = time.perf_counter()
        audit.wait()
    except BaseException:
        audit.flush()  # what happened is recorded here before the error goes back (a withheld verification)
        raise
    out["audit_events"] = audit.events
    stages = {k[:-2]: v for k, v in (getattr(result, "timings", None) or {}).items()
              if k.endswith("_s") and k != "total_s"}
    # seconds per phase of the task (no content): the service's Server-Timing header; audit_wait:
    # the upload's audit write not yet done when the rest was (it runs beside the analysis)
    t3 = time.perf_counter()
    out["timings"] = {"pipeline": t1 - t0, **stages, "products": t2 - t1, "audit_wait": t3 - t2}
    return out


def plan(doc_dir: str, document_id: str, actor: str, role: str, policy: str, protected_identity: bool = False,
         deny_list: tuple[str, ...] = ()) -> dict:
    """Analyse an upload into a masking plan (review flow); page geometry for the page images."""
    from masking.review import create_plan

    d = Path(doc_dir)
    data = _read_input(d)
    context: dict = {}
    p = create_plan(_masker(policy), data, name="upload", document_id=document_id,
                    protected_identity=protected_identity, deny_list=tuple(deny_list), actor=actor, role=role,
                    audit=_audit(), context=context)
    storage.write_json(d / storage.CONTEXT, context)
    storage.write_private(d / storage.PLAN, p.to_json().encode("utf-8"))
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        storage.write_json(d / storage.PAGES, _page_geometry(doc))
    return {
        "pages": p.pages,
        "input_sha256": p.input_sha256,
        "counts": p.counts(),
        "detections_by_type": dict(Counter(c.entity_type for c in p.candidates)),
    }


def _load_plan(d: Path):
    from masking.review import MaskingPlan

    return MaskingPlan.from_json((d / storage.PLAN).read_text(encoding="utf-8"))


def _plan_masker(policy: str, p) -> Any:
    from masking.review import masker_for

    m = _masker(policy)
    if masker_for(m, p.policy.get("protected_identity", False)).policy.sha256 != p.policy["sha256"]:
        raise PlanError("the policy has changed since the document was analysed; upload it again")
    return m


def add_text(doc_dir: str, policy: str, text: str, actor: str, role: str, entity_type: str = "PERSON",
             ground: Optional[str] = None) -> dict:
    """The official masks ``text`` at every occurrence (the decision is audited)."""
    from masking.review import add_text as _add_text

    d = Path(doc_dir)
    p = _load_plan(d)
    context_path = d / storage.CONTEXT
    context = storage.read_json(context_path) if context_path.exists() else {}
    added = _add_text(p, _plan_masker(policy, p), _read_input(d), text, actor, role, entity_type=entity_type,
                      ground=ground, audit=_audit(), context=context)
    storage.write_json(context_path, context)
    storage.write_private(d / storage.PLAN, p.to_json().encode("utf-8"))
    return {"added": [c.id for c in added]}


def apply(doc_dir: str, policy: str, actor: str, role: str, append_list: bool = False) -> dict:
    """Apply the reviewed plan: mask, verify (fail closed), write the products, audit."""
    from masking.review import apply_plan, masker_for

    d = Path(doc_dir)
    p = _load_plan(d)
    m = _plan_masker(policy, p)
    data = _read_input(d)
    result = apply_plan(m, data, p, name="upload", actor=actor, role=role, audit=_audit(), append_list=append_list)
    used = masker_for(m, p.policy.get("protected_identity", False)).policy
    _write_products(d, result, used, p.document_id)
    out = _summary(result)
    with pymupdf.open(stream=result.output, filetype="pdf") as doc:
        out["output_pages"] = doc.page_count
    return out


def list_pdf(doc_dir: str) -> int:
    """The maskeringsförteckning as PDF, from its JSON (made when first asked for)."""
    from masking.disclosure import masking_list_pdf

    d = Path(doc_dir)
    data = masking_list_pdf(storage.read_json(d / storage.LIST_JSON))
    storage.write_private(d / storage.LIST_PDF, data)
    return len(data)


def render_page(pdf_path: str, page: int, out_path: str, zoom: float) -> dict:
    """Page ``page`` (1-based) of a PDF as a PNG (written 0600); size in pixels."""
    with pymupdf.open(pdf_path) as doc:
        if not 1 <= page <= doc.page_count:
            raise PlanError(f"page {page} is outside the document (1–{doc.page_count})")
        pg = doc[page - 1]
        side = max(pg.rect.width, pg.rect.height, 1.0)
        z = min(zoom, MAX_IMAGE_SIDE_PX / side)
        pix = pg.get_pixmap(matrix=pymupdf.Matrix(z, z), alpha=False)
        storage.write_private(Path(out_path), pix.tobytes("png"))
        return {"width": pix.width, "height": pix.height, "pages": doc.page_count}


def analyze(text: str, policy: str) -> list[dict]:
    """Detections in plain text, with the same decisions as PDF masking (no text returned)."""
    from masking.api import entities_for_jsonl, text_page

    return entities_for_jsonl(_masker(policy).detect([text_page(text)]))


def page_count(pdf_path: str) -> int:
    with pymupdf.open(pdf_path) as doc:
        return doc.page_count


# --- tasks sent to a Dask cluster (see service.dask_pool) ---------------------------------------

_dask_lock = threading.Lock()
_dask_config: Optional[str] = None


def dask_task(config: dict[str, Any], task: Callable[..., Any], kwargs: dict[str, Any]) -> tuple[str, Any]:
    """Run ``task(**kwargs)`` on a Dask worker, which is set up with ``config`` first (the model
    loaded once per worker process). Never raises: an outcome crosses as (status, payload), as
    over a local worker's pipe, so that Dask neither retries a document that failed nor logs the
    arguments of a failed task (a deny-list or a text). One task at a time per process."""
    from masking.errors import MaskingError

    global _dask_config
    with _dask_lock:
        key = json.dumps(config, sort_keys=True, default=str)
        if key != _dask_config:
            try:
                init(config)
            except MaskingError as exc:
                return "init_failed", exc.message
            except Exception as exc:  # no document involved yet
                logging.getLogger("service.worker").exception("masking worker could not start")
                return "init_failed", type(exc).__name__
            _dask_config = key
        name = getattr(task, "__name__", "?")
        try:
            return "ok", task(**kwargs)
        except MaskingError as exc:
            return "masking", (type(exc).__module__, type(exc).__name__, exc.message,
                               list(getattr(exc, "findings", None) or []))
        except Exception as exc:  # never the message: it could quote document content
            logging.getLogger("service.worker").error("task %s failed: %s", name, type(exc).__name__)
            return "error", type(exc).__name__
