"""Addresses in the layouts documents use, end to end: text PDFs and scans through OCR.

The same address block is drawn as a table row (street | postnummer | postort in columns), as
lines of their own (street, code, town), on one line without a comma, with a labelled postort
and with a property designation; the pipeline must mask every part and the output must not give
any of them back (text layer, raw objects, and for scans OCR of the released image).
"""

from __future__ import annotations

import shutil

import pymupdf
import pytest

from masking.textmatch import normalise_value

from .test_redaction_pdf import all_extractable

# (value, what it is): every one must be masked
VALUES = [
    "Lärkvägen 9", "582 30", "LINKÖPING", "Ringvägen 44 B", "118 60 Stockholm", "Tallstigen 3",
    "791 31", "Falun", "Notviken 3:41", "Box 1043", "901 20 Umeå", "Helsingborg",
]  # fmt: skip
KEPT = ["Uppgifter om sökanden", "sedan maj"]


def _address_page() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=420, height=260)

    def t(x: float, y: float, s: str) -> None:
        page.insert_text((x, y), s, fontsize=11, fontname="helv")

    t(24, 30, "Uppgifter om sökanden")
    t(24, 54, "Gatuadress"), t(150, 54, "Postnummer"), t(260, 54, "Postort")
    t(24, 72, "Lärkvägen 9"), t(150, 72, "582 30"), t(260, 72, "LINKÖPING")  # a table row
    t(24, 100, "Hon bor på Ringvägen 44 B 118 60 Stockholm sedan maj.")  # one line, no comma
    t(24, 124, "Ny adress:")
    t(24, 142, "Tallstigen 3")
    t(24, 160, "791 31")  # code and town on lines of their own
    t(24, 178, "Falun")
    t(24, 204, "Fastighet: Luleå Notviken 3:41, Box 1043, 901 20 Umeå")
    t(24, 228, "Postort:     Helsingborg")  # a labelled postort
    return doc.tobytes()


def _assert_masked(blob: str, digits_too: bool = True) -> None:
    """No value in ``blob``; ``digits_too=False`` (raw objects, where a font's width table holds
    any five-digit run) checks only the values with letters."""
    squeezed = normalise_value(blob)
    for value in VALUES:
        if digits_too or any(c.isalpha() for c in value):
            assert normalise_value(value) not in squeezed, value


def _page_text(data: bytes) -> str:
    return "\n".join(p.get_text("text", flags=0) for p in pymupdf.open(stream=data, filetype="pdf"))


def test_address_layouts_in_a_text_pdf(masker) -> None:
    result = masker.mask_bytes(_address_page(), name="adresser.pdf")
    _assert_masked(_page_text(result.output))
    _assert_masked(all_extractable(result.output), digits_too=False)
    text = pymupdf.open(stream=result.output, filetype="pdf")[0].get_text()
    for kept in KEPT:
        assert kept in text


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_address_layouts_in_a_scan(masker) -> None:
    from masking.ocr import get_engine
    from masking.ocr.pages import render_for_ocr
    from masking.synth.scan import ScanStyle, render_scanned_pdf

    style = ScanStyle(dpi=200, noise=8.0, blur=0.5, max_skew_deg=0.8, speckles=40)
    pdf, _ = render_scanned_pdf(_address_page(), seed=5, style=style)
    result = masker.mask_bytes(pdf, name="adresser.pdf")
    _assert_masked(_page_text(result.output))
    _assert_masked(all_extractable(result.output), digits_too=False)
    doc = pymupdf.open(stream=result.output, filetype="pdf")
    seen = " ".join(w.text for w in get_engine().recognize(render_for_ocr(doc[0], 300).pixmap, 300))
    _assert_masked(seen)
    assert "sökanden" in seen  # the page was read and is not blanked
