"""Ink that the OCR engine did not read is read a second time (masking.ocr.unread)."""

from __future__ import annotations

import numpy as np
import pymupdf

from masking.ocr import OcrWord
from masking.ocr.unread import reread_unread_ink, unread_regions

DPI = 200
H, W = 800, 800


def _page(blocks, rules=()):
    """A grey page with dark blocks (x0, y0, x1, y1), each like a word of 10 pt type, and
    vertical ruling lines at the given x over the whole page."""
    a = np.full((H, W), 245, dtype=np.uint8)
    for x0, y0, x1, y1 in blocks:
        a[y0:y1:2, x0:x1] = 30  # striped: ink with gaps, like letters
    for x in rules:
        a[:, x : x + 3] = 20
    return a


def _pix(a):
    return pymupdf.Pixmap(pymupdf.csGRAY, a.shape[1], a.shape[0], a.tobytes(), False)


class _Engine:
    """Returns ``first`` for the whole page and ``second`` for any smaller image (a crop)."""

    name = "fake"
    version = "test"

    def __init__(self, second):
        self.second = second
        self.calls = []

    def recognize(self, image, dpi, *, sparse=False):
        self.calls.append((image.width, image.height, sparse))
        return list(self.second)


READ = OcrWord("Beslut", (100.0, 100.0, 220.0, 122.0), 95.0, 0, 0)
DROPPED = (100, 300, 200, 322)  # a word-sized block of ink no word covers


def test_dropped_text_is_read_again_and_placed_after_the_line_above():
    a = _page([(100, 100, 220, 122), DROPPED])
    below = OcrWord("Nästa", (100.0, 500.0, 200.0, 522.0), 95.0, 0, 1)
    engine = _Engine([OcrWord("Ksenia", (10.0, 10.0, 110.0, 32.0), 90.0, 0, 0)])
    out = reread_unread_ink([READ, below], _pix(a), DPI, engine)
    assert [w.text for w in out] == ["Beslut", "Ksenia", "Nästa"]
    assert len(engine.calls) == 1 and engine.calls[0][2] is True  # one crop, read as sparse text
    crop_w, crop_h = engine.calls[0][:2]
    assert crop_w < W / 2 and crop_h < H / 4
    ksenia = out[1]
    # the crop's word box is moved back into page pixels, around the dropped ink
    assert ksenia.box[0] < DROPPED[0] + 20 and ksenia.box[1] > DROPPED[1] - 40
    assert ksenia.line not in {READ.line, below.line}  # a line of its own


def test_nothing_to_read_again_when_every_ink_is_a_word():
    a = _page([(100, 100, 220, 122)])
    engine = _Engine([OcrWord("x", (0.0, 0.0, 5.0, 5.0), 90.0, 0, 0)])
    assert reread_unread_ink([READ], _pix(a), DPI, engine) == [READ]
    assert engine.calls == []


def test_specks_and_ruling_lines_are_no_text():
    a = _page([(100, 100, 220, 122)], rules=[600])
    a[300:302, 300:302] = 0  # a speck
    a[700:702, 100:500] = 0  # a horizontal rule
    a[400:490, 400:403] = 0  # a cell border as tall as a few lines (0.45 inch)
    assert unread_regions(a, [READ], DPI) == []
    a[400:490, 420:423] = 245
    a[440:450, 420:440] = 0  # ink of text size next to it is still found
    assert len(unread_regions(a, [READ], DPI)) == 1


def test_engine_finding_nothing_adds_nothing():
    a = _page([(100, 100, 220, 122), DROPPED])
    engine = _Engine([OcrWord("~", (0.0, 0.0, 5.0, 5.0), 10.0, 0, 0)])  # no letters or digits
    assert reread_unread_ink([READ], _pix(a), DPI, engine) == [READ]
    assert len(engine.calls) == 1


def test_words_read_again_never_split_a_line():
    # the word above the dropped ink is the first of a line that goes on to the right
    a = _page([(100, 100, 220, 122), (300, 100, 360, 122), DROPPED])
    rest = OcrWord("05 45", (300.0, 100.0, 360.0, 122.0), 95.0, 0, 0)  # same line as READ
    engine = _Engine([OcrWord("Ksenia", (10.0, 10.0, 110.0, 32.0), 90.0, 0, 0)])
    out = reread_unread_ink([READ, rest], _pix(a), DPI, engine)
    assert [w.text for w in out] == ["Beslut", "05 45", "Ksenia"]



def test_min_pool_is_the_darkest_pixel_of_each_cell():
    """The strided minima equal a plain per-cell minimum, on shapes that do and do not divide
    into cells and on a view that is not contiguous."""
    from masking.ocr.unread import _min_pool

    rng = np.random.default_rng(7)
    for shape in ((40, 40), (43, 37), (4, 9), (3, 3)):
        a = rng.integers(0, 256, shape, dtype=np.uint8)
        for k in (2, 3, 4):
            for img in (a, a[:, 1:]):
                h, w = img.shape[0] // k, img.shape[1] // k
                want = np.array([[img[r * k:(r + 1) * k, c * k:(c + 1) * k].min() for c in range(w)] for r in range(h)],
                                dtype=np.uint8).reshape(h, w)
                assert np.array_equal(_min_pool(img, k), want)
