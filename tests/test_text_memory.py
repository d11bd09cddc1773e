"""Text pages held compactly (issue #14, memory flat in page count): every page's glyphs are
held until the document is written, so extraction packs them into arrays as it reads them
(masking.ocr.pages.PackedGlyphs) instead of a tuple of floats per character."""

from __future__ import annotations

import tracemalloc

import pymupdf

from masking.model import Glyph
from masking.pdf import EXTRACT_FLAGS, extract_page_text


def _page() -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page()
    for k in range(40):
        page.insert_text((50, 50 + 17 * k), f"Rad {k}: Karin Lindqvist, 811218-9876, Storgatan 12, 114 18 Stockholm",
                         fontsize=10, fontname="helv")
    return doc


def test_packed_glyphs_are_the_characters_and_boxes_mupdf_gives() -> None:
    doc = _page()
    pt = extract_page_text(doc[0])
    raw = doc[0].get_text("rawdict", flags=EXTRACT_FLAGS)
    want = [(ch["c"], tuple(ch["bbox"])) for b in raw["blocks"] for ln in b["lines"] for sp in ln["spans"]
            for ch in sp["chars"]]
    assert [(g.char, g.box) for g in pt.glyphs] == want  # one line per text object here: stream order
    assert all(isinstance(g, Glyph) and g.size == 10 for g in pt.glyphs)
    for i, gi in enumerate(pt.char_glyph):
        if gi >= 0:
            assert pt.glyphs[gi].char == pt.text[i]
    # the boxes a detection gets are those of its glyphs
    start = pt.text.index("811218-9876")
    (box,) = pt.boxes_for_span(start, start + 11)
    assert abs(box[0] - pt.glyphs[pt.char_glyph[start]].box[0]) < 1e-9


def test_a_dense_page_is_held_in_under_180_bytes_a_character() -> None:
    """Memory the extracted page keeps (Python allocations while it is alive): a tuple of floats
    per character came to ~340 bytes a character with the page text and lines; packed, ~130."""
    doc = _page()
    page = doc[0]
    extract_page_text(page)  # MuPDF's and the interpreter's one-time allocations
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        pt = extract_page_text(page)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(pt.text) > 2500 and held / len(pt.text) < 180
