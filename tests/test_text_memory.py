"""Text pages held compactly (issue #14, memory flat in page count): extraction packs a page's
glyphs into arrays as it reads them (masking.ocr.pages.PackedGlyphs) instead of a tuple of
floats per character, and beyond a budget (masking.stages.read.GLYPH_BUDGET) a page keeps its
text only and its glyphs are read again where a detection needs boxes."""

from __future__ import annotations

import tracemalloc

import pymupdf
import pytest

from masking.errors import MaskingError
from masking.model import Glyph, GeometryReleased
from masking.ocr import OcrSettings
from masking.pdf import DEFAULT_LIMITS, EXTRACT_FLAGS, extract_page_text
from masking.stages import Source, read as read_stage, run
from masking.stages.intake import intake
from masking.textmatch import SqueezedText, find_occurrences, normalise_value

from .conftest import page_text


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


PNR = "811218-9876"


def _document(pages: int) -> bytes:
    """Case pages, each with a name, a personnummer and a phone number (varied per page)."""
    doc = pymupdf.open()
    for k in range(pages):
        page = doc.new_page()
        lines = [f"Ärende {k + 1}: beslut om ekonomiskt bistånd", f"Sökande: Karin Lindqvist, personnummer {PNR}",
                 f"Telefon: 070-123 {k + 10:02d} 67"]
        lines += ["Nämnden har tagit del av utredningen och bedömer att villkoren är uppfyllda."] * 30
        for i, line in enumerate(lines):
            page.insert_text((50, 50 + 17 * i), line, fontsize=10, fontname="helv")
    data = doc.tobytes()
    doc.close()
    return data


@pytest.fixture
def no_glyph_budget(monkeypatch):
    """Every page past the first keeps its text only (as the pages of a long document do)."""
    monkeypatch.setattr(read_stage, "GLYPH_BUDGET", 1)


def _read(data: bytes, keep_glyphs: bool = False):
    opened = intake(Source.of(data, "t"), DEFAULT_LIMITS)
    return opened, read_stage.read(opened, OcrSettings(), keep_glyphs=keep_glyphs)


def test_pages_past_the_budget_hold_their_text_and_read_their_glyphs_again(no_glyph_budget) -> None:
    data = _document(3)
    opened, pages = _read(data)
    try:
        _, full = _read(data, keep_glyphs=True)
        assert [p.holds_geometry for p in pages] == [False, False, False]  # 1 glyph: not even the first
        assert [p.holds_geometry for p in full] == [True, True, True]
        for light, whole in zip(pages, full):
            assert light.text == whole.text
            with pytest.raises(GeometryReleased):  # used without geometry(): an error, never no boxes
                len(light.glyphs)
            with pytest.raises(GeometryReleased):
                light.char_glyph[0]
            start = light.text.index(PNR)
            assert light.boxes_for_span(start, start + len(PNR)) == whole.boxes_for_span(start, start + len(PNR))
            assert light.geometry().glyphs == whole.glyphs
            assert read_stage.text_under_box(light, whole.line_boxes[1]) == read_stage.text_under_box(whole, whole.line_boxes[1])
    finally:
        opened.close()


def test_a_page_that_reads_differently_the_second_time_stops_the_run(no_glyph_budget) -> None:
    opened, pages = _read(_document(2))
    try:
        page = opened.doc[1]
        page.insert_text((50, 700), "Tillagd rad", fontsize=10, fontname="helv")
        del page
        pages[0].geometry()  # unchanged: read again
        with pytest.raises(MaskingError, match="page 2"):
            pages[1].geometry()
    finally:
        opened.close()


def test_read_holds_a_long_documents_glyphs_up_to_the_budget_only(monkeypatch) -> None:
    """Memory the pages read keep: with the budget at about two pages' glyphs, twelve pages
    keep under a third of what they keep with every glyph (measured: about 20 and 64 bytes a
    character)."""
    data = _document(12)
    opened, pages = _read(data)  # MuPDF's and the interpreter's one-time allocations
    opened.close()
    one_page = len(pages[0].text)
    monkeypatch.setattr(read_stage, "GLYPH_BUDGET", 2 * one_page)
    held = {}
    for keep in (False, True):
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            opened, pages = _read(data, keep_glyphs=keep)
            held[keep] = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
            opened.close()
        assert sum(p.holds_geometry for p in pages) == (12 if keep else 2)
    assert held[False] * 3 < held[True]


def test_a_document_past_the_budget_is_masked_as_one_within_it(masker, monkeypatch) -> None:
    data = _document(4)
    whole = run(data, masker)
    monkeypatch.setattr(read_stage, "GLYPH_BUDGET", 1)
    light = run(data, masker)
    assert [a.to_dict() for a in light.areas] == [a.to_dict() for a in whole.areas]
    assert {a.page for a in light.areas} == {0, 1, 2, 3}
    text = page_text(light.output)
    assert PNR not in text and "Lindqvist" not in text and "070-123 12 67" not in text
    assert "Nämnden har tagit del av utredningen" in text
    assert light.verification.passed
    # a review proposal gets the same boxes
    monkeypatch.setattr(read_stage, "GLYPH_BUDGET", 10**9)
    want = run(data, masker, review=True)
    monkeypatch.setattr(read_stage, "GLYPH_BUDGET", 1)
    got = run(data, masker, review=True)
    assert [(d.page, d.start, d.boxes) for d in got.detections] == [(d.page, d.start, d.boxes) for d in want.detections]


def test_a_squeezed_text_maps_offsets_in_an_int_array() -> None:
    """Stage decide holds one squeezed copy of every page at once: its offset map is an int
    array, a few bytes a character, not a list of Python ints."""
    text = "Ring 070-123 45 67 eller ﬁl. dr Anna-\nKarin " * 60
    sq = SqueezedText.of(text)
    assert sq.index.itemsize <= 4 and len(sq.index) == len(sq.squeezed)
    spans = find_occurrences(sq, normalise_value("070-123 45 67"))
    assert len(spans) == 60 and text[spans[1][0]:spans[1][1]] == "070-123 45 67"
    (s, e), *_ = find_occurrences(sq, normalise_value("Anna-Karin"))
    assert text[s:e] == "Anna-\nKarin"
