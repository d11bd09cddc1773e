"""The masking pipeline for text PDFs: open → analyse → decide → redact → sanitise → verify.

Fail closed: the output bytes are released only after :func:`masking.verify.verify_pdf_bytes`
confirms that no masked value can be extracted; otherwise :class:`VerificationError` is raised
and nothing is written. The input is read once and never modified.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import pymupdf

from . import __version__
from .analyzer import TextAnalyzer, get_analyzer
from .errors import UnsupportedContentError, VerificationError
from .model import Detection, ManualBox, MaskedArea, PageText, box_area
from .ocr import OcrSettings, after_redaction, as_pdf, before_redaction, has_ocr_pages, ocr_document
from .pdf import (
    DEFAULT_LIMITS,
    Limits,
    check_input,
    extract_document_text,
    open_pdf,
    prepare_for_redaction,
    sha256_bytes,
    sha256_file,
)
from .policy import Policy, load_policy
from .redact import redact_document
from .stages.decide import Decider
from .textmatch import dehyphenate, map_span
from .verify import MaskedValue, VerificationResult, masked_values_from, verify_pdf

log = logging.getLogger(__name__)

@dataclass
class MaskingResult:
    """``output`` holds the masked PDF, except where :meth:`Masker.mask_file` wrote a document
    with scanned pages straight to its file (``output_path``): then ``output`` is empty, so a
    long scan is never held in memory."""

    output: bytes
    report: dict
    detections: list[Detection]
    areas: list[MaskedArea]
    verification: VerificationResult
    timings: dict[str, float] = field(default_factory=dict)
    output_path: Optional[Path] = None


def _surface(pages: Sequence[PageText], det: Detection) -> str:
    return pages[det.page].text[det.start : det.end]


def check_page_content(doc: pymupdf.Document, pages: Sequence[PageText]) -> None:
    """Refuse pages whose content cannot be analysed from the text layer (fail closed)."""
    for page, pt in zip(doc, pages):
        if pt.unreliable:
            raise UnsupportedContentError(
                f"page {page.number + 1}: the text layer cannot be decoded (unmapped glyphs); "
                "OCR is required"
            )
        visible = sum(1 for c in pt.text if not c.isspace())
        if visible >= 20:
            continue
        page_area = max(1.0, page.rect.width * page.rect.height)
        covered = 0.0
        for info in page.get_image_info():
            covered += box_area(tuple(info["bbox"]))  # type: ignore[arg-type]
        if covered / page_area > 0.3:
            raise UnsupportedContentError(
                f"page {page.number + 1}: scanned image without a text layer; OCR is required"
            )


def text_under_box(page: PageText, box: tuple[float, float, float, float]) -> list[str]:
    """Runs of non-space characters whose glyph centres lie inside ``box`` (in memory only)."""
    x0, y0, x1, y1 = box
    runs: list[str] = []
    cur: list[str] = []
    for i, gi in enumerate(page.char_glyph):
        inside = False
        if gi >= 0:
            g = page.glyphs[gi]
            cx = (g.box[0] + g.box[2]) / 2
            cy = (g.box[1] + g.box[3]) / 2
            inside = x0 <= cx <= x1 and y0 <= cy <= y1 and not g.char.isspace()
        if inside:
            cur.append(page.text[i])
        elif cur:
            runs.append("".join(cur))
            cur = []
    if cur:
        runs.append("".join(cur))
    return runs


class Masker:
    """Masks personal data in PDFs according to a policy. Reuse one instance per process."""

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

    # -- detection ----------------------------------------------------------------------------
    def analyze_page(self, page: PageText) -> list[Detection]:
        """All analyzer detections on a page at or above the policy's lowest threshold."""
        atext, amap = dehyphenate(page.text)
        out = []
        for f in self.analyzer.analyze(atext, min_score=self.decider.min_score, exclude=self.decider.excluded_types):
            start, end = map_span(amap, f.start, f.end)
            out.append(
                Detection(
                    entity_type=f.entity_type,
                    page=page.number,
                    start=start,
                    end=end,
                    score=f.score,
                    recognizer=f.recognizer,
                    validation=f.validation,
                    explanation=f.explanation,
                )
            )
        return out

    def detect(
        self,
        pages: Sequence[PageText],
        include_review: bool = False,
        deny_list: Sequence[str] = (),
    ) -> list[Detection]:
        """Detections to mask: the analyzer's findings decided by the policy
        (:meth:`masking.stages.decide.Decider.decide`: thresholds, allow/deny lists, protected
        identity, every occurrence of a masked value)."""
        found = [self.analyze_page(page) for page in pages]
        return self.decider.decide(pages, found, include_review=include_review, deny_list=deny_list)

    # -- masking ------------------------------------------------------------------------------
    def open_document(self, data: bytes | Path, name: str = "input") -> tuple[pymupdf.Document, list[PageText]]:
        """Open, normalise (see :func:`prepare_for_redaction`) and read the pages of ``data``
        (bytes, or the path of a file: a PDF file is then read by MuPDF as it needs it).

        Every step that needs page text (analysis, planning, applying a reviewed plan) starts
        here, so offsets and boxes are the same in all of them. Images (TIFF/PNG/JPEG) become
        image-only PDF pages; pages that cannot be read from the text layer are read by OCR
        (:mod:`masking.ocr`), or refused (:class:`UnsupportedContentError`) with OCR off.
        """
        doc = open_pdf(as_pdf(data, name, self.limits), name=name, limits=self.limits)
        try:
            prepare_for_redaction(doc)
            pages = extract_document_text(doc)
            if self.ocr.enabled:
                pages = ocr_document(doc, pages, self.ocr)
            else:
                check_page_content(doc, pages)
        except BaseException:
            doc.close()
            raise
        return doc, pages

    def mask_bytes(self, data: bytes, name: str = "input") -> MaskingResult:
        """Automatic mode: every detection at or above the policy's threshold is masked."""
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        doc, pages = self.open_document(data, name)
        try:
            timings["extract_s"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            detections = self.detect(pages)
            timings["analyze_s"] = time.perf_counter() - t1
            return self.render(data, doc, pages, detections, name=name, timings=timings, t0=t0)
        finally:
            doc.close()

    def render(
        self,
        data: Optional[bytes],
        doc: pymupdf.Document,
        pages: Sequence[PageText],
        detections: Sequence[Detection],
        *,
        name: str = "input",
        manual_boxes: Sequence[ManualBox] = (),
        timings: Optional[dict[str, float]] = None,
        t0: Optional[float] = None,
        append_list: bool = False,
        document_id: Optional[str] = None,
        input_sha: Optional[str] = None,
        output_path: Optional[Path] = None,
    ) -> MaskingResult:
        """Redact ``detections`` (and boxes drawn by a reviewer) in the open ``doc``,
        sanitise, verify (fail closed) and build the report. ``doc`` is changed in place.

        ``input_sha`` may stand for ``data`` (the input's SHA-256, when the input was opened from
        its file). A document with OCR'd pages is redacted into a temporary file chunk by chunk
        (:func:`masking.ocr.redaction.redact_scanned_to_file`) and verified from it; with
        ``output_path`` that file is renamed to it once verification passed and the result's
        ``output`` stays empty, else it is read into ``output`` and removed."""
        t0 = time.perf_counter() if t0 is None else t0
        timings = {} if timings is None else timings
        if input_sha is None:
            assert data is not None, "render needs the input bytes or their SHA-256"
            input_sha = sha256_bytes(data)
        pairs = [(d.entity_type, _surface(pages, d)) for d in detections]
        for mb in manual_boxes:  # text under a drawn box must be gone too
            if 0 <= mb.page < len(pages):
                pairs.extend((mb.entity_type, w) for w in text_under_box(pages[mb.page], mb.box))
        values = masked_values_from(pairs)
        t2 = time.perf_counter()
        before_redaction(doc, pages, detections, manual_boxes, self.ocr)  # searchable layer of scans
        output: bytes | Path
        temp: Optional[Path] = None
        if has_ocr_pages(pages):  # scans: chunk by chunk into a file, never whole in memory
            from .ocr.redaction import redact_scanned_to_file, temp_path_beside

            # beside the output, so the verified file is renamed, not copied
            temp = temp_path_beside(Path(output_path) if output_path else None)
            output = temp
        try:
            if temp is not None:
                areas = redact_scanned_to_file(doc, pages, detections, self.policy, manual_boxes, path=temp)
            else:
                output, areas = redact_document(doc, pages, detections, self.policy, manual_boxes=manual_boxes)
            page_count = doc.page_count
            listing = None
            if append_list:  # the maskeringsförteckning as the last page(s), verified with the rest
                from .disclosure import append_pdf, build_masking_list, masking_list_pdf

                heights = {p.number: p.height for p in pages}
                listing = build_masking_list(areas, self.policy, document_id=document_id, page_heights=heights)
                extra = masking_list_pdf(listing)
                if temp is not None:
                    _append_file(temp, extra)
                else:
                    output = append_pdf(output, extra)  # type: ignore[arg-type]
                with _open_output(output) as out_doc:
                    page_count = out_doc.page_count
            timings["redact_s"] = time.perf_counter() - t2
            t3 = time.perf_counter()
            verification = verify_pdf(output, values, expected_pages=page_count)
            ocr_report = after_redaction(output, pages, areas, verification, self.ocr, timings)  # pixels
            timings["verify_s"] = time.perf_counter() - t3
            timings["total_s"] = time.perf_counter() - t0
            if not verification.passed:
                summary = "; ".join(f.describe() for f in verification.findings[:5])
                raise VerificationError(
                    f"{name}: verification failed, output withheld: {summary}",
                    findings=[f.to_dict() for f in verification.findings],
                )
            report = build_report(
                input_sha=input_sha,
                output=output,
                page_count=doc.page_count,
                areas=areas,
                detections=detections,
                verification=verification,
                policy=self.policy,
                analyzer=self.analyzer,
                timings=timings,
            )
            if doc.is_repaired:  # allowed by Limits.allow_repaired: pages may be missing
                report["input"]["repaired"] = True
            if ocr_report is not None:
                report["ocr"] = ocr_report
            if listing is not None:
                report["masking_list"] = {"appended_pages": page_count - doc.page_count, "count": listing["count"]}
            written: Optional[Path] = None
            if temp is not None:
                if output_path is not None:  # verified: now it may take the output's name
                    _fsync(temp)
                    os.replace(temp, output_path)
                    written = Path(output_path)
                    output = b""
                else:
                    output = temp.read_bytes()
                    temp.unlink()
                temp = None
            return MaskingResult(output, report, list(detections), areas, verification, timings,  # type: ignore[arg-type]
                                 output_path=written)
        finally:
            if temp is not None:  # failed or withheld: nothing of it stays on disk
                try:
                    temp.unlink()
                except FileNotFoundError:
                    pass

    def mask_file(
        self, in_path: str | Path, out_path: str | Path, report_path: str | Path | None = None
    ) -> MaskingResult:
        """Mask the file ``in_path`` into ``out_path`` (written only after verification passed,
        under a temporary name, then renamed). The input is opened from its file, not read into
        memory, and hashed block by block; a document with scanned pages is written to
        ``out_path`` chunk by chunk and the result's ``output`` is empty (see :meth:`render`),
        so memory does not grow with the page count."""
        in_path = Path(in_path)
        out_path = Path(out_path)
        if out_path.resolve() == in_path.resolve():
            from .errors import MaskingError

            raise MaskingError("the output path must differ from the input path")
        check_input(in_path, self.limits)
        before = _file_state(in_path)
        input_sha = sha256_file(in_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        doc, pages = self.open_document(in_path, in_path.name)
        try:
            timings["extract_s"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            detections = self.detect(pages)
            timings["analyze_s"] = time.perf_counter() - t1
            if _file_state(in_path) != before:
                from .errors import MaskingError

                raise MaskingError(f"{in_path.name}: the input changed while it was read")
            result = self.render(None, doc, pages, detections, name=in_path.name, timings=timings, t0=t0,
                                 input_sha=input_sha, output_path=out_path)
        finally:
            doc.close()
        if result.output_path is None:
            atomic_write(out_path, result.output)
            result.output_path = out_path
        if report_path:
            import json

            atomic_write(Path(report_path), json.dumps(result.report, indent=2, ensure_ascii=False).encode("utf-8"))
        return result


def _file_state(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def _open_output(output: bytes | Path) -> pymupdf.Document:
    if isinstance(output, (bytes, bytearray)):
        return pymupdf.open(stream=output, filetype="pdf")
    return pymupdf.open(str(output), filetype="pdf")


def _append_file(path: Path, extra: bytes) -> None:
    """Append the pages of ``extra`` to the PDF file ``path``: a full rewrite as in
    :func:`masking.disclosure.append_pdf`, but from the file, so the document is not loaded
    whole (its pages' content is clean already; the appended pages are cleaned on their own)."""
    from .ocr.redaction import temp_path_beside
    from .redact import save_bytes

    with pymupdf.open(stream=extra, filetype="pdf") as add:
        extra = save_bytes(add)  # fonts subset, content cleaned
    tmp = temp_path_beside(path)
    try:
        with pymupdf.open(str(path)) as doc, pymupdf.open(stream=extra, filetype="pdf") as add:
            doc.insert_pdf(add)
            doc.save(str(tmp), garbage=4, deflate=True, no_new_id=False)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same directory, then rename: never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".masking-", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def build_report(
    *,
    input_sha: str,
    output: bytes | Path,
    page_count: int,
    areas: Sequence[MaskedArea],
    detections: Sequence[Detection],
    verification: VerificationResult,
    policy: Policy,
    analyzer: TextAnalyzer,
    timings: dict[str, float],
) -> dict:
    """The per-document report. It holds types, positions, grounds and scores, never text."""
    by_type: dict[str, int] = {}
    for a in areas:
        by_type[a.entity_type] = by_type.get(a.entity_type, 0) + 1
    return {
        "schema": "masking.report/1",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "tool": {"name": "masking", "version": __version__, "pymupdf": pymupdf.VersionBind},
        "policy": policy.describe(),
        "model": {
            "name": analyzer.model_name,
            "version": analyzer.model_version,
            "analyzer_config_sha256": analyzer.config.sha256,
        },
        "input": {"sha256": input_sha, "pages": page_count},
        "output": _digest(output),
        "summary": {
            "masked_areas": len(areas),
            "detections": len(detections),
            "by_type": dict(sorted(by_type.items())),
            "unlabelled_boxes": sum(1 for a in areas if not a.label_drawn),
        },
        "masked_areas": [a.to_dict() for a in areas],
        "verification": verification.to_dict(),
        "timings": {k: round(v, 4) for k, v in timings.items()},
    }


def _digest(output: bytes | Path) -> dict:
    if isinstance(output, (bytes, bytearray)):
        return {"sha256": sha256_bytes(output), "bytes": len(output)}
    return {"sha256": sha256_file(output), "bytes": Path(output).stat().st_size}
