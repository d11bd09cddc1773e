"""Scanned documents: OCR into the page model, pixel redaction, searchable layer, image inputs.

Real Tesseract runs on small pages (a few lines) so the whole module stays at a few seconds;
OCR-error tolerance is tested with a scripted engine, which makes the recognised words exact.
"""

from __future__ import annotations

import json

import numpy as np
import pymupdf
import pytest

from masking.cli import main
from masking.errors import OcrUnavailableError, VerificationError
from masking.ocr import OcrPageText, OcrSettings, OcrWord, normalise_ocr_text, register_engine
from masking.synth.scan import ScanStyle, render_scanned_pdf, scanned_page_pixmaps, write_tiff

PNR = "811218-9876"
NAME = "Anna Andersson"
LINES = [
    "Beslut om bostadsbidrag",
    f"Sökande: {NAME}",
    f"Personnummer: {PNR}",
    "Beslutet gäller från den 1 mars 2024.",
]
STYLE = ScanStyle(dpi=200, noise=8.0, blur=0.5, max_skew_deg=0.8, speckles=40)


def text_pdf(lines=LINES, width=360, height=150, pages=1) -> bytes:
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page(width=width, height=height)
        y = 30
        for line in lines:
            page.insert_text((24, y), line, fontsize=11, fontname="helv")
            y += 18
    return doc.tobytes()


@pytest.fixture(scope="module")
def scan_pdf() -> bytes:
    pdf, _ = render_scanned_pdf(text_pdf(), seed=3, style=STYLE)
    return pdf


@pytest.fixture(scope="module")
def scan_result(masker, scan_pdf):
    return masker.mask_bytes(scan_pdf, name="scan.pdf")


def _image_pixels(pdf: bytes, page_no: int = 0):
    """The page's (only) image as a grey array, and the scale image px per PDF point."""
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    page = doc[page_no]
    xref = page.get_images()[0][0]
    pix = pymupdf.Pixmap(doc, xref)
    if pix.n != 1 or pix.alpha:
        pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
    a = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
    return a, pix.width / page.rect.width


def _ocr_text(pdf: bytes) -> str:
    from masking.ocr import get_engine
    from masking.ocr.pages import render_for_ocr

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    eng = get_engine()
    return "\n".join(" ".join(w.text for w in eng.recognize(render_for_ocr(p, 300).pixmap, 300)) for p in doc)


def test_ocr_reads_personnummer_and_name_into_page_text(masker, scan_pdf):
    doc, pages = masker.open_document(scan_pdf, "scan.pdf")
    try:
        pt = pages[0]
        assert isinstance(pt, OcrPageText) and pt.reason == "no_text_layer"
        assert PNR in pt.text and NAME in pt.text
        dets = masker.detect(pages)
        found = {(pt.text[d.start : d.end], d.entity_type) for d in dets}
        assert (PNR, "SE_PERSONNUMMER") in found
        assert any(t == "PERSON" and NAME in s for s, t in found)
        # every character of the personnummer has a box on the page, around its ink
        start = pt.text.index(PNR)
        boxes = pt.boxes_for_span(start, start + len(PNR))
        assert len(boxes) == 1
        x0, y0, x1, y1 = boxes[0]
        assert 24 < x1 and x0 < 24 + 200 and 30 < y1 < 80
    finally:
        doc.close()


def test_masked_pixels_are_destroyed_not_covered(scan_result):
    r = scan_result
    assert r.verification.passed and "image_pixels" in r.verification.checks
    assert r.report["ocr"]["pages"][0]["engine"].startswith("tesseract")
    a, scale = _image_pixels(r.output)
    pnr_areas = [x for x in r.areas if x.entity_type == "SE_PERSONNUMMER"]
    assert pnr_areas
    for area in pnr_areas:
        x0, y0, x1, y1 = (int(round(v * scale)) for v in area.box)
        region = a[y0 + 1 : y1 - 1, x0 + 1 : x1 - 1]
        assert region.size > 0 and int(region.min()) >= 230  # white (JPEG-encoded): no ink left in the image
    # and nothing of the values is readable anywhere on the rendered output
    text = _ocr_text(r.output).replace(" ", "")
    assert PNR.replace("-", "") not in text.replace("-", "") and "Andersson" not in text


def test_searchable_layer_holds_kept_words_only(masker, scan_result, scan_pdf):
    out = pymupdf.open(stream=scan_result.output, filetype="pdf")
    layer = out[0].get_text()
    assert "bostadsbidrag" in layer and "Personnummer" in layer
    assert PNR not in layer and "Andersson" not in layer and "Anna" not in layer
    from masking.pipeline import Masker

    plain = Masker(analyzer=masker.analyzer, ocr=OcrSettings(searchable=False)).mask_bytes(scan_pdf)
    plain_text = pymupdf.open(stream=plain.output, filetype="pdf")[0].get_text()
    assert "bostadsbidrag" not in plain_text and set(plain_text.split()) <= {"OSL", "21:7"}  # labels only


def _keep_pixels(monkeypatch, how: str) -> None:
    """A redaction that only draws the black boxes and leaves the image's pixels intact: in
    MuPDF's pixel redaction (``mupdf``), in the redaction from the decoded pixels
    (:mod:`masking.ocr.pixels`, ``numpy``), or in both."""
    if how in ("mupdf", "both"):
        monkeypatch.setattr(pymupdf, "PDF_REDACT_IMAGE_PIXELS", pymupdf.PDF_REDACT_IMAGE_NONE)
    if how == "mupdf":
        monkeypatch.setattr("masking.ocr.redaction.pixel_plan", lambda *a: None)
    if how in ("numpy", "both"):
        monkeypatch.setattr("masking.ocr.pixels._whiten", lambda a, rects: None)


@pytest.mark.parametrize("how", ["mupdf", "numpy"])
def test_pixel_check_fails_closed_when_pixels_survive(masker, scan_pdf, monkeypatch, how):
    # a redaction that only draws the black box, leaving the image intact, must be caught
    _keep_pixels(monkeypatch, how)
    with pytest.raises(VerificationError) as exc:
        masker.mask_bytes(scan_pdf, name="scan.pdf")
    assert any(f["check"] == "image_pixels" for f in exc.value.findings)
    assert PNR not in str(exc.value) and "Anna" not in str(exc.value)


def test_image_only_pdf_that_needed_ocr_now_works(tmp_path, masker):
    doc = pymupdf.open()  # the page that used to be refused with exit 15
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 100, 140), False)
    pix.set_rect(pix.irect, (200,))
    page.insert_image(page.rect, pixmap=pix)
    p = tmp_path / "scan.pdf"
    doc.save(p)
    assert main(["redact", str(p), "-o", str(tmp_path / "o.pdf")]) == 0
    assert (tmp_path / "o.pdf").exists()


def test_mixed_document_ocrs_only_the_scanned_page(tmp_path, masker, scan_pdf):
    doc = pymupdf.open(stream=text_pdf([f"Handläggare Lisa Berg, personnummer {PNR}", "Ärendet gäller bidrag."]))
    doc.insert_pdf(pymupdf.open(stream=scan_pdf, filetype="pdf"))
    r = masker.mask_bytes(doc.tobytes(), name="mixed.pdf")
    assert [p["page"] for p in r.report["ocr"]["pages"]] == [2]
    assert {a.page for a in r.areas if a.entity_type == "SE_PERSONNUMMER"} == {0, 1}
    assert r.verification.passed


@pytest.mark.parametrize("kind", ["tiff", "png", "jpeg"])
def test_image_inputs(tmp_path, masker, kind):
    two = text_pdf(pages=2 if kind == "tiff" else 1)
    pdf, _ = render_scanned_pdf(two, seed=5, style=STYLE)
    pixmaps = scanned_page_pixmaps(pdf)
    if kind == "tiff":
        data = write_tiff(pixmaps)  # multi-page
    else:
        data = pixmaps[0].tobytes("png" if kind == "png" else "jpeg")
    src = tmp_path / f"scan.{kind}"
    src.write_bytes(data)
    out = tmp_path / "scan.pdf"
    report = tmp_path / "r.json"
    assert main(["redact", str(src), "-o", str(out), "--report", str(report)]) == 0
    rep = json.loads(report.read_text())
    assert rep["input"]["pages"] == len(pixmaps)
    assert rep["summary"]["by_type"].get("SE_PERSONNUMMER") == len(pixmaps)
    page = pymupdf.open(out)[0]
    assert abs(page.rect.width - 360) < 2 and abs(page.rect.height - 150) < 2  # size from the image dpi


def test_ocr_switched_off_or_missing(monkeypatch, masker, scan_pdf):
    from masking.errors import UnsupportedContentError
    from masking.pipeline import Masker

    monkeypatch.setenv("MASKING_OCR_ENGINE", "none")
    with pytest.raises(UnsupportedContentError):
        Masker(analyzer=masker.analyzer).mask_bytes(scan_pdf)
    monkeypatch.setenv("MASKING_OCR_ENGINE", "no-such-engine")
    with pytest.raises(OcrUnavailableError) as exc:
        Masker(analyzer=masker.analyzer).mask_bytes(scan_pdf)
    assert exc.value.exit_code == 16


# -- OCR-error tolerance with a scripted engine -----------------------------------------------------
class ScriptedEngine:
    """Returns fixed words (one list per line), laid out left to right at 300 dpi."""

    name = "scripted"
    version = "test"

    def __init__(self, lines: list[list[str]]) -> None:
        self.lines = lines

    def recognize(self, image, dpi, *, sparse=False):
        if sparse:
            return []
        words = []
        for li, line in enumerate(self.lines):
            x = 100.0
            y = 100.0 + li * 75
            for w in line:
                width = 28.0 * len(w)
                words.append(OcrWord(w, (x, y, x + width, y + 40), 90.0, 1, li))
                x += width + 25
        return words


def _scripted(monkeypatch, masker, lines):
    from masking.pipeline import Masker

    register_engine("scripted", lambda: ScriptedEngine(lines))
    monkeypatch.setenv("MASKING_OCR_ENGINE", "scripted")
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.draw_rect(pymupdf.Rect(50, 50, 300, 120), color=(0, 0, 0), fill=(0, 0, 0))  # ink, no text
    m = Masker(analyzer=masker.analyzer)
    d, pages = m.open_document(doc.tobytes())
    d.close()
    return m, pages


def test_ocr_errors_in_numbers_and_split_names(monkeypatch, masker):
    lines = [
        ["Personnummer:", "81121B-98O6"],  # B for 8, O for 0 (Luhn-valid once read as digits)
        ["Sökande", "är", "Anna"],
        ["Andersson", "som", "bor", "här."],  # the name split over two lines
        ["Telefon", "O70", "l23", "45", "67"],  # look-alikes in a number spread over tokens
        ["E-post", "anna.anderssonQexempel.se"],
    ]
    m, pages = _scripted(monkeypatch, masker, lines)
    pt = pages[0]
    assert isinstance(pt, OcrPageText) and len(pt.text) == len(" ".join(" ".join(l) for l in lines))
    dets = m.detect(pages)
    got = {(pt.text[d.start : d.end].replace("\n", " "), d.entity_type) for d in dets}
    assert ("811218-9806", "SE_PERSONNUMMER") in got
    assert ("Anna Andersson", "PERSON") in got
    assert ("070 123 45 67", "PHONE_NUMBER") in got
    assert ("anna.andersson@exempel.se", "EMAIL_ADDRESS") in got


def test_personnummer_with_one_wrong_digit_still_masked(monkeypatch, masker):
    m, pages = _scripted(monkeypatch, masker, [["Personnummer:", "811218-9875"]])  # check digit off by one
    dets = m.detect(pages)
    assert any(d.entity_type == "SE_PERSONNUMMER" for d in dets)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Pnr 81121B-9876", "Pnr 811218-9876"),
        ("lgh 11O2", "lgh 1102"),
        ("Olle Sjöberg ABC 123 ABC12A SE45 5000", "Olle Sjöberg ABC 123 ABC12A SE45 5000"),
        ("mejl a.bQx.se", "mejl a.b@x.se"),
        ("SOS Bo", "SOS Bo"),
        ("Tel O7O 123 45 67", "Tel 070 123 45 67"),
        ("år 2O24\nOlle", "år 2024\nOlle"),
        # a dotted ICD-10 code keeps its letter (G40.9 is no misread 640.9)
        ("Diagnos\nG40.9 Epilepsi", "Diagnos\nG40.9 Epilepsi"),
        ("fraktur (S62.3) och Z73.0, B12.5A", "fraktur (S62.3) och Z73.0, B12.5A"),
        ("belopp 1O4.5 kr", "belopp 104.5 kr"),
        # an "S" (or "Ş") read as "$" before lower-case letters; amounts keep theirs
        ("Elev: Ayla $ener", "Elev: Ayla Sener"),
        ("pris $100 och US$ 5", "pris $100 och US$ 5"),
    ],
)
def test_normalise_ocr_text_is_same_length(raw, expected):
    assert normalise_ocr_text(raw) == expected and len(normalise_ocr_text(raw)) == len(raw)


def test_rotated_scan_is_masked_where_it_is_seen(masker, scan_pdf):
    """A page stored sideways with /Rotate 90 (how scanners save landscape feeds)."""
    pix = scanned_page_pixmaps(scan_pdf)[0]
    doc = pymupdf.open()
    page = doc.new_page(width=150, height=360)
    page.insert_image(page.rect, pixmap=pix, rotate=90)
    page.set_rotation(90)  # upright for the reader
    r = masker.mask_bytes(doc.tobytes(), name="rotated.pdf")
    assert r.report["summary"]["by_type"].get("SE_PERSONNUMMER") == 1 and r.verification.passed
    seen = _ocr_text(r.output)
    assert "Personnummer" in seen and "9876" not in seen and "8112" not in seen and "Andersson" not in seen
    layer = pymupdf.open(stream=r.output, filetype="pdf")[0].get_text()
    assert "bostadsbidrag" in layer and "Andersson" not in layer


def test_table_columns_split_and_broken_words_joined():
    from masking.ocr.pages import page_text_from_words

    words = [  # one text line as Tesseract returns a table row, then a code split at its period
        OcrWord("Yalda", (0, 0, 100, 30), 95, 1, 0),
        OcrWord("Andar", (115, 0, 215, 30), 95, 1, 0),
        OcrWord("199310188363", (400, 0, 640, 30), 95, 1, 0),  # next column: far away
        OcrWord(";", (700, 0, 706, 30), 12, 1, 0),  # a grid line read as a mark
        OcrWord("Diagnos", (0, 60, 150, 90), 95, 1, 1),
        OcrWord("(F41.", (165, 60, 255, 95), 95, 1, 1),
        OcrWord("2)", (259, 60, 290, 95), 95, 1, 1),
    ]
    text, glyphs, char_glyph, lines, spans = page_text_from_words(
        words, None, pymupdf.Matrix(1, 1), px_per_pt=300 / 72
    )
    assert text == "Yalda Andar\n199310188363\nDiagnos (F41.2)"
    assert len(lines) == 3 and len(spans) == 6
    assert all(gi >= 0 for gi, c in zip(char_glyph, text) if not c.isspace())


def test_word_of_short_letters_gets_a_box_as_tall_as_its_line():
    """A word Tesseract boxed at its x-height (``ewa``: no ascender) is covered up to the
    height of the line's other words, as its ink may reach there."""
    from masking.ocr.pages import page_text_from_words

    words = [
        OcrWord("Dottern", (0, 0, 140, 30), 95, 1, 0),
        OcrWord("ewa", (155, 10, 215, 30), 95, 1, 0),  # x-height only
        OcrWord("Lind", (230, 0, 310, 30), 95, 1, 0),
    ]
    text, glyphs, char_glyph, _, _ = page_text_from_words(words, None, pymupdf.Matrix(1, 1), px_per_pt=300 / 72)
    assert text == "Dottern ewa Lind"
    short = glyphs[char_glyph[text.index("ewa")]]
    tall = glyphs[char_glyph[text.index("Lind")]]
    assert short.box[1] == pytest.approx(tall.box[1]) and short.box[3] == pytest.approx(tall.box[3])


def test_block_beside_another_wrapped_at_the_page_edge_reads_on_before_the_other_block():
    """Two blocks side by side that Tesseract read line by line across both: the right one's
    wrapped line goes on right after it, not after the left block's next line."""
    from masking.ocr.pages import page_text_from_words

    words = [
        OcrWord("Telefon", (0, 0, 140, 30), 95, 1, 0),
        OcrWord("c/o", (500, 0, 560, 30), 95, 1, 0),  # far right: the other block
        OcrWord("Nora", (575, 0, 660, 30), 95, 1, 0),
        OcrWord("Lind,", (675, 0, 760, 30), 95, 1, 0),
        OcrWord("Ängsvägen", (775, 0, 960, 30), 95, 1, 0),
        OcrWord("7,", (975, 0, 1000, 30), 95, 1, 0),  # the page's right edge
        OcrWord("Ekvägen", (0, 45, 150, 75), 95, 1, 1),
        OcrWord("12", (165, 45, 200, 75), 95, 1, 1),
        OcrWord("3", (500, 45, 520, 75), 95, 1, 1),  # would not have fit after "7,"
        OcrWord("tr", (535, 45, 560, 75), 95, 1, 1),
        OcrWord("Mobil", (0, 90, 110, 120), 95, 1, 2),
        OcrWord("E-post", (500, 90, 620, 120), 95, 1, 2),  # fits after "tr": no wrap
    ]
    text, glyphs, char_glyph, lines, spans = page_text_from_words(words, None, pymupdf.Matrix(1, 1), px_per_pt=1.0)
    assert text == "Telefon\nc/o Nora Lind, Ängsvägen 7,\n3 tr\nEkvägen 12\nMobil\nE-post"
    assert len(lines) == 6 and len(spans) == len(words)
    assert [glyphs[char_glyph[i]].char for i, c in enumerate(text) if not c.isspace()] == [
        c for c in text if not c.isspace()
    ]
    box = glyphs[char_glyph[text.index("3 tr")]].box
    assert box[0] < 505 and box[1] < 50  # the glyph of "3" is still where it was read


def test_a_line_tesseract_cut_into_two_blocks_is_read_as_one_line():
    """Tesseract ended a line in the middle of an address and read the rest as a block of its
    own after the lines below: the rest goes back onto its line (same height, a word space
    after its last word), so the address is read in one piece."""
    from masking.ocr.pages import page_text_from_words

    words = [
        OcrWord("Mejl", (0, 0, 80, 30), 95, 1, 0),
        OcrWord("från", (95, 0, 170, 30), 95, 1, 0),
        OcrWord("lova.ek", (185, 0, 320, 30), 95, 1, 0),
        OcrWord("Adress", (0, 45, 120, 75), 95, 1, 1),
        OcrWord("Ängsvägen", (135, 45, 330, 75), 95, 1, 1),
        OcrWord("Qexempel.se:", (324, 2, 560, 32), 95, 2, 2),  # the cut-off rest, read last
        OcrWord("hej", (575, 2, 640, 32), 95, 2, 2),
        OcrWord("Saldo", (700, 45, 800, 75), 95, 3, 3),  # a column far right: stays apart
    ]
    text, glyphs, char_glyph, lines, spans = page_text_from_words(words, None, pymupdf.Matrix(1, 1), px_per_pt=1.0)
    assert text.splitlines()[0] == "Mejl från lova.ek Qexempel.se: hej"
    assert "Saldo" in text.splitlines() and len(spans) == len(words)
    box = glyphs[char_glyph[text.index("Qexempel")]].box
    assert 300 < box[0] < 340 and box[1] < 10  # the glyph is still where it was read


def test_table_rows_keep_their_order():
    """A label and value table: a value that would have fit on the line above is no wrap."""
    from masking.ocr.pages import page_text_from_words

    words = [
        OcrWord("Namn", (0, 0, 100, 30), 95, 1, 0),
        OcrWord("Nora", (300, 0, 385, 30), 95, 1, 0),
        OcrWord("Lind", (400, 0, 480, 30), 95, 1, 0),
        OcrWord("Telefon", (0, 45, 140, 75), 95, 1, 1),
        OcrWord("070-123", (300, 45, 440, 75), 95, 1, 1),
        OcrWord("Beslut", (0, 90, 120, 120), 95, 1, 2),
        OcrWord("Ärendenummeruppgifterna", (300, 90, 760, 120), 95, 1, 2),  # a long word
        OcrWord("Beslutet", (0, 135, 160, 165), 95, 1, 3),
        OcrWord("överklagas", (175, 135, 1000, 165), 95, 1, 3),  # the page's right edge
    ]
    text, *_ = page_text_from_words(words, None, pymupdf.Matrix(1, 1), px_per_pt=1.0)
    assert text == "Namn\nNora Lind\nTelefon\n070-123\nBeslut\nÄrendenummeruppgifterna\nBeslutet överklagas"


def test_a_table_whose_last_column_reaches_the_page_edge_keeps_its_rows():
    """Column headings over their values, the last column nearest the page's right edge: a
    value under a heading is no wrapped line of the heading (a one-word heading does not run
    on into a capitalised town or a code), so each row keeps its own order."""
    from masking.ocr.pages import page_text_from_words

    words = [
        OcrWord("Gatuadress", (0, 0, 200, 30), 95, 1, 0),
        OcrWord("Postnummer", (400, 0, 620, 30), 95, 1, 0),
        OcrWord("Postort", (700, 0, 840, 30), 95, 1, 0),
        OcrWord("Byvägen", (0, 45, 150, 75), 95, 1, 1),
        OcrWord("4", (165, 45, 185, 75), 95, 1, 1),
        OcrWord("123", (400, 45, 460, 75), 95, 1, 1),
        OcrWord("45", (475, 45, 515, 75), 95, 1, 1),
        OcrWord("ORTEN", (700, 45, 840, 75), 95, 1, 1),
        OcrWord("Postort", (0, 90, 140, 120), 95, 1, 2),
        OcrWord("Postnummer", (700, 90, 920, 120), 95, 1, 2),  # the page's right edge
        OcrWord("Eka", (0, 135, 60, 165), 95, 1, 3),
        OcrWord("123", (700, 135, 760, 165), 95, 1, 3),
        OcrWord("45", (775, 135, 815, 165), 95, 1, 3),
    ]
    text, *_ = page_text_from_words(words, None, pymupdf.Matrix(1, 1), px_per_pt=1.0)
    assert text == "Gatuadress\nPostnummer\nPostort\nByvägen 4\n123 45\nORTEN\nPostort\nPostnummer\nEka\n123 45"


def test_letters_beside_punctuation_reach_the_word_ends():
    """The cut between "n" and a glued ";" is a guess: the value's last letter reaches the
    word's end, so a masked "habiliteringen" in "habiliteringen;" leaves none of its ink."""
    from masking.ocr.pages import page_text_from_words

    words = [OcrWord("vården;", (0, 0, 140, 30), 95, 1, 0), OcrWord("(148.9)", (160, 0, 300, 30), 95, 1, 0)]
    text, glyphs, char_glyph, _, _ = page_text_from_words(words, None, pymupdf.Matrix(1, 1), px_per_pt=1.0)
    assert text == "vården; (148.9)"
    box = {c: glyphs[char_glyph[i]].box for i, c in enumerate(text) if c in "n(1)"}
    assert box["n"][2] >= 140  # the last letter covers the ";" beside it
    assert box["1"][0] <= 160  # the first digit covers the "(" before it
    assert glyphs[char_glyph[text.index("9")]].box[2] >= 300  # and the closing bracket


def test_cell_border_read_as_an_equals_sign_is_noise():
    from masking.ocr.pages import page_text_from_words

    words = [
        OcrWord("123", (0, 10, 60, 35), 95, 1, 0),
        OcrWord("=", (75, 0, 83, 45), 0.0, 1, 0),  # taller than the line, read with no confidence
        OcrWord("Orten", (98, 10, 190, 35), 95, 1, 0),
    ]
    text, *_ = page_text_from_words(words, None, pymupdf.Matrix(1, 1), px_per_pt=1.0)
    assert text == "123 Orten"


def test_redacted_scan_image_is_compressed(scan_result, scan_pdf, masker, monkeypatch):
    out = pymupdf.open(stream=scan_result.output, filetype="pdf")
    xref = out[0].get_images()[0][0]
    assert out.xref_get_key(xref, "Filter")[1] == "/DCTDecode"  # the scan was a JPEG: so is its redacted copy
    assert len(scan_result.output) < 2 * len(scan_pdf)
    monkeypatch.setenv("MASKING_SCAN_IMAGE_CODEC", "flate")
    r = masker.mask_bytes(scan_pdf)
    out = pymupdf.open(stream=r.output, filetype="pdf")
    assert out.xref_get_key(out[0].get_images()[0][0], "Filter")[1] == "/FlateDecode"  # lossless on request
    assert r.verification.passed


def test_pixel_check_fails_closed_on_a_turned_image(masker, scan_pdf, monkeypatch):
    pix = scanned_page_pixmaps(scan_pdf)[0]
    doc = pymupdf.open()
    page = doc.new_page(width=150, height=360)
    page.insert_image(page.rect, pixmap=pix, rotate=90)  # placed turned: the check maps boxes into it
    page.set_rotation(90)
    _keep_pixels(monkeypatch, "both")
    with pytest.raises(VerificationError) as exc:
        masker.mask_bytes(doc.tobytes(), name="rotated.pdf")
    assert any(f["check"] == "image_pixels" for f in exc.value.findings)


def test_searchable_layer_width_is_the_fonts_text_length():
    """The layer's text widths, summed from cached advances, equal the font's own measure
    (Swedish letters, digits, punctuation, and a character the font lacks)."""
    from masking.ocr.textlayer import _font, text_width

    for text in ("Beslut", "Sökande: Åsa Öberg-Ärlig", "811218-9876", "(F41.2)", "€ 1 200,50", "ǅ", ""):
        assert text_width(text) == _font().text_length(text, fontsize=1.0)
    assert text_width("Beslut om") > text_width("Beslut")


def test_a_run_of_documents_reads_ahead_and_gives_each_its_own_result(masker, scan_pdf, scan_result):
    from masking.errors import MaskingError

    two_pages, _ = render_scanned_pdf(text_pdf(pages=2), seed=5, style=STYLE)
    items = [scan_pdf, text_pdf(), two_pages, b"%PDF-1.7 not a document", scan_pdf]
    run = masker.mask_many(items)
    got = [next(run) for _ in range(3)]
    assert [len(r.report["ocr"]["pages"]) if r.report.get("ocr") else 0 for r in got] == [1, 0, 2]
    for r in got:
        assert r.verification.passed and {a.entity_type for a in r.areas} >= {"SE_PERSONNUMMER"}
    # the same areas as the document masked on its own
    assert sorted((a.page, a.entity_type, a.box) for a in got[0].areas) == sorted(
        (a.page, a.entity_type, a.box) for a in scan_result.areas)
    assert sorted(a.page for a in got[2].areas if a.entity_type == "SE_PERSONNUMMER") == [0, 1]
    with pytest.raises(MaskingError):  # the broken document fails in its turn; the run ends there
        next(run)
