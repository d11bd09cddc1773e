"""Page images decoded once: pixel redaction in numpy, and the redacted pixels checked again.

A scanned page's image is decoded when the page is rendered for OCR (about 45 ms for a noisy
200-dpi A4 JPEG, most of it entropy decoding). MuPDF's own pixel redaction
(``apply_redactions(images=PDF_REDACT_IMAGE_PIXELS)``) decoded it a second time, in the copy of
the page that is redacted, and wrote it back uncompressed, to be compressed again; the pixel
check (:mod:`.verify`) decoded it a third time from the output. Here:

* :func:`keep_page_images`: right after the OCR render (which left the decoded image in MuPDF's
  store, so taking it costs no decode), the decoded images of the page are kept, keyed by a
  digest of their compressed stream and their dictionary (:func:`_key`), in a small bounded
  cache (:data:`KEEP_IMAGES` images, :data:`KEEP_BYTES` in all): memory does not grow with the
  page count; a long scan's early pages are decoded again when they are redacted.
* :func:`redact_page_pixels`: the redaction of a page whose images all qualify
  (:func:`pixel_plan`: image XObjects of the page itself, drawn upright or turned by a multiple
  of 90 degrees, 8 bits, grey or RGB, no mask, no /Decode, used by no other page) sets every
  pixel that meets a masked box to white in a copy of the decoded pixels and writes the image
  back once, compressed (JPEG when the scan was a JPEG, else Flate). The original stream is
  replaced: nothing of the destroyed pixels is left in the file. MuPDF then redacts text and
  line art only (``images=PDF_REDACT_IMAGE_NONE``). Any other page goes through MuPDF's pixel
  redaction as before.
* :func:`redacted_pixels`: the pixel check reads the output's image streams from the re-opened
  output; a stream whose bytes are exactly those written here (same digest and dictionary) is
  checked on the pixels it was encoded from, without decoding it again. Any other image is
  decoded from the output as before. Every masked box is still cut out and checked.

Where an image sits on a page (:func:`image_placements`) is read from the page's content by
MuPDF's content filter (the image's name and the quadrilateral it is drawn in), without decoding
any image (PyMuPDF's ``get_image_info(xrefs=True)`` decodes every image to match it to its xref
by a pixel digest). Pages with images inside Form XObjects, inline images or images in the
resources that are not drawn are left to the slower paths.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import pymupdf

log = logging.getLogger(__name__)

KEEP_IMAGES = 2  # decoded page images kept between reading and redaction (and redacted ones for the check)
KEEP_BYTES = 64 * 1024 * 1024
JPEG_QUALITY = 85
_ADDITIVE = {"/DeviceGray": 1, "/DeviceRGB": 3, "/CalGray": 1, "/CalRGB": 3}


@dataclass(frozen=True)
class Placement:
    """An image XObject drawn on a page: ``matrix`` maps the image's unit square (``(0, 0)`` the
    first pixel of its first row, ``(1, 1)`` the last of its last) into page coordinates, as
    ``get_image_info``'s ``transform`` does."""

    xref: int
    matrix: pymupdf.Matrix

    @property
    def upright(self) -> bool:
        """Drawn upright or turned by a multiple of 90 degrees (a box is a pixel rectangle)."""
        a, b, c, d = self.matrix.a, self.matrix.b, self.matrix.c, self.matrix.d
        return (abs(b) < 1e-6 and abs(c) < 1e-6) or (abs(a) < 1e-6 and abs(d) < 1e-6)


def image_placements(page: pymupdf.Page) -> Optional[list[Placement]]:
    """Every image drawn on ``page`` with its xref and placement, or None when that cannot be
    told without decoding (a rotated page, an inline image, an image in a Form XObject, a name
    drawn that is not one of the page's images, an image of the page that is not drawn, or a
    count that differs from MuPDF's own list of drawn images)."""
    if page.rotation or page.parent is None or not page.parent.is_pdf:
        return None
    names: dict[str, int] = {}
    for item in page.get_images(full=True):
        xref, name, referencer = item[0], item[7], item[-1]
        if referencer != 0 or names.get(name, xref) != xref:
            return None
        names[name] = xref
    try:
        reported = pymupdf.JM_image_reporter(page._pdf_page())
    except Exception:  # another PyMuPDF: the slower paths
        log.debug("image reporter unavailable")
        return None
    out: list[Placement] = []
    for name, quad in reported:
        xref = names.get(name)
        if xref is None:
            return None
        ul, _, ll, lr = quad
        out.append(Placement(xref, pymupdf.Matrix(lr[0] - ll[0], lr[1] - ll[1], ul[0] - ll[0], ul[1] - ll[1],
                                                  ll[0], ll[1])))
    if {p.xref for p in out} != set(names.values()) or len(out) != len(page.get_image_info()):
        return None
    return out


# -- which images ---------------------------------------------------------------------------
def _components(doc: pymupdf.Document, xref: int) -> int:
    """1 or 3 for an image in an additive grey or RGB colour space (device, calibrated or an ICC
    profile with that many components), else 0."""
    kind, val = doc.xref_get_key(xref, "ColorSpace")
    if kind == "name":
        return _ADDITIVE.get(val, 0)
    if kind == "xref":
        arr = doc.xref_object(int(val.split()[0]), compressed=True)
    elif kind == "array":
        arr = val
    else:
        return 0
    parts = arr.strip("[] ").split()
    if len(parts) == 4 and parts[0] == "/ICCBased" and parts[3] == "R":
        n = doc.xref_get_key(int(parts[1]), "N")
        return int(n[1]) if n[0] == "int" and n[1] in ("1", "3") else 0
    if len(parts) >= 2 and parts[0] in ("/CalGray", "/CalRGB"):
        return _ADDITIVE[parts[0]]
    return 0


def plain_image(doc: pymupdf.Document, xref: int) -> int:
    """The number of colour components (1 or 3) of an image whose decoded pixels are all it
    shows: 8 bits per component, additive grey or RGB, no mask, no soft mask, no /Decode
    array, one filter (DCT or Flate) or none; 0 for any other."""
    get = doc.xref_get_key
    if get(xref, "Subtype")[1] != "/Image" or get(xref, "ImageMask")[1] == "true":
        return 0
    if get(xref, "BitsPerComponent")[1] != "8":
        return 0
    if any(get(xref, k)[0] != "null" for k in ("SMask", "Mask", "Decode", "SMaskInData", "OC")):
        return 0
    kind, val = get(xref, "Filter")
    if not (kind == "null" or (kind == "name" and val in ("/DCTDecode", "/FlateDecode"))):
        return 0
    if kind == "name" and val == "/FlateDecode" and get(xref, "DecodeParms")[0] != "null":
        return 0
    return _components(doc, xref)


def _key(doc: pymupdf.Document, xref: int) -> Optional[tuple]:
    """A key for the pixels of image ``xref``: its compressed stream's digest and the entries
    of its dictionary that decoding depends on."""
    raw = doc.xref_stream_raw(xref)
    if not raw:
        return None
    get = doc.xref_get_key
    return (
        hashlib.blake2b(raw, digest_size=20).digest(),
        len(raw),
        get(xref, "Width")[1],
        get(xref, "Height")[1],
        get(xref, "Filter")[1],
        get(xref, "BitsPerComponent")[1],
    )


class _Cache:
    """A few decoded images, most recent last, bounded in count and bytes (thread-safe)."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, key: tuple, arr: np.ndarray) -> None:
        with self._lock:
            self._items.pop(key, None)
            self._items[key] = arr
            while self._items and (len(self._items) > KEEP_IMAGES
                                   or sum(a.nbytes for a in self._items.values()) > KEEP_BYTES):
                self._items.popitem(last=False)

    def get(self, key: Optional[tuple]) -> Optional[np.ndarray]:
        if key is None:
            return None
        with self._lock:
            return self._items.get(key)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_decoded = _Cache()  # as read for OCR: (key) → pixels (read-only)
_redacted = _Cache()  # as written by the redaction: (key of the stream written) → pixels (read-only)


def clear() -> None:
    _decoded.clear()
    _redacted.clear()


def _samples(pix: pymupdf.Pixmap) -> np.ndarray:
    a = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width * pix.n]
    return a.reshape(pix.height, pix.width, pix.n) if pix.n > 1 else a


def _decode(doc: pymupdf.Document, xref: int, n: int) -> Optional[np.ndarray]:
    pix = pymupdf.Pixmap(doc, xref)
    if pix.alpha or pix.n != n:
        return None
    a = _samples(pix)
    a.flags.writeable = False
    return a


def keep_page_images(doc: pymupdf.Document, page: pymupdf.Page, dpi: int) -> None:
    """Keep the decoded images of ``page`` (just rendered at ``dpi`` for OCR) for its redaction:
    only images drawn at that resolution, whose full decoding the render has just left in
    MuPDF's store (so no image is decoded here that the render did not decode)."""
    places = image_placements(page)
    if not places:
        return
    for p in places:
        n = plain_image(doc, p.xref)
        if not n or not p.upright:
            continue
        w, h = int(doc.xref_get_key(p.xref, "Width")[1]), int(doc.xref_get_key(p.xref, "Height")[1])
        r = pymupdf.Rect(0, 0, 1, 1) * p.matrix
        across = r.width if abs(p.matrix.b) < 1e-6 else r.height
        if across <= 0 or abs(w / across * 72.0 - dpi) > 0.02 * dpi:
            continue
        key = _key(doc, p.xref)
        if key is None or _decoded.get(key) is not None:
            continue
        a = _decode(doc, p.xref, n)
        if a is not None and a.shape[:2] == (h, w):
            _decoded.put(key, a)


# -- redaction --------------------------------------------------------------------------------
def pixel_plan(doc: pymupdf.Document, page: pymupdf.Page, shared: set[int]) -> Optional[list[Placement]]:
    """The placements of ``page``'s images when every one of them can be redacted here (see the
    module text), else None (MuPDF's pixel redaction). ``shared``: image xrefs that other pages
    of ``doc`` use too."""
    if page.first_annot is not None:
        return None
    places = image_placements(page)
    if places is None:
        return None
    for p in places:
        if p.xref in shared or not p.upright or not plain_image(doc, p.xref):
            return None
    return places


def pixel_rect(matrix: pymupdf.Matrix, box, width: int, height: int) -> Optional[tuple[int, int, int, int]]:
    """The pixels (x0, y0, x1, y1; ends exclusive) of an image ``width`` × ``height`` drawn by
    ``matrix`` that ``box`` (page coordinates) meets, even in part; None when none."""
    q = pymupdf.Rect(box) * ~matrix
    eps = 1e-6  # a box that ends on a pixel's edge does not meet that pixel
    x0, x1 = max(0, int(np.floor(q.x0 * width + eps))), min(width, int(np.ceil(q.x1 * width - eps)))
    y0, y1 = max(0, int(np.floor(q.y0 * height + eps))), min(height, int(np.ceil(q.y1 * height - eps)))
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1


def _whiten(a: np.ndarray, rects: Sequence[tuple[int, int, int, int]]) -> None:
    """Set the pixels of ``rects`` to white (the destroyed pixels)."""
    for x0, y0, x1, y1 in rects:
        a[y0:y1, x0:x1] = 255


def _encode(a: np.ndarray, jpeg: bool) -> tuple[bytes, str]:
    if jpeg:
        try:
            from PIL import Image

            buf = io.BytesIO()
            Image.fromarray(a).save(buf, "JPEG", quality=JPEG_QUALITY)  # L or RGB, from the shape
            return buf.getvalue(), "/DCTDecode"
        except ImportError:
            pass
    return zlib.compress(np.ascontiguousarray(a).tobytes(), 1), "/FlateDecode"


def redact_page_pixels(
    doc: pymupdf.Document, places: Sequence[Placement], boxes: Sequence, jpeg: bool
) -> int:
    """Destroy the pixels under ``boxes`` (page coordinates) in every image of ``places`` (a
    :func:`pixel_plan`) and write each image back once, compressed; returns how many images
    were rewritten. The decoded pixels come from what the OCR render kept, else are decoded
    here; the pixels written are kept for the pixel check."""
    by_xref: dict[int, list[Placement]] = {}
    for p in places:
        by_xref.setdefault(p.xref, []).append(p)
    done = 0
    for xref, ps in by_xref.items():
        w, h = int(doc.xref_get_key(xref, "Width")[1]), int(doc.xref_get_key(xref, "Height")[1])
        rects = [r for p in ps for b in boxes if (r := pixel_rect(p.matrix, b, w, h)) is not None]
        if not rects:
            continue
        n = plain_image(doc, xref)
        src = _decoded.get(_key(doc, xref))
        if src is None:
            src = _decode(doc, xref, n)
        if src is None or src.shape[:2] != (h, w):
            raise ValueError("an image could not be decoded for its redaction")
        a = np.array(src)  # a copy: what was kept stays as read
        _whiten(a, rects)
        data, fmt = _encode(a, jpeg)
        doc.update_stream(xref, data, compress=False)
        doc.xref_set_key(xref, "Filter", fmt)
        doc.xref_set_key(xref, "DecodeParms", "null")
        a.flags.writeable = False
        key = _key(doc, xref)
        if key is not None:
            _redacted.put(key, a)
        done += 1
    return done


# -- the pixel check ------------------------------------------------------------------------------
def redacted_pixels(doc: pymupdf.Document, xref: int) -> Optional[np.ndarray]:
    """The grey pixels of image ``xref`` of the output ``doc`` when its stream is exactly one
    that :func:`redact_page_pixels` wrote (then they are the pixels it was encoded from), else
    None (decode it)."""
    a = _redacted.get(_key(doc, xref))
    if a is None:
        return None
    if a.ndim == 3:  # as MuPDF turns RGB into grey
        a = ((a[..., 0].astype(np.uint16) * 77 + a[..., 1].astype(np.uint16) * 150
              + a[..., 2].astype(np.uint16) * 29) >> 8).astype(np.uint8)
    return a
