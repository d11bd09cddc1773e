"""Inspect any finished PDF (also one masked in another tool) for bad redactions.

Checks, in the spirit of x-ray:

* ``text_under_box``: characters drawn *before* an opaque filled rectangle that covers them
  (the text is hidden visually but still extractable);
* ``unapplied_redaction``: redaction annotations that were marked but never applied;
* ``invisible_text``: text in render mode 3 or fully transparent, tiny (< 1 pt) text, and
  white text that is not on a dark fill;
* ``personal_data``: personal data found by the analyzer in metadata, XMP, outline, page labels,
  annotations, form fields and attachment names/descriptions;
* ``incremental_update``: more than one revision (an older, unredacted one may be recoverable).

Findings name the check, page and entity type, never the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pymupdf

from .model import box_area, box_intersection
from .pdf import open_pdf, read_input, show_all_optional_content


@dataclass
class InspectionFinding:
    check: str
    page: Optional[int]  # 1-based
    detail: str

    def to_dict(self) -> dict:
        return {"check": self.check, "page": self.page, "detail": self.detail}


@dataclass
class InspectionResult:
    findings: list[InspectionFinding] = field(default_factory=list)
    pages: int = 0

    @property
    def clean(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict:
        return {"clean": self.clean, "pages": self.pages, "findings": [f.to_dict() for f in self.findings]}


def _opaque_rects(page: pymupdf.Page) -> list[tuple[tuple[float, float, float, float], int, tuple]]:
    rects = []
    for d in page.get_drawings():
        fill = d.get("fill")
        if fill is None or (d.get("fill_opacity") is not None and d["fill_opacity"] < 0.99):
            continue
        for item in d.get("items", ()):
            if item[0] == "re":
                r = item[1]
                if r.width >= 4 and r.height >= 4:
                    rects.append(((r.x0, r.y0, r.x1, r.y1), d.get("seqno", 0), tuple(fill)))
            elif item[0] == "qu":
                r = item[1].rect
                if r.width >= 4 and r.height >= 4:
                    rects.append(((r.x0, r.y0, r.x1, r.y1), d.get("seqno", 0), tuple(fill)))
    return rects


def _is_dark(color: tuple) -> bool:
    return bool(color) and sum(color) / max(1, len(color)) < 0.5


def _inspect_page(page: pymupdf.Page, findings: list[InspectionFinding]) -> None:
    pno = page.number + 1
    for annot in page.annots() or []:
        if annot.type[0] == pymupdf.PDF_ANNOT_REDACT:
            findings.append(InspectionFinding("unapplied_redaction", pno, "redaction annotation not applied"))
    rects = _opaque_rects(page)
    try:
        trace = page.get_texttrace()
    except Exception:
        trace = []
    hidden = 0
    invisible = tiny = white = 0
    for span in trace:
        seq = span.get("seqno", 0)
        color = tuple(span.get("color") or ())
        opacity = span.get("opacity", 1.0)
        size = span.get("size", 0)
        chars = span.get("chars", ())
        visible_chars = [c for c in chars if chr(c[0]).strip()]
        if not visible_chars:
            continue
        if span.get("type") == 3 or opacity == 0:
            invisible += len(visible_chars)
            continue
        if 0 < size < 1:
            tiny += len(visible_chars)
        for c in visible_chars:
            bbox = tuple(c[3])
            a = box_area(bbox)
            if a <= 0:
                continue
            covering = [r for r in rects if box_intersection(bbox, r[0]) / a > 0.8]
            if any(r[1] > seq for r in covering):
                hidden += 1
            if color and min(color) > 0.95 and not any(_is_dark(r[2]) and r[1] < seq for r in covering):
                white += 1
    if hidden:
        findings.append(InspectionFinding("text_under_box", pno, f"{hidden} characters hidden under filled boxes"))
    if invisible:
        findings.append(InspectionFinding("invisible_text", pno, f"{invisible} characters of invisible text"))
    if tiny:
        findings.append(InspectionFinding("invisible_text", pno, f"{tiny} characters of text smaller than 1 pt"))
    if white:
        findings.append(InspectionFinding("invisible_text", pno, f"{white} characters of white text on a light background"))


def inspect_pdf(path: str | Path, analyzer=None, check_personal_data: bool = True) -> InspectionResult:
    """Inspect a PDF; ``analyzer`` (a :class:`~masking.analyzer.TextAnalyzer`) finds personal
    data in document-level strings (default: the shared analyzer)."""
    data = read_input(path)
    result = InspectionResult()
    if data.count(b"%%EOF") > 1:
        result.findings.append(InspectionFinding("incremental_update", None, "file has more than one revision"))
    doc = open_pdf(data, name=Path(path).name)
    try:
        result.pages = doc.page_count
        show_all_optional_content(doc)
        for page in doc:
            _inspect_page(page, result.findings)
        if check_personal_data:
            from .verify import document_strings

            if analyzer is None:
                from .analyzer import get_analyzer

                analyzer = get_analyzer()
            for check, pno, s in document_strings(doc):
                if check == "xmp":
                    # analyse the text content of XMP, not its markup
                    import re

                    s = " ".join(re.findall(r">([^<>]+)<", s))
                for f in analyzer.analyze(s, min_score=0.4):
                    result.findings.append(
                        InspectionFinding("personal_data", pno, f"{f.entity_type} in {check}")
                    )
    finally:
        doc.close()
    return result
