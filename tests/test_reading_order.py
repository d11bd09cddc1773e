"""Page text in reading order from glyph geometry (#13 item 1): lines by baseline, glyphs by x,
spacing normalised. Characters drawn in reverse order, a first digit drawn after the rest,
letter-spaced text (Tc), wide word spacing (Tw) and a comb field (one digit per box) read as
the page shows them, so the value is found, masked and cannot be extracted; verification also
reads the stream-order text."""

from __future__ import annotations

import pymupdf
import pytest

from masking.pdf import extract_page_text, prepare_for_redaction
from masking.verify import masked_values_from, verify_pdf_bytes

from . import hostile_pdfs as H

DIGITS = H.PNR.replace("-", "")


def _page_text(data: bytes) -> str:
    doc = pymupdf.open(stream=data, filetype="pdf")
    prepare_for_redaction(doc)  # a comb field becomes page content here
    return extract_page_text(doc[0]).text


def _extractable(data: bytes) -> list[str]:
    doc = pymupdf.open(stream=data, filetype="pdf")
    text = "".join(p.get_text() + extract_page_text(p).text for p in doc)
    squeezed = "".join(text.split()).replace("-", "")
    raw = []
    for x in range(1, doc.xref_length()):
        raw.append(doc.xref_object(x))
        if doc.xref_is_stream(x):
            raw.append((doc.xref_stream(x) or b"").decode("latin-1"))
    blob = "\n".join(raw)
    hexes = blob.lower()
    found = []
    for piece in (DIGITS[:6], DIGITS[6:], "Andersson"):
        if piece in squeezed or piece in blob or piece.encode("latin-1").hex() in hexes:
            found.append(piece)
    return found


@pytest.mark.parametrize("kind", sorted(H.READING_ORDER))
def test_the_line_reads_as_the_page_shows_it(kind):
    text = _page_text(H.READING_ORDER[kind]())
    assert H.PNR in text
    if kind != "comb_field":
        assert H.ORDER_LINE in text
    else:
        assert H.NAME in text


@pytest.mark.parametrize("kind", sorted(H.READING_ORDER))
def test_builders_hide_the_value_from_stream_order(kind):
    """Positive control: MuPDF's own (stream-order) text does not hold the value as one run."""
    doc = pymupdf.open(stream=H.READING_ORDER[kind](), filetype="pdf")
    doc.bake()
    assert H.PNR not in doc[0].get_text() or H.NAME not in doc[0].get_text()


@pytest.mark.parametrize("kind", sorted(H.READING_ORDER))
def test_the_value_is_masked_and_not_extractable(kind, masker):
    data = H.READING_ORDER[kind]()
    assert _extractable(data)  # positive control
    result = masker.mask_bytes(data)
    assert result.verification.passed
    assert _extractable(result.output) == []
    assert "Beslutet" in pymupdf.open(stream=result.output, filetype="pdf")[0].get_text()


def _doc(draw) -> pymupdf.Page:
    doc = pymupdf.open()
    page = doc.new_page()
    draw(page)
    return page


def test_ordinary_text_keeps_its_words_and_columns():
    def draw(page):
        page.insert_text((72, 100), "Beslutet gäller från", fontsize=11, fontname="helv")
        # a second column 20 pt (1.8 em) to the right on the same baseline
        x = 72 + pymupdf.get_text_length("Beslutet gäller från", "helv", 11) + 20
        page.insert_text((x, 100), "Sökanden har rätt", fontsize=11, fontname="helv")
        # words as separate text objects, no space characters, a normal word gap
        x = 72
        for w in ("Anna", "Berg", "bor", "här"):
            page.insert_text((x, 140), w, fontsize=11, fontname="helv")
            x += pymupdf.get_text_length(w, "helv", 11) + 3.5
    text = extract_page_text(_doc(draw)).text
    assert "Beslutet gäller från\nSökanden har rätt" in text
    assert "Anna Berg bor här" in text


def test_letter_spaced_words_stay_apart_at_their_spaces():
    def draw(page):
        page.insert_text((72, 100), "Anna Berg", fontsize=11, fontname="helv")
    page = _doc(draw)
    doc = page.parent
    xref = page.get_contents()[0]
    doc.update_stream(xref, doc.xref_stream(xref).replace(b"Tf", b"Tf 4 Tc", 1))
    assert "Anna Berg" in extract_page_text(doc[0]).text


def test_verification_reads_stream_order_too():
    """A value that reads as one run only in stream order (its second half drawn first, to the
    left) is found by verification."""
    def draw(page):
        page.insert_text((200, 100), DIGITS[:6] + "-", fontsize=11, fontname="helv")
        page.insert_text((72, 100), DIGITS[6:], fontsize=11, fontname="helv")
    page = _doc(draw)
    assert H.PNR.replace("-", "") not in extract_page_text(page).text.replace("-", "").replace(" ", "")
    r = verify_pdf_bytes(page.parent.tobytes(), masked_values_from([("SE_PERSONNUMMER", H.PNR)]))
    assert not r.passed and any(f.check == "text_layer" for f in r.findings)
