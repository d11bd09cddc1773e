"""Verification reads what a reader can find: a font's glyph metrics are numbers, not text.

A CIDFont's /W array lists glyph ids and widths ("5616 5617 434"); a masked four-digit clearing
number that happens to be one of those ids was reported as still extractable and the document
withheld without cause (#11).
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

from masking.pipeline import Masker
from masking.verify import MaskedValue, _RawScanner, _without_font_names

FONT = Path(__file__).resolve().parents[1] / "masking" / "fonts" / "DejaVuSans.ttf"


def test_glyph_metrics_are_not_searched_but_the_rest_of_a_font_dictionary_is() -> None:
    scanner = _RawScanner([MaskedValue("5616", "SE_BANK_ACCOUNT", ("5616",))])
    metrics = b"<< /Type /Font /Subtype /CIDFontType2 /W [ 1 [ 472 ] 5592 5600 572 5616 5617 434 ] /DW 1000 >>"
    assert scanner.find(_without_font_names(metrics)) is None
    # a value in another entry of the same dictionary is still found
    other = b"<< /Type /Font /Subtype /CIDFontType2 /W [ 1 [ 472 ] ] /Note (konto 5616) >>"
    assert scanner.find(_without_font_names(other)) is not None


def _pdf_with_glyph_id_in_widths() -> tuple[bytes, str]:
    """A page in an embedded CID font (its /W array an object of its own, as PyMuPDF writes it)
    with one of the array's four-digit numbers written as a clearing number in the text."""

    def build(extra: str) -> bytes:
        doc = pymupdf.open()
        page = doc.new_page()
        page.insert_font(fontname="dv", fontfile=str(FONT))
        page.insert_text((50, 80), "Beslut om bostadstillägg", fontname="dv", fontsize=11)
        if extra:
            page.insert_text((50, 120), extra, fontname="dv", fontsize=11)
        return doc.tobytes()

    doc = pymupdf.open(stream=build(""), filetype="pdf")
    numbers: list[str] = []
    for xref in range(1, doc.xref_length()):
        obj = doc.xref_object(xref).strip()
        if obj.startswith("["):
            numbers += [t for t in obj.replace("[", " ").replace("]", " ").split() if len(t) == 4 and t[0] != "0"]
    doc.close()
    assert numbers, "the font's /W array holds four-digit glyph ids"
    clearing = numbers[-1]
    return build(f"Bankkonto: clnr {clearing} ktonr 4411276530"), clearing


def test_clearing_number_equal_to_a_glyph_id_is_masked_not_withheld() -> None:
    data, clearing = _pdf_with_glyph_id_in_widths()
    result = Masker().mask_bytes(data, name="t")  # raises when verification withholds it
    out = pymupdf.open(stream=result.output, filetype="pdf")
    text = out[0].get_text()
    assert clearing not in text and "4411276530" not in text
    assert "bostadstillägg" in text
