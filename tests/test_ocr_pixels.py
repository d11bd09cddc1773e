"""Page images decoded once (masking.ocr.pixels): where images sit without decoding them, which
pages the pixel redaction of decoded images takes, and that it destroys the pixels."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from masking.ocr import pixels
from masking.ocr.pixels import image_placements, pixel_plan, pixel_rect, redact_page_pixels, redacted_pixels


def _pix(w=50, h=40, level=60) -> pymupdf.Pixmap:
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, w, h), False)
    pix.set_rect(pix.irect, (level,))
    return pix


def _reopen(doc: pymupdf.Document) -> pymupdf.Document:
    return pymupdf.open(stream=doc.tobytes(), filetype="pdf")


@pytest.fixture(autouse=True)
def _empty_caches():
    pixels.clear()
    yield
    pixels.clear()


def test_placements_match_mupdfs_image_list_upright_and_turned():
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=300)
    page.insert_image(pymupdf.Rect(10, 10, 110, 90), pixmap=_pix(50, 40, 60))
    page.insert_image(pymupdf.Rect(150, 10, 230, 110), pixmap=_pix(50, 40, 90), rotate=90)
    doc = _reopen(doc)
    page = doc[0]
    got = image_placements(page)
    assert got is not None and len(got) == 2
    want = page.get_image_info(xrefs=True)
    for p, info in zip(sorted(got, key=lambda p: p.xref), sorted(want, key=lambda i: i["xref"])):
        assert p.xref == info["xref"]
        assert np.allclose(tuple(p.matrix), info["transform"], atol=1e-3)
        assert p.upright


def test_placements_refused_where_an_image_cannot_be_told_without_decoding():
    src = pymupdf.open()
    sp = src.new_page(width=100, height=100)
    sp.insert_image(sp.rect, pixmap=_pix())
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=300)
    page.show_pdf_page(pymupdf.Rect(10, 150, 110, 250), src, 0)  # an image inside a Form XObject
    assert image_placements(_reopen(doc)[0]) is None

    doc = pymupdf.open()
    page = doc.new_page(width=300, height=300)
    page.insert_image(pymupdf.Rect(10, 10, 110, 90), pixmap=_pix())
    xref = page.get_contents()[0]
    doc.update_stream(xref, doc.xref_stream(xref) + b"\nq 40 0 0 30 200 10 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\x00\xff EI Q\n")
    assert image_placements(_reopen(doc)[0]) is None  # an inline image

    doc = pymupdf.open()
    page = doc.new_page(width=300, height=300)
    page.insert_image(pymupdf.Rect(10, 10, 110, 90), pixmap=_pix())
    page.set_rotation(90)
    assert image_placements(_reopen(doc)[0]) is None  # a rotated page


def test_pixel_rect_takes_every_pixel_the_box_meets():
    m = pymupdf.Matrix(100, 0, 0, 80, 10, 10)  # a 50 x 40 image on (10, 10, 110, 90): 2 pt per pixel
    assert pixel_rect(m, (10, 10, 14, 14), 50, 40) == (0, 0, 2, 2)
    assert pixel_rect(m, (11, 11, 13.5, 13.5), 50, 40) == (0, 0, 2, 2)  # partly met pixels too
    assert pixel_rect(m, (200, 200, 210, 210), 50, 40) is None


def test_shared_image_and_masked_image_go_to_mupdf():
    doc = pymupdf.open()
    a = doc.new_page(width=200, height=200)
    xref = a.insert_image(pymupdf.Rect(0, 0, 100, 80), pixmap=_pix())
    b = doc.new_page(width=200, height=200)
    b.insert_image(pymupdf.Rect(0, 0, 100, 80), xref=xref)
    doc = _reopen(doc)
    assert pixel_plan(doc, doc[0], {xref}) is None
    assert pixel_plan(doc, doc[0], set()) is not None

    doc = pymupdf.open()
    page = doc.new_page(width=200, height=200)
    rgba = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 20), True)  # an image with a soft mask
    rgba.set_rect(rgba.irect, (10, 20, 30, 128))
    page.insert_image(pymupdf.Rect(0, 0, 100, 100), pixmap=rgba)
    doc = _reopen(doc)
    assert pixel_plan(doc, doc[0], set()) is None


@pytest.mark.parametrize("jpeg", [True, False])
def test_redaction_destroys_the_pixels_under_the_boxes_and_nothing_else(jpeg):
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=160)
    page.insert_image(pymupdf.Rect(0, 0, 200, 160), pixmap=_pix(100, 80, 40))  # 2 pt per pixel
    doc = _reopen(doc)
    page = doc[0]
    plan = pixel_plan(doc, page, set())
    assert plan is not None
    old = doc.xref_stream_raw(plan[0].xref)
    assert redact_page_pixels(doc, plan, [(20, 20, 60, 40)], jpeg) == 1
    xref = plan[0].xref
    assert doc.xref_stream_raw(xref) != old  # the stream itself replaced, nothing of it kept
    out = _reopen(doc)
    pix = pymupdf.Pixmap(out, xref)
    a = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
    assert int(a[11:19, 11:29].min()) >= (230 if jpeg else 255)  # white (JPEG-encoded): destroyed
    assert int(a[40:, :].max()) <= 60 and int(a[:, 50:].max()) <= 60  # the rest as it was
    kept = redacted_pixels(out, xref)  # the pixel check reads what was encoded into this stream
    assert kept is not None and int(kept[10:20, 10:30].min()) == 255 and int(kept[30:, :].max()) == 40
