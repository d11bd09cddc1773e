"""Scanned documents are masked in memory that does not grow with the page count (issue 6).

A scan of N pages of grain (each page its own JPEG, about 0.6 MB, nearly incompressible) is
masked file to file, with a scripted OCR engine (no Tesseract: fast and exact) and chunks of 3
pages. The peak RSS while masking (VmHWM, reset just before) of a 24-page scan must stay within
half a page's JPEG per extra page of that of a 4-page scan. Held whole, as before the
streaming redaction, every extra page costs several times its JPEG (the redacted image, the
output, the verification's copies), so this fails.

Free heap left by other tests would hide growth, so glibc is asked to give freed memory back
before each run (``malloc_trim``); the test needs Linux with glibc and is skipped elsewhere.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

import numpy as np
import pymupdf
import pytest

from masking.ocr import OcrSettings, OcrWord, register_engine

PNR = "811218-9876"
LINES = [["Beslut", "om", "bostadsbidrag"], ["Personnummer:", PNR], ["Sökande:", "Anna", "Andersson"]]
SMALL, LARGE = 4, 24


class _Engine:
    """The same three lines on every page, at fixed pixel boxes (200 dpi)."""

    name = "scripted-memory"
    version = "test"

    def recognize(self, image, dpi, *, sparse=False):
        if sparse:  # pixel verification: nothing readable (the areas are white anyway)
            return []
        words = []
        for li, line in enumerate(LINES):
            x, y = 60.0, 80.0 + li * 50
            for w in line:
                width = 18.0 * len(w)
                words.append(OcrWord(w, (x, y, x + width, y + 26), 90.0, 1, li))
                x += width + 16
        return words


def _libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # noqa: B018  (glibc only)
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except (OSError, AttributeError):
        return None
    return libc


def _vm(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise AssertionError(field)


def _grain_scan(path, pages: int, rng: np.random.Generator) -> int:
    """An image-only PDF of ``pages`` A6 pages of grain at 200 dpi, each its own crop of one
    field of grain (so its own JPEG); returns the mean JPEG size."""
    w, h = 827, 1166
    grain = rng.integers(40, 256, (h + 64, w + 64), dtype=np.uint8)
    doc = pymupdf.open()
    sizes = []
    for _ in range(pages):
        dy, dx = (int(v) for v in rng.integers(0, 64, 2))
        a = np.ascontiguousarray(grain[dy : dy + h, dx : dx + w])
        jpeg = pymupdf.Pixmap(pymupdf.csGRAY, w, h, a.tobytes(), 0).tobytes("jpeg", jpg_quality=75)
        sizes.append(len(jpeg))
        page = doc.new_page(width=298, height=420)
        page.insert_image(page.rect, stream=jpeg)
    doc.save(str(path))
    doc.close()
    return int(sum(sizes) / len(sizes))


def _peak_growth(masker, libc, src, out) -> int:
    libc.malloc_trim(0)
    base = _vm("VmRSS")
    with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
        fh.write("5")
    result = masker.mask_file(src, out)
    peak = _vm("VmHWM")
    assert result.verification.passed and result.report["input"]["pages"] in (SMALL, LARGE)
    assert result.output == b"" and result.output_path == out  # written, never held whole
    return peak - base


def test_peak_memory_does_not_grow_with_the_page_count(masker, tmp_path, monkeypatch):
    libc = _libc()
    if libc is None:
        pytest.skip("needs Linux with glibc and /proc/self/clear_refs")
    from masking.ocr import redaction
    from masking.pipeline import Masker

    register_engine("scripted-memory", _Engine)
    monkeypatch.setenv("MASKING_OCR_ENGINE", "scripted-memory")
    monkeypatch.setattr(redaction, "CHUNK_PAGES", 3)
    m = Masker(analyzer=masker.analyzer, ocr=OcrSettings(deskew=False))
    rng = np.random.default_rng(6)
    small, large = tmp_path / "small.pdf", tmp_path / "large.pdf"
    _grain_scan(small, SMALL, rng)
    page_bytes = _grain_scan(large, LARGE, rng)

    _peak_growth(m, libc, small, tmp_path / "warm.out.pdf")  # first-run costs (fonts, codecs) out of the way
    grow_small = _peak_growth(m, libc, small, tmp_path / "small.out.pdf")
    grow_large = _peak_growth(m, libc, large, tmp_path / "large.out.pdf")

    out = pymupdf.open(tmp_path / "large.out.pdf")
    assert out.page_count == LARGE and PNR not in "".join(p.get_text() for p in out)
    out.close()
    extra_pages = LARGE - SMALL
    # half a page's JPEG per extra page (measured: 0.1-0.2); a redacted copy of every page held
    # until the end costs 2.4, the whole document held as before the streaming redaction more
    assert grow_large - grow_small < extra_pages * page_bytes / 2, (grow_small, grow_large, page_bytes)
