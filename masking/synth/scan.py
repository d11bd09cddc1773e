"""Scanned versions of synthetic documents: pages rendered to noisy, skewed, blurred images.

``render_scanned_pdf(doc)`` renders each page of :func:`~masking.synth.render.render_pdf` to a
grey image at 200 dpi (by default), turns it by a small random angle about the page centre,
blurs it slightly, adds grain and dark speckles, and stores it as a JPEG in an image-only PDF
page of the same size: what an office scanner produces. The ground truth stays that of the
text document; :func:`scan_matrix` maps a point of the original page to the scanned page, so
an evaluation can tell where each true value lies on the image.

``write_tiff`` writes grey pixmaps as one (multi-page) uncompressed TIFF, for image inputs.
Everything is deterministic given the seed.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Sequence, Union

import numpy as np
import pymupdf

from .model import SynthDoc


@dataclass(frozen=True)
class ScanStyle:
    dpi: int = 200
    noise: float = 10.0  # standard deviation of the grain, in grey levels
    blur: float = 0.6  # Gaussian sigma in pixels (0: none)
    max_skew_deg: float = 1.2  # each page is turned by a random angle in [-max, max]
    speckles: int = 300  # dark dots per page
    jpeg_quality: int = 80
    background: int = 246  # paper grey


def scan_matrix(rect: pymupdf.Rect, skew_deg: float) -> pymupdf.Matrix:
    """Original page point → scanned page point (a turn by ``skew_deg`` about the centre)."""
    cx, cy = (rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2
    return pymupdf.Matrix(1, 0, 0, 1, -cx, -cy) * pymupdf.Matrix(skew_deg) * pymupdf.Matrix(1, 0, 0, 1, cx, cy)


def _gauss_kernel(sigma: float) -> np.ndarray:
    r = max(1, int(round(sigma * 2.5)))
    x = np.arange(-r, r + 1, dtype=np.float32)
    k = np.exp(-(x * x) / (2 * sigma * sigma))
    return k / k.sum()


def _blur(a: np.ndarray, sigma: float) -> np.ndarray:
    if sigma <= 0:
        return a
    k = _gauss_kernel(sigma)
    r = len(k) // 2
    for axis in (0, 1):
        padded = np.pad(a, [(r, r) if ax == axis else (0, 0) for ax in (0, 1)], mode="edge")
        out = np.zeros_like(a)
        n = a.shape[axis]
        for i, w in enumerate(k):
            sl = [slice(None), slice(None)]
            sl[axis] = slice(i, i + n)
            out += w * padded[tuple(sl)]
        a = out
    return a


def scan_page_image(page: pymupdf.Page, skew_deg: float, rng: np.random.Generator, style: ScanStyle) -> pymupdf.Pixmap:
    """One page as a noisy grey pixmap at ``style.dpi`` (same page size, turned by ``skew_deg``)."""
    s = style.dpi / 72.0
    rect = page.rect
    m = scan_matrix(rect, skew_deg) * pymupdf.Matrix(s, s)
    pix = page.get_pixmap(matrix=m, colorspace=pymupdf.csGRAY, alpha=False)
    w, h = int(round(rect.width * s)), int(round(rect.height * s))
    full = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
    canvas = np.full((h, w), 255, dtype=np.uint8)
    # device pixel (u, v) of the turned page is canvas pixel (u, v): crop at device origin
    ox, oy = max(0, -pix.x), max(0, -pix.y)  # the turned page's bounds contain the page
    sub = full[oy : oy + h, ox : ox + w]
    canvas[: sub.shape[0], : sub.shape[1]] = sub
    a = canvas.astype(np.float32) * (style.background / 255.0)
    a = _blur(a, style.blur)
    if style.noise:
        a += rng.normal(0.0, style.noise, a.shape).astype(np.float32)
    for _ in range(style.speckles):
        y, x = int(rng.integers(0, h - 3)), int(rng.integers(0, w - 3))
        r = int(rng.integers(1, 3))
        a[y : y + r, x : x + r] = rng.uniform(20, 120)
    out = np.clip(a, 0, 255).astype(np.uint8)
    img = pymupdf.Pixmap(pymupdf.csGRAY, w, h, out.tobytes(), 0)
    img.set_dpi(style.dpi, style.dpi)
    return img


def render_scanned_pdf(
    doc: Union[SynthDoc, bytes], seed: int = 0, style: ScanStyle = ScanStyle()
) -> tuple[bytes, list[float]]:
    """An image-only PDF of ``doc`` (a synthetic document or PDF bytes) and each page's skew."""
    from .render import render_pdf

    data = render_pdf(doc) if isinstance(doc, SynthDoc) else doc
    key = doc.id if isinstance(doc, SynthDoc) else str(len(data))
    rng = np.random.default_rng(_stable_seed(seed, key))
    src = pymupdf.open(stream=data, filetype="pdf")
    out = pymupdf.open()
    skews: list[float] = []
    try:
        for page in src:
            skew = float(rng.uniform(-style.max_skew_deg, style.max_skew_deg)) if style.max_skew_deg else 0.0
            img = scan_page_image(page, skew, rng, style)
            jpeg = img.tobytes("jpeg", jpg_quality=style.jpeg_quality)
            new = out.new_page(width=page.rect.width, height=page.rect.height)
            new.insert_image(new.rect, stream=jpeg)
            skews.append(skew)
        out.set_metadata({"producer": "masking.synth scan", "creator": "masking.synth scan"})
        return out.tobytes(garbage=4, deflate=True), skews
    finally:
        src.close()
        out.close()


def _stable_seed(seed: int, key: str) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha256(f"scan:{seed}:{key}".encode()).digest()[:8], "big")


def scanned_page_pixmaps(pdf: bytes) -> list[pymupdf.Pixmap]:
    """The page images of an image-only PDF (as made by :func:`render_scanned_pdf`)."""
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        out = []
        for page in doc:
            xref = page.get_images()[0][0]
            pix = pymupdf.Pixmap(doc, xref)
            dpi = int(round(pix.width / page.rect.width * 72))
            pix.set_dpi(dpi, dpi)  # JPEG streams need not carry it
            out.append(pix)
        return out
    finally:
        doc.close()


def write_tiff(pixmaps: Sequence[pymupdf.Pixmap]) -> bytes:
    """An uncompressed 8-bit grey TIFF with one page (IFD) per pixmap, resolution included."""
    header = b"II*\x00"
    offset = 8
    ifd_offsets: list[int] = []
    blobs: list[tuple[bytes, bytes, bytes]] = []
    for pix in pixmaps:
        if pix.n != 1 or pix.alpha:
            pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
        data = bytes(pix.samples)
        xres = max(1, pix.xres or 72)
        res = struct.pack("<II", xres, 1)
        blobs.append((data, res, res))
    body = bytearray()
    entries_per = 11
    for pix, (data, xr, yr) in zip(pixmaps, blobs):
        data_off = offset + len(body)
        body += data
        if len(body) % 2:
            body += b"\x00"
        xr_off = offset + len(body)
        body += xr
        yr_off = offset + len(body)
        body += yr
        ifd_off = offset + len(body)
        ifd_offsets.append(ifd_off)
        w, h = pix.width, pix.height
        tags = [
            (256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
            (273, 4, 1, data_off), (277, 3, 1, 1), (278, 4, 1, h), (279, 4, 1, len(data)),
            (282, 5, 1, xr_off), (283, 5, 1, yr_off),
        ]
        assert len(tags) == entries_per
        ifd = struct.pack("<H", len(tags))
        for tag, typ, count, value in tags:
            if typ == 3:
                ifd += struct.pack("<HHIHH", tag, typ, count, value, 0)
            else:
                ifd += struct.pack("<HHII", tag, typ, count, value)
        ifd += b"\x00\x00\x00\x00"  # next IFD, patched below
        body += ifd
    # chain the IFDs
    out = bytearray(header + struct.pack("<I", ifd_offsets[0]) + bytes(body))
    for i, off in enumerate(ifd_offsets[:-1]):
        nxt_pos = off + 2 + entries_per * 12
        out[nxt_pos : nxt_pos + 4] = struct.pack("<I", ifd_offsets[i + 1])
    return bytes(out)
