"""The shipped cut of the label font (masking/fonts/DejaVuSansCondensed-label.ttf) is what
fontTools cuts from the shipped DejaVu Sans Condensed now: rebuild it with ``make label-font``
when the font, the label characters or fontTools change."""

import pymupdf

from masking import redact


def test_shipped_label_font_is_a_fresh_cut():
    shipped = redact.label_font_cut_path().read_bytes()
    assert shipped == redact.cut_label_font(), "run `make label-font`"


def test_label_font_is_the_shipped_cut_and_covers_the_label_characters():
    redact._label_font_cut.cache_clear()
    redact._label_font.cache_clear()
    try:
        assert redact._label_font_cut() == redact.label_font_cut_path().read_bytes()
        font = redact._label_font()
        assert all(font.has_glyph(c) for c in map(ord, "Namn [PERSONNUMMER] Åsa Öberg – “§”"))
        whole = pymupdf.Font(fontfile=str(redact.label_font_path()))
        for text in ("[NAMN]", "[E-POST]", "Ärende – “x”"):
            assert font.text_length(text, fontsize=1.0) == whole.text_length(text, fontsize=1.0)
    finally:
        redact._label_font_cut.cache_clear()
        redact._label_font.cache_clear()
