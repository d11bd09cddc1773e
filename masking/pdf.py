"""Opening PDFs safely and extracting page text with a character → glyph-box map.

Coordinates are PyMuPDF page coordinates (PDF points, origin top-left, rotation applied the way
PyMuPDF reports text and accepts redaction annotations), so a box found in the text can be
redacted directly, and the same box is drawn in the review UI and written to the report.
"""

from __future__ import annotations

import hashlib
import logging
import operator
import os
import re
from array import array
from itertools import chain
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pymupdf

from .errors import (
    CorruptPdfError,
    EmptyPdfError,
    EncryptedPdfError,
    InputNotFoundError,
    NotAPdfError,
    ResourceLimitError,
)
from .model import Box, PageText
from .packed import PackedGlyphs

log = logging.getLogger(__name__)

# Extraction flags: keep whitespace, split ligatures (so "fi" is two characters), and do NOT
# clip to the media box, so that text placed outside the visible page is also seen. No spaces
# made up by MuPDF (word breaks are decided from the glyphs' geometry, see _word_breaks, which
# also knows letter spacing) and the glyphs themselves rather than an /ActualText that stands
# for them (it may say other words than the page shows).
EXTRACT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_INHIBIT_SPACES | pymupdf.TEXT_IGNORE_ACTUALTEXT

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


@dataclass(frozen=True)
class Limits:
    """Resource limits for untrusted input."""

    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 5000
    max_page_side_pt: float = 14400.0  # 200 inches, the PDF spec's user-unit default limit
    # pixels of one image (width x height from its dictionary, checked before any decoding)
    max_image_pixels: int = field(
        default_factory=lambda: int(os.environ.get("MASKING_MAX_IMAGE_PIXELS", str(200_000_000)))
    )
    # a PDF that MuPDF had to repair (broken cross-reference table, truncated file) may silently
    # lack pages or objects: refused unless allowed (then the report says it was repaired)
    allow_repaired: bool = False


DEFAULT_LIMITS = Limits()

# Loops over all pages empty MuPDF's cache of decoded and loaded objects every so many pages: it
# keeps each page's images (for a scan, the whole page) until it holds 256 MB.
STORE_TRIM_PAGES = 16


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path, block: int = 1 << 20) -> str:
    """SHA-256 of a file, read in blocks (the file is never held in memory whole)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(block), b""):
            h.update(chunk)
    return h.hexdigest()


def check_input(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Path:
    """The input path, checked to be a regular, non-empty file within the size limit."""
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(f"input file not found: {p.name}")
    if not p.is_file():
        raise InputNotFoundError(f"input is not a regular file: {p.name}")
    size = p.stat().st_size
    if size == 0:
        raise EmptyPdfError(f"input file is empty: {p.name}")
    if size > limits.max_bytes:
        raise ResourceLimitError(f"input is {size} bytes, above the limit of {limits.max_bytes}")
    return p


def read_input(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    return check_input(path, limits).read_bytes()


def read_head(source: bytes | Path, n: int = 1024) -> bytes:
    """The first ``n`` bytes of PDF/image bytes or of a file."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source[:n])
    with open(source, "rb") as fh:
        return fh.read(n)


def open_pdf(data: bytes | Path, name: str = "input", limits: Limits = DEFAULT_LIMITS) -> pymupdf.Document:
    """Open PDF bytes, or a PDF file by its path, as a PDF (never as another format) and check
    it is usable. A file is read by MuPDF as it needs it, not loaded whole into memory."""
    head = read_head(data)
    if not head:
        raise EmptyPdfError(f"{name}: empty file")
    if b"%PDF-" not in head:
        raise NotAPdfError(f"{name}: not a PDF file (no %PDF header)")
    try:
        if isinstance(data, Path):
            doc = pymupdf.open(str(data), filetype="pdf")
        else:
            doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types; none carries personal data
        raise CorruptPdfError(f"{name}: cannot be parsed as PDF ({type(exc).__name__})") from None
    if doc.needs_pass or doc.is_encrypted:
        doc.close()
        raise EncryptedPdfError(f"{name}: encrypted PDF; remove the password before masking")
    try:
        check_document(doc, name, limits, size=_size(data))
    except BaseException:
        doc.close()
        raise
    return doc


def _size(data: bytes | Path) -> int:
    if isinstance(data, Path):
        try:
            return data.stat().st_size
        except OSError:
            return 0
    return len(data)


def check_document(doc: pymupdf.Document, name: str = "input", limits: Limits = DEFAULT_LIMITS, size: int = 0) -> None:
    """Refuse a document MuPDF opened but that cannot be masked safely: an unreadable or lying
    page tree, no pages, too many or too large pages, an image over the pixel limit (by the
    /Width and /Height of its dictionary, before any pixel is decoded), a repaired file unless
    ``limits.allow_repaired``. Messages name the check, never the file's content."""
    try:
        n = doc.page_count
    except Exception as exc:  # e.g. /Count 2147483648: "Invalid number of pages"
        raise CorruptPdfError(f"{name}: page tree is damaged ({type(exc).__name__})") from None
    if n == 0:
        if doc.is_repaired:
            raise CorruptPdfError(f"{name}: damaged PDF (no readable pages after repair)")
        raise EmptyPdfError(f"{name}: the PDF has no pages")
    if n > limits.max_pages:
        if size and n > size // 16:  # a page object takes more bytes than that
            raise CorruptPdfError(f"{name}: page tree claims {n} pages, more than the file can hold")
        raise ResourceLimitError(f"{name}: {n} pages, above the limit of {limits.max_pages}")
    try:
        for page in doc:
            r = page.rect
            if max(r.width, r.height) > limits.max_page_side_pt:
                raise ResourceLimitError(f"{name}: page {page.number + 1} is larger than allowed")
            for img in page.get_images(full=True):
                w, h = int(img[2] or 0), int(img[3] or 0)
                if w < 0 or h < 0:
                    raise CorruptPdfError(f"{name}: page {page.number + 1} holds an image of negative size")
                if w * h > limits.max_image_pixels:
                    raise ResourceLimitError(
                        f"{name}: page {page.number + 1} holds an image of {w} x {h} pixels, above the limit of "
                        f"{limits.max_image_pixels}"
                    )
        _check_inline_images(doc, name, limits)
    except (ResourceLimitError, CorruptPdfError):
        raise
    except Exception as exc:
        raise CorruptPdfError(f"{name}: page tree is damaged ({type(exc).__name__})") from None
    if doc.is_repaired and not limits.allow_repaired:
        raise CorruptPdfError(
            f"{name}: damaged PDF (it had to be repaired, so pages or objects may be missing); "
            "refused unless repaired files are allowed (--allow-repaired)"
        )


class Objects:
    """Read access to a PDF's objects by number through MuPDF's own calls, for the passes that
    visit every object (the inline-image limit, sanitising, verification): the document's
    ``xref_get_key`` / ``xref_get_keys`` / ``xref_stream`` check the document and convert every
    value on every call (some 30 µs each, a dozen per object), these read only the keys asked
    for. Values are read as those methods give them: :meth:`name` is the text ``xref_get_key``
    gives a *direct* name (``"/Image"``; an indirect reference or another type is not a name)."""

    __slots__ = ("pdf", "length")

    def __init__(self, doc: pymupdf.Document) -> None:
        self.pdf = pymupdf._as_pdf_document(doc)
        self.length = pymupdf.mupdf.pdf_xref_len(self.pdf)

    def get(self, xref: int):
        """The object ``xref`` (its dictionary, or whatever it is); raises when it cannot be read."""
        return pymupdf.mupdf.pdf_load_object(self.pdf, xref)

    def is_stream(self, xref: int) -> bool:
        return bool(pymupdf.mupdf.pdf_obj_num_is_stream(self.pdf, xref))

    @staticmethod
    def has(obj, key: str) -> bool:
        """Whether the dictionary ``obj`` has ``key`` (whatever its value, as ``xref_get_keys``)."""
        return bool(pymupdf.mupdf.pdf_dict_gets(obj, key).m_internal)

    @staticmethod
    def name(obj, key: str) -> str:
        """``"/Name"`` where ``obj``'s ``key`` is a direct name, else ``""``."""
        mu = pymupdf.mupdf
        val = mu.pdf_dict_gets(obj, key)
        if not val.m_internal or mu.pdf_is_indirect(val) or not mu.pdf_is_name(val):
            return ""
        return "/" + mu.pdf_to_name(val)

    def stream(self, xref: int) -> bytes:
        """The decoded stream of ``xref`` (as ``xref_stream``)."""
        return pymupdf.mupdf.fz_buffer_extract_copy(pymupdf.mupdf.pdf_load_stream_number(self.pdf, xref))


# An inline image (``BI <dictionary> ID <samples> EI`` in a content stream) gives its size in its
# own dictionary, /W (/Width) and /H (/Height); MuPDF would decode it whole when the page is read.
_INLINE_BI = re.compile(rb"(?<![^\s\]\)>}])BI(?=[\s/])")
_INLINE_ID = re.compile(rb"(?<=[\s\]>)])ID[\s]")
_INLINE_SIZE = re.compile(rb"/(W|Width|H|Height)\s+\+?(\d+(?:\.\d*)?)")
_NOT_CONTENT_SUBTYPES = {"/Image", "/XML", "/Type1C", "/CIDFontType0C", "/OpenType"}
_NOT_CONTENT_TYPES = {"/EmbeddedFile", "/Metadata", "/XRef", "/ObjStm"}


def _inline_image_sizes(data: bytes):
    """(width, height) of every inline image in content-stream bytes, from its dictionary."""
    pos = 0
    while True:
        m = _INLINE_BI.search(data, pos)
        if m is None:
            return
        e = _INLINE_ID.search(data, m.end())
        if e is None:
            return
        w = h = 0
        for key, val in _INLINE_SIZE.findall(data[m.end():e.start()]):
            n = int(float(val))
            if key in (b"W", b"Width"):
                w = max(w, n)
            else:
                h = max(h, n)
        yield w, h
        pos = e.end()  # the samples follow; a later BI in them is checked too (fail closed)


def _check_inline_images(doc: pymupdf.Document, name: str, limits: Limits) -> None:
    """Refuse an inline image over the pixel limit, by its dictionary, before anything decodes
    it: every stream that can be drawn as content (pages, Form XObjects, annotation appearances,
    Type3 glyph procedures) is searched; images, fonts, metadata and attachments are not."""
    objects = Objects(doc)
    for xref in range(1, objects.length):
        try:
            if not objects.is_stream(xref):
                continue
            # an image, a font program, an attachment, metadata: never drawn as content, not
            # decompressed
            obj = objects.get(xref)
            if objects.name(obj, "Subtype") in _NOT_CONTENT_SUBTYPES:
                continue
            if objects.has(obj, "Length1") or objects.has(obj, "Length2") or objects.has(obj, "Length3"):
                continue
            if objects.name(obj, "Type") in _NOT_CONTENT_TYPES:
                continue
            data = objects.stream(xref)
            if not data or b"BI" not in data:
                continue
        except Exception:
            continue
        for w, h in _inline_image_sizes(data):
            if w * h > limits.max_image_pixels:
                page_of = {c: page.number for page in doc for c in page.get_contents()}
                where = f"page {page_of[xref] + 1}" if xref in page_of else "a content stream"
                raise ResourceLimitError(
                    f"{name}: {where} holds an inline image of {w} x {h} pixels, above the limit of "
                    f"{limits.max_image_pixels}"
                )


def show_all_optional_content(doc: pymupdf.Document) -> None:
    """Switch every optional-content layer on, so hidden layers are extracted and redacted."""
    try:
        for cfg in doc.layer_ui_configs() or []:
            doc.set_layer_ui_config(cfg["number"], 0)  # 0 = set on
    except Exception:  # documents without OCProperties
        pass
    try:
        ocgs = doc.get_ocgs() or {}
        if ocgs:
            doc.set_layer(-1, on=list(ocgs.keys()))
    except Exception:
        pass


def prepare_for_redaction(doc: pymupdf.Document) -> None:
    """Normalise a document in memory before analysis and redaction.

    * optional content resolved to what a default viewer shows: hidden content removed, the
      layers' machinery dropped, so what is analysed is what is shown and released
      (:mod:`masking.optional_content`);
    * annotations and form fields baked into page content (their visible text then goes through
      the same analysis and redaction as any text; the annotation objects are dropped later);
    * content outside each page's crop box removed (invisible to readers, visible to extractors).
    """
    from .optional_content import resolve_optional_content

    try:
        resolve_optional_content(doc)
    except Exception:  # never a leak: what is kept is analysed; the rest is switched on
        log.debug("optional content not resolved; all layers switched on")
        show_all_optional_content(doc)
    try:
        doc.bake(annots=True, widgets=True)
    except Exception:
        log.debug("bake failed; annotations are dropped when pages are copied")
    for page in doc:
        try:
            page.clip_to_rect(page.rect)  # the visible area, in rotated page coordinates
        except Exception:
            log.debug("clip_to_rect failed on page %d", page.number + 1)
        if (page.number + 1) % STORE_TRIM_PAGES == 0:
            pymupdf.TOOLS.store_shrink(100)  # the page's images, loaded by the content filter


# -- page text in reading order (#13 item 1) -------------------------------------------------------
# Stream order is not reading order: characters drawn last to first, a digit drawn after the rest,
# letter-spaced text (Tc), wide word spacing (Tw) and comb fields (one digit per box) come out of
# MuPDF as lines of one character or as s p a c e d words. Lines are rebuilt from the glyphs'
# geometry: fragments on one baseline that touch (or are one glyph, or meet at a space) are one
# line, its glyphs in x order; a regular gap repeated between single glyphs is letter spacing,
# not a word break.

_BASELINE_TOL = 0.2  # ems: fragments whose baselines differ less are on one line
_JOIN_GAP = 0.6  # ems: fragments closer than this are one line
_SPACED_GAP = 2.5  # ems: a one-glyph fragment, or one meeting another at a space, joins up to this
_WORD_GAP = 0.25  # ems: a wider gap with no space character is a word break …
_REGULAR = 0.15  # ems: … unless a neighbouring gap is the same within this (letter spacing)


class _Frag:
    """One MuPDF line: its characters as (char, bbox, size, baseline)."""

    __slots__ = ("chars", "bbox", "horizontal", "order", "baseline", "size")

    def __init__(self, chars: list, bbox: tuple, horizontal: bool, order: int) -> None:
        self.chars = chars
        self.bbox = bbox
        self.horizontal = horizontal
        self.order = order
        ink = [c for c in chars if not c[0].isspace()] or chars  # never empty: chars is not
        self.baseline = sorted([c[3] for c in ink])[len(ink) // 2]
        self.size = max([c[2] for c in ink]) or 1.0


def _fragments(raw: dict) -> list[_Frag]:
    frags = []
    for block in raw.get("blocks", ()):
        if block.get("type", 0) != 0:
            continue
        for line in block.get("lines", ()):
            chars = []
            for span in line.get("spans", ()):
                size = float(span.get("size", 0.0))
                # (PyMuPDF gives each box as a tuple already)
                chars.extend([(ch["c"], ch["bbox"], size, ch["origin"][1]) for ch in span.get("chars", ())])
            if not chars:
                continue
            d = line.get("dir", (1.0, 0.0))
            horizontal = abs(d[0] - 1.0) < 1e-3 and abs(d[1]) < 1e-3 and not line.get("wmode", 0)
            frags.append(_Frag(chars, tuple(line["bbox"]), horizontal, len(frags)))
    return frags


def _ink_x(frag: _Frag, last: bool) -> float:
    """x of the first (last) glyph's near edge, spaces included (they bridge a gap)."""
    return frag.chars[-1][1][2] if last else frag.chars[0][1][0]


def _lone(frag: _Frag) -> bool:
    return sum(1 for c in frag.chars if not c[0].isspace()) == 1


def _joins(a: _Frag, b: _Frag, a_x1: float) -> bool:
    """Whether fragment ``b`` (starting right of ``a``'s start) continues ``a``'s line."""
    em = max(a.size, b.size)
    gap = b.bbox[0] - a_x1
    if gap <= _JOIN_GAP * em:
        return True
    if gap > _SPACED_GAP * em:
        return False
    spaced = a.chars[-1][0].isspace() or b.chars[0][0].isspace()
    return spaced or _lone(a) or _lone(b)


def _lines(frags: list[_Frag]) -> list[list[_Frag]]:
    """Fragments grouped into lines, in the order of each line's first fragment in the stream."""
    groups: list[list[_Frag]] = []
    horiz = sorted((f for f in frags if f.horizontal), key=lambda f: (f.baseline, f.bbox[0]))
    cluster: list[_Frag] = []

    def flush() -> None:
        if not cluster:
            return
        row = sorted(cluster, key=lambda f: f.bbox[0])
        cur = [row[0]]
        x1 = row[0].bbox[2]
        for f in row[1:]:
            if _joins(cur[-1], f, x1):
                cur.append(f)
                x1 = max(x1, f.bbox[2])
            else:
                groups.append(cur)
                cur, x1 = [f], f.bbox[2]
        groups.append(cur)

    for f in horiz:
        if cluster and abs(f.baseline - cluster[-1].baseline) > _BASELINE_TOL * max(f.size, cluster[-1].size):
            flush()
            cluster = []
        cluster.append(f)
    flush()
    groups.extend([f] for f in frags if not f.horizontal)
    groups.sort(key=lambda g: min(f.order for f in g))
    return groups


def _line_chars(group: list[_Frag]) -> list[tuple]:
    """A line's characters in reading order: stream order while it runs left to right (a
    combining mark or a kerned pair may step back a little), else sorted by x."""
    if len(group) == 1:
        chars = group[0].chars  # (not changed by any caller)
        if not group[0].horizontal:
            return chars
    else:
        chars = [c for f in sorted(group, key=lambda f: f.order) for c in f.chars]
    xs = [c[1][0] for c in chars]
    if all(map(operator.ge, xs[1:], xs[:-1])):  # never steps back (the common case, checked in C)
        return chars
    monotonic = all(b[1][0] >= a[1][0] - 0.3 * max(a[2], b[2], 1.0) for a, b in zip(chars, chars[1:]))
    if monotonic:
        return chars
    return sorted(chars, key=lambda c: (c[1][0] + c[1][2]) / 2)


def _word_breaks(chars: list[tuple]) -> list[bool]:
    """For each pair of neighbouring glyphs, whether a synthetic space goes between them: a gap
    wider than a quarter em with no space character, unless a neighbouring gap between non-space
    glyphs is as wide (letter-spaced text, a comb field's one digit per box)."""
    n = len(chars)
    out = [False] * max(0, n - 1)
    if n < 2:
        return out
    # the gap before each glyph but the first (spaces too); a gap between two non-space glyphs
    # is a gap of the text (gaps[i] below), else none
    raw = list(map(operator.sub, [c[1][0] for c in chars[1:]], [c[1][2] for c in chars[:-1]]))
    wide = [i for i, g in enumerate(raw) if not g <= 1.0]  # wider than a point, or NaN: candidates
    if not wide:
        return out
    ink = [not c[0].isspace() for c in chars]
    gaps: list[Optional[float]] = [g if ink[i] and ink[i + 1] else None for i, g in enumerate(raw)]
    for i in wide:
        g = gaps[i]
        if g is None:
            continue
        em = max(chars[i][2], chars[i + 1][2], 1.0)
        if g <= max(1.0, _WORD_GAP * em):
            continue
        regular = False
        for j in (i - 1, i + 1):
            if 0 <= j < len(gaps) and gaps[j] is not None and gaps[j] > 0.1 * em:  # type: ignore[operator]
                if abs(gaps[j] - g) <= max(_REGULAR * em, 0.25 * g):  # type: ignore[operator]
                    regular = True
                    break
        out[i] = not regular
    return out


def extract_page_text(page: pymupdf.Page) -> PageText:
    """Build the page string and its offset → glyph map, in reading order (see above).

    Lines are separated by ``\\n`` (no glyph). Within a line, a visible gap between two glyphs
    with no space character becomes a synthetic space (no glyph), so words in separate text
    objects on one line do not run together, while a word split across text objects, or set
    letter-spaced, stays one word.
    """
    return _page_text(page, page.get_text("rawdict", flags=EXTRACT_FLAGS))


def _page_text(page: pymupdf.Page, raw: dict) -> PageText:
    chars: list[str] = []
    char_glyph = array("i")
    # the glyphs packed into arrays as they are read (PackedGlyphs: ~50 bytes a character instead
    # of ~300 as tuples; every page's glyphs are held until the document is written)
    gchars: list[str] = []
    gboxes = array("d")
    glines = array("i")
    gsizes = array("d")
    line_boxes: list[Box] = []
    bad = 0
    for group in _lines(_fragments(raw)):
        line_idx = len(line_boxes)
        if len(group) == 1:
            line_boxes.append(group[0].bbox)
        else:
            boxes = [f.bbox for f in group]
            line_boxes.append((min([b[0] for b in boxes]), min([b[1] for b in boxes]),
                               max([b[2] for b in boxes]), max([b[3] for b in boxes])))
        if chars and chars[-1] != "\n":
            chars.append("\n")
            char_glyph.append(-1)
        line = _line_chars(group)
        breaks = _word_breaks(line)
        first = len(gchars)
        cs = [ch[0] for ch in line]
        bad += cs.count("\ufffd")
        gchars.extend(cs)
        gboxes.fromlist(list(chain.from_iterable([ch[1] for ch in line])))
        glines.extend([line_idx] * len(line))
        gsizes.extend([ch[2] for ch in line])
        # the line's characters, a synthetic space (no glyph) before each word break
        start = 0
        for k in [k for k, b in enumerate(breaks, 1) if b]:
            chars.extend(cs[start:k])
            char_glyph.extend(range(first + start, first + k))
            chars.append(" ")
            char_glyph.append(-1)
            start = k
        chars.extend(cs[start:])
        char_glyph.extend(range(first + start, first + len(cs)))
    glyphs = PackedGlyphs.from_arrays(gchars, gboxes, glines, gsizes)
    text = "".join(chars)
    visible = len(text) - sum(map(str.isspace, text))
    unreliable = visible > 0 and bad / visible > 0.05
    rect = page.rect
    return PageText(
        number=page.number,
        width=rect.width,
        height=rect.height,
        rotation=page.rotation,
        text=text,
        glyphs=glyphs,  # type: ignore[arg-type]
        char_glyph=char_glyph,  # type: ignore[arg-type]
        line_boxes=line_boxes,
        unreliable=unreliable,
    )


def stream_order_text(page: pymupdf.Page) -> str:
    """The page's text in MuPDF's stream order (its own lines and blocks): checked by
    verification beside the reading-order text, so a value that reads in either order is found."""
    return page.get_text("text", flags=EXTRACT_FLAGS)


def _reading_order_text(raw: dict) -> str:
    """The text of :func:`_page_text` (the same characters, lines and synthetic spaces, built
    by the same steps) without the glyph geometry: for a reader of the text alone."""
    chars: list[str] = []
    for group in _lines(_fragments(raw)):
        if chars and chars[-1] != "\n":
            chars.append("\n")
        line = _line_chars(group)
        cs = [ch[0] for ch in line]
        start = 0
        for k in [k for k, b in enumerate(_word_breaks(line), 1) if b]:
            chars.extend(cs[start:k])
            chars.append(" ")
            start = k
        chars.extend(cs[start:])
    return "".join(chars)


def page_texts(page: pymupdf.Page) -> tuple[str, str]:
    """The text of :func:`extract_page_text` (reading order) and :func:`stream_order_text` of
    ``page`` from one MuPDF text page (verification reads both: the page's content is
    interpreted once, not twice; it searches the text, so no glyph geometry is built)."""
    tp = page.get_textpage(flags=EXTRACT_FLAGS)
    try:
        return (_reading_order_text(page.get_text("rawdict", flags=EXTRACT_FLAGS, textpage=tp)),
                page.get_text("text", flags=EXTRACT_FLAGS, textpage=tp))
    finally:
        del tp


@dataclass(frozen=True)
class Drawn:
    """What a page draws, from one bounding-box pass over its content (``get_bboxlog``): its
    images (XObject and inline images, stencil masks: ``(kind, box)``) and the height of each
    filled or stroked path. Stage *read* (is a page a scan?) and the visual check (unexplained
    ink) both need it; while a document keeps them (:func:`keep_drawn`) it is read once a page."""

    images: list[tuple[str, Box]]
    path_heights: array  # of double (8 bytes a path: a long document's pages are kept until redaction)


_DRAWN = "_masking_drawn"  # on a document: page number -> Drawn, while kept


def drawn(page: pymupdf.Page) -> Drawn:
    """What ``page`` draws (see :class:`Drawn`): kept for the document's pages while it keeps
    them (:func:`keep_drawn`), else read afresh."""
    kept = getattr(page.parent, _DRAWN, None)
    if kept is not None and page.number in kept:
        return kept[page.number]
    images: list[tuple[str, Box]] = []
    heights = array("d")
    for kind, b in page.get_bboxlog():
        if kind in ("fill-image", "fill-imgmask"):
            images.append((kind, tuple(b)))  # type: ignore[arg-type]
        elif kind in ("fill-path", "stroke-path"):
            heights.append(b[3] - b[1])
    out = Drawn(images, heights)
    if kept is not None:
        kept[page.number] = out
    return out


def keep_drawn(doc: pymupdf.Document) -> None:
    """From now on each page's :func:`drawn` is read once and kept, until :func:`forget_drawn`
    (whoever changes a page's content forgets it first)."""
    if getattr(doc, _DRAWN, None) is None:
        setattr(doc, _DRAWN, {})


def forget_drawn(doc: pymupdf.Document, page_number: Optional[int] = None) -> None:
    """Drop what was kept of one page (``page_number``) or of all, and stop keeping (all)."""
    kept = getattr(doc, _DRAWN, None)
    if kept is None:
        return
    if page_number is None:
        setattr(doc, _DRAWN, None)
    else:
        kept.pop(page_number, None)


def image_boxes(page: pymupdf.Page) -> list[Box]:
    """The boxes of the images ``page`` draws (XObject and inline images, stencil masks): the
    boxes ``page.get_image_info()`` gives, from one bounding-box pass over the page's content
    (:func:`drawn`) instead of a text page built with its images (a text page lays out all the
    page's text)."""
    return [b for _, b in drawn(page).images]


def extract_document_text(doc: pymupdf.Document) -> list[PageText]:
    """The text of every page (MuPDF's cache emptied every :data:`STORE_TRIM_PAGES` pages:
    extraction loads each page's images)."""
    out = []
    for page in doc:
        out.append(extract_page_text(page))
        if (page.number + 1) % STORE_TRIM_PAGES == 0:
            pymupdf.TOOLS.store_shrink(100)
    return out
