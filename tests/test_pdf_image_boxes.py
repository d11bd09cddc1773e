"""masking.pdf.image_boxes: the boxes of every kind of image a page draws, as get_image_info
gives them (stage verify picks the pages whose masked areas meet an image by them: a page left
out would not have its pixels read again)."""

from __future__ import annotations

import pymupdf

from masking.model import MaskedArea, PageText
from masking.ocr.verify import _pages_to_check
from masking.pdf import image_boxes


def _page_with_images() -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=400)
    page.insert_text((20, 380), "Text on the page", fontsize=11)
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 4, 4), False)
    pix.clear_with(90)
    page.insert_image(pymupdf.Rect(20, 20, 120, 70), pixmap=pix)  # an XObject image
    inline = (b"q 100 0 0 40 200 300 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x10\x20\x30\x40 EI Q\n"
              b"q 80 0 0 20 200 200 cm 0 g BI /W 8 /H 1 /IM true /BPC 1 ID \x0f EI Q\n")  # inline, stencil
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, inline)
    refs = " ".join(f"{x} 0 R" for x in page.get_contents() + [xref])
    doc.xref_set_key(page.xref, "Contents", f"[{refs}]")
    return doc


def _rounded(boxes) -> list[tuple]:
    return sorted(tuple(round(v, 1) for v in b) for b in boxes)


def test_image_boxes_are_those_of_image_info() -> None:
    doc = _page_with_images()
    page = doc[0]
    boxes = image_boxes(page)
    assert len(boxes) == 3  # the XObject, the inline image and the stencil mask
    assert _rounded(boxes) == _rounded(i["bbox"] for i in page.get_image_info())


def test_text_page_whose_area_meets_an_image_is_checked() -> None:
    doc = pymupdf.open(stream=_page_with_images().tobytes(), filetype="pdf")
    pt = PageText(0, 400, 400, 0, "", [], [])
    for box in ((30, 30, 60, 50), (210, 65, 260, 80), (210, 185, 240, 195)):  # each image
        area = MaskedArea(page=0, box=box, entity_type="PERSON", ground="OSL", score=1.0, recognizer="t")
        assert _pages_to_check(doc, [pt], [area]) == [0]
    clear = MaskedArea(page=0, box=(20, 360, 100, 385), entity_type="PERSON", ground="OSL", score=1.0, recognizer="t")
    assert _pages_to_check(doc, [pt], [clear]) == []


def test_what_a_page_draws_is_read_once_while_kept_and_afresh_after_redaction() -> None:
    from masking.model import ManualBox
    from masking.pdf import drawn, extract_page_text, forget_drawn, keep_drawn
    from masking.policy import load_policy
    from masking.redact import redact_page

    doc = pymupdf.open(stream=_page_with_images().tobytes(), filetype="pdf")
    page = doc[0]
    assert drawn(page) is not drawn(page)  # not kept: read afresh each time
    keep_drawn(doc)
    first = drawn(page)
    assert drawn(doc[0]) is first and len(first.images) == 3  # kept: read once
    forget_drawn(doc, 0)
    assert drawn(doc[0]) is not first  # that page forgotten, read again
    before = drawn(doc[0])
    box = ManualBox(page=0, box=(150, 100, 300, 150), entity_type="PERSON")
    redact_page(doc[0], extract_page_text(doc[0]), [], load_policy(), [box])
    after = drawn(doc[0])  # the redaction changed the page: what it draws is read afresh
    assert after is not before and len(after.path_heights) > len(before.path_heights)  # the fill box
