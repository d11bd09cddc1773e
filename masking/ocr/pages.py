"""OCR of PDF pages into :class:`~masking.model.PageText`, in the one coordinate model.

Which pages are OCR'd (:func:`needs_ocr`)
    A page keeps its text layer when the layer is usable. It is OCR'd when the layer cannot be
    decoded (``PageText.unreliable``), when it has (almost) no text but visible ink (a scan, or
    text drawn as outlines), or when large images cover the page and (almost) no *visible* text
    lies on them (a scan with a typed header or a stamp). An existing OCR layer (invisible text
    over the image, or text hidden under it) is not trusted: the page is read afresh and that
    layer dropped (:func:`drop_hidden_text`), as OCRmyPDF's redo-ocr does. Documents that mix
    text and scanned pages get OCR per page.

How a page is read (:func:`ocr_page`)
    The page is rendered once, in grey, at its OCR resolution (:meth:`OcrSettings.page_resolution`:
    the scan's own, held to 200-300 dpi, so a 200-dpi scan is copied, not resampled; a
    personnummer in 9-11 pt type is then 25-30 px high, where Tesseract reads digits reliably).
    The same render answers whether the page has ink at all and, through a projection profile of
    every other pixel, whether it is skewed; only a page skewed by :data:`SKEW_MIN_DEG` or more is
    rendered a second time, turned straight. The engine returns words
    with pixel boxes; one affine map (pixels → unrotated PDF points, the inverse of the render
    matrix and the page's derotation) brings every box into the coordinate space of text
    extraction, detections, redaction, report and review. A table border or a speck that the
    engine read as a character (``1271 11 YSTAD`` for ``271 11 YSTAD``) is taken out of the
    words first (:mod:`.rules`), and text-sized ink that no word covers (a block the engine's
    layout analysis dropped) is read a second time (:mod:`.unread`).

Words → PageText (:func:`page_text_from_words`)
    Words are joined by spaces and lines by ``\\n``, in the engine's reading order; a wide gap
    (a table's next column) also starts a new line, as table cells do in a text layer, and two
    words with almost no gap between them (``(F41.`` ``2)``) are joined. Stray marks read from
    grid lines and speckles (punctuation only, low confidence) are dropped. Each
    character gets a box: the word box cut in proportion to typical character widths, then
    *widened* so that the redaction's glyph-tight trimming (15 % of the height, 5 % of the end
    glyphs' width; :mod:`masking.redact`) still leaves a margin around the ink. OCR boxes are
    approximate, so they err towards covering: every box ends up a little larger than the ink
    of its characters, never smaller. The existing detection → box mapping and redaction then
    work unchanged.

Analysis text (:func:`normalise_ocr_text`)
    Inside tokens that are clearly numbers (at least three digits, no other letters), the
    letters OCR typically mistakes for digits (``O``/``o``/``D``/``Q`` → 0, ``l``/``I``/``|`` → 1,
    ``S``/``s`` → 5, ``B`` → 8, ``Z``/``z`` → 2, ``G``/``b`` → 6, ``g`` → 9) are replaced (not
    the letter of a dotted code such as ICD-10 ``G40.9``, which looks like ``640.9``), as are
    a misread ``@`` in e-mail addresses and ``Igh`` for ``lgh`` before a number. The
    replacement is one character for one, so offsets and the glyph map do not move, and every
    recognizer sees ``811218-9876`` where the scan said ``81121B-9876``. A personnummer with a
    wrong digit is still found at a lower score (the recognizers' rule); names split across lines
    are joined by the same rules as for text layers.
"""

from __future__ import annotations

import logging
import os
import re
from array import array
from dataclasses import dataclass, field, replace
from typing import Callable, Generator, Optional, Sequence

import numpy as np
import pymupdf

from ..errors import OcrError, OcrUnavailableError, UnsupportedContentError
from ..model import Box, Glyph, PageText, box_area, box_union
from ..packed import PackedGlyphs, PackedSpans  # noqa: F401 - OCR pages hold them; imported from here before
from ..pdf import forget_drawn, image_boxes
from .engine import OcrEngine, OcrWord, get_engine, ocr_disabled
from .pixels import keep_page_images
from .rules import page_ink, strip_rule_glyphs
from .unread import ink_cells, reread_unread_ink

log = logging.getLogger(__name__)

DPI_ENV = "MASKING_OCR_DPI"
DEFAULT_DPI = 300
AUTO_MIN_DPI = 200
SKEW_MIN_DEG = 1.0  # below this Tesseract copes, and the widened boxes cover the drift of a line
SKEW_MAX_DEG = 6.0
_SKEW_DPI = 100
_MIN_TEXT_CHARS = 20
_IMAGE_COVER = 0.3
_INK_FRACTION = 0.002


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are handled. ``engine=None``: ``MASKING_OCR_ENGINE`` or the default."""

    engine: Optional[str] = None
    dpi: int = 0  # 0: MASKING_OCR_DPI or DEFAULT_DPI
    deskew: bool = True
    searchable: bool = True  # write an invisible text layer of the words that remain
    verify_pixels: bool = True  # OCR the masked areas of the output again (fail closed)

    @property
    def enabled(self) -> bool:
        return not ocr_disabled(self.engine)

    @property
    def fixed_resolution(self) -> int:
        """The resolution asked for (argument or ``MASKING_OCR_DPI``); 0: per page (auto)."""
        if self.dpi:
            return self.dpi
        try:
            v = int(os.environ.get(DPI_ENV, "0") or 0)
        except ValueError:
            return 0
        return max(100, min(600, v)) if v else 0

    @property
    def resolution(self) -> int:
        """The resolution for areas that are checked or read outside a page's own choice."""
        return self.fixed_resolution or DEFAULT_DPI

    def page_resolution(self, page: pymupdf.Page) -> int:
        """The OCR resolution of ``page``: the asked one, else the scan's own resolution held
        to [AUTO_MIN_DPI, DEFAULT_DPI]: a 200-dpi scan is read as it is (no resampling, and
        digits of 9-11 pt type are 25-30 px high), a 400-dpi scan at 300 dpi, a fax at 200;
        pages without a large image (text as outlines, undecodable text) at 300 dpi."""
        fixed = self.fixed_resolution
        if fixed:
            return fixed
        best = 0.0
        area = max(1.0, page.rect.width * page.rect.height)
        for info in page.get_image_info():
            b = pymupdf.Rect(info["bbox"])
            if b.width <= 0 or b.is_empty or b.width * b.height < 0.3 * area:
                continue
            w = info.get("width", 0)
            # the image may be drawn turned by 90 degrees
            span = b.width if info.get("transform", (1, 0))[0] != 0 else b.height
            best = max(best, w / max(1e-6, span) * 72.0)
        if not best:
            return DEFAULT_DPI
        return int(round(max(AUTO_MIN_DPI, min(DEFAULT_DPI, best))))


@dataclass
class OcrPageText(PageText):
    """A page read by OCR: a :class:`PageText` (same use everywhere) plus how it was read.

    ``words`` holds, for each OCR word, its ``(start, end)`` offsets in ``text`` and its box in
    page coordinates (used to write the searchable layer of the words that remain). As read by
    :func:`ocr_page`, ``glyphs``, ``char_glyph`` and ``words`` are packed into arrays
    (:class:`PackedGlyphs`, ``array``, :class:`PackedSpans`): sequences used the same way as
    the lists of a text page, in a sixth of the memory.
    """

    reason: str = ""
    engine: str = ""
    engine_version: str = ""
    dpi: int = 0
    skew_deg: float = 0.0
    mean_confidence: float = 0.0
    words: list[tuple[int, int, Box]] = field(default_factory=list, repr=False)
    # boxes of words read from solid ink (a box burned into the scan read as ``[NN``): analysed
    # like any word, never written into the searchable layer
    solid: tuple[Box, ...] = field(default=(), repr=False)

    def describe(self) -> dict:
        """Report entry: how the page was read (no text)."""
        return {
            "page": self.number + 1,
            "reason": self.reason,
            "engine": self.engine,
            "engine_version": self.engine_version,
            "dpi": self.dpi,
            "skew_deg": round(self.skew_deg, 2),
            "words": len(self.words),
            "mean_confidence": round(self.mean_confidence, 1),
        }


# -- which pages ------------------------------------------------------------------------------
def _visible_chars(pt: PageText) -> int:
    return sum(1 for c in pt.text if not c.isspace())


def _grey(pix: pymupdf.Pixmap) -> np.ndarray:
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]


def lowres(page: pymupdf.Page) -> np.ndarray:
    """A quick grey look at the page, about 100 dpi (ink check and skew estimate)."""
    return _grey(page.get_pixmap(dpi=_SKEW_DPI, colorspace=pymupdf.csGRAY, alpha=False))


def _small(pix: pymupdf.Pixmap, dpi: int) -> np.ndarray:
    """The same look taken from a render that exists anyway (every n-th pixel, no new render)."""
    step = max(1, int(round(dpi / _SKEW_DPI)))
    return _grey(pix)[::step, ::step]


def _ink_fraction(a: np.ndarray) -> float:
    return float(np.count_nonzero(a < 128)) / max(1, a.size)


def needs_ocr(page: pymupdf.Page, pt: PageText, look: Optional[np.ndarray] = None) -> Optional[str]:
    """Why ``page`` must be OCR'd (``undecodable_text``, ``no_text_layer``, ``scanned``), or None.

    ``look`` is a grey view of the page (:func:`lowres`) when the caller already has one."""
    if pt.unreliable:
        return "undecodable_text"
    visible = _visible_chars(pt)
    if visible < _MIN_TEXT_CHARS:
        ink = _ink_fraction(look if look is not None else lowres(page))
        return "no_text_layer" if ink > _INK_FRACTION else None
    page_area = max(1.0, box_area(tuple(page.cropbox)))  # type: ignore[arg-type]
    covered = sum(box_area(b) for b in image_boxes(page))  # every text page: no text page built
    if covered / page_area <= _IMAGE_COVER:
        return None
    # Only text a reader sees on the images counts: an earlier OCR layer (invisible text over the
    # image, or text hidden under it) is not trusted; the page is read afresh (as OCRmyPDF's
    # redo-ocr) and that layer dropped (:func:`drop_hidden_text`).
    if _visible_chars_on_images(page) >= _MIN_TEXT_CHARS:
        return None  # typed text on a background image: the text layer is what is shown
    return "scanned"


def _inside(x: float, y: float, b: Sequence[float]) -> bool:
    return b[0] <= x <= b[2] and b[1] <= y <= b[3]


def _text_layers(page: pymupdf.Page) -> tuple[list, list[tuple[int, Box]]]:
    """The page's text spans (``get_texttrace``) and its images as ``(seqno, bbox)`` in drawing
    order (``get_bboxlog``), in the same coordinates."""
    log_ = page.get_bboxlog()
    images = [(n, tuple(b)) for n, (kind, b) in enumerate(log_) if kind == "fill-image"]
    return page.get_texttrace(), images  # type: ignore[return-value]


def _hidden_span(span: dict, images: list[tuple[int, Box]]) -> bool:
    """Whether a text span is not seen: invisible (render mode 3, or fully transparent), or
    drawn before an image that covers it."""
    if span.get("type") == 3 or float(span.get("opacity", 1.0)) <= 0.0:
        return True
    seq = span.get("seqno", -1)
    x0, y0, x1, y1 = span["bbox"]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return any(n > seq and _inside(cx, cy, b) for n, b in images)


def _visible_chars_on_images(page: pymupdf.Page) -> int:
    """Non-space characters of visible text whose centres lie on an image (stops counting at
    :data:`_MIN_TEXT_CHARS`)."""
    spans, images = _text_layers(page)
    boxes = [b for _, b in images]
    n = 0
    for span in spans:
        if _hidden_span(span, images):
            continue
        for ch in span.get("chars", ()):
            if chr(ch[0]).isspace():
                continue
            b = ch[3]
            if any(_inside((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, im) for im in boxes):
                n += 1
                if n >= _MIN_TEXT_CHARS:
                    return n
    return n


# -- rendering and deskew ---------------------------------------------------------------------
def estimate_skew(page: pymupdf.Page, look: Optional[np.ndarray] = None) -> float:
    """The page's skew in degrees (positive: text lines fall to the right), 0 if unsure.

    A projection profile on a low-resolution grey view: the angle at which the dark pixels
    fall into the fewest, fullest rows (largest sum of squared row counts).
    """
    a = look if look is not None else lowres(page)
    height, width = a.shape
    ys, xs = np.nonzero(a < 170)
    if ys.size < 300:
        return 0.0
    if ys.size > 80000:  # enough for a profile
        sel = np.random.default_rng(0).choice(ys.size, 80000, replace=False)
        ys, xs = ys[sel], xs[sel]
    xs = xs.astype(np.float64) - width / 2
    ys = ys.astype(np.float64) + 0.5  # pixel centres: integer rows never straddle a bin edge
    lo, hi = -0.25 * height, 1.25 * height

    def score(deg: float) -> float:
        y = ys - xs * np.tan(np.radians(deg))
        h = np.bincount(np.clip(((y - lo)).astype(np.int64), 0, int(hi - lo)))
        return float(np.dot(h, h))

    coarse = np.arange(-SKEW_MAX_DEG, SKEW_MAX_DEG + 1e-9, 0.25)
    best = float(max(coarse, key=score))
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    best = float(max(fine, key=score))
    if score(best) < score(0.0) * 1.02:  # no clear improvement over upright: leave it
        return 0.0
    return best


@dataclass
class RenderedPage:
    pixmap: pymupdf.Pixmap
    to_page: pymupdf.Matrix  # pixel coordinates → unrotated page coordinates (PDF points)
    dpi: int
    skew_deg: float


def render_upright(page: pymupdf.Page, dpi: int) -> RenderedPage:
    """The page in grey at ``dpi`` as it is (a plain copy of a scan at its own resolution)."""
    zoom = dpi / 72.0
    matrix = pymupdf.Matrix(zoom, zoom)
    pix = page.get_pixmap(matrix=matrix, colorspace=pymupdf.csGRAY, alpha=False)
    to_page = pymupdf.Matrix(1, 0, 0, 1, pix.x, pix.y) * ~matrix * page.derotation_matrix
    return RenderedPage(pix, to_page, dpi, 0.0)


def render_for_ocr(
    page: pymupdf.Page, dpi: int, deskew: bool = True, first: Optional[RenderedPage] = None
) -> RenderedPage:
    """The page in grey at ``dpi``, straightened when it is skewed.

    The upright render (``first``, when the caller has it) also gives the skew estimate; only a
    page skewed by :data:`SKEW_MIN_DEG` or more is rendered a second time, turned."""
    if first is None or first.dpi != dpi:
        first = render_upright(page, dpi)
    skew = estimate_skew(page, _small(first.pixmap, dpi)) if deskew else 0.0
    if abs(skew) < SKEW_MIN_DEG:
        return first
    first = None  # type: ignore[assignment]  # free it before the second render
    zoom = dpi / 72.0
    matrix = pymupdf.Matrix(zoom, zoom)
    if skew:
        matrix = matrix * pymupdf.Matrix(-skew)  # rotate the lines back to horizontal
    pix = page.get_pixmap(matrix=matrix, colorspace=pymupdf.csGRAY, alpha=False)
    to_page = pymupdf.Matrix(1, 0, 0, 1, pix.x, pix.y) * ~matrix * page.derotation_matrix
    return RenderedPage(pix, to_page, dpi, skew)


# -- words → page text --------------------------------------------------------------------------
_CELL_GAP = 2.5  # gap between words, in line heights, that separates table columns
_JOIN_GAP = 0.2  # below this, two OCR words split at punctuation or inside a number are one
_JOIN_AFTER = frozenset(".-/:(")
_JOIN_BEFORE = frozenset(".-/:),")
_PUNCT_NOISE = frozenset("|;:,.'`´\"_~!¦-–—=")  # "=": a short cell border, read with no confidence


def _noise(w: OcrWord) -> bool:
    """Stray marks read from rules, grid lines and speckles (no letters or digits)."""
    if any(c.isalnum() for c in w.text):
        return False
    return w.text == "|" or (w.confidence < 50 and all(c in _PUNCT_NOISE for c in w.text))


_NARROW = frozenset("iljtfrI1.,:;'!|()[]-/")
_WIDE = frozenset("mwMWÅÄÖ@%")


def _char_weight(c: str) -> float:
    if c in _NARROW:
        return 0.5
    if c in _WIDE:
        return 1.4
    if c.isupper() or c.isdigit():
        return 1.1
    return 1.0


_LOOKALIKE = {
    "O": "0", "o": "0", "D": "0", "Q": "0",
    "l": "1", "I": "1", "|": "1",
    "S": "5", "s": "5",
    "B": "8",
    "Z": "2", "z": "2",
    "G": "6", "b": "6",
    "g": "9",
}


# an e-mail address whose "@" was read as another character (same length, so offsets hold)
_AT_MISREAD = re.compile(
    r"""[<(\["']?[\w.+-]+?([Q©®&])(?=[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}[.,;:)>\]"']{0,2}$)"""
)


def _tokens(text: str):
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace():
            j += 1
        yield i, j
        i = j


# a dotted letter-digit code (ICD-10 "G40.9", "(S62.3)"): its letter is no misread digit
_DOTTED_CODE = re.compile(r"[(\[]?[A-Z]\d{2}\.\d[0-9A-Z]?[)\].,;:]*")


def _numberish(tok: str) -> tuple[int, int] | None:
    """(digits, look-alikes) of a token made only of digits, look-alikes and number
    punctuation with at least one digit; None for any other token (and for a dotted code)."""
    if _DOTTED_CODE.fullmatch(tok):
        return None
    digits = looks = 0
    for c in tok:
        if c.isdigit():
            digits += 1
        elif c in _LOOKALIKE:
            looks += 1
        elif c.isalpha():
            return None
    return (digits, looks) if digits else None


# same-length fixes of words OCR typically misreads in Swedish case files
_WORD_FIXES = (
    (re.compile(r"\bIgh(?=[ .]?\d)"), "lgh"),
    # "Ş" / "S" read as "$" at the start of a word in lower case ("$ahin"): no amount
    (re.compile(r"(?<![\w$])\$(?=[a-zåäöéüçşğı]{2,})"), "S"),
)


def normalise_ocr_text(text: str) -> str:
    """``text`` with digit look-alikes replaced inside numbers and a misread ``@`` in
    e-mail-shaped tokens restored (same length: offsets and the glyph map do not move).

    A *number* is a run of neighbouring tokens on one line (``070-l23 45 67``) each made of
    digits, look-alikes and punctuation with at least one digit; the run needs three or more
    digits and at most one look-alike per four digits (at least one).
    """
    out = list(text)
    toks = list(_tokens(text))
    k = 0
    while k < len(toks):
        i, j = toks[k]
        stats = _numberish(text[i:j])
        if stats is None:
            if "@" not in text[i:j] and "." in text[i:j]:
                m = _AT_MISREAD.match(text, i, j)
                if m:
                    out[m.start(1)] = "@"
            k += 1
            continue
        run = [(i, j)]
        digits, looks = stats
        while k + 1 < len(toks):
            a, b = toks[k + 1]
            nxt = _numberish(text[a:b])
            if nxt is None or "\n" in text[run[-1][1] : a]:
                break
            run.append((a, b))
            digits += nxt[0]
            looks += nxt[1]
            k += 1
        k += 1
        if looks and digits >= 3 and looks <= max(1, digits // 4):
            for a, b in run:
                for p in range(a, b):
                    if text[p] in _LOOKALIKE:
                        out[p] = _LOOKALIKE[text[p]]
    result = "".join(out)
    for pattern, repl in _WORD_FIXES:
        result = pattern.sub(repl, result)
    return result


def _to_page_box(x0: float, y0: float, x1: float, y1: float, m: tuple) -> Box:
    """Bounding box of the transformed corners (``m`` as a 6-tuple; plain float arithmetic:
    this runs once per character)."""
    a, b, c, d, e, f = m
    xs = (x0 * a + y0 * c + e, x1 * a + y0 * c + e, x0 * a + y1 * c + e, x1 * a + y1 * c + e)
    ys = (x0 * b + y0 * d + f, x1 * b + y0 * d + f, x0 * b + y1 * d + f, x1 * b + y1 * d + f)
    return (min(xs), min(ys), max(xs), max(ys))


_SPLIT_LINE_GAP = 0.6  # at most this many line heights between the halves of a line Tesseract cut


def _rejoin_split_lines(words: list[OcrWord], line_h: dict[int, float]) -> list[OcrWord]:
    """Lines that Tesseract cut in two and put in different blocks put together again.

    Now and then Tesseract ends a text line in the middle and reads the rest of it as a block of
    its own, after the lines below (``Mejl från anna.ek`` … ``Qexempel.se: bilen är såld``): the
    rest then stands far from its beginning in the page text, and a value across the cut (an
    address, a name) is read as two unrelated pieces. A line whose first word starts at most a
    word space or two (:data:`_SPLIT_LINE_GAP` line heights) after the last word of another line,
    at the same height (its middle inside that word's box), and of the same text size, goes on
    that line: its words are moved right after that line's and take its line number."""
    runs: list[list[OcrWord]] = []
    for w in words:
        if runs and runs[-1][-1].line == w.line:
            runs[-1].append(w)
        else:
            runs.append([w])
    if len(runs) < 2:
        return words
    joined = False
    i = 1
    while i < len(runs):
        first = runs[i][0]
        mid = (first.box[1] + first.box[3]) / 2
        h = line_h[first.line]
        target = None
        for k, run in enumerate(runs):
            if k == i:
                continue
            last = run[-1]
            hp = line_h[last.line]
            gap = first.box[0] - last.box[2]
            if (
                -0.1 * hp <= gap <= _SPLIT_LINE_GAP * hp
                and last.box[1] <= mid <= last.box[3]
                and 0.7 <= h / hp <= 1.4
            ):
                target = k
                break
        if target is None:
            i += 1
            continue
        moved = [replace(w, line=runs[target][-1].line, block=runs[target][-1].block) for w in runs[i]]
        runs[target].extend(moved)
        del runs[i]
        joined = True
        i = 1  # a run may now continue another
    return [w for run in runs for w in run] if joined else words


def _cells(words: Sequence[OcrWord], line_h: dict[int, float]) -> list[list[OcrWord]]:
    """The words in Tesseract's order, cut into cells: the words of one text line, split
    where the gap is wider than ``_CELL_GAP`` line heights (a table's next column, or a block
    beside this one that Tesseract read as the same line)."""
    cells: list[list[OcrWord]] = []
    for w in words:
        if cells:
            last = cells[-1][-1]
            if last.line == w.line and (w.box[0] - last.box[2]) / line_h[w.line] <= _CELL_GAP:
                cells[-1].append(w)
                continue
        cells.append([w])
    return cells


_WRAP_ROOM = 10.0  # a wrapped line ends at most this many line heights before the right edge


_BREAK_INSIDE = (",", "-", "\u2013", "/", "&")


def _reads_on(head: list[OcrWord], cell: list[OcrWord]) -> bool:
    """The text of ``cell`` can go on from ``head``'s: ``head`` breaks off inside a list or a
    word (it ends with a comma, a hyphen or a slash), or ``head`` is a run of words (a line of
    a paragraph, not a one-word table heading) and ``cell`` starts in the middle of a phrase
    (a lower-case word or a number). A column heading over its value ("Postort" over a town,
    "Postnummer" over a code) is neither: a table row keeps its order."""
    last, first = head[-1].text, cell[0].text
    if last.endswith(_BREAK_INSIDE):
        return True
    return len(head) >= 2 and bool(first) and (first[0].islower() or first[0].isdigit())


def _wraps_into(head: list[OcrWord], cell: list[OcrWord], right: float, line_h: float) -> bool:
    """``cell`` continues the paragraph of ``head``, the cell above it: the same left edge,
    the next line down, and ``cell``'s first word would not have fit after ``head`` before
    ``right`` (where the text of ``head``'s column ends), which ``head`` nearly reaches: the
    line was wrapped there."""
    if not _reads_on(head, cell):
        return False
    h0, c0 = head[0].box, cell[0].box
    if abs(c0[0] - h0[0]) > 0.8 * line_h:
        return False
    top = min(w.box[1] for w in cell)
    bottom = max(w.box[3] for w in head)
    if not -0.3 * line_h <= top - bottom <= 1.2 * line_h:
        return False
    end = head[-1].box[2]
    # a space is about a quarter of a line height; the block's own edge may lie a little
    # before the page's (a line height of slack)
    return end > right - _WRAP_ROOM * line_h and end + 0.25 * line_h + (c0[2] - c0[0]) > right - line_h


def _reading_order(cells: list[list[OcrWord]], line_h: dict[int, float]) -> list[list[OcrWord]]:
    """Cells in reading order: Tesseract's, except that where two blocks stand side by side and
    it read them line by line across both (``c/o Anna Berg, Storgatan 4, 2`` | ``Mobil: …`` |
    ``tr, 123 45 Orten``), a cell that continues a wrapped paragraph of the line above follows
    that paragraph's cell, not the cells of the other block in between. Only the last block of
    a line is followed so: a cell ends anywhere before the next one, so a wrap is told only
    against the page's right edge. Table rows keep their order (a cell that would have fit on
    the line above is no wrap)."""
    if len(cells) < 3:
        return cells
    page_right = max(w.box[2] for c in cells for w in c)
    rows: list[list[list[OcrWord]]] = []
    for c in cells:
        if rows and rows[-1][-1][0].line == c[0].line:
            rows[-1].append(c)
        else:
            rows.append([c])
    out: list[list[OcrWord]] = []
    prev_row: list[list[OcrWord]] = []
    for row in rows:
        for c in row:
            # only a block that reaches the page's right edge (a line with more text on its
            # right, or a table's label, may end anywhere: no wrap can be told there)
            head = prev_row[-1] if len(prev_row) > 1 else None
            if head is not None and c is not row[0] and _wraps_into(head, c, page_right, line_h[c[0].line]):
                out.insert(next(i for i, x in enumerate(out) if x is head) + 1, c)
            else:
                out.append(c)
        prev_row = row
    return out


def page_text_from_words(
    words: Sequence[OcrWord],
    page: pymupdf.Page,
    to_page: pymupdf.Matrix,
    *,
    px_per_pt: float,
) -> tuple[str, list[Glyph], list[int], list[Box], list[tuple[int, int, Box]]]:
    """Text, glyphs, char→glyph map, line boxes and word spans for OCR ``words``."""
    chars: list[str] = []
    char_glyph: list[int] = []
    glyphs: list[Glyph] = []
    line_boxes: list[Box] = []
    word_spans: list[tuple[int, int, Box]] = []
    margin_min = 0.8 * px_per_pt  # at least 0.8 pt of margin around the ink
    to_page = tuple(to_page)  # type: ignore[assignment]
    line_idx = -1
    line_words: list[Box] = []

    def close_line() -> None:
        if line_words:
            line_boxes.append(box_union(line_words))

    words = [w for w in words if w.text and not _noise(w)]
    heights: dict[int, list[float]] = {}
    for w in words:
        heights.setdefault(w.line, []).append(w.box[3] - w.box[1])
    line_h = {k: max(1.0, sorted(v)[len(v) // 2]) for k, v in heights.items()}
    words = _rejoin_split_lines(words, line_h)
    prev: Optional[OcrWord] = None
    cell_starts: set[int] = set()
    ordered: list[OcrWord] = []
    for cell in _reading_order(_cells(words, line_h), line_h):
        cell_starts.add(len(ordered))
        ordered.extend(cell)
    for wi, w in enumerate(ordered):
        text = w.text
        sep = "\n"
        if wi not in cell_starts and prev is not None:
            gap = (w.box[0] - prev.box[2]) / line_h[w.line]
            # a table's next column is a line of its own (as cells are in a text layer);
            # a word split at a period or hyphen ("(F41." "2)") is joined again
            joinable = prev.text[-1] in _JOIN_AFTER or text[0] in _JOIN_BEFORE or (
                prev.text[-1].isdigit() and text[0].isdigit()
            )
            sep = "" if gap < _JOIN_GAP and joinable else " "
        if sep == "\n":
            close_line()
            line_words = []
            line_idx += 1
        if chars and sep:
            chars.append(sep)
            char_glyph.append(-1)
        prev = w
        x0, y0, x1, y1 = w.box
        # a word of short letters only (``ewa``, ``som``) has a box of their x-height: the
        # line's letters, and a box cut tight around its own ink, reach higher, so its box is
        # at least as tall as the line's median word (measured up from its bottom)
        y0 = min(y0, y1 - line_h[w.line])
        h = max(1.0, y1 - y0)
        width = max(1.0, x1 - x0)
        # vertical: after the redaction trims 15 % of the (widened) height, m remains
        m = max(margin_min, 0.1 * h)
        ev = (m + 0.15 * h) / 0.7
        gy0, gy1 = y0 - ev, y1 + ev
        weights = [_char_weight(c) for c in text]
        total = sum(weights)
        start = len(chars)
        x = x0
        # punctuation at a word's ends ("habiliteringen;", "(148.9)") makes the cuts of the
        # letters beside it guesses: those letters reach to the word's ends
        alnum = [k for k, c in enumerate(text) if c.isalnum()]
        first_alnum, last_alnum = (alnum[0], alnum[-1]) if alnum else (-1, -1)
        for k, (c, wt) in enumerate(zip(text, weights)):
            cw = width * wt / total
            cx0, cx1 = x, x + cw
            x = cx1
            # character cuts are estimates: widen into the neighbours by a third of a width
            pad = cw / 3
            cx0 -= pad
            cx1 += pad
            if k == first_alnum and k > 0:
                cx0 = x0
            if k == last_alnum and k < len(text) - 1:
                cx1 = x1
            if k == 0 or k == first_alnum:  # the redaction trims 5 % of the end glyphs' width
                cx0 -= (m + 0.05 * (cx1 - cx0)) / 0.95
            if k == len(text) - 1 or k == last_alnum:
                cx1 += (m + 0.05 * (cx1 - cx0)) / 0.95
            char_glyph.append(len(glyphs))
            glyphs.append(Glyph(c, _to_page_box(cx0, gy0, cx1, gy1, to_page), line_idx, h / px_per_pt))
            chars.append(c)
        wbox = _to_page_box(x0, y0, x1, y1, to_page)
        line_words.append(wbox)
        word_spans.append((start, len(chars), wbox))
    close_line()
    text = normalise_ocr_text("".join(chars))
    if glyphs:  # keep glyph characters equal to the text they produced
        glyphs = [g._replace(char=text[i]) if text[i] != g.char else g
                  for g, i in zip(glyphs, (i for i, gi in enumerate(char_glyph) if gi >= 0))]
    return text, glyphs, char_glyph, line_boxes, word_spans


def ocr_page(
    page: pymupdf.Page, engine: OcrEngine, settings: OcrSettings, reason: str, first: Optional[RenderedPage] = None
) -> OcrPageText:
    """Read one page by OCR (one render, one engine call); the pixels are freed on return."""
    rendered = render_for_ocr(page, settings.page_resolution(page), deskew=settings.deskew, first=first)
    first = None
    return finish_page(page, rendered, engine, reason, lambda: engine.recognize(rendered.pixmap, rendered.dpi))


def finish_page(
    page: pymupdf.Page, rendered: RenderedPage, engine: OcrEngine, reason: str, recognized: Callable[[], list[OcrWord]]
) -> OcrPageText:
    """The page text of ``page`` from the words of its render (``recognized()``: the engine's
    call, or the result of the OCR thread, :mod:`.ahead`); ``engine`` reads unread ink again.
    The render's pixels are freed on return."""
    try:
        # what the pixels alone tell, made while the OCR thread may still be reading this page
        ink = page_ink(rendered.pixmap)
        grey = _grey(rendered.pixmap)  # one copy of the pixels for every word (not one per word)
        cells = ink_cells(grey, rendered.dpi) if rendered.pixmap.n == 1 and not rendered.pixmap.alpha else None
        words = recognized()
        words = strip_rule_glyphs(words, rendered.pixmap, ink)  # table borders and specks read as characters
        words = reread_unread_ink(words, rendered.pixmap, rendered.dpi, engine, cells)  # text the layout dropped
        del ink, cells
        solid = tuple(_to_page_box(*w.box, tuple(rendered.to_page)) for w in words if _on_solid_ink(w, grey))
        del grey
    except (OcrError, OcrUnavailableError):
        raise
    except Exception as exc:  # an engine bug must not pass as "no text on this page"
        raise OcrError(f"page {page.number + 1}: OCR failed ({type(exc).__name__})") from None
    finally:
        pix = rendered.pixmap
        rendered.pixmap = None  # type: ignore[assignment]
        del pix
    text, glyphs, char_glyph, line_boxes, word_spans = page_text_from_words(
        words, page, rendered.to_page, px_per_pt=rendered.dpi / 72.0
    )
    rect = page.rect
    confs = [w.confidence for w in words if w.confidence >= 0]
    return OcrPageText(
        number=page.number,
        width=rect.width,
        height=rect.height,
        rotation=page.rotation,
        text=text,
        glyphs=PackedGlyphs(glyphs),  # type: ignore[arg-type]
        char_glyph=array("i", char_glyph),  # type: ignore[arg-type]
        line_boxes=line_boxes,
        unreliable=False,
        reason=reason,
        engine=engine.name,
        engine_version=engine.version,
        dpi=rendered.dpi,
        skew_deg=rendered.skew_deg,
        mean_confidence=sum(confs) / len(confs) if confs else 0.0,
        words=PackedSpans(word_spans),  # type: ignore[arg-type]
        solid=solid,
    )


_SOLID_DARK = 0.75  # share of dark pixels in a word's box above which it is a box, not type


def _on_solid_ink(w: OcrWord, grey: np.ndarray) -> bool:
    """Whether an OCR word is a filled area read as characters: a box at least as wide as high
    whose pixels (``grey``, the page render as :func:`_grey` gives it) are mostly dark (type
    covers well under half of its word box)."""
    x0, y0, x1, y1 = (int(round(v)) for v in w.box)
    if x1 - x0 < y1 - y0 or y1 <= y0:
        return False
    a = grey[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]
    return a.size > 0 and float(np.count_nonzero(a < 80)) / a.size >= _SOLID_DARK


def trim_image_cache() -> None:
    """Empty MuPDF's cache of decoded images. A page image is decoded for its OCR (and, in a
    copy of the page, once more for its redaction) and never needed after that, so the cache
    would only pile up decoded pages (about 4 MB each for a 200-dpi A4 page in grey)."""
    pymupdf.TOOLS.store_shrink(100)


def drop_invisible_text(page: pymupdf.Page) -> None:
    """Remove invisible text (an earlier OCR layer) from a page that is read by OCR instead.

    OCR sees only what is drawn, so invisible text would otherwise reach the output without
    having been analysed.
    """
    page.add_redact_annot(page.rect, fill=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE_INVISIBLE,
    )


def drop_hidden_text(page: pymupdf.Page) -> None:
    """Remove the text a reader does not see from a page that is read by OCR instead: invisible
    text (render mode 3) and text drawn under an image that covers it (an OCR layer put beneath
    the scan). Visible text stays: OCR reads it from the render like the rest of the page."""
    spans, images = _text_layers(page)
    under = [span["bbox"] for span in spans
             if span.get("type") != 3 and _hidden_span(span, images)]
    drop_invisible_text(page)
    if not under:
        return
    for b in under:  # texttrace boxes are in the space search_for and redactions use
        page.add_redact_annot(pymupdf.Rect(b), fill=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )


SUBMITTED = "submitted"  # a page was handed to the OCR thread
ALL_SUBMITTED = "all submitted"  # no page of the document is left to hand over


def ocr_document(
    doc: pymupdf.Document, pages: list[PageText], settings: OcrSettings, then: Optional[Callable[[], None]] = None
) -> list[PageText]:
    """``pages`` with every page that needs OCR replaced by its :class:`OcrPageText`
    (:func:`ocr_steps`). ``then``: called once, as soon as the last page that needs OCR has
    been handed to the OCR thread (or at the end, when none needs it), while that page is read:
    a run of documents starts reading the next one there."""
    return finish_steps(ocr_steps(doc, pages, settings), then)


def finish_steps(steps: Generator[str, None, list[PageText]], then: Optional[Callable[[], None]] = None
                 ) -> list[PageText]:
    """Run the rest of :func:`ocr_steps` (see :func:`ocr_document` for ``then``)."""
    try:
        while True:
            if next(steps) == ALL_SUBMITTED and then is not None:
                then, call = None, then
                call()
    except StopIteration as stop:
        out = stop.value
    except BaseException:
        steps.close()  # the OCR thread lets go of this document's page images
        raise
    if then is not None:
        then()
    return out


def ocr_steps(doc: pymupdf.Document, pages: list[PageText], settings: OcrSettings) -> Generator[str, None, list[PageText]]:
    """``pages`` with every page that needs OCR replaced by its :class:`OcrPageText`.

    With OCR switched off, such a page is refused (:class:`UnsupportedContentError`, exit 15);
    with OCR on but not installed, :class:`OcrUnavailableError` (exit 16). An OCR'd page with a
    ``/Rotate`` is turned upright in its content first (same appearance, rotation 0).

    Each page's recognition runs on the OCR thread (:mod:`.ahead`) while this thread finishes
    the page before it (:func:`finish_page`) and renders the next: on two cores the engine and
    the rest of the work run at the same time. A page is rendered only once the page two before
    it is finished, so at most two page images are in memory at once.

    Step by step (:func:`ocr_document` runs it through): yields :data:`SUBMITTED` each time a
    page has been handed to the OCR thread and :data:`ALL_SUBMITTED` once no page is left to
    hand over (before the last one is finished); returns the pages. A caller may do other work
    at each step (read the next document); closing the generator lets go of the OCR jobs.
    """
    from .ahead import recognize_ahead

    out = list(pages)
    engine: Optional[OcrEngine] = None
    # pages handed to the OCR thread, not finished yet (index, page, render, reason, words to
    # come): the page being finished and the page being read, at most
    pending: list[tuple] = []
    try:
        for i, (page, pt) in enumerate(zip(doc, pages)):
            # a page with (almost) no text is rendered once at its OCR resolution: the ink check,
            # the skew estimate and OCR all read that one render
            first = None
            if pt.unreliable or _visible_chars(pt) < _MIN_TEXT_CHARS:
                first = render_upright(page, settings.page_resolution(page))
            reason = needs_ocr(page, pt, _small(first.pixmap, first.dpi) if first is not None else None)
            if reason is None:
                continue
            if not settings.enabled:
                what = "the text layer cannot be decoded" if reason == "undecodable_text" else "scanned page"
                raise UnsupportedContentError(f"page {page.number + 1}: {what}; OCR is required but switched off")
            if engine is None:
                engine = get_engine(settings.engine)
            if page.rotation:
                # read and redact the page as it is seen: the redaction trims boxes across the text
                # direction of unrotated space, which must then be the reading direction
                page.remove_rotation()
                page.wrap_contents()  # keep its derotation matrix away from what is added later
                forget_drawn(doc, page.number)
                first = None
            if pt.text.strip():
                drop_hidden_text(page)
                forget_drawn(doc, page.number)
                first = None  # the page changed
            rendered = render_for_ocr(page, settings.page_resolution(page), deskew=settings.deskew, first=first)
            first = None
            keep_page_images(doc, page, rendered.dpi)  # decoded by the render: kept for the redaction
            pending.append((i, page, rendered, reason, recognize_ahead(settings.engine, rendered.pixmap, rendered.dpi)))
            yield SUBMITTED
            if len(pending) == 2:  # the page before, finished while the OCR thread reads this one
                out[pending[0][0]] = _finish_pending(pending[0], engine)
                del pending[0]
        yield ALL_SUBMITTED
        if pending:
            assert engine is not None
            out[pending[0][0]] = _finish_pending(pending[0], engine)
            del pending[0]
    finally:
        for job in pending:  # an error: the OCR thread lets go of the page images first
            if not job[4].cancel():
                job[4].exception()
    return out


def _finish_pending(pending: tuple, engine: OcrEngine) -> OcrPageText:
    _, page, rendered, reason, words = pending
    try:
        return finish_page(page, rendered, engine, reason, words.result)
    finally:
        trim_image_cache()
