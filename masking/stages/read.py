"""Stage *read*: the text of every page, with one box per character, from the text layer or OCR.

Input: an :class:`~masking.stages.intake.Opened` document and the OCR settings. Output: one
:class:`masking.model.PageText` per page. A page whose text layer is missing, undecodable or
absent from the images that cover it is read by OCR (:mod:`masking.ocr`) into an
:class:`masking.ocr.OcrPageText` — the same model, so detection, review, redaction and report do
not know the difference. With OCR switched off such a page is refused (fail closed).
"""

from __future__ import annotations

from typing import Sequence

import pymupdf

from ..errors import UnsupportedContentError
from ..model import Box, PageText, box_area
from ..ocr import OcrSettings, ocr_document
from ..pdf import extract_document_text
from .intake import Opened


def read(opened: Opened, ocr: OcrSettings) -> list[PageText]:
    """The pages' text (see the module's description)."""
    doc = opened.doc
    pages = extract_document_text(doc)
    if ocr.enabled:
        return ocr_document(doc, pages, ocr)
    check_page_content(doc, pages)
    return pages


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


def text_under_box(page: PageText, box: Box) -> list[str]:
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
