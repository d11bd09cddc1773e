"""Batch masking of a directory tree at archive scale: resumable, crash-safe, local or distributed.

Contract (``masking batch IN_DIR OUT_DIR``): every input under IN_DIR (PDF, and the scanned-image
formats TIFF/PNG/JPEG, recognised by suffix here and by content when opened) is masked to the
same relative path under OUT_DIR (an image ``x.tif`` becomes ``x.pdf``, or ``x.tif.pdf`` when an
``x.pdf`` is also an input); a broken file is reported and skipped, one bad file never stops the
others; a progress bar (pages/s, ETA) shows on a terminal; the batch exits 0 only if every file
succeeded.

How it stays correct at scale:

1. **Plan.** Inputs are listed and each gets its content SHA-256 (reused from the ledger when
   size and mtime are unchanged) and page count. A file is *done* when its ledger row is
   ``done`` with the same hash and its output exists; it is skipped. ``--dry-run`` stops here
   and changes nothing.
2. **Ledger** (:mod:`masking.ledger`): one row per file, SQLite next to the output by default or
   PostgreSQL, written only by this coordinating process as tasks start and finish.
3. **Execute** (:mod:`masking.executors`): a local process pool, or Dask distributed with
   ``scheduler="tcp://host:8786"``. Each task reads its input, masks it, and writes the report
   and then the output to temporary names in the output directory, renamed into place: a crash
   never leaves a half file, and a task run twice writes the same path (one output per input).
   One worker in this process (``workers=1``) takes its files as one run of documents
   (:func:`process_files`: the next file's first scanned page is read ahead, on the OCR thread
   while this one is finished), each with its own outcome, exactly as masked alone.
4. **Finish.** Temporary files left by killed workers are swept; a summary is returned.

Nothing here logs or stores personal data: the ledger and summary hold file names (the user's
own), hashes, counts, timings and error classes.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from .pdf import sha256_file

log = logging.getLogger(__name__)

INPUT_SUFFIXES = frozenset({".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"})
TEMP_GLOB = ".masking-*.tmp"  # what masking.files.atomic_write leaves if killed mid-write

_local = threading.local()


@dataclass
class FileOutcome:
    relpath: str
    ok: bool
    pages: int = 0
    masked_areas: int = 0
    seconds: float = 0.0
    error_kind: str = ""
    error: str = ""
    exit_code: int = 0
    skipped: bool = False  # already done in an earlier run (same content, output present)
    sha256: str = ""
    output_sha256: str = ""
    output: str = ""  # output path relative to OUT_DIR
    audit: Optional[Any] = None  # masking.audit.events.AutomaticMasking: recorded by the job's process


@dataclass
class BatchSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    executor: str = ""
    ledger: str = ""

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)

    @property
    def pages(self) -> int:
        """Pages processed in this run (skipped files not counted)."""
        return sum(o.pages for o in self.outcomes if not o.skipped)

    def to_dict(self) -> dict:
        return {
            "files": len(self.outcomes),
            "succeeded": sum(1 for o in self.outcomes if o.ok),
            "failed": sum(1 for o in self.outcomes if not o.ok),
            "skipped": sum(1 for o in self.outcomes if o.skipped),
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "pages_per_second": round(self.pages / self.seconds, 2) if self.seconds else None,
            # wall seconds the workers spent on files (start-up and idle waits not included)
            "worker_seconds": round(sum(o.seconds for o in self.outcomes if not o.skipped), 3),
            "executor": self.executor,
            "ledger": self.ledger,
            "failures": [
                {"file": o.relpath, "kind": o.error_kind, "error": o.error} for o in self.outcomes if not o.ok
            ],
        }


@dataclass(frozen=True)
class FileTask:
    """One file to mask (picklable: sent to worker processes and Dask workers)."""

    in_path: str
    out_path: str
    relpath: str
    sha256: str
    out_relpath: str = ""
    report: bool = False
    policy: Optional[str] = None
    searchable: bool = True


@dataclass
class PlanEntry:
    relpath: str
    in_path: Path
    out_relpath: str
    size: int
    mtime_ns: int
    sha256: str
    pages: int
    done: bool  # skip: done earlier with the same content and the output present


@dataclass
class BatchPlan:
    entries: list[PlanEntry]

    @property
    def todo(self) -> list[PlanEntry]:
        return [e for e in self.entries if not e.done]

    def to_dict(self) -> dict:
        todo = self.todo
        return {
            "files": len(self.entries),
            "pages": sum(e.pages for e in self.entries),
            "to_process": len(todo),
            "pages_to_process": sum(e.pages for e in todo),
            "already_done": len(self.entries) - len(todo),
        }


# -- discovery and planning ----------------------------------------------------------------------
def find_inputs(in_dir: Path, exclude: Optional[Path] = None) -> list[Path]:
    """Every PDF and scanned image (by suffix) under ``in_dir``, skipping hidden files and the
    ``exclude`` tree (an output directory inside the input directory)."""
    out = []
    for p in in_dir.rglob("*"):
        if p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith(".") and p.is_file():
            if exclude is not None and p.is_relative_to(exclude):
                continue
            out.append(p)
    return sorted(out)


def find_pdfs(in_dir: Path) -> list[Path]:  # kept for callers of the earlier API
    return [p for p in find_inputs(in_dir) if p.suffix.lower() == ".pdf"]


def output_relpaths(rels: list[str]) -> dict[str, str]:
    """Output path (relative) for each input path: PDFs keep theirs, images get ``.pdf``."""
    taken = {r for r in rels if r.lower().endswith(".pdf")}
    out: dict[str, str] = {}
    for r in rels:
        if r.lower().endswith(".pdf"):
            out[r] = r
            continue
        cand = str(Path(r).with_suffix(".pdf"))
        if cand in taken:
            cand = r + ".pdf"
        taken.add(cand)
        out[r] = cand
    return out


def count_pages(path: Path) -> int:
    """Page count without decoding page content (0 when the file cannot be opened)."""
    import pymupdf

    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
        from .ocr.images import image_kind

        kind = image_kind(head) or ("pdf" if b"%PDF-" in head else None)
        if kind is None:
            return 0
        with pymupdf.open(str(path), filetype=kind) as doc:
            return doc.page_count
    except Exception:
        return 0


def plan_batch(in_dir: Path, out_dir: Path, ledger, job: str, on_todo: Optional[Callable[[], None]] = None
               ) -> BatchPlan:
    """Every input and whether it is done already; ``on_todo`` is called once, as soon as the
    first file to process is found (the batch starts loading its workers then, while the rest is
    planned)."""
    files = find_inputs(in_dir, exclude=out_dir if out_dir != in_dir and out_dir.is_relative_to(in_dir) else None)
    rels = [str(f.relative_to(in_dir)) for f in files]
    outs = output_relpaths(rels)
    known = ledger.rows(job) if ledger is not None else {}
    entries: list[PlanEntry] = []
    for f, rel in zip(files, rels):
        row = known.get(rel)
        try:
            st = f.stat()
            if row and row.sha256 and row.size == st.st_size and row.mtime_ns == st.st_mtime_ns:
                sha, pages = row.sha256, row.pages
            else:
                sha, pages = sha256_file(f), 0
        except OSError:  # unreadable: the task reports it as a failure of this file
            entries.append(PlanEntry(rel, f, outs[rel], 0, 0, "", 0, False))
            if on_todo is not None:
                on_todo()
                on_todo = None
            continue
        if not pages:
            pages = row.pages if row and row.sha256 == sha and row.pages else count_pages(f)
        done = bool(
            row and row.status == "done" and row.sha256 == sha and (out_dir / (row.output_relpath or outs[rel])).is_file()
        )
        entries.append(PlanEntry(rel, f, outs[rel], st.st_size, st.st_mtime_ns, sha, pages, done))
        if not done and on_todo is not None:
            on_todo()
            on_todo = None
    return BatchPlan(entries)


# -- the worker side -----------------------------------------------------------------------------
def _init_worker(policy: Optional[str], searchable: bool = True) -> None:
    """A worker's start: its masker, and unless it was forked from a server that preloaded the
    model and warmed up (:mod:`masking.preload`), a warm-up loading the lazily loaded parts too
    (:mod:`masking.warmup`). A preloaded worker goes straight to its first file: what is left
    to load (its own OCR engine, on its first scanned page) is loaded when first needed, while
    the other workers already work."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    masker = _masker(policy, searchable)
    preload = sys.modules.get("masking.preload")
    if not getattr(preload, "READY", False):
        from .warmup import warm_up

        warm_up(masker)


def _masker(policy: Optional[str], searchable: bool):
    """One Masker per process and thread (the analyzer and OCR model load once per worker)."""
    cache = getattr(_local, "maskers", None)
    if cache is None:
        cache = _local.maskers = {}
    key = (policy, searchable)
    m = cache.get(key)
    if m is None:
        from .ocr import OcrSettings
        from .pipeline import Masker

        m = cache[key] = Masker(policy=policy, ocr=OcrSettings(searchable=searchable))
    return m


def process_file(task: FileTask) -> FileOutcome:
    """Mask one file from its file into its output (written under a temporary name, renamed
    only after verification passed; scanned pages are written chunk by chunk, so memory does
    not grow with the page count), then its report. Never raises for a bad file: the ledger,
    not the presence of files, says what is done."""
    return next(process_files([task]))


def process_files(tasks: Iterable[FileTask]) -> Iterator[FileOutcome]:
    """:func:`process_file` for each of ``tasks`` in turn, in order, one outcome each, as a run
    of documents (:func:`masking.stages.run.run_each`): the next file's first scanned page is on
    the OCR thread while this one is analysed, redacted, verified and written. ``tasks`` is
    consumed one ahead of the outcome given. A file that fails fails alone, as on its own; the
    run goes on. An outcome's seconds run from the previous outcome given (its share of the
    read-ahead included)."""
    from itertools import groupby

    from .errors import MaskingError
    # imported in the worker only: the coordinator never loads the model (importing masking.stages
    # took 16.5 s / 139 MB against 1.6 s / 53 MB for masking.batch alone, loaded 2-core machine)
    from .stages.record import summary
    from .stages.run import Job, run_each

    t0 = time.perf_counter()

    def failed(task: FileTask, exc: BaseException) -> FileOutcome:
        if isinstance(exc, MaskingError):
            return FileOutcome(task.relpath, False, 0, 0, time.perf_counter() - t0, exc.kind, exc.message,
                               int(exc.exit_code), sha256=task.sha256)
        # a bug or a MuPDF failure on one file must not stop the batch
        return FileOutcome(task.relpath, False, 0, 0, time.perf_counter() - t0, "internal", type(exc).__name__, 1,
                           sha256=task.sha256)

    for _, group in groupby(tasks, key=lambda t: (t.policy, t.searchable)):
        first = next(group)
        try:
            masker = _masker(first.policy, first.searchable)
        except Exception as exc:  # noqa: BLE001 - e.g. an unknown policy: every file of the group fails so
            for task in (first, *group):
                yield failed(task, exc)
                t0 = time.perf_counter()
            continue
        pulled: deque[FileTask] = deque()

        def jobs(first=first, group=group, pulled=pulled) -> Iterator[Job]:
            for task in (first, *group):
                pulled.append(task)
                yield Job(Path(task.in_path), sink=task.out_path,
                          report_path=Path(task.out_path + ".report.json") if task.report else None)

        results = run_each(jobs(), masker)
        try:
            for result in results:
                task = pulled.popleft()
                if isinstance(result, Exception):
                    out = failed(task, result)
                else:
                    try:
                        out = FileOutcome(
                            task.relpath, True, result.report["input"]["pages"], len(result.areas),
                            time.perf_counter() - t0, sha256=result.report["input"]["sha256"],
                            output_sha256=result.report["output"]["sha256"], output=task.out_relpath,
                            audit=summary(result),
                        )
                    except Exception as exc:  # noqa: BLE001
                        out = failed(task, exc)
                yield out
                t0 = time.perf_counter()
        finally:
            results.close()


def sweep_temp_files(out_dir: Path) -> int:
    """Remove temporary files that a killed worker left in ``out_dir``; returns how many."""
    n = 0
    for p in out_dir.rglob(TEMP_GLOB):
        try:
            p.unlink()
            n += 1
        except FileNotFoundError:
            pass
    return n


# -- the coordinator -----------------------------------------------------------------------------
def _record_audit(audit: Any, res: FileOutcome, actor: str, role: str) -> None:
    """Audit events for one processed file (masked, or withheld by verification)."""
    import uuid

    from .audit.events import record_withheld

    doc_id = str(uuid.uuid4())
    if res.ok and res.audit is not None:
        res.audit.record(audit, actor=actor, role=role, document_id=doc_id, channel="batch")
    elif res.error_kind == "verification":
        record_withheld(audit, actor=actor, role=role, document_id=doc_id, input_sha256=res.sha256 or None,
                        channel="batch")


def run_batch(
    in_dir: Path,
    out_dir: Path,
    workers: int = 1,
    policy: Optional[str] = None,
    reports: bool = False,
    progress: Optional[bool] = None,
    on_outcome: Optional[Callable[[FileOutcome], None]] = None,
    *,
    ledger_url: Optional[str] = None,
    scheduler: Optional[str] = None,
    dry_run: bool = False,
    searchable: bool = True,
    on_plan: Optional[Callable[[BatchPlan], None]] = None,
    audit: Any = None,
    actor: str = "batch",
    role: str = "registrar",
) -> BatchSummary:
    """Mask every input under ``in_dir`` into ``out_dir`` (see the module docstring).

    With ``audit`` (an open :class:`masking.audit.AuditLog`) every processed file gets its
    analysis, application and verification events (or a withheld verification) from this
    process, under ``actor`` and ``role``; workers never open the audit log."""
    from .executors import PRELOAD, DaskExecutor, LocalExecutor
    from .ledger import open_ledger

    in_dir = in_dir.resolve()
    out_dir = out_dir.resolve()
    job = str(out_dir)
    t0 = time.perf_counter()
    summary = BatchSummary()
    if dry_run:
        ledger = None
        if ledger_url or (out_dir / ".masking-ledger.sqlite3").is_file():
            ledger = open_ledger(ledger_url, out_dir)
        try:
            plan = plan_batch(in_dir, out_dir, ledger, job)
        finally:
            if ledger is not None:
                ledger.close()
        if on_plan:
            on_plan(plan)
        summary.seconds = time.perf_counter() - t0
        return summary

    out_dir.mkdir(parents=True, exist_ok=True)
    if scheduler:
        executor = DaskExecutor(scheduler)
    else:  # several workers: forked from one server that loads the model while this process plans
        executor = LocalExecutor(workers, initializer=_init_worker, initargs=(policy, searchable), preload=(PRELOAD,))
    ledger = open_ledger(ledger_url, out_dir)
    summary.ledger = ledger.description if ledger_url else ".masking-ledger.sqlite3"
    try:
        sweep_temp_files(out_dir)
        plan = plan_batch(in_dir, out_dir, ledger, job, on_todo=executor.start)
        if on_plan:
            on_plan(plan)
        from .ledger import LedgerRow

        for e in plan.entries:
            if e.done:
                o = FileOutcome(e.relpath, True, e.pages, skipped=True, sha256=e.sha256, output=e.out_relpath)
                summary.outcomes.append(o)
                if on_outcome:
                    on_outcome(o)
                continue
            ledger.plan(LedgerRow(job, e.relpath, e.size, e.mtime_ns, e.sha256, e.pages, output_relpath=e.out_relpath))
        todo = plan.todo
        tasks = [
            FileTask(str(e.in_path), str(out_dir / e.out_relpath), e.relpath, e.sha256, e.out_relpath, reports, policy,
                     searchable)
            for e in todo
        ]
        pages_of = {e.relpath: e.pages for e in todo}
        if progress is None:
            progress = sys.stderr.isatty()
        bar = None
        if progress and tasks:
            from tqdm import tqdm

            bar = tqdm(total=sum(pages_of.values()) or None, unit="page", file=sys.stderr, smoothing=0.1)

        def on_start(t: FileTask) -> None:
            ledger.start(job, t.relpath)

        def on_done(t: FileTask, res) -> None:
            if isinstance(res, BaseException):
                res = FileOutcome(t.relpath, False, error_kind="worker_crash", error=type(res).__name__, exit_code=1)
            ledger.finish(
                job, t.relpath, ok=res.ok, sha256=res.sha256, pages=res.pages, output_sha256=res.output_sha256,
                masked_areas=res.masked_areas, error_kind=res.error_kind, exit_code=res.exit_code, seconds=res.seconds,
            )
            summary.outcomes.append(res)
            if audit is not None:
                _record_audit(audit, res, actor, role)
            if bar is not None:
                bar.update(res.pages or pages_of.get(t.relpath, 0))
                bar.set_postfix(files=f"{sum(1 for o in summary.outcomes if not o.skipped)}/{len(tasks)}",
                                failed=sum(1 for o in summary.outcomes if not o.ok), refresh=False)
            if on_outcome:
                on_outcome(res)

        summary.executor = executor.name
        try:
            if tasks:
                executor.run(process_file, tasks, on_start, on_done, fn_many=process_files)
        finally:
            if bar is not None:
                bar.close()
            sweep_temp_files(out_dir)
    finally:
        ledger.close()
    summary.seconds = time.perf_counter() - t0
    summary.outcomes.sort(key=lambda o: o.relpath)
    return summary


def write_summary(summary: BatchSummary, path: Path) -> None:
    path.write_text(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
