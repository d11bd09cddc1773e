"""The one entry point: a document through the stages.

    intake → read → detect → decide → redact → verify → record

:func:`run` is what the CLI (``redact``, ``apply``), the batch workers, the review flow
(:func:`masking.review.create_plan` / :func:`~masking.review.apply_plan`) and the service's
worker call; :class:`masking.pipeline.Masker` is a thin facade over it for the library API.

Fail closed: the output is released (returned, or renamed to ``sink``) only after stage *verify*
passed; otherwise :class:`~masking.errors.VerificationError` is raised and nothing is written.
The input is never modified.
"""

from __future__ import annotations

import datetime as _dt
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Protocol, Sequence

import pymupdf

from .. import __version__
from ..analyzer import TextAnalyzer, get_analyzer
from ..errors import MaskingError
from ..model import Detection, ManualBox, MaskedArea, PageText
from ..ocr import OcrSettings
from ..pdf import DEFAULT_LIMITS, Limits, forget_drawn, keep_drawn, sha256_bytes, sha256_file
from ..policy import Policy, load_policy
from ..redact import boxes_for_detection
from ..verify import Finding, VerificationResult, masked_values_from
from .decide import Decider
from .detect import detect
from .intake import Opened, Source, intake
from .read import Reading
from .record import Recorder
from .redact import Redacted, atomic_write, redact, redact_more, rename_fonts
from .verify import Verified, masked_values, verify
from .visual import CHECK as VISUAL_CHECK, MAX_ROUNDS, VisualCheck, mark_areas, mask_regions


class Setup:
    """What a run needs besides the document: the policy (and its rules, prepared once), the
    analyzer (loaded once per process), the limits and the OCR settings."""

    def __init__(
        self,
        policy: Policy | str | Path | None = None,
        analyzer: TextAnalyzer | None = None,
        analyzer_config: str | Path | None = None,
        limits: Limits = DEFAULT_LIMITS,
        ocr: OcrSettings | None = None,
    ) -> None:
        self.policy = policy if isinstance(policy, Policy) else load_policy(policy)
        self.ocr = ocr or OcrSettings()  # scanned pages: engine, resolution, searchable layer
        self.analyzer = analyzer or get_analyzer(analyzer_config)
        self.limits = limits
        self.decider = Decider.of(self.policy)  # the policy's rules, prepared once

    def with_policy(self, policy: Policy) -> "Setup":
        """The same analyzer, limits and OCR settings under another policy."""
        return type(self)(policy=policy, analyzer=self.analyzer, limits=self.limits, ocr=self.ocr)

    def for_document(self, protected_identity: bool) -> "Setup":
        """This setup, or its protected-identity variant (skyddade personuppgifter)."""
        if not protected_identity or self.policy.protected_identity:
            return self
        return self.with_policy(self.policy.with_protected_identity())


@dataclass
class Result:
    """A masked, verified document. ``output`` holds the masked PDF, except where it was written
    straight to ``sink`` (``output_path``; a document with scanned pages is never held in
    memory): then ``output`` is empty."""

    output: bytes
    report: dict
    detections: list[Detection]
    areas: list[MaskedArea]
    verification: VerificationResult
    timings: dict[str, float] = field(default_factory=dict)
    output_path: Optional[Path] = None
    page_heights: dict[int, float] = field(default_factory=dict)  # input pages (0-based), PDF points
    # input pages (0-based): width, height as displayed (PDF points), rotation; for the maskeringsförteckning
    page_sizes: dict[int, tuple[float, float, int]] = field(default_factory=dict)


@dataclass
class Proposal:
    """What a review starts from (``run(..., review=True)``): the decided detections, automatic
    and for review, with their boxes; nothing is redacted."""

    input_sha256: str
    pages: int
    detections: list[Detection]
    page_heights: dict[int, float] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list, repr=False)  # each page's text (in memory only)


class Decisions(Protocol):
    """An official's decisions standing in for stage *decide* (a reviewed plan): what to mask
    on the pages as they are read now (checked against them), and the boxes drawn."""

    def to_mask(self, pages: Sequence[PageText]) -> tuple[list[Detection], list[ManualBox]]: ...


def run(
    source: Source | bytes | str | Path,
    policy: Setup | Policy | str | Path | None = None,
    decisions: Optional[Decisions] = None,
    *,
    sink: str | Path | None = None,
    report_path: str | Path | None = None,
    review: bool = False,
    deny_list: Sequence[str] = (),
    append_list: bool = False,
    document_id: Optional[str] = None,
    recorder: Optional[Recorder] = None,
    name: Optional[str] = None,
    then: Optional[Callable[[], None]] = None,
) -> Result | Proposal:
    """Mask ``source`` (PDF or image bytes, a file's path, or a document :func:`start` began to
    read) under ``policy``.

    Without ``decisions`` the policy decides (automatic mode; ``deny_list`` adds terms for this
    document); with them, a reviewed plan does. ``review=True`` stops after *decide* and returns
    the :class:`Proposal` for a plan. ``sink``: the output's path (written under a temporary
    name and renamed once verified; never the input's path); without it the output is returned
    in memory. ``report_path``: the JSON report is written there too. ``recorder`` writes the
    audit events (:mod:`masking.stages.record`). ``then``: called once, as soon as the last page
    that needs OCR is on the OCR thread (:meth:`masking.stages.read.Reading.finish`).
    """
    setup = policy if isinstance(policy, Setup) else Setup(policy)
    started = source if isinstance(source, Started) else None
    src = started.src if started is not None else Source.of(source, name)  # type: ignore[arg-type]
    out_path = Path(sink) if sink is not None else None
    if out_path is not None and src.path is not None and out_path.resolve() == src.path.resolve():
        if started is not None:
            started.close()
        raise MaskingError("the output path must differ from the input path")
    if started is None:
        src.check(setup.limits)
        before = src.state()
    else:
        before = started.before
    input_sha = src.sha256() if src.path is not None else None  # bytes: hashed when needed
    if out_path is not None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    opened = started.opened if started is not None else intake(src, setup.limits)
    # what each page draws is read once for stage read and the visual check before redaction
    # (the document is not changed in between but for OCR'd pages, which forget theirs)
    keep_drawn(opened.doc)
    try:
        reading = started.reading if started is not None else Reading(opened, setup.ocr)
        pages = reading.finish(then)
        timings["extract_s"] = time.perf_counter() - t0
        if recorder is not None:
            input_sha = input_sha or src.sha256()
            recorder.opened(input_sha256=input_sha, pages=opened.page_count, size=src.size())
        t1 = time.perf_counter()
        manual: list[ManualBox] = []
        if decisions is None:
            found = detect(setup.analyzer, pages, setup.decider)
            detections = setup.decider.decide(pages, found, include_review=review, deny_list=deny_list)
        else:
            detections, manual = decisions.to_mask(pages)
        timings["analyze_s"] = time.perf_counter() - t1
        heights = {p.number: p.height for p in pages}
        if review:
            for det in sorted(detections, key=lambda d: d.page):  # page by page: a page's glyphs read once
                det.boxes = boxes_for_detection(pages[det.page], det)
            return Proposal(input_sha or src.sha256(), opened.page_count, detections, heights,
                            texts=[pg.text for pg in pages])
        src.check_unchanged(before)
        try:
            result = _mask(setup, src, opened, pages, detections, manual, timings=timings, t0=t0,
                           input_sha=input_sha or src.sha256(), out_path=out_path, append_list=append_list,
                           document_id=document_id)
        except MaskingError as exc:
            if recorder is not None:
                recorder.failed(exc, input_sha256=input_sha or src.sha256())
            raise
        result.page_heights = heights
        result.page_sizes = {p.number: (p.width, p.height, p.rotation) for p in pages}
    finally:
        opened.close()
    if out_path is not None and result.output_path is None:
        atomic_write(out_path, result.output)
        result.output_path = out_path
    if report_path:
        atomic_write(Path(report_path), json.dumps(result.report, indent=2, ensure_ascii=False).encode("utf-8"))
    if recorder is not None:
        recorder.applied(result)
    return result


@dataclass
class Started:
    """A document opened (stage *intake*) and being read (stage *read* under way: its text
    layer read, its first page that needs OCR on the OCR thread); :func:`run` takes it on."""

    src: Source
    before: Optional[tuple[int, int]]
    opened: Opened
    reading: Reading

    def close(self) -> None:
        try:
            self.reading.close()
        finally:
            self.opened.close()


def start(source: Source | bytes | str | Path, setup: Setup, name: Optional[str] = None) -> Started:
    """Open ``source`` and begin to read it (see :class:`Started`)."""
    src = Source.of(source, name)
    src.check(setup.limits)
    before = src.state()
    opened = intake(src, setup.limits)
    keep_drawn(opened.doc)  # as run() does
    try:
        return Started(src, before, opened, Reading(opened, setup.ocr))
    except BaseException:
        opened.close()
        raise


@dataclass(frozen=True)
class Job:
    """One document of a run (:func:`run_each`): its source and where its output and report
    go, as :func:`run`'s ``sink`` and ``report_path`` (none: the output is returned in memory)."""

    source: Source | bytes | str | Path
    sink: str | Path | None = None
    report_path: str | Path | None = None
    name: Optional[str] = None


def run_each(jobs: Iterable[Job | Source | bytes | str | Path], setup: Setup) -> Iterator[Result | Exception]:
    """:func:`run` (automatic mode) for each of ``jobs`` in turn, in order, one item each: its
    :class:`Result`, or the exception its run raised (a document that fails fails alone; the run
    goes on with the next). The documents overlap where the cores allow: as soon as the last
    page of a document that needs OCR is on the OCR thread, the next document is opened and its
    first such page rendered and handed to the OCR thread (:func:`start`), so its recognition
    runs while this document is finished, analysed, redacted, verified and written; at most one
    document is read ahead, and ``jobs`` is consumed one ahead of the item yielded. Closing the
    generator closes the document read ahead."""
    it = iter(jobs)
    ahead: list = []  # the next document: (job, a Started or the error starting it raised)

    def begin_next() -> None:
        for item in it:
            job = item if isinstance(item, Job) else Job(item)
            try:
                ahead.append((job, start(job.source, setup, job.name)))
            except Exception as exc:  # its error is given in its turn
                ahead.append((job, exc))
            return

    begin_next()
    try:
        while ahead:
            job, cur = ahead.pop()
            if isinstance(cur, Exception):
                yield cur
                begin_next()
                continue
            called = []
            try:
                result = run(cur, setup, sink=job.sink, report_path=job.report_path,
                             then=lambda: called.append(begin_next()))
            except Exception as exc:
                yield exc
            else:
                if not called:
                    begin_next()
                yield result  # type: ignore[misc]
                continue
            if not called:  # failed before its OCR was all handed over: the next begins now
                begin_next()
    finally:
        for _, cur in ahead:
            if isinstance(cur, Started):
                cur.close()


def run_many(sources: Iterable[Source | bytes | str | Path], setup: Setup) -> Iterator[Result]:
    """:func:`run` (automatic mode, output in memory) for each of ``sources`` in turn, one
    result each, in order, reading one document ahead as :func:`run_each` does. A document that
    fails raises its error when its turn comes, and the run ends there (the one read ahead is
    closed)."""
    results = run_each(sources, setup)
    try:
        for r in results:
            if isinstance(r, Exception):
                raise r
            yield r
    finally:
        results.close()


def _mask(
    setup: Setup,
    src: Source,
    opened: Opened,
    pages: Sequence[PageText],
    detections: Sequence[Detection],
    manual: Sequence[ManualBox],
    *,
    timings: dict[str, float],
    t0: float,
    input_sha: str,
    out_path: Optional[Path],
    append_list: bool,
    document_id: Optional[str],
) -> Result:
    """Stages *redact* and *verify*, then the report. A document with scanned pages is redacted
    into a temporary file beside ``out_path``, renamed to it once verified (the result's
    ``output`` is then empty), else read into ``output`` and removed."""
    visual = VisualCheck(setup.analyzer, setup.decider, setup.ocr)
    t2 = time.perf_counter()
    # values only the pixels show, linked per value with the text (stages/visual.py)
    seen = mask_regions(opened.doc, pages, visual, detections=detections)
    forget_drawn(opened.doc)  # redaction changes the pages
    timings["visual_s"] = time.perf_counter() - t2
    detections = list(detections) + seen.detections
    manual = list(manual) + seen.boxes
    values = masked_values(pages, detections, manual) + masked_values_from(seen.values)
    t2 = time.perf_counter()
    redacted = redact(opened, pages, detections, setup.policy, setup.ocr, manual_boxes=manual, beside=out_path,
                      append_list=append_list, document_id=document_id)
    mark_areas(redacted.areas, seen.boxes)
    try:
        timings["redact_s"] = time.perf_counter() - t2
        t3 = time.perf_counter()
        verified = _verify_in_rounds(redacted, pages, values, setup, timings, visual, manual)
        timings["verify_s"] = time.perf_counter() - t3
        timings["total_s"] = time.perf_counter() - t0
        verified.raise_if_failed(src.name)
        report = build_report(input_sha=input_sha, redacted=redacted, detections=detections, verified=verified,
                              policy=setup.policy, analyzer=setup.analyzer, timings=timings,
                              repaired=opened.doc.is_repaired)
        output, written = redacted.release_to(out_path)
    except BaseException:
        redacted.discard()  # failed or withheld: nothing of it stays on disk
        raise
    return Result(output, report, list(detections), redacted.areas, verified.verification, timings,
                  output_path=written)


def _verify_in_rounds(redacted: Redacted, pages: Sequence[PageText], values: list, setup: Setup,
                      timings: dict[str, float], visual: VisualCheck, drawn: Sequence[ManualBox]) -> Verified:
    """Stage *verify*; while the visual check alone still reads personal data (with boxes over
    it), another masking round redacts those boxes in the output and everything is checked
    again, at most :data:`~masking.stages.visual.MAX_ROUNDS` rounds in all; then the output is
    withheld with that reason. When all that failed is a masked value in fonts' names, the
    fonts are renamed and everything checked again (a round too). Any other finding withholds
    at once."""
    rounds = 1
    while True:
        verified = verify(redacted, pages, values, setup.ocr, timings, visual=visual, drawn=drawn,
                          fill=setup.policy.redaction.fill)
        fonts = verified.font_names_to_rename
        if fonts and rounds < MAX_ROUNDS:  # a masked value in a font's name: renamed, checked again
            rename_fonts(redacted, fonts)
            rounds += 1
            continue
        if not verified.another_round_helps:
            break
        if rounds >= MAX_ROUNDS:
            verified.verification.findings.append(Finding(
                VISUAL_CHECK, "document", detail=f"personal data still readable after {MAX_ROUNDS} masking rounds"))
            break
        assert verified.visual is not None
        new = redact_more(redacted, verified.visual.boxes, pages, setup.policy)
        mark_areas(new, verified.visual.boxes)
        values = values + masked_values_from(verified.visual.values)
        rounds += 1
    verified.verification.rounds = rounds
    return verified


def build_report(
    *,
    input_sha: str,
    redacted: Redacted,
    detections: Sequence[Detection],
    verified: Verified,
    policy: Policy,
    analyzer: TextAnalyzer,
    timings: dict[str, float],
    repaired: bool = False,
) -> dict:
    """The per-document report. It holds types, positions, grounds and scores, never text.
    ``repaired``: MuPDF had to repair the input (allowed by ``Limits.allow_repaired``), so
    pages may be missing."""
    areas = redacted.areas
    by_type: dict[str, int] = {}
    for a in areas:
        by_type[a.entity_type] = by_type.get(a.entity_type, 0) + 1
    report = {
        "schema": "masking.report/1",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "tool": {"name": "masking", "version": __version__, "pymupdf": pymupdf.VersionBind},
        "policy": policy.describe(),
        "model": {
            "name": analyzer.model_name,
            "version": analyzer.model_version,
            "analyzer_config_sha256": analyzer.config.sha256,
        },
        "input": {"sha256": input_sha, "pages": redacted.input_pages},
        "output": _digest(redacted.output),
        "summary": {
            "masked_areas": len(areas),
            "detections": len(detections),
            "by_type": dict(sorted(by_type.items())),
            "unlabelled_boxes": sum(1 for a in areas if not a.label_drawn),
        },
        "masked_areas": [a.to_dict() for a in areas],
        "verification": verified.verification.to_dict(),
        "timings": {k: round(v, 4) for k, v in timings.items()},
    }
    if repaired:
        report["input"]["repaired"] = True
    if verified.ocr_report is not None:
        report["ocr"] = verified.ocr_report
    if redacted.listing is not None:
        report["masking_list"] = {"appended_pages": redacted.output_pages - redacted.input_pages,
                                  "count": redacted.listing["count"]}
    return report


def _digest(output: bytes | Path) -> dict:
    if isinstance(output, (bytes, bytearray)):
        return {"sha256": sha256_bytes(output), "bytes": len(output)}
    return {"sha256": sha256_file(output), "bytes": Path(output).stat().st_size}
