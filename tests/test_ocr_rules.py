"""Table borders and specks that OCR reads as characters (masking.ocr.rules)."""

from __future__ import annotations

import numpy as np
import pymupdf

from masking.ocr import OcrWord
from masking.ocr.rules import strip_rule_glyphs

H, W = 120, 400
TOP, BOTTOM = 50, 70  # the text line's rows (20 px high, as 10 pt type at 200 dpi)


def _page(rule_x: list[int], glyphs: list[tuple[int, int]], rule_rows=(0, H)) -> pymupdf.Pixmap:
    """A grey page: paper, vertical rules 3 px wide at ``rule_x`` over ``rule_rows``, and one
    dark block per glyph (x0, x1) on the text line."""
    a = np.full((H, W), 245, dtype=np.uint8)
    for x in rule_x:
        a[rule_rows[0] : rule_rows[1], x : x + 3] = 20
    for x0, x1 in glyphs:
        a[TOP:BOTTOM, x0:x1] = 30
    return pymupdf.Pixmap(pymupdf.csGRAY, W, H, a.tobytes(), False)


def _word(text: str, x0: int, x1: int, line: int = 0) -> OcrWord:
    return OcrWord(text, (float(x0), float(TOP), float(x1), float(BOTTOM)), 80.0, 0, line)


DIGITS = [(110, 120), (124, 134), (138, 148)]  # three glyphs right of a border at x=100


def test_border_read_as_a_leading_character_is_removed():
    pix = _page([100], DIGITS)
    [w] = strip_rule_glyphs([_word("1271", 100, 148)], pix)
    assert w.text == "271"
    assert w.box[0] == 110 and w.box[2] == 148  # the box now starts at the first glyph


def test_any_character_on_the_border_is_removed_when_the_glyphs_count_says_so():
    pix = _page([100], DIGITS)
    [w] = strip_rule_glyphs([_word("9915", 100, 148)], pix)
    assert w.text == "915"


def test_border_read_as_a_trailing_character_is_removed():
    pix = _page([152], DIGITS)
    [w] = strip_rule_glyphs([_word("2711", 110, 155)], pix)
    assert w.text == "271" and w.box[2] == 148


def test_word_box_reaching_a_border_keeps_its_characters_when_none_was_read_from_it():
    # the engine put the border in the box but read only the three glyphs: nothing to remove
    pix = _page([100], DIGITS)
    [w] = strip_rule_glyphs([_word("271", 100, 148)], pix)
    assert w.text == "271"


def test_a_tall_glyph_is_no_border():
    # "1" as tall as the line only (not above and below it) is a character
    pix = _page([100], DIGITS, rule_rows=(TOP - 2, BOTTOM + 2))
    [w] = strip_rule_glyphs([_word("1271", 100, 148)], pix)
    assert w.text == "1271"


def test_no_border_no_change():
    pix = _page([], DIGITS)
    words = [_word("271", 110, 148)]
    assert strip_rule_glyphs(words, pix) == words


def test_one_character_on_a_border_is_dropped():
    pix = _page([100], DIGITS)
    out = strip_rule_glyphs([_word("|", 99, 104), _word("271", 110, 148)], pix)
    assert [w.text for w in out] == ["271"]


def test_speck_read_as_a_digit_is_dropped_but_small_letters_stay():
    pix = _page([], DIGITS + [(200, 204), (260, 270)])
    speck = OcrWord("1", (90.0, 60.0, 92.0, 62.0), 36.0, 0, 0)
    small_i = OcrWord("i", (200.0, 56.0, 204.0, 70.0), 90.0, 0, 0)  # a narrow, shorter letter
    words = [speck, _word("8696-7,", 110, 148), small_i, _word("009", 260, 270)]
    assert [w.text for w in strip_rule_glyphs(words, pix)] == ["8696-7,", "i", "009"]


def test_colour_pixmap_only_loses_specks():
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, W, H), False)
    words = [_word("1271", 100, 148)]
    assert strip_rule_glyphs(words, pix) == words


def test_words_inside_a_filled_area_are_kept():
    a = np.full((H, W), 245, dtype=np.uint8)
    a[20:100, 50:300] = 0  # a filled box: every column dark, but no thin line
    pix = pymupdf.Pixmap(pymupdf.csGRAY, W, H, a.tobytes(), False)
    words = [_word("45", 100, 130), _word("67", 140, 170), _word("|", 180, 184)]
    assert strip_rule_glyphs(words, pix) == words


def test_phantom_bar_without_ink_is_dropped_but_a_real_glyph_stays():
    pix = _page([], DIGITS)
    [w] = strip_rule_glyphs([_word("|271", 108, 148)], pix)  # three pieces of ink, four characters
    assert w.text == "271" and w.box[0] == 110
    pix = _page([], [(104, 106)] + DIGITS)  # here the bar has ink of its own
    [w] = strip_rule_glyphs([_word("|271", 104, 148)], pix)
    assert w.text == "|271"


def test_a_cell_border_between_words_starts_a_new_line():
    pix = _page([200], DIGITS + [(220, 230), (234, 244)])
    words = [_word("271", 110, 148), _word("45", 220, 244), _word("67", 300, 310)]
    out = strip_rule_glyphs(words, pix)
    assert [w.text for w in out] == ["271", "45", "67"]
    assert out[0].line != out[1].line and out[1].line == out[2].line  # split at the border only
    # no border: one line as read
    pix = _page([], DIGITS + [(220, 230), (234, 244)])
    assert {w.line for w in strip_rule_glyphs(words, pix)} == {0}


def test_bar_beside_a_border_is_the_border_even_with_a_speck_in_the_box():
    # the border 6 px left of the word box, a speck inside the box: the pieces do not add up,
    # but a "|" is never part of a value
    pix = _page([100], [(108, 110)] + DIGITS)
    [w] = strip_rule_glyphs([_word("|271", 106, 148)], pix)
    assert w.text == "271"
    # a digit that far from the border is kept
    [w] = strip_rule_glyphs([_word("1271", 106, 148)], pix)
    assert w.text == "1271"


def test_border_read_as_a_character_and_a_bar_is_removed():
    # "J|Alingsås": the border at x=100 came out as two characters before the value
    pix = _page([100], DIGITS)
    [w] = strip_rule_glyphs([_word("J|271", 96, 148)], pix)
    assert w.text == "271" and w.box[0] == 110
    # a quote and a bar without a border are junk too ("'|EKBACKSGATAN"); a letter is kept
    pix = _page([], DIGITS)
    [w] = strip_rule_glyphs([_word("'|271", 96, 148)], pix)
    assert w.text == "271"
    [w] = strip_rule_glyphs([_word("J|271", 96, 148)], pix)
    assert w.text == "J|271"


# -- a table cell whose value wraps onto a second line -------------------------------------------
def _cell(text: str, x0: float, top: float, line: int) -> OcrWord:
    return OcrWord(text, (x0, top, x0 + 12.0 * len(text), top + 20.0), 90.0, 0, line)


def _blank(h: int = 200, w: int = 900) -> pymupdf.Pixmap:
    a = np.full((h, w), 245, dtype=np.uint8)
    return pymupdf.Pixmap(pymupdf.csGRAY, w, h, a.tobytes(), False)


def test_wrapped_rest_of_a_cell_follows_its_cell():
    # row: name | postnummer's first group | town; the postnummer's second group wrapped below
    words = [
        _cell("Anna", 10, 20, 0), _cell("Berg", 70, 20, 0), _cell("123", 400, 20, 1), _cell("ORTEN", 600, 20, 2),
        _cell("45", 400, 46, 3),
        _cell("Nästa", 10, 90, 4), _cell("rad", 80, 90, 4), _cell("678", 400, 90, 5), _cell("STAD", 600, 90, 6),
    ]  # fmt: skip
    out = strip_rule_glyphs(words, _blank())
    assert [w.text for w in out] == ["Anna", "Berg", "123", "45", "ORTEN", "Nästa", "rad", "678", "STAD"]


def test_a_new_row_or_a_paragraph_keeps_its_place():
    # the next row fills the first column and every column: it is a row, not a wrapped rest
    row = [_cell("Anna", 10, 20, 0), _cell("123", 400, 20, 1), _cell("ORTEN", 600, 20, 2)]
    nxt = [_cell("Bo", 10, 46, 3), _cell("456", 400, 46, 4), _cell("STAD", 600, 46, 5)]
    assert strip_rule_glyphs(row + nxt, _blank()) == row + nxt
    # a line under one that is not a table (one piece) is left alone
    para = [_cell("Hon bor i staden sedan länge och", 10, 20, 0), _cell("trivs", 10, 46, 1)]
    assert strip_rule_glyphs(para, _blank()) == para
    # far below (a row's spacing or more): not the same cell
    far = [_cell("45", 400, 70, 3)]
    assert strip_rule_glyphs(row + far, _blank()) == row + far


def test_a_row_border_between_the_lines_keeps_the_order():
    a = np.full((200, 900), 245, dtype=np.uint8)
    a[42:44, 0:900] = 20  # a horizontal ruling line under the row
    pix = pymupdf.Pixmap(pymupdf.csGRAY, 900, 200, a.tobytes(), False)
    row = [_cell("Anna", 10, 20, 0), _cell("123", 400, 20, 1), _cell("ORTEN", 600, 20, 2)]
    nxt = [_cell("45", 400, 46, 3)]
    assert strip_rule_glyphs(row + nxt, pix) == row + nxt


def test_speck_read_as_a_colon_is_dropped_but_a_full_stop_stays():
    pix = _page([], DIGITS)
    colon = OcrWord(":", (160.0, 64.0, 163.0, 67.0), 70.0, 0, 0)
    stop = OcrWord(".", (160.0, 66.0, 163.0, 69.0), 70.0, 0, 0)  # may stand between number groups
    assert [w.text for w in strip_rule_glyphs([_word("271", 110, 148), colon], pix)] == ["271"]
    assert [w.text for w in strip_rule_glyphs([_word("271", 110, 148), stop], pix)] == ["271", "."]


def test_wrapped_rest_of_a_right_hand_column_follows_its_line():
    # two address blocks side by side; the right one wraps its town onto the next line, and
    # the engine read the left block's line first
    words = [
        _cell("c/o Eva Ek, Vägen 1, 123", 450, 20, 0),
        _cell("Gatan 5, 456 78 Orten", 10, 46, 1), _cell("45 Staden", 450, 46, 2),
    ]  # fmt: skip
    out = strip_rule_glyphs(words, _blank())
    assert [w.text for w in out] == ["c/o Eva Ek, Vägen 1, 123", "45 Staden", "Gatan 5, 456 78 Orten"]
    # a left-hand line under a right-hand one is no wrapped rest
    words = [_cell("Rubrik", 450, 20, 0), _cell("Gatan 5", 10, 46, 1), _cell("Text", 600, 46, 2)]
    assert strip_rule_glyphs(words, _blank()) == words


def test_a_narrow_mark_on_the_wrapped_line_does_not_stop_it():
    words = [
        _cell("Anna", 10, 20, 0), _cell("123", 400, 20, 1), _cell("ORTEN", 600, 20, 2),
        _cell("45", 400, 46, 3), OcrWord("i;", (700.0, 46.0, 706.0, 80.0), 30.0, 0, 4),
    ]  # fmt: skip
    assert [w.text for w in strip_rule_glyphs(words, _blank())] == ["Anna", "123", "45", "ORTEN", "i;"]
