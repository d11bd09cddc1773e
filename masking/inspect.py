"""Inspect any finished PDF (also one masked in another tool) for bad redactions.

What the page *shows* is compared with what its text layer *says*: each page is rendered once
(anti-aliasing off, as Free Law Project's x-ray does) and every character of the text layer is
looked up in the rendered pixels. A character whose area renders as one flat colour cannot be
seen, yet it can be copied out: that is a bad redaction, named by what hides it:

* ``text_under_box``: a filled box drawn over the text, or dark text on a box of its own colour
  (the x-ray case: a black rectangle "redacting" black text); text of another colour that is
  hard to see on a background filling a quarter of the page or more is ``invisible_text``;
* ``cross_hatched_box``: text under a filled box that carries a hatch pattern (the pixels are
  only the colours of the box and its hatching);
* ``text_under_image``: an image laid over text (also when the image shows something else; the
  page is rendered once more without its images to tell, so an image clipped away from the text
  hides nothing);
* ``text_under_graphics``: thick lines or other vector paths drawn over text;
* ``annotation_over_text``: an annotation hiding text (a black highlight, a filled square);
* ``invisible_text``: text in render mode 3 or fully transparent that is not the OCR layer of a
  scan, text in the background colour (white on white), text smaller than 1 pt, text outside
  the visible page. Invisible text over an image that shows something where the text lies is
  the searchable layer of a scan and is not reported;
* ``hidden_layer``: optional content (layers) that a default viewer hides but that is in the
  file (shown when switched on);
* ``piece_info``: private application data (``/PieceInfo``) left in the file;
* ``unapplied_redaction``: redaction annotations that were marked but never applied;
* ``personal_data``: personal data found by the analyzer in the page text (structured
  identifiers and names above the policy's threshold), in link URIs, metadata (not the producer
  or creator tool), XMP, outline, page labels, annotations, form fields and attachments;
* ``incremental_update``: more than one revision (an older, unredacted one may be recoverable).

Hidden runs that are only white space, punctuation, one repeated character ("XXXX"), dates or
words that say a redaction is there ("redacted", "maskerat") are not reported (as in x-ray).
Findings name the check, page, counts and entity types, never the text.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pymupdf

from .model import box_area, box_intersection
from .pdf import open_pdf, read_input, show_all_optional_content

ZOOM = 2.0  # 144 dpi: a 10 pt glyph is about 20 px high
COVERED = 0.8  # share of a glyph box that a box must cover to hide it (x-ray's threshold)
_SHRINK = 0.15  # glyph boxes are shrunk by this share per side before their pixels are read
_FLAT_TOL = 48  # a pixel differs from the area's colour when a channel differs by more
_FLAT_SHARE = 0.02  # an area is flat when fewer than this share of its pixels differ
_EXPLAINED_SHARE = 0.97  # hatched box: this share of pixels must have the box's own colours
_IMAGE_CHANGES = 0.05  # an image hides a glyph when it changes this share of the glyph's pixels
_BACKGROUND = 0.25  # a filled box this share of the page or larger is a background, not a redaction
_SAME_COLOUR = 16  # text and box colours closer than this (each channel, 0-255) are one colour


def _same_colour(text_rgb, colors) -> bool:
    if text_rgb is None or not colors:
        return True
    return any(max(abs(a - b) for a, b in zip(text_rgb, c)) <= _SAME_COLOUR for c in colors)


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

    def checks(self) -> set[str]:
        return {f.check for f in self.findings}

    def to_dict(self) -> dict:
        return {"clean": self.clean, "pages": self.pages, "findings": [f.to_dict() for f in self.findings]}


# -- text filters (what a hidden run must hold to be reported) ---------------------------------

_OK_WORDS = re.compile(
    r"confidential|name +redacted|privileged?|redacted +and +publicly +filed|redacted|redact|"
    r"maskerad|maskerat|maskerade|maskering|sekretess|hemlig|hemligt|osl|offentlighets- och sekretesslagen",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:[0-3]?\d[/\-.][0-3]?\d[/\-.]\d{2,4}|(?:19|20)\d{2}-[01]\d-[0-3]\d)\b"
)


def reportable(text: str) -> bool:
    """Whether hidden ``text`` can carry information: not only space, punctuation, one repeated
    character, dates, numbers of one or two digits, or words that mark a redaction."""
    t = " ".join(text.split())
    t = _DATE.sub(" ", t)
    t = _OK_WORDS.sub(" ", t)
    core = "".join(c for c in t if c.isalnum())
    if not core:
        return False
    if len(core) < 2 or len(set(core.lower())) == 1:
        return False  # single characters are OCR noise; "XXXX" marks a redaction
    if core.isdigit() and len(core) <= 2:
        return False
    return True


# -- page geometry ---------------------------------------------------------------------------

def _covered(inner: tuple, outer: tuple) -> float:
    a = box_area(inner)
    if a <= 0:
        return 0.0
    return box_intersection(inner, outer) / a


def _rgb255(color) -> Optional[tuple[int, int, int]]:
    if color is None:
        return None
    c = tuple(color)
    if len(c) == 1:
        c = (c[0],) * 3
    elif len(c) == 4:  # CMYK, roughly
        k = c[3]
        c = tuple((1 - min(1.0, x + k)) for x in c[:3])
    elif len(c) != 3:
        return None
    return tuple(int(round(255 * max(0.0, min(1.0, x)))) for x in c)  # type: ignore[return-value]


@dataclass
class _Paint:
    """Something drawn on the page: its sequence number, box, kind and colours."""

    seqno: int
    box: tuple
    kind: str  # box, graphics, image, shade, text
    colors: tuple = ()
    masked_image: bool = False


def _paints(page: pymupdf.Page) -> list[_Paint]:
    out: list[_Paint] = []
    try:
        drawings = page.get_drawings()
    except Exception:
        drawings = []
    for d in drawings:
        seq = d.get("seqno", 0)
        fill = d.get("fill")
        fill_op = d.get("fill_opacity")
        stroke = d.get("color")
        colors = tuple(c for c in (_rgb255(fill), _rgb255(stroke)) if c is not None)
        if fill is not None and (fill_op is None or fill_op >= 0.99):
            rects = []
            for item in d.get("items", ()):
                if item[0] == "re":
                    rects.append(tuple(item[1]))
                elif item[0] == "qu":
                    rects.append(tuple(item[1].rect))
            if not rects:  # a closed path of lines or curves: its bounding box
                rects = [tuple(d["rect"])]
            for r in rects:
                r = (min(r[0], r[2]), min(r[1], r[3]), max(r[0], r[2]), max(r[1], r[3]))
                if r[2] - r[0] >= 4 and r[3] - r[1] >= 4:
                    out.append(_Paint(seq, r, "box", colors))
        elif stroke is not None and (d.get("stroke_opacity") or 1.0) >= 0.99:
            w = d.get("width") or 0.0
            if w >= 2.0:  # thick lines: hairlines and table rules hide nothing
                r = tuple(d["rect"])
                out.append(_Paint(seq, (r[0] - w / 2, r[1] - w / 2, r[2] + w / 2, r[3] + w / 2), "graphics", colors))
            else:
                out.append(_Paint(seq, tuple(d["rect"]), "stroke", colors))
    try:
        log = page.get_bboxlog()
    except Exception:
        log = []
    masks = set()
    try:
        for info in page.get_image_info():
            if info.get("has-mask"):
                masks.add(tuple(round(x, 1) for x in info["bbox"]))
    except Exception:
        pass
    for seq, (kind, bbox) in enumerate(log):
        if kind in ("fill-image", "fill-imgmask"):
            b = tuple(bbox)
            out.append(_Paint(seq, b, "image", masked_image=kind == "fill-imgmask" or tuple(round(x, 1) for x in b) in masks))
        elif kind == "fill-shade":
            out.append(_Paint(seq, tuple(bbox), "shade"))
    return out


class _Render:
    """The page rendered once; answers questions about the pixels inside page-space boxes."""

    def __init__(self, page: pymupdf.Page, zoom: float = ZOOM, with_annots: bool = False) -> None:
        import numpy as np

        self.np = np
        prev = pymupdf.TOOLS.show_aa_level()
        pymupdf.TOOLS.set_aa_level(0)
        try:
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csRGB, alpha=False, annots=True)
            bare = None
            if with_annots:  # the page without its annotations, to tell what they hide
                bare = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csRGB, alpha=False, annots=False)
        finally:
            pymupdf.TOOLS.set_aa_level(int(prev.get("graphics", 8)))
        self.arr = self._array(pix)
        self.bare = self._array(bare) if bare is not None else self.arr
        self.page, self.zoom = page, zoom
        self._no_images = None  # the page rendered without its images, when first asked
        # page space (as text and drawings report it) -> pixel space (rotation included)
        self.matrix = page.rotation_matrix * pymupdf.Matrix(zoom, zoom)
        self.origin = pymupdf.Point(pix.x, pix.y)

    def _array(self, pix: pymupdf.Pixmap):
        return self.np.frombuffer(pix.samples, dtype=self.np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3]

    def image_hides(self, box: tuple) -> bool:
        """Whether the page's images change what ``box`` shows: the page is rendered once more
        with its images made empty, and the two renders compared. An image whose bounding box
        covers text but whose clip path cuts that part away (a banner above a heading) hides
        nothing; an image drawn over the text does."""
        np = self.np
        if self._no_images is None:
            self._no_images = self._render_without_images()
        if self._no_images is False:
            return True  # cannot tell: as before, the image is taken to hide the text
        shown, without = self.pixels(box), self._pixels_of(self._no_images, box)
        if shown is None or without is None or shown.shape != without.shape or len(shown) == 0:
            return True
        differs = np.abs(shown.astype(np.int16) - without.astype(np.int16)).max(axis=1) > _FLAT_TOL
        return bool(differs.mean() >= _IMAGE_CHANGES)

    def _render_without_images(self):
        tmp = pymupdf.open()
        try:
            doc = self.page.parent
            tmp.insert_pdf(doc, from_page=self.page.number, to_page=self.page.number, links=False, annots=False)
            page = tmp[0]
            for img in page.get_images(full=True):
                page.delete_image(img[0])
            prev = pymupdf.TOOLS.show_aa_level()
            pymupdf.TOOLS.set_aa_level(0)
            try:
                pix = page.get_pixmap(matrix=pymupdf.Matrix(self.zoom, self.zoom), colorspace=pymupdf.csRGB,
                                      alpha=False, annots=False)
            finally:
                pymupdf.TOOLS.set_aa_level(int(prev.get("graphics", 8)))
            if (pix.x, pix.y) != (self.origin.x, self.origin.y):
                return False
            return self._array(pix)
        except Exception:
            return False
        finally:
            tmp.close()

    def annotation_hides(self, box: tuple) -> bool:
        """Whether annotations hide the ink that the page itself shows inside ``box``: the area
        becomes one colour (a black highlight), or most ink turns into the background (an opaque
        box, even with other words drawn on it)."""
        np = self.np
        shown, bare = self.pixels(box), self.pixels(box, bare=True)
        if shown is None or bare is None or len(bare) == 0:
            return False
        b = bare.astype(np.int16)
        bg = np.median(b, axis=0).astype(np.int16)
        ink = np.abs(b - bg).max(axis=1) > _FLAT_TOL
        if not ink.any():
            return False  # nothing to hide (or hidden by the page itself: checked elsewhere)
        if self.flat(shown):
            return True
        erased = np.abs(shown.astype(np.int16)[ink] - bg).max(axis=1) <= _FLAT_TOL
        return bool(erased.mean() >= 0.5)

    def pixels(self, box: tuple, shrink: float = _SHRINK, bare: bool = False):
        return self._pixels_of(self.bare if bare else self.arr, box, shrink)

    def _pixels_of(self, arr, box: tuple, shrink: float = _SHRINK):
        r = pymupdf.Rect(box)
        dx, dy = r.width * shrink, r.height * shrink
        r = pymupdf.Rect(r.x0 + dx, r.y0 + dy, r.x1 - dx, r.y1 - dy) * self.matrix
        h, w = arr.shape[:2]
        x0, x1 = max(0, int(r.x0 - self.origin.x)), min(w, int(round(r.x1 - self.origin.x)))
        y0, y1 = max(0, int(r.y0 - self.origin.y)), min(h, int(round(r.y1 - self.origin.y)))
        if x1 <= x0 or y1 <= y0:
            return None
        return arr[y0:y1, x0:x1].reshape(-1, 3)

    def flat(self, px) -> bool:
        """Whether the pixels are one colour (allowing scan noise)."""
        np = self.np
        med = np.median(px, axis=0)
        off = (np.abs(px.astype(np.int16) - med.astype(np.int16)).max(axis=1) > _FLAT_TOL).mean()
        return bool(off < _FLAT_SHARE)

    def dark(self, px) -> bool:
        return bool(self.np.median(px, axis=0).mean() < 96)

    def explained(self, px, colors: set) -> bool:
        """Whether (nearly) every pixel has one of ``colors``."""
        if not colors:
            return False
        np = self.np
        pal = np.array(sorted(colors), dtype=np.int16)
        d = np.abs(px.astype(np.int16)[:, None, :] - pal[None, :, :]).max(axis=2).min(axis=1)
        return bool((d <= _FLAT_TOL).mean() >= _EXPLAINED_SHARE)


def _hidden_chars(page: pymupdf.Page) -> dict[str, list[str]]:
    """Runs of characters a reader cannot see, by the check that names what hides them."""
    try:
        trace = page.get_texttrace()
    except Exception:
        return {}
    if not trace:
        return {}
    paints = _paints(page)
    images = [p for p in paints if p.kind == "image"]
    annots = []
    for a in page.annots() or []:
        if a.type[0] in (pymupdf.PDF_ANNOT_LINK, pymupdf.PDF_ANNOT_POPUP, pymupdf.PDF_ANNOT_WIDGET, pymupdf.PDF_ANNOT_REDACT):
            continue
        annots.append(tuple(a.rect))
    visible_area = tuple(page.rect)
    if page.rotation:  # texttrace boxes are unrotated: compare with the unrotated page
        visible_area = tuple(page.rect * ~page.rotation_matrix)
    render = _Render(page, with_annots=bool(annots))
    hidden: list[tuple[str, str, tuple]] = []
    for span in trace:
        seq = span.get("seqno", 0)
        invisible = span.get("type") == 3 or span.get("opacity", 1.0) == 0
        tiny = 0 < span.get("size", 0) < 1
        text_rgb = _rgb255(span.get("color"))
        for c in span.get("chars", ()):
            ch = chr(c[0])
            if not ch.strip():
                continue
            check = _why_hidden(c[3], seq, invisible, tiny, text_rgb, paints, images, annots, visible_area, render)
            if check is not None:
                hidden.append((check, ch, tuple(c[3])))
    return _runs(hidden)


def _runs(hidden: list[tuple[str, str, tuple]]) -> dict[str, list[str]]:
    """Hidden characters joined into runs along their lines (per check), whatever the order in
    which they were drawn: a value drawn one character per text object is still one run."""
    runs: dict[str, list[str]] = {}
    by_check: dict[str, list[tuple[str, tuple]]] = {}
    for check, ch, box in hidden:
        by_check.setdefault(check, []).append((ch, box))
    for check, items in by_check.items():
        items.sort(key=lambda it: (round(it[1][3]), it[1][0]))
        cur: list[str] = []
        prev: Optional[tuple] = None
        for ch, b in items:
            h = max(1.0, b[3] - b[1])
            if prev is not None:
                same_line = abs(b[3] - prev[3]) <= 0.5 * h
                gap = b[0] - prev[2]
                if not same_line or gap > 1.5 * h or gap < -0.5 * h:
                    runs.setdefault(check, []).append("".join(cur))
                    cur = []
                elif gap > 0.25 * h:
                    cur.append(" ")
            cur.append(ch)
            prev = b
        if cur:
            runs.setdefault(check, []).append("".join(cur))
    return runs


def _why_hidden(bbox, seq, invisible, tiny, text_rgb, paints, images, annots, visible_area, render) -> Optional[str]:
    box = tuple(bbox)
    if box_area(box) <= 0:
        return None
    if _covered(box, visible_area) < 0.5:
        return "invisible_text"  # outside the visible page
    if tiny:
        return "invisible_text"
    px = render.pixels(box)
    if px is None or len(px) == 0:
        return "invisible_text" if invisible else None
    if any(_covered(box, a) >= COVERED for a in annots) and render.annotation_hides(box):
        return "annotation_over_text"
    flat = render.flat(px)
    over = [p for p in paints if p.seqno > seq and _covered(box, p.box) >= COVERED]
    if invisible:
        on_image = any(_covered(box, im.box) >= COVERED for im in images)
        if not flat and on_image:
            return None  # the OCR layer of a scan: the image shows something where it lies
        if any(p.kind == "box" for p in over) or (on_image and render.dark(px)):
            return "text_under_box"  # a box drawn over it, or burned into the scan
        return "invisible_text"
    # visible text: under an opaque image drawn later, whatever the image shows
    for p in sorted(over, key=lambda p: -p.seqno):
        if p.kind == "image" and not p.masked_image and render.image_hides(box):
            return "text_under_image"
        break
    if flat:
        if over:
            top = max(over, key=lambda p: p.seqno)
            return {"box": "text_under_box", "graphics": "text_under_graphics", "image": "text_under_image",
                    "shade": "text_under_box"}.get(top.kind, "text_under_box")
        below = [p for p in paints if p.kind == "box" and p.seqno < seq and _covered(box, p.box) >= COVERED]
        if below:
            top = max(below, key=lambda p: p.seqno)
            if box_area(top.box) >= _BACKGROUND * box_area(visible_area) and not _same_colour(text_rgb, top.colors):
                return "invisible_text"  # low contrast on a page's background colour: no redaction box
            return "text_under_box"  # text in the colour of the box it is drawn on
        return "invisible_text"  # text in the background's colour
    boxes_over = [p for p in over if p.kind == "box"]
    if boxes_over:  # a box with a hatch pattern drawn on it: only the box's colours show
        first = min(boxes_over, key=lambda p: p.seqno)
        colors = set(first.colors)
        for p in paints:
            if p.seqno > first.seqno and box_intersection(box, p.box) > 0:
                colors.update(p.colors)
        if render.explained(px, colors) and (text_rgb is None or text_rgb not in colors or len(colors) > 1):
            return "cross_hatched_box"
    return None


_DETAIL = {
    "text_under_box": "characters hidden under or on filled boxes",
    "cross_hatched_box": "characters hidden under cross-hatched boxes",
    "text_under_image": "characters hidden under images",
    "text_under_graphics": "characters hidden under lines or vector graphics",
    "annotation_over_text": "characters hidden under annotations",
    "invisible_text": "characters of text a reader cannot see (invisible, background colour, tiny or off-page)",
}


def _inspect_page(page: pymupdf.Page, findings: list[InspectionFinding]) -> None:
    pno = page.number + 1
    for annot in page.annots() or []:
        t = annot.type[0]
        if t == pymupdf.PDF_ANNOT_REDACT:
            findings.append(InspectionFinding("unapplied_redaction", pno, "redaction annotation not applied"))
        elif t in (pymupdf.PDF_ANNOT_HIGHLIGHT, pymupdf.PDF_ANNOT_SQUARE, pymupdf.PDF_ANNOT_POLYGON, pymupdf.PDF_ANNOT_INK):
            colors = annot.colors or {}
            rgb = [_rgb255(colors.get(k)) for k in ("stroke", "fill")]
            dark = any(c is not None and sum(c) / 3 < 80 for c in rgb)
            if dark and (annot.opacity is None or annot.opacity < 0 or annot.opacity >= 0.9):
                words = page.get_text("words", clip=annot.rect)
                if any(reportable(w[4]) for w in words):
                    findings.append(InspectionFinding("annotation_over_text", pno, "dark annotation laid over text"))
    runs = _hidden_chars(page)
    for check, texts in runs.items():
        # glyphs drawn right to left come out reversed: a run counts only if it is reportable
        # read either way (a date stays a date)
        n = sum(len("".join(t.split())) for t in texts if reportable(t) and reportable(t[::-1]))
        if n:
            findings.append(InspectionFinding(check, pno, f"{n} {_DETAIL[check]}"))


# -- document-level checks -------------------------------------------------------------------

def _piece_info(doc: pymupdf.Document) -> list[InspectionFinding]:
    pages = {doc[i].xref: i + 1 for i in range(doc.page_count)} if doc.page_count <= 2000 else {}
    out = []
    for xref in range(1, doc.xref_length()):
        try:
            kind, _ = doc.xref_get_key(xref, "PieceInfo")
        except Exception:
            continue
        if kind != "null":
            out.append(InspectionFinding("piece_info", pages.get(xref), "private application data (/PieceInfo)"))
    return out


def _layer_state(doc: pymupdf.Document, on: bool) -> None:
    if on:
        show_all_optional_content(doc)
        return
    try:
        doc.set_layer(-1, on=[], off=list((doc.get_ocgs() or {}).keys()))
    except Exception:
        pass
    for cfg in doc.layer_ui_configs() or []:  # the state MuPDF renders with
        doc.set_layer_ui_config(cfg["number"], 2)  # 2 = set off


def _hidden_layers(doc: pymupdf.Document) -> list[InspectionFinding]:
    """Pages that show more words, or another picture, when every optional-content layer is
    switched on or off than a default viewer shows (content hidden in a layer, or shown only
    when a layer is switched off, as a visibility expression like ``/P /AllOff`` does)."""
    from collections import Counter

    try:
        if not doc.get_ocgs():
            return []
    except Exception:
        return []

    def snapshot(page: pymupdf.Page):
        return Counter(w[4] for w in page.get_text("words")), page.get_pixmap(matrix=pymupdf.Matrix(0.5, 0.5)).digest

    default = [snapshot(page) for page in doc]
    extra: dict[int, int] = {}
    changed: set[int] = set()
    for on in (True, False):
        try:
            _layer_state(doc, on)
        except Exception:
            continue
        for page, (words, digest) in zip(doc, default):
            now, now_digest = snapshot(page)
            n = sum((now - words).values())
            if n:
                extra[page.number] = max(extra.get(page.number, 0), n)
            elif on and now_digest != digest:  # switching layers off may only remove content
                changed.add(page.number)
    out = []
    for pno in sorted(set(extra) | changed):
        if pno in extra:
            out.append(InspectionFinding("hidden_layer", pno + 1, f"{extra[pno]} words a default viewer hides in layers"))
        else:
            out.append(InspectionFinding("hidden_layer", pno + 1, "content a default viewer hides in layers"))
    return out


_METADATA_KEYS = ("title", "author", "subject", "keywords")  # not producer, creator, format, dates
_XMP_SKIP = re.compile(
    r"<(pdf:Producer|xmp:CreatorTool|pdfx?:[A-Za-z]*Version|xmpMM:[A-Za-z]+|pdfaid:[A-Za-z]+|xmp:[A-Za-z]*Date)\b[^>]*>.*?</\1>",
    re.DOTALL,
)


def _document_strings(doc: pymupdf.Document) -> list[tuple[str, Optional[int], str]]:
    from .verify import document_strings

    out: list[tuple[str, Optional[int], str]] = []
    meta = doc.metadata or {}
    for k in _METADATA_KEYS:
        if meta.get(k):
            out.append(("metadata", None, str(meta[k])))
    for check, pno, s in document_strings(doc):
        if check == "metadata":
            continue
        if check == "xmp":
            s = _XMP_SKIP.sub(" ", s)
            s = " ".join(re.findall(r">([^<>]+)<", s))
        out.append((check, pno, s))
    for page in doc:
        try:
            links = page.get_links()
        except Exception:
            continue
        for link in links:
            uri = link.get("uri")
            if uri:
                text = urllib.parse.unquote_plus(str(uri))
                text = re.sub(r"^[a-z]+:(//)?", " ", text)
                text = re.sub(r"[?&=/#_+]", " ", text)
                out.append(("uri", page.number + 1, text))
    return out


def _page_personal_data(doc: pymupdf.Document, policy, min_score: float) -> list[InspectionFinding]:
    from .api import analyze_text
    from .entities import PERSON, STRUCTURED_IDENTIFIERS

    wanted = STRUCTURED_IDENTIFIERS | {PERSON}
    out = []
    for page in doc:
        text = unicodedata.normalize("NFC", page.get_text("text", flags=pymupdf.TEXT_DEHYPHENATE | pymupdf.TEXT_PRESERVE_WHITESPACE))
        if not text.strip():
            continue
        types: dict[str, int] = {}
        for d in analyze_text(text, policy=policy):
            if d.entity_type in wanted and d.score >= min_score and d.source != "propagated" and d.recognizer != "propagation":
                types[d.entity_type] = types.get(d.entity_type, 0) + 1
        for t, n in sorted(types.items()):
            out.append(InspectionFinding("personal_data", page.number + 1, f"{n} {t} in page text"))
    return out


def inspect_pdf(
    path: str | Path,
    analyzer=None,
    check_personal_data: bool = True,
    policy: Optional[str] = None,
) -> InspectionResult:
    """Inspect a PDF; ``analyzer`` (a :class:`~masking.analyzer.TextAnalyzer`) finds personal
    data in document-level strings (default: the shared analyzer); page text is analysed under
    ``policy`` (default policy when None)."""
    data = read_input(path)
    result = InspectionResult()
    if data.count(b"%%EOF") > 1:
        result.findings.append(InspectionFinding("incremental_update", None, "file has more than one revision"))
    doc = open_pdf(data, name="input")
    try:
        result.pages = doc.page_count
        result.findings.extend(_piece_info(doc))
        result.findings.extend(_hidden_layers(doc))
        show_all_optional_content(doc)
        for page in doc:
            _inspect_page(page, result.findings)
            if (page.number + 1) % 16 == 0:
                pymupdf.TOOLS.store_shrink(100)
        if check_personal_data:
            if analyzer is None:
                from .analyzer import get_analyzer

                analyzer = get_analyzer()
            for check, pno, s in _document_strings(doc):
                for f in analyzer.analyze(s, min_score=0.4):
                    result.findings.append(InspectionFinding("personal_data", pno, f"{f.entity_type} in {check}"))
            result.findings.extend(_page_personal_data(doc, policy, min_score=0.0))
    finally:
        doc.close()
    return result
