"""Text normalisation before analysis (masking/normalize.py) and its hook in the analyzer.

Values written with the code points real PDFs produce (soft hyphens and non-breaking spaces
from common fonts, Unicode hyphens, ligatures, full-width digits) are found, and every finding's
offsets index the ORIGINAL text, which maps to glyph boxes; the end-to-end tests draw text in
DejaVu Sans (shipped) and Liberation Sans (Debian fonts-liberation: skipped when missing),
extract it with the project's reader, redact and check the value cannot be extracted.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from masking.cli import main
from masking.model import Glyph, PageText
from masking.normalize import normalize_text
from masking.pdf import extract_page_text
from masking.textmatch import normalise_value

from .test_redaction_pdf import all_extractable

ROOT = Path(__file__).resolve().parent.parent
DEJAVU = ROOT / "masking" / "fonts" / "DejaVuSans.ttf"
LIBERATION = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")

PNR = "19850709-9805"  # check digit valid
PHONE = "070-123 45 67"


# -- the normaliser ----------------------------------------------------------------------------
def test_plain_text_is_unchanged_and_needs_no_map() -> None:
    n = normalize_text("Storgatan 12, 123 45 Malmö")
    assert n.text == "Storgatan 12, 123 45 Malmö"
    assert not n.changed_offsets
    assert n.to_original(0, 9) == (0, 9)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("19850709\u00ad9805", "19850709-9805"),  # soft hyphen between digits: a hyphen
        ("070\u00ad123 45 67", "070-123 45 67"),
        ("Anna\u00adKarin", "Anna-Karin"),  # before a capital: a visible hyphen
        ("070\u2010123\u201145\u201267\u2013x\u2014y\u2015z\u2212w\ufe63v\uff0du", "070-123-45-67-x-y-z-w-v-u"),
        ("070\u00a0123\u2009456\u202f78\u2007x\u205fy\u3000z\u2002w", "070 123 456 78 x y z w"),
        ("１９８５０７０９－９８０５ ＡＢＣ ｘｙｚ", "19850709-9805 ABC xyz"),
        ("rad ett\u2028rad två", "rad ett\nrad två"),
    ],
)
def test_one_for_one_replacements_keep_offsets(raw: str, expected: str) -> None:
    n = normalize_text(raw)
    assert n.text == expected
    assert len(n.text) == len(raw)
    assert n.to_original(2, 7) == (2, 7)


def test_ligatures_expand_and_map_back_to_the_ligature_character() -> None:
    raw = "Ansökan om \ufb01nansiering av \ufb02ytt, pnr " + PNR
    n = normalize_text(raw)
    assert n.text == "Ansökan om finansiering av flytt, pnr " + PNR
    start = n.text.index(PNR)
    s, e = n.to_original(start, start + len(PNR))
    assert raw[s:e] == PNR
    # a span of the two letters of one ligature is the ligature character
    f = n.text.index("fi")
    assert n.to_original(f, f + 2) == (raw.index("\ufb01"), raw.index("\ufb01") + 1)
    # a span that ends inside a ligature covers the whole ligature
    assert n.to_original(f, f + 1) == (raw.index("\ufb01"), raw.index("\ufb01") + 1)
    for lig, letters in [("\ufb00", "ff"), ("\ufb03", "ffi"), ("\ufb04", "ffl"), ("\ufb05", "st"), ("\ufb06", "st")]:
        assert normalize_text(f"a{lig}b").text == f"a{letters}b"


def test_zero_width_characters_are_dropped_and_spans_cover_them() -> None:
    raw = "Tel 070\u200b-123\u200c 45\u200d 67\ufeff."
    n = normalize_text(raw)
    assert n.text == "Tel 070-123 45 67."
    start = n.text.index("070")
    s, e = n.to_original(start, start + len(PHONE))
    assert raw[s:e] == "070\u200b-123\u200c 45\u200d 67"


@pytest.mark.parametrize(
    "raw, plain",
    [
        ("visar LMA\u00adkort 12-345678", "visar LMA-kort 12-345678"),
        ("behöver KBT\u00adbehandling", "behöver KBT-behandling"),
        ("har ms\u00adskov ibland", "har ms-skov ibland"),
        ("E\u00adpost: a@b.se", "E-post: a@b.se"),
    ],
)
def test_soft_hyphen_between_letters_is_the_drawn_hyphen(raw: str, plain: str) -> None:
    """A soft hyphen in extracted text was drawn (a font's hyphen glyph is 0xAD): a hyphen."""
    n = normalize_text(raw)
    assert n.text == plain
    assert not n.changed_offsets


def test_span_at_end_of_text_maps_to_end() -> None:
    raw = "\ufb01 " + PNR
    n = normalize_text(raw)
    assert n.to_original(len(n.text) - len(PNR), len(n.text)) == (len(raw) - len(PNR), len(raw))


# -- the analyzer hook: findings index the caller's text ---------------------------------------
@pytest.mark.parametrize(
    "value, kind",
    [
        ("19850709\u00ad9805", "SE_PERSONNUMMER"),
        ("850709\u00ad9805", "SE_PERSONNUMMER"),
        ("19850709\u20119805", "SE_PERSONNUMMER"),
        ("１９８５０７０９－９８０５", "SE_PERSONNUMMER"),
        ("070\u00ad123 45 67", "PHONE_NUMBER"),
        ("070\u00ad123\u00a045\u00a067", "PHONE_NUMBER"),
        ("070\u2010123\u202f45\u202f67", "PHONE_NUMBER"),
        ("０７０－１２３ ４５ ６７", "PHONE_NUMBER"),
        ("070\u200b-123 45 67", "PHONE_NUMBER"),
    ],
)
def test_analyzer_finds_values_in_unicode_forms_with_original_offsets(analyzer, value: str, kind: str) -> None:
    label = "Personnummer" if kind == "SE_PERSONNUMMER" else "Telefon"
    text = f"Ansökan om \ufb01nansiering, \ufb02ytt. {label}: {value}, inkom i går."
    found = {(f.entity_type, text[f.start : f.end]) for f in analyzer.analyze(text, min_score=0.5)}
    assert (kind, value) in found


def test_analyzer_offsets_after_ligatures_and_dropped_characters(analyzer) -> None:
    text = "Di\ufb00erens \ufb03 \u200b\u200bKontakt: \ufb01lip.\ufb02odin@exempel.se, pnr 19850709\u00ad9805."
    found = {(f.entity_type, text[f.start : f.end]) for f in analyzer.analyze_raw(text)}
    assert ("EMAIL_ADDRESS", "\ufb01lip.\ufb02odin@exempel.se") in found
    assert ("SE_PERSONNUMMER", "19850709\u00ad9805") in found


def _page(text: str) -> PageText:
    """A page whose every character is one glyph 6 pt wide on one line (ligatures included)."""
    glyphs = [Glyph(c, (72.0 + 6 * i, 60.0, 78.0 + 6 * i, 72.0), 0, 11.0) for i, c in enumerate(text)]
    return PageText(0, 595.0, 842.0, 0, text, glyphs, list(range(len(text))), [(72.0, 60.0, 72.0 + 6 * len(text), 72.0)])


def test_detection_boxes_are_the_values_glyphs_when_ligatures_precede_it(masker) -> None:
    text = "\ufb01\ufb02\ufb03\ufb04 e\ufb00ekt. Personnummer 19850709\u00ad9805 och tel 070\u00ad123\u00a045\u00a067."
    page = _page(text)
    dets = {d.entity_type: d for d in masker.detect([page])}
    for kind, value in (("SE_PERSONNUMMER", "19850709\u00ad9805"), ("PHONE_NUMBER", "070\u00ad123\u00a045\u00a067")):
        det = dets[kind]
        assert text[det.start : det.end] == value
        i = text.index(value)
        (box,) = page.boxes_for_span(det.start, det.end)
        assert box[0] == 72.0 + 6 * i and box[2] == 78.0 + 6 * (i + len(value) - 1)


# -- real PDF text from common fonts -----------------------------------------------------------
FONTS = [
    pytest.param(DEJAVU, id="dejavu"),
    pytest.param(
        LIBERATION,
        id="liberation",
        marks=pytest.mark.skipif(not LIBERATION.exists(), reason="fonts-liberation not installed"),
    ),
]


def _pdf(font: Path, lines: list[str]) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    y = 72.0
    for line in lines:
        page.insert_text((72, y), line, fontsize=11, fontname="F0", fontfile=str(font))
        y += 16
    return doc.tobytes()


@pytest.mark.parametrize("font", FONTS)
def test_font_text_reaches_the_analyzer_as_drawn(font: Path) -> None:
    """What the project's reader returns for these fonts (Liberation: '-' as U+00AD, ' ' as
    U+00A0): the code points the normaliser exists for."""
    data = _pdf(font, ["Personnummer 19850709\u00ad9805", "Tel 070\u00ad123\u00a045\u00a067"])
    doc = pymupdf.open(stream=data, filetype="pdf")
    text = extract_page_text(doc[0]).text
    assert "19850709\u00ad9805" in text
    assert "070\u00ad123\u00a045\u00a067" in text
    if font == LIBERATION:  # the font's own hyphen and space glyphs extract as U+00AD / U+00A0
        plain = extract_page_text(pymupdf.open(stream=_pdf(font, ["Tel 070-123 45 67"]), filetype="pdf")[0]).text
        assert "070\u00ad123\u00a045\u00a067" in plain


@pytest.mark.parametrize("font", FONTS)
def test_redact_masks_values_written_with_unicode_hyphens_and_spaces(font: Path, tmp_path: Path, masker) -> None:
    lines = [
        "Beslut om bostadsbidrag",
        "Personnummer: 19850709\u00ad9805",
        "Telefon: 070\u00ad123 45 67, mobil 073\u2011987\u00a065\u00a043",
        "Samordningsnummer 701063\u20102391 enligt Skatteverket",
        "Di\ufb00erensen gäller \ufb01nansiering av \ufb02ytten.",
    ]
    src = tmp_path / "in.pdf"
    src.write_bytes(_pdf(font, lines))
    out = tmp_path / "out.pdf"
    assert main(["redact", str(src), "-o", str(out), "--no-audit"]) == 0
    blob = normalise_value(all_extractable(out.read_bytes()))
    for value in ("198507099805", "0701234567", "0739876543", "7010632391"):
        assert value not in blob
    doc = pymupdf.open(str(out))
    text = doc[0].get_text().replace("\u00a0", " ")
    assert "Beslut om bostadsbidrag" in text
    assert "Personnummer:" in text and "Samordningsnummer" in text
    assert "Skatteverket" in text  # the box did not spill over the rest of the line


def test_redact_masks_full_width_digits(tmp_path: Path, masker) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    # a monospaced CJK font: every character is one em wide, so the line is kept short
    page.insert_text((36, 72), "Pnr: １９８５０７０９－９８０５ enligt ansökan", fontname="japan", fontsize=9)
    src = tmp_path / "in.pdf"
    src.write_bytes(doc.tobytes())
    out = tmp_path / "out.pdf"
    assert main(["redact", str(src), "-o", str(out), "--no-audit"]) == 0
    blob = normalise_value(all_extractable(out.read_bytes()))
    assert "198507099805" not in blob
    assert "enligt ansökan" in pymupdf.open(str(out))[0].get_text()


def test_matching_keys_agree_across_unicode_forms() -> None:
    """Propagation and verification compare values by their matching key: every written form of
    one value has the same key (a full-width hyphen-minus is dropped like '-')."""
    forms = ["19850709-9805", "19850709\u00ad9805", "１９８５０７０９－９８０５", "19850709\u20159805",
             "19850709\ufe639805", "19850709\u200d-\u20609805"]
    assert {normalise_value(f) for f in forms} == {"198507099805"}


def test_character_classes_match_the_tables() -> None:
    """The scanning classes (ranges, for speed) hold exactly the characters of the tables."""
    from masking import normalize as n

    one = {chr(c) for c in range(0x10000) if n._ONE_FOR_ONE_RE.match(chr(c))}
    assert one == {chr(c) for c in n._ONE_FOR_ONE}
    changed = {chr(c) for c in range(0x10000) if n._CHANGED_RE.match(chr(c))}
    assert changed == one | set(n._ZERO_WIDTH) | set(n.LIGATURES)


def test_email_quote_markers_at_line_starts_read_as_spaces() -> None:
    raw = "Hej\n> bor på Ekvägen 3,\n> > 123 45 Lund\nPris > 100 kr"
    n = normalize_text(raw)
    assert n.text == "Hej\n  bor på Ekvägen 3,\n    123 45 Lund\nPris > 100 kr"
    assert not n.changed_offsets


def test_quoted_value_broken_over_two_lines_is_found_whole() -> None:
    from masking.api import analyze_text

    text = "Den 3 maj skrev Eva:\n> jag bor nu på Ekvägen 3,\n> 123 45 Lund och vill ha brev dit"
    found = {(d.entity_type, text[d.start : d.end]) for d in analyze_text(text)}
    assert ("SE_POSTAL_CODE", "123 45 Lund") in found


def test_shared_compound_part_before_a_conjunction_at_a_line_end_is_not_joined() -> None:
    from masking.textmatch import dehyphenate

    assert dehyphenate("på barn-\noch ungdomspsykiatrin")[0] == "på barn-\noch ungdomspsykiatrin"
    assert dehyphenate("Anders-\nson")[0] == "Andersson"
