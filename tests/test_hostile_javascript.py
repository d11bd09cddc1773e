"""JavaScript (#13 corpus): a released document carries no scripts. The sanitiser removes every
JavaScript action and every trigger (/OpenAction, the /Names /JavaScript tree, /AA on the
catalog, pages, annotations and fields); scripts can hold personal data no page shows, so the
value in them is gone by text, raw objects (decoded) and metadata, and verification withholds a
document that still holds a script."""

from __future__ import annotations

import re

import pymupdf

from masking.verify import masked_values_from, verify_pdf

from . import hostile_pdfs as H
from .test_hostile_sanitise import _forms, _raw


def test_the_builder_puts_the_values_in_every_script_place():  # positive control
    raw = _raw(H.javascript_everywhere())
    for key in H.JAVASCRIPT_KEYS:
        assert key in raw, key
    assert raw.count(H.SECRET.encode()) >= 8 and f"{H.NAME} {H.PNR}".encode() in raw
    doc = pymupdf.open(stream=H.javascript_everywhere(), filetype="pdf")
    cat = doc.pdf_catalog()
    assert doc.xref_get_key(cat, "OpenAction")[0] != "null" and doc.xref_get_key(cat, "Names")[0] != "null"
    assert doc.xref_get_key(doc[0].xref, "AA")[0] != "null" and doc[0].first_widget is not None


def test_masking_removes_every_script_and_the_values_in_them(masker):
    r = masker.mask_bytes(H.javascript_everywhere())
    assert r.verification.passed
    out = r.output
    raw = _raw(out)
    for key in H.JAVASCRIPT_KEYS + (b"/S/JavaScript", b"/S /JavaScript"):
        assert key not in raw, key
    for value in (H.SECRET, "Garbo", "121212-1212", H.PNR, "Andersson"):
        for form in _forms(value):
            assert form.lower() not in raw.lower(), value
    assert b"Garbo" not in out and b"Andersson" not in out
    doc = pymupdf.open(stream=out, filetype="pdf")
    text = "".join(p.get_text() for p in doc)
    assert "Garbo" not in text and "9876" not in text and "Beslutet" in text
    meta = " ".join(str(v) for v in (doc.metadata or {}).values()) + (doc.get_xml_metadata() or "")
    assert "Garbo" not in meta and "Andersson" not in meta
    assert doc[0].first_widget is None and doc[0].first_annot is None


def test_verification_withholds_a_document_that_holds_a_script():
    """Fail closed: were the sanitiser to keep a script, verification would find it (a
    structure finding, without naming anything in it)."""
    res = verify_pdf(H.javascript_everywhere(), masked_values_from([]))
    assert not res.passed
    details = [f.detail for f in res.findings if f.check == "structure"]
    assert any("JavaScript" in d for d in details)
    assert not any(re.search("Garbo|1212", f.describe()) for f in res.findings)
    doc = pymupdf.open(stream=H.text_pdf(), filetype="pdf")  # page /AA alone (no catalog keys) is found
    doc.xref_set_key(doc[0].xref, "AA", "<</O <</S/JavaScript/JS (1)>>>>")
    res = verify_pdf(doc.tobytes(garbage=3), [])
    assert any("JavaScript" in f.detail for f in res.findings)
    assert verify_pdf(H.text_pdf(), []).passed
