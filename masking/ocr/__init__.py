"""OCR for scanned pages: engine interface, page reading, searchable layer, image verification.

Where it sits in the stages (:mod:`masking.stages`):

* *intake* and *read*: image inputs (TIFF/PNG/JPEG) become image-only PDF pages
  (:mod:`.images`); after text extraction, every page that needs it is OCR'd
  (:func:`.pages.ocr_document`) and its :class:`~masking.model.PageText` replaced by an
  :class:`.pages.OcrPageText` in the same coordinate model, so detection, review, redaction
  and report work unchanged. Pages with a usable text layer keep it.
* *redact* and *verify*: :func:`before_redaction` writes the searchable layer (invisible text of the words
  that remain, :mod:`.textlayer`); redaction itself is the ordinary page redaction, and
  ``apply_redactions`` with ``PDF_REDACT_IMAGE_PIXELS`` destroys the image pixels under every
  box (an overlay alone is never relied on); on a plain scanned page the pixels are destroyed
  in the image as decoded for OCR and the image written back once (:mod:`.pixels`). A document with OCR'd pages (:func:`has_ocr_pages`)
  is redacted chunk by chunk into a file (:mod:`.redaction`): each redacted page image is
  compressed at once and no more than a chunk of pages is held in memory, so a long scan is
  never held whole. :func:`after_redaction` then checks the output's masked areas for readable
  pixels (:mod:`.verify`), page by page from the file, and adds its findings to the
  verification result, which fails closed.

Engines (:mod:`.engine`, :mod:`.tesseract`) are chosen by name; settings are
:class:`.pages.OcrSettings` (``MASKING_OCR_ENGINE``, ``MASKING_OCR_DPI``, ``MASKING_OCR_LANG``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional, Sequence

from ..errors import OcrUnavailableError
from ..model import Detection, ManualBox, MaskedArea, PageText
from ..pdf import read_head
from .engine import OcrEngine, OcrWord, engine_names, get_engine, ocr_disabled, register_engine
from . import tesseract  # noqa: F401  (registers the built-in Tesseract engines)
from .images import IMAGE_SUFFIXES, image_kind, image_to_pdf
from .pages import OcrPageText, OcrSettings, needs_ocr, normalise_ocr_text, ocr_document, ocr_page

__all__ = [
    "IMAGE_SUFFIXES",
    "OcrEngine",
    "OcrPageText",
    "OcrSettings",
    "OcrWord",
    "after_redaction",
    "as_pdf",
    "before_redaction",
    "engine_names",
    "get_engine",
    "image_kind",
    "image_to_pdf",
    "needs_ocr",
    "normalise_ocr_text",
    "ocr_disabled",
    "ocr_document",
    "ocr_page",
    "has_ocr_pages",
    "register_engine",
]


def as_pdf(data: bytes | Path, name: str, limits) -> bytes | Path:
    """``data`` itself (bytes or a file path) when it is not an image; else an image-only PDF
    of its pages (bytes)."""
    if image_kind(read_head(data)):
        return image_to_pdf(data if isinstance(data, bytes) else Path(data).read_bytes(), name, limits)
    return data


def ocr_pages(pages: Sequence[PageText]) -> list[OcrPageText]:
    return [p for p in pages if isinstance(p, OcrPageText)]


def has_ocr_pages(pages: Sequence[PageText]) -> bool:
    """Whether the document has OCR'd pages: then it is redacted by
    :func:`.redaction.redact_scanned_to_file`, chunk by chunk into a file, so memory stays flat
    with the page count; text documents by :func:`masking.redact.redact_document`."""
    return any(isinstance(p, OcrPageText) for p in pages)


def before_redaction(
    doc, pages: Sequence[PageText], detections: Sequence[Detection], manual_boxes: Sequence[ManualBox],
    settings: OcrSettings,
) -> None:
    """Write the searchable layer on OCR'd pages (when asked for), before the boxes are applied."""
    if not settings.searchable:
        return
    from .textlayer import add_text_layer

    for pt in ocr_pages(pages):
        add_text_layer(doc[pt.number], pt, detections, manual_boxes)


def _image_areas(doc, pages: Sequence[PageText], areas: Sequence[MaskedArea]) -> bool:
    """Whether a text document has a masked area over an image, which the pixel check reads (True
    when ``doc`` is not given). Without one, the check has no page to read, so the engine is not
    started for it (Tesseract's start-up, ~0.1 s, was most of a one-page text PDF's check)."""
    if doc is None:
        return True
    from .verify import _pages_to_check

    return bool(_pages_to_check(doc, pages, areas))


def after_redaction(
    output: bytes | Path,
    pages: Sequence[PageText],
    areas: Sequence[MaskedArea],
    verification,
    settings: OcrSettings,
    timings: Optional[dict] = None,
    doc=None,
) -> Optional[dict]:
    """Check the masked areas' pixels of ``output`` (bytes or a file); add findings to
    ``verification``.

    Returns the report's ``ocr`` section (no text), or None for a document without OCR'd pages
    and without masked areas over images. ``doc``: the output as stage verify opened it (read,
    not changed; left open).
    """
    scanned = ocr_pages(pages)
    if not areas and not scanned:
        return None
    stats: dict = {}
    if settings.verify_pixels and areas and (scanned or _image_areas(doc, pages, areas)):
        try:
            engine: Optional[OcrEngine] = get_engine(settings.engine) if settings.enabled else None
        except OcrUnavailableError:
            if scanned:
                raise
            engine = None  # a text PDF on a machine without OCR: nothing was read from pixels
        if engine is not None:
            from .verify import CHECK, verify_masked_pixels

            t = time.perf_counter()
            findings, stats = verify_masked_pixels(output, pages, areas, engine, settings.resolution, doc=doc)
            if timings is not None:
                timings["verify_pixels_s"] = time.perf_counter() - t
            if stats.get("pages"):
                verification.checks.append(CHECK)
            if findings:
                verification.findings.extend(findings)
                verification.passed = False
    if not scanned and not stats.get("pages"):
        return None
    return {
        "pages": [p.describe() for p in scanned],
        "searchable": bool(settings.searchable and scanned),
        "pixel_check": stats,
    }
