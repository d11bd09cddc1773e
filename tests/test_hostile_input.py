"""Bad input never crashes (#13 item 6): each is refused with a one-line error and its exit
code, before anything is decoded, and nothing is written."""

from __future__ import annotations

import json

import pytest

from masking.cli import main
from masking.errors import CorruptPdfError, ResourceLimitError
from masking.ocr.images import image_to_pdf
from masking.pdf import Limits, open_pdf

from . import hostile_pdfs as H


def _run(tmp_path, capsys, name, data, *extra, output=None):
    src = tmp_path / name
    src.write_bytes(data)
    out = output if output is not None else tmp_path / "out" / "masked.pdf"
    capsys.readouterr()
    rc = main(["redact", str(src), "-o", str(out), "--no-audit", *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert src.read_bytes() == data
    return rc, err, out


def test_image_over_the_pixel_limit_is_refused_from_its_dictionary(tmp_path, capsys):
    data = H.huge_image()
    with pytest.raises(ResourceLimitError):
        open_pdf(data).close()
    rc, err, out = _run(tmp_path, capsys, "big.pdf", data)
    assert rc == 14 and "30000 x 30000" in err
    assert not out.exists()


def test_a_small_image_is_within_the_limit():
    open_pdf(H.huge_image(side=200)).close()
    with pytest.raises(ResourceLimitError):
        open_pdf(H.huge_image(side=200), limits=Limits(max_image_pixels=100 * 100)).close()


@pytest.mark.parametrize("in_form", [False, True], ids=["page", "form_xobject"])
def test_inline_image_over_the_pixel_limit_is_refused_from_its_dictionary(tmp_path, capsys, monkeypatch, in_form):
    """An inline image (BI … ID … EI) is held to the pixel limit as an XObject image is: refused
    with exit 14 from its own dictionary, before MuPDF reads (decodes) the page."""
    data = H.huge_inline_image(in_form=in_form)
    with pytest.raises(ResourceLimitError, match="inline image of 30000 x 30000"):
        open_pdf(data).close()
    import pymupdf

    def no_decoding(*a, **k):
        raise AssertionError("a page was read before the limit was checked")

    for method in ("get_text", "get_texttrace", "get_pixmap", "get_bboxlog"):
        monkeypatch.setattr(pymupdf.Page, method, no_decoding)
    rc, err, out = _run(tmp_path, capsys, "inline.pdf", data)
    assert rc == 14 and "30000 x 30000" in err
    assert not out.exists()


def test_a_small_inline_image_is_within_the_limit():
    open_pdf(H.huge_inline_image(side=200)).close()
    open_pdf(H.value_in_inline_image()).close()
    with pytest.raises(ResourceLimitError):
        open_pdf(H.huge_inline_image(side=200, in_form=True), limits=Limits(max_image_pixels=100 * 100)).close()


def test_tiff_with_an_empty_directory(tmp_path, capsys):
    with pytest.raises(CorruptPdfError):
        image_to_pdf(H.tiff_empty_ifd())
    rc, err, out = _run(tmp_path, capsys, "scan.tif", H.tiff_empty_ifd())
    assert rc == 12 and not out.exists()


def test_page_tree_that_claims_two_to_the_31_pages(tmp_path, capsys):
    with pytest.raises(CorruptPdfError):
        open_pdf(H.page_count_lie())
    rc, err, out = _run(tmp_path, capsys, "lie.pdf", H.page_count_lie())
    assert rc == 12 and not out.exists()


def test_page_count_over_the_limit_but_plausible_is_a_limit():
    with pytest.raises(ResourceLimitError):
        open_pdf(H.page_count_lie(count=3), limits=Limits(max_pages=2)).close()


def test_output_naming_a_directory_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "dir").mkdir()
    rc, err, _ = _run(tmp_path, capsys, "in.pdf", H.text_pdf(), output=tmp_path / "dir")
    assert rc == 2
    assert list((tmp_path / "dir").iterdir()) == []


def test_repaired_pdf_is_refused_unless_allowed(tmp_path, capsys):
    data = H.truncated_pdf()
    with pytest.raises(CorruptPdfError):
        open_pdf(data)
    rc, err, out = _run(tmp_path, capsys, "cut.pdf", data)
    assert rc == 12 and "repaired" in err and not out.exists()
    report = tmp_path / "report.json"
    rc, err, out = _run(tmp_path, capsys, "cut.pdf", data, "--allow-repaired", "--report", str(report))
    assert rc == 0 and out.exists()
    assert json.loads(report.read_text())["input"]["repaired"] is True


def test_messages_do_not_carry_file_content(tmp_path, capsys):
    rc, err, _ = _run(tmp_path, capsys, "lie.pdf", H.page_count_lie())
    assert H.NAME not in err and "Beslut" not in err
