"""Optional content resolved to what a default viewer shows (#13 item 4): content a default
viewer shows is analysed and masked, whatever its layers' rules (/P /AllOff, /AnyOff, /VE
expressions, on images, annotations, inside Form XObjects); content it hides is gone from the
output; no optional-content machinery (/OCProperties, /OC) is left, so the released file shows
what was analysed in every viewer."""

from __future__ import annotations

import re

import pymupdf
import pytest

from masking.optional_content import Visibility, resolve_optional_content
from masking.pipeline import Masker

from . import hostile_pdfs as H

DIGITS = H.PNR.replace("-", "")
PIECES = (H.PNR, DIGITS[:6], DIGITS[6:], "Andersson")


def _raw(data: bytes) -> bytes:
    doc = pymupdf.open(stream=data, filetype="pdf")
    parts = []
    for xref in range(1, doc.xref_length()):
        parts.append(doc.xref_object(xref).encode("latin-1", "replace"))
        if doc.xref_is_stream(xref):
            parts.append(doc.xref_stream(xref) or b"")
    doc.close()
    return b"\n".join(parts)


def _text(data: bytes) -> str:
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        return "".join(p.get_text("text", flags=0) for p in doc)
    finally:
        doc.close()


def _extractable(data: bytes) -> list[str]:
    """The value's pieces readable from the file's text or raw objects (any string form)."""
    text = _text(data)
    raw = _raw(data).lower()
    found = []
    for piece in PIECES:
        forms = [piece.encode("latin-1"), piece.encode("utf-16-be").hex().encode(), piece.encode("latin-1").hex().encode()]
        if piece in text or any(f.lower() in raw for f in forms):
            found.append(piece)
    return found


def _no_machinery(data: bytes) -> None:
    raw = _raw(data)
    # gone or null (PDF 32000 7.3.7: a null entry is the same as no entry)
    assert not re.search(rb"/OCProperties\s*(?!null\b)\S", raw)
    assert not re.search(rb"/OC(?![A-Za-z])\s*(?!null\b)\S", raw)
    assert b"/OCMD" not in raw and b"/OCG" not in raw


def _dark_share(data: bytes, rect: pymupdf.Rect) -> float:
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        pix = doc[0].get_pixmap(clip=rect, colorspace=pymupdf.csGRAY, dpi=144, alpha=False)
    finally:
        doc.close()
    return sum(1 for v in pix.samples if v < 100) / max(1, len(pix.samples))


def _value_rects() -> list[pymupdf.Rect]:
    """Where the text builders draw the name and the personnummer (the same call, no layer)."""
    tmp = pymupdf.open()
    page = tmp.new_page()
    page.insert_text(H.LAYER_AT, H.LAYER_VALUE, fontsize=H.SIZE, fontname="helv")
    rects = [page.search_for(H.NAME)[0], page.search_for(H.PNR)[0]]
    tmp.close()
    return rects


TEXT_SHOWN = ("all_off_of_off_group", "any_off", "ve_not", "ve_or")


# -- evaluation of the default configuration, without the analyzer ------------------------------

@pytest.mark.parametrize("kind", sorted(H.LAYERS_SHOWN))
def test_resolving_keeps_what_a_default_viewer_shows(kind):
    doc = pymupdf.open(stream=H.LAYERS_SHOWN[kind](), filetype="pdf")
    assert doc.xref_get_key(doc.pdf_catalog(), "OCProperties")[0] != "null"  # the builder has layers
    resolve_optional_content(doc)
    data = doc.tobytes(garbage=3)
    _no_machinery(data)
    if "image" in kind:
        assert len(pymupdf.open(stream=data, filetype="pdf")[0].get_images()) == 1
    else:  # now shown unconditionally, so every extractor reads it (and the pipeline masks it)
        doc = pymupdf.open(stream=data, filetype="pdf")
        doc.bake()
        assert H.PNR in doc[0].get_text()


@pytest.mark.parametrize("kind", sorted(H.LAYERS_HIDDEN))
def test_resolving_removes_what_a_default_viewer_hides(kind):
    data0 = H.LAYERS_HIDDEN[kind]()
    assert _extractable(data0) or b"/Image" in _raw(data0)  # positive control: the value is in the file
    doc = pymupdf.open(stream=data0, filetype="pdf")
    resolve_optional_content(doc)
    data = doc.tobytes(garbage=4)
    _no_machinery(data)
    assert _extractable(data) == []
    out = pymupdf.open(stream=data, filetype="pdf")
    assert out[0].get_images() == [] and H.PLAIN in out[0].get_text()


def test_visibility_follows_the_specification_not_mupdf():
    """MuPDF renders /P /AnyOff and /AllOn the other way round and ignores /VE; the default
    configuration is evaluated as PDF 32000-1 8.11 says."""
    for build, shown in ((H.layer_anyoff_shown, True), (H.layer_allon_hidden, False),
                         (H.layer_ve_and_hidden, False), (H.layer_ve_not_shown, True),
                         (H.layer_shown_when_other_off, True), (H.layer_shown_when_off, False)):
        doc = pymupdf.open(stream=build(), filetype="pdf")
        vis = Visibility(doc)
        ocmds = [x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Type")[1] == "/OCMD"]
        assert len(ocmds) == 1
        assert vis.visible(ocmds[0]) is shown, build.__name__


def test_content_stream_syntax_does_not_confuse_the_filter():
    """Strings and inline-image data holding 'EMC', nested marked content, a visible section
    after a hidden one: exactly the hidden section goes."""
    doc = pymupdf.open()
    page = doc.new_page()
    ocg = doc.add_ocg("Dold", on=False)
    vis = doc.add_ocg("Synlig", on=True)
    rx, prefix = H._page_resources(doc, page)
    doc.xref_set_key(rx, prefix + "Properties", f"<</H {ocg} 0 R /V {vis} 0 R>>")
    doc.xref_set_key(rx, prefix + "Font", f"<</F1 {H._HELV}>>")
    value = H.LAYER_VALUE.encode("latin-1")
    content = (b"/OC /H BDC /Span <</MCID 0>> BDC BT /F1 11 Tf 72 700 Td (" + value + b" \\) EMC \\(x) Tj ET EMC\n"
               b"q 10 0 0 10 72 600 cm BI /W 4 /H 1 /CS /G /BPC 8 ID EMC EI Q\n"
               b"BT /F1 11 Tf 72 680 Td <" + value.hex().encode() + b"> Tj ET EMC\n"
               b"/OC /V BDC BT /F1 11 Tf 72 660 Td (Efter) Tj ET EMC\n"
               b"BT /F1 11 Tf 72 640 Td (Sist) Tj ET\n")
    H._append_content(doc, page, content)
    resolve_optional_content(doc)
    data = doc.tobytes(garbage=4)
    assert _extractable(data) == []
    text = _text(data)
    assert "Efter" in text and "Sist" in text
    stream = pymupdf.open(stream=data, filetype="pdf")[0].read_contents()
    assert stream.count(b"BDC") + stream.count(b"BMC") == stream.count(b"EMC")


# -- the pipeline -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ocr_masker(masker):
    from masking.ocr import OcrSettings

    return Masker(analyzer=masker.analyzer, ocr=OcrSettings())


@pytest.mark.parametrize("kind", sorted(H.LAYERS_SHOWN))
def test_a_value_a_default_viewer_shows_is_masked(kind, masker, ocr_masker):
    data = H.LAYERS_SHOWN[kind]()
    if "image" in kind:  # the value is only pixels: read by visual verification (OCR)
        from .test_visual_verify import _leaks, _ocr_words, _tesseract_ready

        if not _tesseract_ready():
            pytest.skip("Tesseract or its Swedish data is not installed")
        result = ocr_masker.mask_bytes(data)
        assert _leaks(_ocr_words(result.output)) == []
    else:
        result = masker.mask_bytes(data)
    assert result.verification.passed
    out = result.output
    assert _extractable(out) == []
    _no_machinery(out)
    assert H.PLAIN in _text(out)
    if kind in TEXT_SHOWN:  # rendered without OCR: a box covers each part of the value
        for rect in _value_rects():
            assert _dark_share(out, rect) > 0.6, kind


@pytest.mark.parametrize("kind", sorted(H.LAYERS_HIDDEN))
def test_content_a_default_viewer_hides_is_gone_from_the_output(kind, masker):
    result = masker.mask_bytes(H.LAYERS_HIDDEN[kind]())
    assert result.verification.passed
    out = result.output
    assert _extractable(out) == []
    _no_machinery(out)
    assert H.PLAIN in _text(out)
    # nothing is drawn where the hidden value was (no box either: it was never shown)
    for rect in _value_rects() + [pymupdf.Rect(H.X, 300, H.X + 400, 360)]:
        assert _dark_share(out, rect) == 0.0, kind
