"""Redaction of documents with scanned pages, in chunks of pages, in constant memory.

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
MuPDF's cache of decoded images is emptied after each page. A page whose images qualify
(:func:`.pixels.pixel_plan`: a plain scan) skips MuPDF's pixel redaction and that second
decoding altogether: its pixels are destroyed in the image as the OCR render decoded it, and the
image is encoded once, with the same codec choice (:func:`.pixels.redact_page_pixels`).

Even compressed, a redacted page stays in memory until its document is saved, and so would the
whole output. So :func:`redact_scanned_to_file` works in chunks of :data:`CHUNK_PAGES` pages:
the chunk's pages are copied into a new document, redacted and sanitised there, saved to a
temporary file and appended to the output file as an incremental update; at the end the output
is rewritten once, in full (one revision), which MuPDF does object by object from the file. The
source document is not changed, and memory holds one chunk whatever the page count.

Used by the pipeline for documents with OCR'd pages; :func:`masking.redact.redact_document` is
the reference for text documents and this module follows it step by step (the same
``redact_page``, ``sanitized_copy`` and save options).
"""

from __future__ import annotations

import logging
import os
import tempfile
import zlib
from pathlib import Path
from typing import Optional, Sequence

import pymupdf

from ..model import Detection, ManualBox, MaskedArea, PageText
from ..policy import Policy
from ..redact import by_page, redact_page, sanitized_copy, save_file
from .pages import trim_image_cache
from .pixels import pixel_plan, redact_page_pixels

log = logging.getLogger(__name__)

JPEG_QUALITY = 85
CODEC_ENV = "MASKING_SCAN_IMAGE_CODEC"  # auto (default) | jpeg | flate
_MIN_RAW = 64 * 1024  # smaller uncompressed images are left to the final save
CHUNK_PAGES = 32  # pages redacted in memory at once (a few MB of compressed scans)


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


def _shared_images(doc: pymupdf.Document) -> set[int]:
    """Image xrefs used by more than one page of ``doc``."""
    seen: set[int] = set()
    shared: set[int] = set()
    for pno in range(doc.page_count):
        for xref in {img[0] for img in doc.get_page_images(pno, full=True)}:
            (shared if xref in seen else seen).add(xref)
    return shared


def temp_path_beside(path: Optional[Path]) -> Path:
    """A new, empty temporary file (mode 0600) in ``path``'s directory, or in the system's
    temporary directory for None (named like :func:`masking.files.atomic_write`'s, so a
    batch run sweeps what a killed worker left)."""
    fd, tmp = tempfile.mkstemp(prefix=".masking-", suffix=".tmp", dir=str(path.parent) if path else None)
    os.close(fd)
    return Path(tmp)


def _redact_chunk(
    doc: pymupdf.Document,
    first: int,
    last: int,
    pages: Sequence[PageText],
    dets_by_page: dict[int, list[Detection]],
    boxes_by_page: dict[int, list[ManualBox]],
    policy: Policy,
    codec: str,
    out: Path,
) -> list[MaskedArea]:
    """Copy pages ``first``..``last`` of ``doc``, redact the copies, sanitise and write them to
    ``out`` (a full rewrite, as :func:`masking.redact.save_bytes`); returns their masked areas."""
    areas: list[MaskedArea] = []
    part = pymupdf.open()
    try:
        part.insert_pdf(doc, from_page=first, to_page=last, links=False, annots=False, widgets=False)
        shared = _shared_images(part)
        for i in range(last - first + 1):
            pno = first + i
            if pno not in dets_by_page and pno not in boxes_by_page:
                continue
            page = part[i]
            # the scan's own codec, read before redaction rewrites its images
            jpeg = codec == "jpeg" or (codec != "flate" and "/DCTDecode" in _filters(part, page))
            plan = pixel_plan(part, page, shared)
            if plan is not None:  # the page's images redacted here, from the pixels read for OCR
                new = redact_page(page, pages[pno], dets_by_page.get(pno, []), policy, boxes_by_page.get(pno, []),
                                  images=pymupdf.PDF_REDACT_IMAGE_NONE)
                redact_page_pixels(part, plan, [a.box for a in new], jpeg)
                areas.extend(new)
            else:
                areas.extend(redact_page(page, pages[pno], dets_by_page.get(pno, []), policy,
                                         boxes_by_page.get(pno, [])))
                compact_page_images(part, page, jpeg)
            del page
            trim_image_cache()  # the decoded image of this page is not needed again
        clean = sanitized_copy(part)
    finally:
        part.close()
    try:
        save_file(clean, out)
    finally:
        clean.close()
    return areas


def _append(acc: Path, part: Path) -> None:
    """Append the pages of ``part`` to the file ``acc`` as an incremental update: only the new
    objects are written, and only they are held in memory."""
    with pymupdf.open(str(acc)) as d, pymupdf.open(str(part)) as p:
        d.insert_pdf(p, links=False, annots=False, widgets=False)
        d.saveIncr()


def redact_scanned_to_file(
    doc: pymupdf.Document,
    pages: Sequence[PageText],
    detections: Sequence[Detection],
    policy: Policy,
    manual_boxes: Sequence[ManualBox] = (),
    *,
    path: Path,
    chunk_pages: Optional[int] = None,
) -> list[MaskedArea]:
    """As :func:`masking.redact.redact_document`, but the sanitised output is written to
    ``path`` and never held in memory whole; returns the masked areas. ``doc`` is not changed.

    The pages are done in chunks of :data:`CHUNK_PAGES`: a chunk's pages are copied into a new
    document, redacted there (each redacted image compressed at once), sanitised and saved to a
    temporary file beside ``path``, which is appended to the output so far as an incremental
    update. The result is then written once more as a full rewrite (one revision, garbage
    collected), which MuPDF does object by object from the file. So memory holds one chunk,
    whatever the page count.
    """
    chunk = max(1, chunk_pages or CHUNK_PAGES)
    n = doc.page_count
    dets_by_page, boxes_by_page = by_page(detections, manual_boxes, n)
    codec = os.environ.get(CODEC_ENV, "auto").lower()
    areas: list[MaskedArea] = []
    temps: list[Path] = []
    try:
        acc: Optional[Path] = None
        for first in range(0, n, chunk):
            part = temp_path_beside(path)
            temps.append(part)
            last = min(n, first + chunk) - 1
            areas.extend(_redact_chunk(doc, first, last, pages, dets_by_page, boxes_by_page, policy, codec, part))
            if acc is None:
                acc = part
            else:
                _append(acc, part)
                part.unlink()
                temps.remove(part)
        assert acc is not None
        if n <= chunk:  # one chunk: already a full rewrite
            os.replace(acc, path)
        else:
            with pymupdf.open(str(acc)) as d:  # content already cleaned chunk by chunk
                d.save(str(path), garbage=4, deflate=True, no_new_id=False)
            acc.unlink()
        temps.clear()
    finally:
        for t in temps:
            try:
                t.unlink()
            except FileNotFoundError:
                pass
    return areas
