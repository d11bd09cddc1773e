"""Image inputs (multi-page TIFF, PNG, JPEG) as PDF pages.

An image input is recognised by its first bytes (never by its name) and converted with PyMuPDF
to an image-only PDF: one page per image (per TIFF directory), the page size taken from the
image's resolution (a 200-dpi A4 scan becomes an A4 page; an image without a resolution is
taken as 72 dpi). The PDF then goes through the same pipeline as any scanned PDF; the output is
always a PDF. Limits: the pages limit of the input, and :data:`MAX_PIXELS` per image, checked
before the pixels are decoded.
"""

from __future__ import annotations

import pymupdf

from ..errors import CorruptPdfError, MaskingError, ResourceLimitError
from ..pdf import DEFAULT_LIMITS, Limits

MAX_PIXELS = DEFAULT_LIMITS.max_image_pixels  # MASKING_MAX_IMAGE_PIXELS; see Limits

_MAGIC = (
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
IMAGE_SUFFIXES = frozenset({".tif", ".tiff", ".png", ".jpg", ".jpeg"})


def image_kind(data: bytes) -> str | None:
    """``tiff``, ``png`` or ``jpeg`` when ``data`` starts like one, else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def image_to_pdf(data: bytes, name: str = "input", limits: Limits = DEFAULT_LIMITS) -> bytes:
    """An image-only PDF with one page per image in ``data`` (page size from the image's dpi)."""
    kind = image_kind(data)
    if kind is None:
        raise CorruptPdfError(f"{name}: not a TIFF, PNG or JPEG image")
    try:
        img = pymupdf.open(stream=data, filetype=kind)
    except Exception as exc:
        raise CorruptPdfError(f"{name}: the image cannot be decoded ({type(exc).__name__})") from None
    try:
        try:
            return _checked_pdf(img, name, limits)
        except MaskingError:
            raise
        except Exception as exc:  # e.g. a TIFF directory without entries: "image height must be > 0"
            raise CorruptPdfError(f"{name}: the image cannot be decoded ({type(exc).__name__})") from None
    finally:
        img.close()


def _checked_pdf(img: pymupdf.Document, name: str, limits: Limits) -> bytes:
    if img.page_count == 0:
        raise CorruptPdfError(f"{name}: the image has no pages")
    if img.page_count > limits.max_pages:
        raise ResourceLimitError(f"{name}: {img.page_count} images, above the limit of {limits.max_pages}")
    for page in img:
        info = page.get_image_info()
        w = max((i.get("width", 0) for i in info), default=0)
        h = max((i.get("height", 0) for i in info), default=0)
        if w <= 0 or h <= 0:
            raise CorruptPdfError(f"{name}: image {page.number + 1} has no pixels")
        if w * h > limits.max_image_pixels:
            raise ResourceLimitError(f"{name}: image {page.number + 1} has more pixels than allowed")
        r = page.rect
        if max(r.width, r.height) > limits.max_page_side_pt:
            raise ResourceLimitError(f"{name}: image {page.number + 1} is larger than allowed")
    return img.convert_to_pdf()
