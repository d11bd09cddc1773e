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


class _DenseEngine:
    """A dense page: 60 lines of 12 words (about 4,000 characters)."""

    name = "scripted-dense"
    version = "test"

    def recognize(self, image, dpi, *, sparse=False):
        words = []
        for li in range(60):
            x = 10.0
            for k in range(12):
                w = f"Ord{li:02d}x{k:02d}"
                words.append(OcrWord(w, (x, 10.0 + li * 12, x + 50, 20.0 + li * 12), 90.0, 1, li))
                x += 56
        return words


def test_ocr_page_text_is_packed():
    """Every page's text and boxes are held until the output is written: an OCR'd page keeps
    its glyphs, character map and words in arrays (a sixth of lists of tuples), read the same."""
    import copy
    import pickle
    import tracemalloc

    from masking.ocr.pages import ocr_page, page_text_from_words

    doc = pymupdf.open()
    page = doc.new_page(width=720, height=760)
    engine = _DenseEngine()
    settings = OcrSettings(dpi=100, deskew=False)
    ocr_page(page, engine, settings, "no_text_layer")  # first-call caches out of the way
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        pt = ocr_page(page, engine, settings, "no_text_layer")
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(pt.text) > 4000
    assert held / len(pt.text) < 100, held / len(pt.text)  # lists of tuples: about 300 bytes a character
    # read exactly as the lists page_text_from_words builds
    from masking.ocr.pages import render_for_ocr

    r = render_for_ocr(page, 100, deskew=False)
    text, glyphs, char_glyph, _, spans = page_text_from_words(engine.recognize(None, 100), page, r.to_page,
                                                              px_per_pt=100 / 72)
    assert pt.text == text and pt.glyphs == glyphs and list(pt.char_glyph) == char_glyph and pt.words == spans
    assert pt.glyphs[-1] == glyphs[-1] and pt.glyphs[3:5] == glyphs[3:5] and pt.words[7] == spans[7]
    from masking.model import PageText

    plain = PageText(0, page.rect.width, page.rect.height, 0, text, glyphs, char_glyph)
    start = pt.text.index("Ord10x03")
    assert pt.boxes_for_span(start, start + 30) == plain.boxes_for_span(start, start + 30)
    assert pt.glyphs_for_span(start, start + 8) == plain.glyphs_for_span(start, start + 8)
    assert pickle.loads(pickle.dumps(pt)) == pt and copy.deepcopy(pt) == pt
