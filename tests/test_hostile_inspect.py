"""`masking inspect` against x-ray's own test PDFs and bad redactions made by other methods."""

from __future__ import annotations

from pathlib import Path

import pytest

from masking.inspect import inspect_pdf, reportable

from . import hostile_pdfs as H

XRAY = Path(__file__).parent / "data" / "xray"

# inspect's checks that judge a redaction (what x-ray's verdicts are about)
REDACTION_CHECKS = {"text_under_box", "cross_hatched_box", "text_under_image", "text_under_graphics", "annotation_over_text"}

# x-ray's verdicts (tests/test_utils.py at the commit named in tests/data/xray/README.md)
XRAY_BAD = ["rectangles_yes", "rectangles_yes_2", "bad_cross_hatched_redactions", "hidden_text_on_visible_text"]
XRAY_GOOD = [
    "multi_line_redaction_ok", "ok_words", "partial_intersections_ok", "rectangles_no", "unfilled_rect",
    "whitespace_redaction_with_comma", "whitespace_redactions", "whitespace_redactions_2",
    "no_bad_redactions.2.1", "no_bad_redactions.3.1", "no_bad_redactions.3.2", "no_bad_redactions.4.1",
    "no_bad_redactions.5.5", "no_bad_redactions.6.2",
    "no_bad_redactions.7.1", "no_bad_redactions.8.1",
    "rect_ordering_0.8", "rect_ordering_1.23", "rect_ordering_2.1", "rect_ordering_3.20", "rect_ordering_4.1",
    "rect_ordering_5.2", "rect_ordering_6.19",
]


@pytest.mark.parametrize("name", XRAY_BAD)
def test_xray_bad_redactions_are_found(name):
    res = inspect_pdf(XRAY / f"{name}.pdf", check_personal_data=False)
    assert res.checks() & REDACTION_CHECKS, res.findings


@pytest.mark.parametrize("name", XRAY_GOOD)
def test_xray_good_files_have_no_bad_redaction(name):
    res = inspect_pdf(XRAY / f"{name}.pdf", check_personal_data=False)
    assert not res.checks() & REDACTION_CHECKS, res.findings


def test_every_xray_test_pdf_has_a_verdict():
    """All of x-ray's test PDFs are here (3.1 and 5.5 as shrunk copies) and each has its verdict."""
    assert sorted(p.stem for p in XRAY.glob("*.pdf")) == sorted(XRAY_BAD + XRAY_GOOD)
    assert len(XRAY_BAD + XRAY_GOOD) == 27


@pytest.mark.parametrize("clipped,hidden", [(True, False), (False, True)])
def test_an_image_clipped_away_from_text_hides_nothing(tmp_path, clipped, hidden):
    """x-ray's 5.5, page 19: an image whose bounding box covers a heading but whose clip path
    cuts it off above it hides nothing; the same image unclipped hides the line."""
    res = inspect_pdf(_write(tmp_path, "clip", H.image_clipped_above_text(clipped)), check_personal_data=False)
    assert ("text_under_image" in res.checks()) == hidden, res.findings


def test_black_stamp_on_a_dark_background_is_no_redaction(tmp_path):
    """x-ray's 5.5, page 4: black text on a dark background filling half the page is low-contrast
    text (invisible_text), not text hidden by a redaction box; black text on a black box of its
    own size still is (dark_text_on_dark_box in BAD_METHODS)."""
    res = inspect_pdf(_write(tmp_path, "stamp", H.black_stamp_on_dark_background()), check_personal_data=False)
    assert not res.checks() & REDACTION_CHECKS, res.findings
    assert "invisible_text" in res.checks()
    dark = inspect_pdf(_write(tmp_path, "dark", H.dark_text_on_dark_box()), check_personal_data=False)
    assert "text_under_box" in dark.checks()


def test_xray_rectangles_yes_counts_the_hidden_characters():
    res = inspect_pdf(XRAY / "rectangles_yes.pdf", check_personal_data=False)
    hidden = sum(int(f.detail.split()[0]) for f in res.findings if f.check == "text_under_box")
    assert hidden >= 40  # three boxes over words (x-ray: 64 intersecting characters, 3 redactions)


def _write(tmp_path, name, data):
    p = tmp_path / f"{name}.pdf"
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("name", sorted(H.BAD_METHODS))
def test_bad_redaction_method_is_flagged(tmp_path, name):
    build, check = H.BAD_METHODS[name]
    res = inspect_pdf(_write(tmp_path, name, build()), check_personal_data=False)
    assert check in res.checks(), res.findings
    text = " ".join(f.detail for f in res.findings)
    assert "Anna" not in text and "9876" not in text


@pytest.mark.parametrize("name", sorted(H.PERSONAL_DATA))
def test_personal_data_left_in_the_document_is_flagged(tmp_path, analyzer, name):
    res = inspect_pdf(_write(tmp_path, name, H.PERSONAL_DATA[name]()), analyzer=analyzer)
    assert any(f.check == "personal_data" and "SE_PERSONNUMMER" in f.detail for f in res.findings), res.findings


@pytest.mark.parametrize("name", sorted(H.CLEAN))
def test_no_false_alarm(tmp_path, analyzer, name):
    res = inspect_pdf(_write(tmp_path, name, H.CLEAN[name]()), analyzer=analyzer)
    assert res.clean, res.findings


@pytest.mark.parametrize("name", ["box_over_text", "black_highlight", "cross_hatched_box", "hidden_layer",
                                  "white_text", "scan_with_burned_box", "piece_info", "uri_with_personal_data"])
def test_masking_redact_output_of_a_bad_redaction_is_clean(tmp_path, masker, name):
    build = H.BAD_METHODS[name][0] if name in H.BAD_METHODS else H.PERSONAL_DATA[name]
    out = masker.mask_bytes(build())
    res = inspect_pdf(_write(tmp_path, name, out.output), analyzer=masker.analyzer)
    assert res.clean, res.findings


def test_hidden_run_filter():
    assert not reportable("XXXXXX")
    assert not reportable("  ,. ")
    assert not reportable("03/23/2019")
    assert not reportable("2024-05-01")
    assert not reportable("REDACTED")
    assert not reportable("l")
    assert reportable("Andersson")
    assert reportable("811218-9876")
