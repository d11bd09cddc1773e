"""Stage *read*: the text of every page, with one box per character, from the text layer or OCR.

Input: an :class:`~masking.stages.intake.Opened` document and the OCR settings. Output: one
:class:`masking.model.PageText` per page. A page whose text layer is missing, undecodable or
absent from the images that cover it is read by OCR (:mod:`masking.ocr`) into an
:class:`masking.ocr.OcrPageText` — the same model, so detection, review, redaction and report do
not know the difference. With OCR switched off such a page is refused (fail closed).

Memory: a page's glyph boxes take about ten times the memory of its text, and detection and
decision need the text only. So once the pages read hold :data:`GLYPH_BUDGET` glyphs, each
further text-layer page keeps its text only (:meth:`masking.model.PageText.released`) and its
glyphs are read again from the open document when a detection on it needs boxes (one page at a
time: :class:`Reread` holds the last page read again, no more), so a long document is held in
memory the size of its text, while a short one (the usual case) is read once. The page read
again must give the same text, or the run stops (fail closed). OCR'd pages keep their glyphs
(reading them again would mean OCR again).
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Optional, Sequence

import pymupdf

from ..errors import MaskingError, UnsupportedContentError
from ..model import Box, PageText, box_area
from ..ocr import OcrSettings
from ..ocr.pages import finish_steps, ocr_steps
from ..pdf import STORE_TRIM_PAGES, extract_page_text
from .intake import Opened

# glyphs whose boxes the pages read keep in memory (about 50 bytes each, so some 10 MB: some 50
# dense pages); the rest are read again where needed (see the module's description)
GLYPH_BUDGET = 200_000


class Reread:
    """Reads the glyphs of a page whose geometry was released again from the open document,
    holding only the last page so read (a caller goes page by page)."""

    def __init__(self, doc: pymupdf.Document) -> None:
        self.doc = doc
        self._last: Optional[PageText] = None

    def page(self, number: int, text: str) -> PageText:
        """Page ``number`` (0-based) with its glyphs; its text must be ``text``, as first read."""
        last = self._last
        if last is not None and last.number == number:
            return last
        self._last = None  # the page held before is released first
        page = self.doc[number]
        full = extract_page_text(page)
        del page
        if full.text != text:
            raise MaskingError(f"page {number + 1}: the text layer read differently the second time")
        self._last = full
        return full

    def release(self) -> None:
        self._last = None


def read(opened: Opened, ocr: OcrSettings, keep_glyphs: bool = False) -> list[PageText]:
    """The pages' text (see the module's description). ``keep_glyphs``: every page keeps its
    glyphs (for a caller that closes the document before it uses the pages)."""
    return Reading(opened, ocr, keep_glyphs).finish()


class Reading:
    """A document being read: the text layer of every page is read when it is made, and the
    first page that needs OCR is rendered and handed to the OCR thread; :meth:`finish` reads
    the rest. A run of documents (:func:`masking.stages.run.run_many`) makes the next
    document's :class:`Reading` while this one's last page is on the OCR thread, so that
    document's OCR runs while this one is analysed, redacted and verified."""

    def __init__(self, opened: Opened, ocr: OcrSettings, keep_glyphs: bool = False) -> None:
        doc = opened.doc
        self.ocr = ocr
        self.doc = doc
        reread = Reread(doc)
        pages: list[PageText] = []
        budget = None if keep_glyphs else GLYPH_BUDGET
        held = 0
        for page in doc:
            pt = extract_page_text(page)
            if budget is not None and held + len(pt.glyphs) > budget:
                pt = pt.released(partial(reread.page, pt.number, pt.text))
            else:
                held += len(pt.glyphs)
            pages.append(pt)
            if (page.number + 1) % STORE_TRIM_PAGES == 0:  # extraction loads each page's images
                pymupdf.TOOLS.store_shrink(100)
        self.pages = pages
        self._steps = None
        self._done: Optional[list[PageText]] = None
        if ocr.enabled:
            self._steps = ocr_steps(doc, pages, ocr)
            try:
                next(self._steps)  # up to the first page on the OCR thread
            except StopIteration as stop:
                self._done, self._steps = stop.value, None
            except BaseException:
                self._steps.close()
                raise

    def finish(self, then: Optional[Callable[[], None]] = None) -> list[PageText]:
        """The pages' text; ``then`` is called once, as soon as no page of this document is
        left to hand to the OCR thread (see :func:`masking.ocr.pages.ocr_document`)."""
        if self._steps is not None:
            steps, self._steps = self._steps, None
            return finish_steps(steps, then)
        if then is not None:
            then()
        if self._done is not None:
            return self._done
        check_page_content(self.doc, self.pages)
        return self.pages

    def close(self) -> None:
        """Stop reading (the OCR thread lets go of this document's page images)."""
        if self._steps is not None:
            self._steps.close()
            self._steps = None


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
    page = page.geometry()
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
