"""Verification for images: the masked areas of the output hold no readable text (fail closed).

The text-layer checks of :mod:`masking.verify` cannot see pixels, and rendering the output as a
reader sees it proves nothing either: the black fill would hide intact pixels beneath it. So
for each checked page the output is re-opened and all text and line art on the page are removed
(the fills and labels of the boxes among them): what remains is the page's images alone. The
page is rendered once at 150 dpi (enough to see any ink) and each masked area cut out of it. An
area whose pixels are uniform (destroyed: MuPDF sets them to white) is blank by construction.
Every other area is cut from a render at the OCR resolution and OCR'd; all such crops of a
document go to the engine in one call, stacked with white gaps, in sparse mode. Any word with
two or more letters or digits read at a usable confidence is a finding, and the output is
withheld.

Usually no render is needed: when every image on the page is an XObject drawn upright or turned
by a multiple of 90 degrees, each masked area is mapped into the image's own pixels (the inverse
of its placement matrix) and cut from the decoded image directly; the render path above is the
fallback for inline images, stencil masks and images drawn at other angles. Where each image
sits is read from the page's content (:func:`.pixels.image_placements`, no image decoded), and
an image stream that is byte for byte one the redaction wrote from decoded pixels
(:func:`.pixels.redact_page_pixels`) is checked on those pixels instead of being decoded again
(:func:`.pixels.redacted_pixels`); every masked box is cut out and checked all the same.

Pages checked: every OCR'd page with masked areas, and any other page where a masked area
overlaps an image. The output is read page by page (from its file, for a scanned document), and
each page's decoded images are dropped before the next, so memory does not grow with the pages.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import pymupdf

from ..model import MaskedArea, PageText
from ..pdf import image_boxes
from ..verify import Finding
from .engine import OcrEngine
from .pages import OcrPageText
from .pixels import image_placements, redacted_pixels

log = logging.getLogger(__name__)

CHECK = "image_pixels"
MIN_CONFIDENCE = 50.0
_BLANK_RANGE = 48  # max - min grey level below which a crop cannot hold text
_GAP = 24
_CHECK_DPI = 150  # enough to see any ink left in an area
_MAX_STRIP = 12000


@dataclass
class _Crop:
    page: int
    entity_type: str
    pixels: np.ndarray


def _pages_to_check(doc: pymupdf.Document, pages: Sequence[PageText], areas: Sequence[MaskedArea]) -> list[int]:
    with_areas = sorted({a.page for a in areas})
    out = []
    for pno in with_areas:
        if pno < len(pages) and isinstance(pages[pno], OcrPageText):
            out.append(pno)
            continue
        page = doc[pno]
        imgs = [pymupdf.Rect(b) for b in image_boxes(page)]
        if imgs and any(pymupdf.Rect(a.box).intersects(r) for a in areas if a.page == pno for r in imgs):
            out.append(pno)
    return out


def _images_only(page: pymupdf.Page) -> None:
    """Remove all text and line art from ``page`` (in memory): its images remain."""
    page.add_redact_annot(page.rect, fill=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )


class _PageImage:
    """The images-only page rendered once at ``dpi``; masked areas are cut out of it."""

    def __init__(self, page: pymupdf.Page, dpi: int) -> None:
        self.page = page
        self.zoom = dpi / 72.0
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
        self.a = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]

    def crop(self, box) -> Optional[np.ndarray]:
        r = pymupdf.Rect(box)
        if self.page.rotation:
            r = r * self.page.rotation_matrix
        inset = 0.5  # pixels on the box edge may be only partly covered
        r = pymupdf.Rect(r.x0 + inset, r.y0 + inset, r.x1 - inset, r.y1 - inset) & self.page.rect
        if r.is_empty or r.width < 1 or r.height < 1:
            return None
        z = self.zoom
        x0, y0 = int(np.ceil(r.x0 * z)), int(np.ceil(r.y0 * z))
        x1, y1 = int(np.floor(r.x1 * z)), int(np.floor(r.y1 * z))
        if x1 <= x0 or y1 <= y0:
            return None
        return self.a[y0:y1, x0:x1]


def _image_crops(doc: pymupdf.Document, page: pymupdf.Page, boxes: Sequence) -> Optional[list[list[np.ndarray]]]:
    """For each box, the pixels of every image under it, cut from the decoded images directly.

    Returns None (use the render path) when an image is inline, a stencil mask, or drawn turned
    by other than a multiple of 90 degrees: then a box does not map to a pixel rectangle.
    """
    placed = image_placements(page)  # read from the content, no image decoded
    if placed is not None:
        infos = [(p.xref, pymupdf.Matrix(p.matrix)) for p in placed]
    else:
        infos = [(info.get("xref", 0), pymupdf.Matrix(info["transform"])) for info in page.get_image_info(xrefs=True)]
    prepared = []
    decoded: dict[int, np.ndarray] = {}
    for xref, m in infos:
        a, b, c, d = m.a, m.b, m.c, m.d
        if xref <= 0 or not ((abs(b) < 1e-6 and abs(c) < 1e-6) or (abs(a) < 1e-6 and abs(d) < 1e-6)):
            return None
        if doc.xref_get_key(xref, "ImageMask")[1] == "true":
            return None
        arr = decoded.get(xref)
        if arr is None:
            # the pixels a redaction here encoded into exactly this stream, else decoded from it
            arr = redacted_pixels(doc, xref) if placed is not None else None
            if arr is None:
                pix = pymupdf.Pixmap(doc, xref)
                if pix.alpha:
                    pix = pymupdf.Pixmap(pix, 0)
                if pix.n != 1:
                    pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
                arr = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
            decoded[xref] = arr
        prepared.append((pymupdf.Rect(0, 0, 1, 1) * m, ~m, arr))
    out: list[list[np.ndarray]] = []
    inset = 0.5  # pixels on the box edge may be only partly covered
    for box in boxes:
        r = pymupdf.Rect(box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset)
        pieces = []
        if not r.is_empty:
            for bbox, inv, arr in prepared:
                if not bbox.intersects(r):
                    continue
                q = r * inv  # the box in the image's unit square
                h, w = arr.shape
                x0, x1 = max(0, int(np.ceil(q.x0 * w))), min(w, int(np.floor(q.x1 * w)))
                y0, y1 = max(0, int(np.ceil(q.y0 * h))), min(h, int(np.floor(q.y1 * h)))
                if x1 > x0 and y1 > y0:
                    pieces.append(arr[y0:y1, x0:x1])
        out.append(pieces)
    return out


def _blank(px: Optional[np.ndarray]) -> bool:
    return px is None or px.size == 0 or int(px.max()) - int(px.min()) < _BLANK_RANGE


def _readable(text: str) -> bool:
    return sum(1 for c in text if c.isalnum()) >= 2


def _open(output: bytes | Path) -> pymupdf.Document:
    if isinstance(output, (bytes, bytearray)):
        return pymupdf.open(stream=output, filetype="pdf")
    return pymupdf.open(str(output), filetype="pdf")


def verify_masked_pixels(
    output: bytes | Path,
    pages: Sequence[PageText],
    areas: Sequence[MaskedArea],
    engine: OcrEngine,
    dpi: int,
    doc: Optional[pymupdf.Document] = None,
) -> tuple[list[Finding], dict]:
    """Findings for masked areas of ``output`` (bytes or a file) that still hold readable text,
    and statistics. ``doc``: ``output`` as stage verify opened it (only read here; left open).

    Page by page: a page's images are decoded, its areas cut out, and MuPDF's cache of decoded
    images emptied before the next page; areas that are not blank are OCR'd in strips as soon as
    a strip is full, so memory does not grow with the page count. A page whose images must be
    rendered has its text and line art removed first: in a copy of its own (opened from
    ``output`` when needed), so ``doc`` is never changed."""
    own = doc is None
    if doc is None:
        doc = _open(output)
    scratch: Optional[pymupdf.Document] = None  # the pages rendered images-only
    crops: list[_Crop] = []
    findings: list[Finding] = []
    stats = {"pages": 0, "areas": 0, "blank": 0, "ocr_areas": 0}
    by_page: dict[int, list[MaskedArea]] = {}
    for a in areas:
        by_page.setdefault(a.page, []).append(a)
    try:
        for pno in _pages_to_check(doc, pages, areas):
            page = doc[pno]
            stats["pages"] += 1
            page_areas = by_page.get(pno, [])
            direct = _image_crops(doc, page, [a.box for a in page_areas])
            if direct is not None:  # the page's images themselves, no render needed
                for a, pieces in zip(page_areas, direct):
                    stats["areas"] += 1
                    inked = [p for p in pieces if not _blank(p)]
                    if not inked:
                        stats["blank"] += 1
                    crops.extend(_Crop(pno, a.entity_type, p.copy()) for p in inked)
            else:
                if scratch is None:
                    scratch = _open(output)
                page = scratch[pno]
                _images_only(page)
                # one quick render per page shows which areas are blank; only the others are cut
                # out of a second render at the OCR resolution (normally none)
                look = _PageImage(page, min(dpi, _CHECK_DPI))
                sharp: Optional[_PageImage] = None
                for a in page_areas:
                    stats["areas"] += 1
                    px = look.crop(a.box)
                    if _blank(px):
                        stats["blank"] += 1
                        continue
                    if sharp is None:
                        sharp = look if look.zoom * 72 >= dpi else _PageImage(page, dpi)
                    px = sharp.crop(a.box)
                    if px is not None and px.size:
                        crops.append(_Crop(pno, a.entity_type, px.copy()))
                del look, sharp
            del direct, page
            pymupdf.TOOLS.store_shrink(100)  # this page's decoded images
            stats["ocr_areas"] += _flush(crops, findings, engine, dpi, full_only=True)
    finally:
        if scratch is not None:
            scratch.close()
        if own:
            doc.close()
    stats["ocr_areas"] += _flush(crops, findings, engine, dpi, full_only=False)
    return findings, stats


def _flush(crops: list[_Crop], findings: list[Finding], engine: OcrEngine, dpi: int, *, full_only: bool) -> int:
    """OCR the waiting crops in strips (one engine call per strip) and remove them from
    ``crops``; with ``full_only`` only strips that are full. Returns how many crops were read."""
    done = 0
    while crops:
        strip: list[_Crop] = []
        height = 0
        i = 0
        while i < len(crops) and (not strip or height + crops[i].pixels.shape[0] + _GAP <= _MAX_STRIP):
            strip.append(crops[i])
            height += crops[i].pixels.shape[0] + _GAP
            i += 1
        if full_only and i == len(crops):
            break  # not full yet: wait for more crops
        findings.extend(_check_strip(strip, engine, dpi))
        del crops[:i]
        done += len(strip)
    return done


def _check_strip(strip: list[_Crop], engine: OcrEngine, dpi: int) -> list[Finding]:
    width = max(c.pixels.shape[1] for c in strip) + 2 * _GAP
    height = sum(c.pixels.shape[0] + _GAP for c in strip) + _GAP
    canvas = np.full((height, width), 255, dtype=np.uint8)
    spans: list[tuple[int, int, _Crop]] = []
    y = _GAP
    for c in strip:
        h, w = c.pixels.shape
        canvas[y : y + h, _GAP : _GAP + w] = c.pixels
        spans.append((y, y + h, c))
        y += h + _GAP
    pix = pymupdf.Pixmap(pymupdf.csGRAY, width, height, canvas.tobytes(), 0)
    words = engine.recognize(pix, dpi, sparse=True)
    out: list[Finding] = []
    seen: set[tuple[int, str]] = set()
    for w in words:
        if w.confidence < MIN_CONFIDENCE or not _readable(w.text):
            continue
        cy = (w.box[1] + w.box[3]) / 2
        for y0, y1, c in spans:
            if y0 - _GAP / 2 <= cy <= y1 + _GAP / 2:
                key = (c.page, c.entity_type)
                if key not in seen:
                    seen.add(key)
                    out.append(Finding(CHECK, c.entity_type, c.page + 1, "readable text in a masked area of the image"))
                break
    return out
