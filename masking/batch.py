"""Batch masking of a directory tree: every PDF under IN_DIR to the same path under OUT_DIR.

One bad file never stops the others: each file's outcome is recorded and the batch exits 0
only when every file succeeded. Workers are processes, each loading the analyzer once.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

log = logging.getLogger(__name__)

_worker_masker = None


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


@dataclass
class BatchSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes)

    def to_dict(self) -> dict:
        return {
            "files": len(self.outcomes),
            "succeeded": sum(1 for o in self.outcomes if o.ok),
            "failed": sum(1 for o in self.outcomes if not o.ok),
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "pages_per_second": round(self.pages / self.seconds, 2) if self.seconds else None,
            "failures": [
                {"file": o.relpath, "kind": o.error_kind, "error": o.error} for o in self.outcomes if not o.ok
            ],
        }


def find_pdfs(in_dir: Path) -> list[Path]:
    return sorted(p for p in in_dir.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")


def _init_worker(policy: Optional[str]) -> None:
    global _worker_masker
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from .pipeline import Masker

    _worker_masker = Masker(policy=policy)


def _process(in_path: str, out_path: str, relpath: str, report: bool) -> FileOutcome:
    from .errors import MaskingError

    t0 = time.perf_counter()
    try:
        assert _worker_masker is not None
        result = _worker_masker.mask_file(in_path, out_path, report_path=(out_path + ".report.json") if report else None)
        return FileOutcome(relpath, True, result.report["input"]["pages"], len(result.areas), time.perf_counter() - t0)
    except MaskingError as exc:
        return FileOutcome(relpath, False, 0, 0, time.perf_counter() - t0, exc.kind, exc.message, exc.exit_code)
    except Exception as exc:  # a bug or a MuPDF crash on one file must not stop the batch
        return FileOutcome(relpath, False, 0, 0, time.perf_counter() - t0, "internal", type(exc).__name__, 1)


def run_batch(
    in_dir: Path,
    out_dir: Path,
    workers: int = 1,
    policy: Optional[str] = None,
    reports: bool = False,
    progress: Optional[bool] = None,
    on_outcome: Optional[Callable[[FileOutcome], None]] = None,
) -> BatchSummary:
    in_dir = in_dir.resolve()
    out_dir = out_dir.resolve()
    files = find_pdfs(in_dir)
    summary = BatchSummary()
    t0 = time.perf_counter()
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr)
    jobs = []
    for f in files:
        rel = f.relative_to(in_dir)
        jobs.append((str(f), str(out_dir / rel), str(rel), reports))

    def record(o: FileOutcome) -> None:
        summary.outcomes.append(o)
        if bar is not None:
            bar.update(1)
            bar.set_postfix(pages=summary.pages, failed=sum(1 for x in summary.outcomes if not x.ok))
        if on_outcome:
            on_outcome(o)

    if workers <= 1:
        _init_worker(policy)
        for job in jobs:
            record(_process(*job))
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(policy,)) as pool:
            futures = [pool.submit(_process, *job) for job in jobs]
            for fut in as_completed(futures):
                try:
                    record(fut.result())
                except Exception as exc:  # worker process died
                    record(FileOutcome("?", False, error_kind="worker_crash", error=type(exc).__name__, exit_code=1))
    if bar is not None:
        bar.close()
    summary.seconds = time.perf_counter() - t0
    summary.outcomes.sort(key=lambda o: o.relpath)
    return summary


def write_summary(summary: BatchSummary, path: Path) -> None:
    path.write_text(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
