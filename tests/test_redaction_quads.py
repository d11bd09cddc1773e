"""All boxes of a page redacted as one annotation with a quadrilateral per box
(masking.redact._add_redactions) remove what one annotation per box removes: the text under
each box (neighbours kept), the image pixels under each box, the line art each box touches;
and the page keeps no annotation."""

from __future__ import annotations

import numpy as np
import pymupdf

from masking.model import ManualBox, PageText
from masking.policy import load_policy
from masking.redact import redact_page


def _page() -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    page.insert_text((40, 50), "keep ALPHA keep", fontsize=12)
    page.insert_text((40, 90), "keep BRAVO keep", fontsize=12)
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 100, 40), False)
    pix.set_rect(pix.irect, (0,))  # a black image
    page.insert_image(pymupdf.Rect(40, 150, 240, 190), pixmap=pix, keep_proportion=False)
    page.draw_line((300, 120), (380, 120), width=2)  # line art under the last box
    page.draw_line((300, 260), (380, 260), width=2)  # line art no box touches
    return doc, page


def _word_rect(page: pymupdf.Page, word: str) -> pymupdf.Rect:
    return page.search_for(word)[0]


def test_one_annotation_redacts_every_box():
    doc, page = _page()
    boxes = [_word_rect(page, "ALPHA"), _word_rect(page, "BRAVO"), pymupdf.Rect(60, 160, 120, 180),
             pymupdf.Rect(320, 115, 340, 125)]
    pt = PageText(0, page.rect.width, page.rect.height, 0, "", [], [])
    policy = load_policy(None)
    areas = redact_page(page, pt, (), policy, [ManualBox(page=0, box=tuple(b)) for b in boxes])
    assert len(areas) == 4
    assert page.first_annot is None
    out = pymupdf.open(stream=doc.tobytes(garbage=4), filetype="pdf")[0]
    text = out.get_text()
    assert "ALPHA" not in text and "BRAVO" not in text
    assert text.count("keep") == 4
    img = out.get_images(full=True)[0]
    pix = pymupdf.Pixmap(out.parent, img[0])
    a = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
    # the box covers image x 20..80 of 100 px, y 5..15 of 40 (scaled from the 200 x 40 pt placement)
    assert (a[12:28, 12:38] == 255).all()  # destroyed (white) under the box
    assert (a[:, 60:] == 0).all()  # untouched beside it
    lines = [d for d in out.get_drawings() if d["rect"].height < 5 and d["rect"].width > 50]
    ys = sorted(round(d["rect"].y0) for d in lines)
    assert all(y > 200 for y in ys) and ys  # the touched line is gone, the other kept
