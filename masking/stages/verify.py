"""Stage *verify*: one interface for every check of the output (fail closed).

Input: the redacted output (:class:`~masking.stages.redact.Redacted`), the pages and what was
masked. Output: :class:`Verified` — the :class:`masking.verify.VerificationResult` and the
report's ``ocr`` section. The checks: every masked value is searched for in the output's text
layer, metadata, outline, annotations, fields, attachments and raw objects, with exactly one
revision (:func:`masking.verify.verify_pdf`); then the pixels under each masked area of every
OCR'd page (and of any page where a box overlaps an image) are read again
(:func:`masking.ocr.after_redaction`). Any finding withholds the output
(:class:`masking.errors.VerificationError`, exit 20).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import pymupdf

from ..errors import VerificationError
from ..model import Detection, ManualBox, PageText
from ..ocr import OcrSettings, after_redaction
from ..pdf import EXTRACT_FLAGS, keep_drawn
from ..redact import label_font_name, under_area
from ..verify import Finding, MaskedValue, VerificationResult, masked_values_from, open_output, verify_pdf
from .read import text_under_box
from .redact import Redacted
from .visual import CHECK as VISUAL_CHECK, RegionVerdict, VisualCheck, check_regions


@dataclass
class Verified:
    verification: VerificationResult
    ocr_report: Optional[dict] = None  # the report's "ocr" section (no text)
    visual: Optional[RegionVerdict] = None  # what the visual check read (boxes for another round)

    @property
    def font_names_to_rename(self) -> list[int]:
        """The fonts whose names hold a masked value, when they are all that failed (then
        renaming them removes it; any other finding withholds)."""
        findings = self.verification.findings
        if self.passed or not findings or any(f.font_xref is None for f in findings):
            return []
        return sorted({f.font_xref for f in findings if f.font_xref is not None})

    @property
    def another_round_helps(self) -> bool:
        """Whether every finding is a value read by the visual check, with boxes to mask it
        (then another masking round can remove it; any other finding withholds at once)."""
        v = self.visual
        if self.passed or v is None or not v.repairable or not v.boxes:
            return False
        return all(f.check == VISUAL_CHECK for f in self.verification.findings)

    @property
    def passed(self) -> bool:
        return self.verification.passed

    def raise_if_failed(self, name: str) -> None:
        if not self.verification.passed:
            summary = "; ".join(f.describe() for f in self.verification.findings[:5])
            raise VerificationError(
                f"{name}: verification failed, output withheld: {summary}",
                findings=[f.to_dict() for f in self.verification.findings],
            )


def masked_values(
    pages: Sequence[PageText], detections: Sequence[Detection], manual_boxes: Sequence[ManualBox] = ()
) -> list[MaskedValue]:
    """What must not be extractable from the output: each detection's text, and the text under
    each box that stands for a value (in memory only). A drawn area (``area``) is checked where
    it is (:func:`verify_areas`); its words only with ``all_occurrences``."""
    pairs = [(d.entity_type, pages[d.page].text[d.start : d.end]) for d in detections]
    for mb in manual_boxes:
        if 0 <= mb.page < len(pages) and (not mb.area or mb.all_occurrences):
            pairs.extend((mb.entity_type, w) for w in text_under_box(pages[mb.page], mb.box))
    return masked_values_from(pairs)


AREA_CHECK = "drawn_areas"
_AREA_DPI = 144
_FILL_TOLERANCE = 24  # grey levels (of 255) a covered pixel may differ from the fill


def _label_text(text: str, grounds: set[str]) -> bool:
    t = text.strip()
    return t in grounds or t.startswith("Maskerat utan etikett")


def verify_areas(output: bytes | Path | pymupdf.Document, boxes: Sequence[ManualBox], fill: Sequence[float],
                 grounds: Sequence[str] = ()) -> list[Finding]:
    """Each drawn area of the output holds nothing readable: no glyph meets it but the labels
    the redaction wrote (the label font, the text of a ground or the legend), and rendered as a
    reader sees it every pixel in it, the labels' glyphs aside, is the fill colour (an image,
    line art or text drawn over or left under the box would differ)."""
    areas = [b for b in boxes if b.area]
    if not areas:
        return []
    known = set(grounds) | {b.ground for b in areas if b.ground}
    label_font = label_font_name()
    findings: list[Finding] = []
    own = not isinstance(output, pymupdf.Document)
    doc = open_output(output) if own else output  # type: ignore[arg-type]
    try:
        by_page: dict[int, list[ManualBox]] = {}
        for b in areas:
            by_page.setdefault(b.page, []).append(b)
        for pno, page_boxes in sorted(by_page.items()):
            if pno >= doc.page_count:
                findings.append(Finding(AREA_CHECK, "MANUAL", pno + 1, "page missing"))
                continue
            page = doc[pno]
            labels: list[pymupdf.Rect] = []
            stray: list[tuple] = []
            raw = page.get_text("rawdict", flags=EXTRACT_FLAGS)
            for block in raw.get("blocks", []):
                for line in block.get("lines", []):
                    for span in line.get("spans", []):
                        text = "".join(ch["c"] for ch in span.get("chars", []))
                        is_label = span.get("font", "") == label_font and _label_text(text, known)
                        for ch in span.get("chars", []):
                            if ch["c"].isspace():
                                continue
                            if is_label:
                                labels.append(pymupdf.Rect(ch["bbox"]))
                            else:
                                stray.append(ch["bbox"])
            for mb in page_boxes:
                rect = pymupdf.Rect(mb.box) & page.rect
                if rect.is_empty:
                    continue
                if any(under_area(g, rect) for g in stray):
                    findings.append(Finding(AREA_CHECK, mb.entity_type, pno + 1, "text under a drawn box"))
                    continue
                if not _covered(page, rect, labels, fill):
                    findings.append(Finding(AREA_CHECK, mb.entity_type, pno + 1, "a drawn box is not covered"))
    finally:
        if own:
            doc.close()
    return findings


def _covered(page: pymupdf.Page, rect: pymupdf.Rect, labels: Sequence[pymupdf.Rect], fill: Sequence[float]) -> bool:
    """Whether ``rect`` (inset half a point: edge pixels are partly covered) renders as the fill
    colour everywhere outside the labels' glyphs."""
    inset = pymupdf.Rect(rect.x0 + 0.5, rect.y0 + 0.5, rect.x1 - 0.5, rect.y1 - 0.5)
    if inset.is_empty or inset.width < 0.5 or inset.height < 0.5:
        return True  # thinner than a pixel row: nothing can be read in it
    rot = page.rotation_matrix
    shown = inset * rot if page.rotation else inset
    pix = page.get_pixmap(dpi=_AREA_DPI, clip=shown, colorspace=pymupdf.csRGB, alpha=False)
    a = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width * 3]
    a = a.reshape(pix.height, pix.width, 3).astype(np.int16)
    want = np.array([round(255 * float(c)) for c in fill][:3], dtype=np.int16)
    bad = np.abs(a - want).max(axis=2) > _FILL_TOLERANCE
    if not bad.any():
        return True
    z = _AREA_DPI / 72.0
    for lab in labels:  # a label's glyphs (with a point around them for anti-aliasing)
        r = pymupdf.Rect(lab.x0 - 1, lab.y0 - 1, lab.x1 + 1, lab.y1 + 1)
        r = (r * rot if page.rotation else r) & shown
        if r.is_empty:
            continue
        x0, x1 = int((r.x0 - shown.x0) * z), int(np.ceil((r.x1 - shown.x0) * z))
        y0, y1 = int((r.y0 - shown.y0) * z), int(np.ceil((r.y1 - shown.y0) * z))
        bad[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = False
    return not bad.any()


def verify(
    redacted: Redacted,
    pages: Sequence[PageText],
    values: Sequence[MaskedValue],
    ocr: OcrSettings,
    timings: Optional[dict[str, float]] = None,
    visual: Optional[VisualCheck] = None,
    drawn: Sequence[ManualBox] = (),
    fill: Sequence[float] = (0.0, 0.0, 0.0),
) -> Verified:
    """Text layer and objects, then pixels (see the module's description); with ``visual``, the
    ink the text layer does not explain is read and analysed, and searched for the masked
    ``values`` (:mod:`masking.stages.visual`); the boxes officials drew (``drawn``, masked in
    ``fill``) are checked where they are (:func:`verify_areas`). The output is opened once for
    all the checks (its fonts loaded and pages interpreted once, not once per check)."""
    try:
        doc = open_output(redacted.output)
    except Exception:  # verify_pdf reports it ("open"): nothing else can be checked
        return Verified(verify_pdf(redacted.output, values, expected_pages=redacted.output_pages))
    try:
        keep_drawn(doc)  # read, never changed here: what each page draws is read once for all checks
        verification = verify_pdf(redacted.output, values, expected_pages=redacted.output_pages, doc=doc)
        if any(b.area for b in drawn):
            verification.checks.append(AREA_CHECK)
            found = verify_areas(doc, drawn, fill, [a.ground for a in redacted.areas])
            if found:
                verification.findings.extend(found)
                verification.passed = False
        ocr_report = after_redaction(redacted.output, pages, redacted.areas, verification, ocr, timings, doc=doc)
        verdict = None
        if visual is not None:
            verdict = check_regions(doc, pages, visual, values)
            verification.checks.append(VISUAL_CHECK)
            if verdict.findings:
                verification.findings.extend(verdict.findings)
                verification.passed = False
    finally:
        doc.close()
    return Verified(verification, ocr_report, verdict)
