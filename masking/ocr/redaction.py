"""Redaction of documents with scanned pages, page by page in constant memory.

The redaction itself is :func:`masking.redact.redact_page` (the same boxes, labels, legal
grounds and ``apply_redactions(images=PIXELS)`` as for text pages). What differs is memory:
MuPDF stores each image whose pixels a redaction destroyed as a new, *uncompressed* stream
(about 4 MB for a 200-dpi A4 page in grey, 12 MB in colour) and compresses it only when the
document is saved, so a 500-page scan would hold every page image decoded at once. Here each
such image is compressed right after its page is redacted: as JPEG when the page's scan was a
JPEG (the usual office-scanner output; re-encoding a lossy scan losslessly would only make the
file 5-7 times larger; the destroyed pixels are white before encoding, so nothing of them can be
in the new stream), else losslessly (Flate at its fastest level). JPEG is written with Pillow
(libjpeg-turbo, about 10 ms for an A4 page) when it is installed, else with MuPDF (about 15
times slower). ``MASKING_SCAN_IMAGE_CODEC`` = ``auto`` (default) | ``jpeg`` | ``flate``.
MuPDF's cache of decoded images is kept small.

Used by the pipeline for documents with OCR'd pages; :func:`masking.redact.redact_document` is
the reference for text documents and this function follows it step by step.
"""

from __future__ import annotations

import logging
import os
import zlib
from typing import Sequence

import pymupdf

from ..model import Detection, ManualBox, MaskedArea, PageText
from ..policy import Policy
from ..redact import redact_document
from .pages import trim_image_cache

log = logging.getLogger(__name__)

JPEG_QUALITY = 85
CODEC_ENV = "MASKING_SCAN_IMAGE_CODEC"  # auto (default) | jpeg | flate
_MIN_RAW = 64 * 1024  # smaller uncompressed images are left to the final save


def _filters(doc: pymupdf.Document, page: pymupdf.Page) -> set[str]:
    out = set()
    for img in page.get_images(full=True):
        kind, val = doc.xref_get_key(img[0], "Filter")
        out.add(val if kind != "null" else "")
    return out


def _jpeg(pix: pymupdf.Pixmap) -> bytes:
    try:
        import io

        from PIL import Image
    except ImportError:
        return pix.tobytes("jpeg", jpg_quality=JPEG_QUALITY)
    mode = "L" if pix.n == 1 else "RGB"
    img = Image.frombytes(mode, (pix.width, pix.height), pix.samples, "raw", mode, pix.stride)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=JPEG_QUALITY)
    return buf.getvalue()


def compact_page_images(doc: pymupdf.Document, page: pymupdf.Page, jpeg: bool) -> int:
    """Compress the uncompressed image streams of ``page`` now; returns how many."""
    n = 0
    for img in page.get_images(full=True):
        xref = img[0]
        kind, _ = doc.xref_get_key(xref, "Filter")
        if kind != "null" or not doc.xref_is_stream(xref):
            continue
        raw = doc.xref_stream_raw(xref)
        if raw is None or len(raw) < _MIN_RAW:
            continue
        bpc = doc.xref_get_key(xref, "BitsPerComponent")[1]
        smask = doc.xref_get_key(xref, "SMask")[0] != "null"
        done = False
        if jpeg and bpc == "8" and not smask:
            try:
                pix = pymupdf.Pixmap(doc, xref)
                if pix.n in (1, 3) and not pix.alpha:
                    data = _jpeg(pix)
                    doc.update_stream(xref, data, compress=False)
                    doc.xref_set_key(xref, "Filter", "/DCTDecode")
                    doc.xref_set_key(xref, "DecodeParms", "null")
                    done = True
                del pix
            except Exception:  # an unusual image: keep it exact
                log.debug("JPEG re-encoding failed for an image; compressing it losslessly")
        if not done:
            doc.update_stream(xref, zlib.compress(raw, 1), compress=False)
            doc.xref_set_key(xref, "Filter", "/FlateDecode")
            doc.xref_set_key(xref, "DecodeParms", "null")
        n += 1
    return n


def redact_scanned_document(
    doc: pymupdf.Document,
    pages: Sequence[PageText],
    detections: Sequence[Detection],
    policy: Policy,
    manual_boxes: Sequence[ManualBox] = (),
) -> tuple[bytes, list[MaskedArea]]:
    """As :func:`masking.redact.redact_document`, compressing redacted images page by page."""
    codec = os.environ.get(CODEC_ENV, "auto").lower()
    # the scan's own codec, read before redaction rewrites its images
    touched = {d.page for d in detections} | {mb.page for mb in manual_boxes if 0 <= mb.page < doc.page_count}
    jpeg_pages = {
        pno for pno in touched if codec == "jpeg" or (codec != "flate" and "/DCTDecode" in _filters(doc, doc[pno]))
    }

    def compact(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        compact_page_images(doc, page, page.number in jpeg_pages)
        trim_image_cache()  # decoded images of finished pages

    return redact_document(doc, pages, detections, policy, manual_boxes, after_page=compact)
