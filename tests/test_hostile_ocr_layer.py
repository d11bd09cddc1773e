"""Existing OCR layers are not trusted (#13 item 3): a page whose only text is invisible over an
image (render mode 3), or hidden under the image, is a scan. It is OCR'd afresh and its old layer
dropped, as OCRmyPDF's redo-ocr does: a value the pixels show is masked even where the old layer
lacks it or says other words, and the old layer's words do not reach the output."""

from __future__ import annotations

import pymupdf
import pytest

from masking.ocr import OcrSettings, needs_ocr
from masking.pdf import extract_page_text
from masking.pipeline import Masker

from . import hostile_pdfs as H
from .test_visual_verify import _leaks, _ocr_words, needs_tesseract

WRONG = H.WRONG_LAYER_WORDS.split()


def _text(data: bytes) -> str:
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        return "".join(p.get_text() for p in doc)
    finally:
        doc.close()


def _raw(data: bytes) -> str:
    doc = pymupdf.open(stream=data, filetype="pdf")
    parts = []
    for x in range(1, doc.xref_length()):
        parts.append(doc.xref_object(x))
        if doc.xref_is_stream(x) and not doc.xref_is_image(x):
            parts.append((doc.xref_stream(x) or b"").decode("latin-1"))
    doc.close()
    return "\n".join(parts)


@pytest.mark.parametrize("kind", sorted(H.SCANS_WITH_LAYER))
def test_a_page_whose_text_is_hidden_over_an_image_is_a_scan(kind):
    doc = pymupdf.open(stream=H.SCANS_WITH_LAYER[kind](), filetype="pdf")
    page = doc[0]
    pt = extract_page_text(page)
    assert len(pt.text.strip()) >= 20  # the old layer is there (and readable by extraction)
    assert needs_ocr(page, pt) == "scanned"


def test_typed_text_over_a_background_image_keeps_its_layer():
    doc = pymupdf.open(stream=H.value_in_background_image(), filetype="pdf")
    page = doc[0]
    assert needs_ocr(page, extract_page_text(page)) is None


@pytest.fixture(scope="module")
def ocr_masker(masker):
    return Masker(analyzer=masker.analyzer, ocr=OcrSettings())


@needs_tesseract
@pytest.mark.parametrize("kind", sorted(H.SCANS_WITH_LAYER))
def test_the_value_in_the_pixels_is_masked_whatever_the_old_layer_says(kind, ocr_masker):
    data = H.SCANS_WITH_LAYER[kind]()
    assert len(_leaks(_ocr_words(data))) == 3  # positive control: the scan shows the value
    result = ocr_masker.mask_bytes(data)
    assert result.verification.passed
    out = result.output
    assert _leaks(_ocr_words(out)) == []
    text = _text(out)
    assert H.PNR not in text and "Andersson" not in text
    raw = _raw(out)
    for word in WRONG:  # the old layer is gone (its words were never on the page)
        assert word not in text and word not in raw, word
    assert "Beslutet" in text  # the new searchable layer, read from the pixels
    assert {a.entity_type for a in result.areas} >= {"SE_PERSONNUMMER", "PERSON"}
