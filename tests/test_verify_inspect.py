"""Verification and inspection catch bad redactions (positive controls)."""

from __future__ import annotations

import pymupdf
import pytest

from masking.inspect import inspect_pdf
from masking.redact import sanitized_copy, save_bytes
from masking.verify import masked_values_from, verify_pdf_bytes

from .conftest import make_pdf

PNR = "811218-9876"
VALUES = masked_values_from([("SE_PERSONNUMMER", PNR), ("PERSON", "Anna Andersson")])


def clean_bytes(lines):
    doc = make_pdf(lines)
    out = sanitized_copy(doc)
    return save_bytes(out)


def checks(result):
    return {f.check for f in result.findings}


def test_clean_document_passes():
    data = clean_bytes(["Inget att se här.", "Annan text med Annan och Annalena"])
    r = verify_pdf_bytes(data, masked_values_from([("PERSON", "Anna")]))
    assert r.passed, r.findings


def test_text_layer_leak_caught_even_split_over_lines():
    r = verify_pdf_bytes(clean_bytes(["Sökande Anna Anders-", "son, pnr 811218", "-9876"]), VALUES)
    assert not r.passed
    assert "text_layer" in checks(r)
    assert {f.entity_type for f in r.findings} == {"SE_PERSONNUMMER", "PERSON"}


def test_genitive_leak_caught():
    r = verify_pdf_bytes(clean_bytes(["Anna Anderssons bil"]), VALUES)
    assert not r.passed


def test_bookmark_metadata_annotation_leaks_caught():
    for mutate, check in [
        (lambda d: d.set_toc([[1, "Anna Andersson", 1]]), "outline"),
        (lambda d: d.set_metadata({"author": "Anna Andersson"}), "metadata"),
        (lambda d: d[0].add_text_annot((100, 100), "ring Anna Andersson"), "annotation"),
    ]:
        doc = pymupdf.open(stream=clean_bytes(["Ingenting"]), filetype="pdf")
        mutate(doc)
        r = verify_pdf_bytes(doc.tobytes(garbage=4), VALUES)
        assert not r.passed and check in checks(r), (check, r.findings)


def test_incremental_revision_caught(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(clean_bytes(["Anna Andersson"]))
    doc = pymupdf.open(p)
    doc[0].add_redact_annot(doc[0].search_for("Anna Andersson")[0])
    doc[0].apply_redactions()
    doc.saveIncr()
    doc.close()
    r = verify_pdf_bytes(p.read_bytes(), VALUES)
    assert not r.passed and "single_revision" in checks(r)


def test_messages_never_contain_values():
    r = verify_pdf_bytes(clean_bytes(["Anna Andersson 811218-9876"]), VALUES)
    text = " ".join(f.describe() for f in r.findings)
    assert "Anna" not in text and "9876" not in text


def _pdf_with_box_over_text(tmp_path):
    doc = make_pdf(["Sökande Anna Andersson bor här."])
    page = doc[0]
    r = page.search_for("Anna Andersson")[0]
    page.draw_rect(r, color=None, fill=(0, 0, 0))  # "redacted" by drawing on top
    p = tmp_path / "fake.pdf"
    doc.save(p)
    return p


def test_inspect_finds_text_under_box(tmp_path, analyzer):
    res = inspect_pdf(_pdf_with_box_over_text(tmp_path), analyzer=analyzer)
    assert not res.clean
    assert "text_under_box" in {f.check for f in res.findings}


def test_inspect_finds_unapplied_redaction_and_metadata(tmp_path, analyzer):
    doc = make_pdf(["Text", "mer text"])
    doc[0].add_redact_annot(pymupdf.Rect(72, 60, 120, 75))
    doc.set_metadata({"author": "Personnummer 811218-9876"})
    p = tmp_path / "u.pdf"
    doc.save(p)
    res = inspect_pdf(p, analyzer=analyzer)
    found = {f.check for f in res.findings}
    assert "unapplied_redaction" in found and "personal_data" in found


def test_inspect_finds_invisible_text(tmp_path, analyzer):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "gömd text", render_mode=3)
    p = tmp_path / "i.pdf"
    doc.save(p)
    res = inspect_pdf(p, analyzer=analyzer)
    assert "invisible_text" in {f.check for f in res.findings}


def test_inspect_clean_on_our_output(tmp_path, masker):
    doc = make_pdf(["Sökande 811218-9876 med telefon 070-123 45 67."])
    res = masker.mask_bytes(doc.tobytes())
    p = tmp_path / "o.pdf"
    p.write_bytes(res.output)
    result = inspect_pdf(p, analyzer=masker.analyzer)
    assert result.clean, result.findings


def _jpeg_page_pdf(comment: bytes) -> bytes:
    import io

    import pymupdf
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (200, 100), 255).save(buf, "JPEG", comment=comment)
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=100)
    page.insert_image(page.rect, stream=buf.getvalue())
    return doc.tobytes()


def test_text_in_a_jpeg_header_is_found_and_scan_data_is_not_searched() -> None:
    from masking.verify import masked_values_from, verify_pdf_bytes

    values = masked_values_from([("PERSON", "Anna Andersson")])
    leaky = verify_pdf_bytes(_jpeg_page_pdf(b"scan of Anna Andersson"), values)
    assert not leaky.passed and any(f.check == "raw_objects" for f in leaky.findings)
    assert verify_pdf_bytes(_jpeg_page_pdf(b"scanner 42"), values).passed
