"""Visual verification (#13 item 2): read what the page *shows* where its text layer cannot be
trusted to say it, and mask or withhold on what is found there (fail closed).

Ink on a page is *explained* when it is drawn by visible glyphs of a font whose Unicode mapping
can be trusted: then the text layer says what the eye reads, and detection, redaction and the
text-layer checks of stage *verify* cover it. Every other region of ink is not explained:

* **images**: XObjects, inline images, images inside Form XObjects (a stamp baked into the page),
  a page-size background image under a text layer;
* **vector paths of text size**: glyph-like filled or stroked paths (curves, or many segments) —
  text converted to outlines; lone lines and rectangles (rules, boxes, the masking boxes
  themselves) are not glyph-like;
* **glyphs without a trustworthy mapping**: Type3 fonts (their glyph procedures draw anything,
  text included), characters extracted as U+FFFD or a private-use code point, and glyphs whose
  extracted character the font program itself maps to a *different* glyph (a wrong
  ``/ToUnicode``: the glyph drawn is ``8``, the text layer says ``3``). The last test compares
  each character's glyph id with the glyph the font's own character map gives for the
  extracted character (:meth:`pymupdf.Font.has_glyph`); a font without such a map is not
  doubted (nothing to compare with).

All of this is decided from the page's objects (``get_image_info``, ``get_drawings``,
``get_texttrace``, ``get_fonts``) without rendering, so a page whose ink is all explained costs
a few milliseconds and is never rendered or OCR'd. Each unexplained region is rendered alone (its
clip, grey, :data:`DPI`) and OCR'd with the project's engine; words lying on trusted visible
glyphs are dropped (the text layer covers them); the rest become a page text that goes through
the same stages *detect* and *decide* as the document.

Two passes use this:

* :func:`mask_regions` (before stage *redact*, on the input): every value found in a region is
  masked like a box an official drew (pixels destroyed by ``apply_redactions(images=PIXELS)``,
  glyphs and touched line art removed — the redaction path of scanned pages);
* :func:`verify_regions` (in stage *verify*, on the output): the regions of the output are read
  again; a detection there, or a region that cannot be read (OCR off or not installed), is a
  finding (check :data:`CHECK`), and the output is withheld (exit 20).

Pages read by OCR in stage *read* are skipped: their pixels are what was analysed.
"""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass, field
from typing import Optional, Sequence

import pymupdf

from ..errors import OcrError, OcrUnavailableError
from ..model import Box, Detection, ManualBox, MaskedArea, PageText
from ..pdf import drawn
from ..verify import Finding, open_output

log = logging.getLogger(__name__)

CHECK = "visual"
RECOGNIZER = "visual_ocr"  # the masked areas' recognizer in the report
# masking rounds before the output is withheld: round 1 masks what was read before redaction;
# a value the check after redaction still reads is masked (pixels) and the output checked again
MAX_ROUNDS = 3
# why a page with images (or outlines, untrusted fonts) is withheld when OCR is off
UNREAD = ("the page has images, outlines or fonts whose text cannot be trusted, and OCR is off or not "
          "installed (MASKING_OCR_ENGINE=none), so what they show cannot be checked for personal data; "
          "switch OCR on (tesseract) to release it")
DPI = 300
ENABLED = True  # switched off only by the bench, to measure what the check costs

_MIN_IMAGE_PT = 4.0  # an image lower or narrower than this holds no readable text
_GLYPH_MAX_H = 72.0  # paths taller than an inch are drawings, not glyphs
_GLYPH_MIN_H = 2.0
_GLYPH_MIN_SEGMENTS = 5
_PAD = 3.0  # points around a region (the render's white margin)
_EXPLAINED = 0.5  # a word this much covered by trusted visible glyphs is in the text layer
_MIN_CONFIDENCE = 30.0
_PUA = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_BASE14 = {
    "helvetica", "helvetica-bold", "helvetica-oblique", "helvetica-boldoblique",
    "times-roman", "times-bold", "times-italic", "times-bolditalic",
    "courier", "courier-bold", "courier-oblique", "courier-boldoblique", "symbol", "zapfdingbats",
}


@dataclass
class Region:
    """An area of a page whose ink is not explained by trusted text (page coordinates)."""

    page: int
    rect: pymupdf.Rect
    kind: str  # image | paths | glyphs


@dataclass
class PageInk:
    """What a page draws that the text layer does not explain, and the trusted visible glyphs."""

    regions: list[Region] = field(default_factory=list)
    trusted: list[Box] = field(default_factory=list)


@dataclass
class VisualCheck:
    """What the visual passes need from the run: the analyzer, the policy's rules (stage
    *decide*) and the OCR settings."""

    analyzer: object
    decider: object
    ocr: object


# -- fonts ---------------------------------------------------------------------------------------
class _Fonts:
    """The fonts of one document, loaded once: which can be checked, and each (font, char,
    glyph) verdict cached."""

    def __init__(self, doc: pymupdf.Document) -> None:
        self.doc = doc
        self._font: dict[int, Optional[pymupdf.Font]] = {}
        self._ok: dict[tuple[int, int, int], Optional[bool]] = {}
        # span font -> the (char, glyph) pairs judged trusted, and those judged suspect
        self.verdicts: dict[str, tuple[set[tuple[int, int]], set[tuple[int, int]]]] = {}

    def program(self, xref: int, ext: str, basefont: str) -> Optional[pymupdf.Font]:
        if xref in self._font:
            return self._font[xref]
        font = None
        try:
            if ext and ext != "n/a":
                buf = self.doc.extract_font(xref)[3]
                if buf:
                    font = pymupdf.Font(fontbuffer=buf)
            elif basefont.split("+")[-1].lower() in _BASE14:
                font = pymupdf.Font(basefont.split("+")[-1])
        except Exception:
            font = None
        self._font[xref] = font
        return font

    def agrees(self, xref: int, font: pymupdf.Font, u: int, gid: int) -> Optional[bool]:
        """Whether the font maps character ``u`` to glyph ``gid`` (None: it maps ``u`` to none)."""
        key = (xref, u, gid)
        if key not in self._ok:
            try:
                g = font.has_glyph(u)
            except Exception:
                g = 0
            self._ok[key] = None if not g else g == gid
        return self._ok[key]


def _suspect_char(u: int) -> bool:
    return u == 0xFFFD or 0xE000 <= u <= 0xF8FF or u >= 0xF0000  # private use: _PUA


@functools.lru_cache(maxsize=4096)
def _norm(name: str) -> str:
    return "".join(c for c in name.split("+")[-1].lower() if c.isalnum())


def _glyph_regions(page: pymupdf.Page, fonts: _Fonts, bound: pymupdf.Rect, ink: PageInk) -> None:
    page_fonts = []
    type3_names: set[str] = set()
    for xref, ext, ftype, basefont, name, _enc, *_ in page.get_fonts(full=True):
        if ftype == "Type3":
            type3_names.update({_norm(basefont), _norm(name), _norm(f"Type3 ({xref} 0 R)")})
            continue
        page_fonts.append((xref, ext, basefont))
    verdicts = fonts.verdicts
    for span in page.get_texttrace():
        chars = span.get("chars") or ()
        if not chars or span.get("type") == 3 or span.get("opacity", 1.0) == 0:
            continue  # invisible text draws no ink (an image under it is checked as an image)
        fname = _norm(span.get("font", ""))
        suspect = fname in type3_names or (fname.startswith("type3") and bool(type3_names))
        if not suspect:
            # the span's (character, glyph) pairs not judged yet in this font (most spans: none,
            # found by set difference, not character by character); spaces and glyphless
            # characters are not judged
            good, bad_pairs = verdicts.setdefault(fname, (set(), set()))
            pairs = {(c[0], c[1]) for c in chars if c[1] >= 0 and c[0] != 32}
            unjudged = pairs - good
            if unjudged & bad_pairs:
                suspect = True
            else:
                for pair in unjudged:
                    u = pair[0]
                    if _suspect_char(u):
                        bad = True
                    elif page_fonts:
                        bad = not _explained_by_a_font((pair,), fname, page_fonts, fonts)
                    else:
                        bad = bool(type3_names)  # only Type3 fonts on the page
                    (bad_pairs if bad else good).add(pair)
                    if bad:
                        suspect = True
                        break
        if suspect:
            r = pymupdf.Rect(span["bbox"]) & bound
            if not r.is_empty:
                ink.regions.append(Region(page.number, r, "glyphs"))
        else:
            ink.trusted.append(tuple(span["bbox"]))  # type: ignore[arg-type]


def _explained_by_a_font(checkable, fname: str, page_fonts, fonts: _Fonts) -> bool:
    """Whether the span's font (found by name, else any font of the page) maps every checkable
    character of the span to the glyph drawn, or cannot tell (no character map: nothing to
    compare, as in the subset fonts of most producers)."""
    named = [f for f in page_fonts if _norm(f[2]) == fname]
    any_verdict = False
    for xref, ext, basefont in named or page_fonts:
        font = fonts.program(xref, ext, basefont)
        if font is None:
            continue
        verdicts = [fonts.agrees(xref, font, u, gid) for u, gid in checkable]
        known = [v for v in verdicts if v is not None]
        if not known:
            continue
        any_verdict = True
        if all(known):
            return True
    return not any_verdict


# -- paths -----------------------------------------------------------------------------------------
def _glyph_like(d: dict) -> bool:
    r = d.get("rect")
    if r is None:
        return False
    r = pymupdf.Rect(r)
    if not (_GLYPH_MIN_H <= r.height <= _GLYPH_MAX_H) or r.width <= 0:
        return False
    kinds = [it[0] for it in d.get("items", ())]
    if not kinds or all(k in ("re", "qu") for k in kinds):
        return False
    return "c" in kinds or sum(1 for k in kinds if k == "l") >= _GLYPH_MIN_SEGMENTS


def _path_regions(page: pymupdf.Page, bound: pymupdf.Rect, ink: PageInk) -> None:
    rects = [pymupdf.Rect(d["rect"]) for d in page.get_drawings() if _glyph_like(d)]
    for cluster in _clusters(rects):
        r = pymupdf.Rect(cluster[0])
        for c in cluster[1:]:
            r |= c
        if len(cluster) >= 3 or r.width >= 2 * r.height:
            r &= bound
            if not r.is_empty:
                ink.regions.append(Region(page.number, r, "paths"))


def _clusters(rects: list[pymupdf.Rect]) -> list[list[pymupdf.Rect]]:
    """Rects grouped into words and lines: neighbours within a glyph height of each other."""
    groups: list[tuple[pymupdf.Rect, list[pymupdf.Rect]]] = []
    for r in sorted(rects, key=lambda r: (r.y0, r.x0)):
        h = max(r.height, 1.0)
        grown = pymupdf.Rect(r.x0 - h, r.y0 - 0.3 * h, r.x1 + h, r.y1 + 0.3 * h)
        hit = [i for i, (g, _) in enumerate(groups) if g.intersects(grown)]
        if not hit:
            groups.append((grown, [r]))
            continue
        box, members = groups[hit[0]]
        box = box | grown
        members = members + [r]
        for i in reversed(hit[1:]):
            box = box | groups[i][0]
            members = members + groups[i][1]
            del groups[i]
        groups[hit[0]] = (box, members)
    return [m for _, m in groups]


# -- the page --------------------------------------------------------------------------------------
def unexplained_ink(page: pymupdf.Page, fonts: Optional[_Fonts] = None) -> PageInk:
    """The regions of ``page`` whose ink is not explained by trusted visible text, and the
    trusted glyphs' boxes (no rendering)."""
    fonts = fonts or _Fonts(page.parent)
    bound = page.rect * page.derotation_matrix  # the page in unrotated coordinates
    ink = PageInk()
    seen = drawn(page)  # one cheap pass over what the page draws (shared with stage read)
    for _, bbox in seen.images:  # XObject and inline images, stencil masks
        r = pymupdf.Rect(bbox) & bound
        if not r.is_empty and r.height >= _MIN_IMAGE_PT and r.width >= _MIN_IMAGE_PT:
            ink.regions.append(Region(page.number, r, "image"))
    paths = sum(1 for h in seen.path_heights if _GLYPH_MIN_H <= h <= _GLYPH_MAX_H)
    if paths >= 1:  # only then the paths themselves: are they glyph-like?
        _path_regions(page, bound, ink)
    _glyph_regions(page, fonts, bound, ink)
    ink.regions = _merge(ink.regions, bound)
    return ink


def _merge(regions: list[Region], bound: pymupdf.Rect) -> list[Region]:
    """Overlapping regions (padded) as one, so a value is read whole."""
    out: list[Region] = []
    for reg in regions:
        r = (pymupdf.Rect(reg.rect) + (-_PAD, -_PAD, _PAD, _PAD)) & bound
        kinds = {reg.kind}
        changed = True
        while changed:
            changed = False
            for o in list(out):
                if o.rect.intersects(r):
                    r |= o.rect
                    kinds.add(o.kind)
                    out.remove(o)
                    changed = True
        out.append(Region(reg.page, r, "+".join(sorted(kinds))))
    return out


# -- reading a region --------------------------------------------------------------------------------
def _covered(box: Box, trusted: Sequence[Box]) -> float:
    x0, y0, x1, y1 = box
    area = max(1e-6, (x1 - x0) * (y1 - y0))
    s = 0.0
    for b in trusted:
        w = min(x1, b[2]) - max(x0, b[0])
        h = min(y1, b[3]) - max(y0, b[1])
        if w > 0 and h > 0:
            s += w * h
    return s / area


def read_region(page: pymupdf.Page, region: Region, trusted: Sequence[Box], engine, number: int) -> PageText:
    """The region rendered alone (grey, :data:`DPI`) and OCR'd; words on trusted visible glyphs
    dropped. Returns a page text in page coordinates numbered ``number``."""
    from ..ocr.pages import _to_page_box, page_text_from_words

    zoom = DPI / 72.0
    d = page.derotation_matrix  # rendered upright as the content is drawn (a /Rotate undone)
    matrix = pymupdf.Matrix(d.a, d.b, d.c, d.d, 0, 0) * pymupdf.Matrix(zoom, zoom)
    clip = region.rect * page.rotation_matrix  # the render's clip is in rotated coordinates
    pix = page.get_pixmap(matrix=matrix, clip=clip, colorspace=pymupdf.csGRAY, alpha=False)
    to_page = pymupdf.Matrix(1, 0, 0, 1, pix.x, pix.y) * ~matrix * page.derotation_matrix
    try:
        words = engine.recognize(pix, DPI)
    except (OcrError, OcrUnavailableError):
        raise
    except Exception as exc:  # an engine bug must not pass as "nothing in this region"
        raise OcrError(f"page {page.number + 1}: OCR of a region failed ({type(exc).__name__})") from None
    finally:
        del pix
    m = tuple(to_page)
    kept = [w for w in words if w.confidence >= _MIN_CONFIDENCE
            and _covered(_to_page_box(*w.box, m), trusted) < _EXPLAINED]
    text, glyphs, char_glyph, line_boxes, _ = page_text_from_words(kept, page, to_page, px_per_pt=zoom)
    rect = page.rect
    return PageText(number=number, width=rect.width, height=rect.height, rotation=page.rotation, text=text,
                    glyphs=list(glyphs), char_glyph=list(char_glyph), line_boxes=line_boxes)


@dataclass
class _Read:
    regions: list[Region]
    texts: list[PageText]
    detections: list[Detection]
    unread: int = 0  # regions that could not be read (OCR off or not installed)


def _read_document(doc: pymupdf.Document, pages: Sequence[PageText], check: VisualCheck,
                   stats: dict) -> _Read:
    from ..ocr import get_engine
    from ..ocr.pages import OcrPageText
    from .detect import detect_page

    fonts = _Fonts(doc)
    regions: list[Region] = []
    trusted: dict[int, list[Box]] = {}
    t = time.perf_counter()
    for page in doc:
        pno = page.number
        if pno < len(pages) and isinstance(pages[pno], OcrPageText):
            continue  # read by OCR already: its pixels are what was analysed
        ink = unexplained_ink(page, fonts)
        stats["pages_looked_at"] = stats.get("pages_looked_at", 0) + 1
        if ink.regions:
            regions.extend(ink.regions)
            trusted[pno] = ink.trusted
    stats["find_s"] = stats.get("find_s", 0.0) + time.perf_counter() - t
    out = _Read(regions, [], [])
    if not regions:
        return out
    try:
        engine = get_engine(check.ocr.engine) if check.ocr.enabled else None
    except OcrUnavailableError:
        engine = None
    if engine is None:
        out.unread = len(regions)
        return out
    t = time.perf_counter()
    for i, reg in enumerate(regions):
        out.texts.append(read_region(doc[reg.page], reg, trusted.get(reg.page, []), engine, i))
    stats["ocr_s"] = stats.get("ocr_s", 0.0) + time.perf_counter() - t
    found = [detect_page(check.analyzer, pt, check.decider) for pt in out.texts]  # type: ignore[arg-type]
    out.detections = check.decider.decide(out.texts, found)  # type: ignore[attr-defined]
    stats["regions"] = stats.get("regions", 0) + len(regions)
    stats["kinds"] = sorted(set(stats.get("kinds", [])) | {r.kind for r in regions})
    return out


@dataclass
class Seen:
    """What :func:`mask_regions` found before redaction: boxes over the values read in
    unexplained regions (masked like boxes an official drew), the text occurrences of those
    values elsewhere in the document (decide per value), and the values as read (entity type,
    surface) for stage *verify* to search the output's text layer and objects for."""

    boxes: list[ManualBox] = field(default_factory=list)
    detections: list[Detection] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)


def _link(pages: Sequence[PageText], read: _Read, detections: Sequence[Detection], decider
          ) -> tuple[list[Detection], list[tuple[int, Detection]]]:
    """Decide per value across the document's text and the regions' OCR text (gap 3 of #13):
    a value read in a region is masked at each of its occurrences in the text, and a value
    masked in the text at each of its occurrences in a region's OCR words (names also by their
    parts, as stage *decide* propagates). Returns the new text detections and, for every value
    in a region, (region index, detection in that region's page text)."""
    import dataclasses

    from ..textmatch import SqueezedText, normalise_value

    n = len(pages)
    regions = [dataclasses.replace(t, number=n + i) for i, t in enumerate(read.texts)]
    combined: list[PageText] = list(pages) + regions
    own = []
    for d in read.detections:
        c = dataclasses.replace(d, page=n + d.page, boxes=[])
        c.value_key = d.value_key or normalise_value(read.texts[d.page].text[d.start:d.end])
        own.append(c)
    from_text = []
    for d in detections:
        if 0 <= d.page < n:
            c = dataclasses.replace(d, boxes=[])  # copies: propagation may change a copy's flags
            c.value_key = d.value_key or normalise_value(pages[d.page].text[d.start:d.end])
            from_text.append(c)
    # the text pages need searching only for values first read in a region
    empty = SqueezedText.of("")
    squeezed = [SqueezedText.of(p.text) if own else empty for p in pages] + [SqueezedText.of(r.text) for r in regions]
    out = decider.propagate(combined, squeezed, from_text + own)
    known = {id(d) for d in from_text}
    new_text = [d for d in out if d.page < n and id(d) not in known]
    in_regions = [(d.page - n, dataclasses.replace(d, page=d.page - n)) for d in out if d.page >= n]
    return new_text, in_regions


def mask_regions(doc: pymupdf.Document, pages: Sequence[PageText], check: VisualCheck,
                 stats: Optional[dict] = None, detections: Sequence[Detection] = ()) -> Seen:
    """Before redaction: boxes over every value found in an unexplained region of ``doc``
    (masked as boxes drawn by an official are: pixels, glyphs and touched line art), over the
    values of ``detections`` (masked in the text) where a region shows them, and the text
    occurrences of the values first read in a region. Regions that cannot be read are left to
    :func:`verify_regions`, which withholds."""
    seen = Seen()
    if not ENABLED:
        return seen
    from ..redact import boxes_for_detection

    stats = stats if stats is not None else {}
    read = _read_document(doc, pages, check, stats)
    if not read.texts:
        return seen
    seen.detections, in_regions = _link(pages, read, detections, check.decider)
    for i, det in in_regions:
        region = read.regions[i]
        seen.values.append((det.entity_type, read.texts[i].text[det.start:det.end]))
        for b in boxes_for_detection(read.texts[i], det):
            seen.boxes.append(ManualBox(page=region.page, box=b, entity_type=det.entity_type))
    stats["masked"] = stats.get("masked", 0) + len(seen.boxes)
    stats["linked_text"] = stats.get("linked_text", 0) + len(seen.detections)
    return seen


def mark_areas(areas: Sequence[MaskedArea], boxes: Sequence[ManualBox]) -> None:
    """Name the masked areas that came from :func:`mask_regions` in the report (they were
    masked like drawn boxes; no official drew them)."""
    ours = {(b.page, tuple(round(v, 2) for v in b.box)) for b in boxes}
    for a in areas:
        if a.recognizer == "manual" and a.decided_by is None and (a.page, tuple(round(v, 2) for v in a.box)) in ours:
            a.recognizer = RECOGNIZER


@dataclass
class RegionVerdict:
    """What :func:`check_regions` found in the output: findings, and for those that another
    masking round can remove, the boxes over the values read (``repairable`` is False when a
    region could not be read at all)."""

    findings: list[Finding] = field(default_factory=list)
    boxes: list[ManualBox] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)
    repairable: bool = True


def check_regions(output, pages: Sequence[PageText], check: VisualCheck, values: Sequence = (),
                  stats: Optional[dict] = None) -> RegionVerdict:
    """After redaction: the unexplained regions of ``output`` (bytes, a file, or the output as
    stage verify opened it, left open) read again; a personal-data detection in one, an
    occurrence of a masked value (``values``: :class:`masking.verify.MaskedValue`) in its
    words, or a region that cannot be read, is a finding. Each value read gets its boxes (for a
    next masking round)."""
    verdict = RegionVerdict()
    if not ENABLED:
        return verdict
    from ..redact import boxes_for_detection
    from ..textmatch import SqueezedText

    stats = stats if stats is not None else {}
    own = not isinstance(output, pymupdf.Document)
    doc = open_output(output) if own else output
    try:
        read = _read_document(doc, pages, check, stats)
    finally:
        if own:
            doc.close()
    if read.unread:
        verdict.repairable = False
        pages_unread = sorted({r.page + 1 for r in read.regions})
        verdict.findings.extend(Finding(CHECK, "document", p, UNREAD) for p in pages_unread)
        return verdict
    hits: list[tuple[int, Detection]] = [(d.page, d) for d in read.detections]
    wanted = _with_name_parts(values) if read.texts else []
    for i, text in enumerate(read.texts):  # values masked elsewhere, read in a region's words
        if not text.text.strip():
            continue
        sq = SqueezedText.of(text.text)
        for v in wanted:
            for s_, e_ in v.occurrences(sq):
                hits.append((i, Detection(v.entity_type, i, s_, e_, 1.0, "verification", explanation="a masked value")))
    seen = set()
    for i, det in hits:
        region = read.regions[i]
        verdict.values.append((det.entity_type, read.texts[i].text[det.start:det.end]))
        for b in boxes_for_detection(read.texts[i], det):
            verdict.boxes.append(ManualBox(page=region.page, box=b, entity_type=det.entity_type))
        key = (region.page, det.entity_type)
        if key in seen:
            continue
        seen.add(key)
        verdict.findings.append(Finding(CHECK, det.entity_type, region.page + 1,
                                        f"personal data readable in the rendered page ({region.kind})"))
    if verdict.findings and not verdict.boxes:
        verdict.repairable = False
    return verdict


def _with_name_parts(values: Sequence) -> list:
    """``values`` and the parts of each masked name that stage *decide* masks wherever they
    occur (:func:`masking.stages.decide._propagatable_part`; a part that is a common word only
    where capitalised), so a region's words are searched as the text was masked."""
    from ..verify import masked_values_from
    from .decide import _propagatable_part

    parts = []
    for v in values:
        if v.is_name:
            for form in v.surface_forms:
                for part in form.split():
                    part = part.strip(",.;:()\"'’")
                    if _propagatable_part(part):
                        parts.append((v.entity_type, part))
    return list(values) + masked_values_from(parts)


def verify_regions(output, pages: Sequence[PageText], check: VisualCheck,
                   stats: Optional[dict] = None, values: Sequence = ()) -> list[Finding]:
    """The findings of :func:`check_regions`."""
    return check_regions(output, pages, check, values, stats).findings
