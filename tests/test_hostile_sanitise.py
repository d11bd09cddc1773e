"""Sanitising removes private data a reader does not see (#13 item 4): /PieceInfo on pages,
images and Form XObjects, /ActualText and /Alt in marked content."""

from __future__ import annotations

import re

import pymupdf

from masking.redact import PRIVATE_KEYS

from . import hostile_pdfs as H


def _raw(data: bytes) -> bytes:
    """Every object dictionary and every decoded stream of the file."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    parts = []
    for xref in range(1, doc.xref_length()):
        try:
            parts.append(doc.xref_object(xref).encode("latin-1", "replace"))
            if doc.xref_is_stream(xref):
                parts.append(doc.xref_stream(xref) or b"")
        except Exception:
            continue
    doc.close()
    return b"\n".join(parts)


def _forms(value: str) -> list[bytes]:
    return [value.encode("latin-1"), value.encode("utf-16-be").hex().encode(), value.encode("utf-16-be")]


def test_input_holds_the_private_data():  # the positive control: the builder works
    raw = _raw(H.private_objects())
    assert b"/PieceInfo" in raw and b"/ActualText" in raw and H.SECRET.encode() in raw


def test_private_keys_and_strings_are_gone_after_masking(masker):
    out = masker.mask_bytes(H.private_objects()).output
    raw = _raw(out)
    # gone, or null (PDF 32000 7.3.7: a null entry is the same as no entry; PyMuPDF cannot delete
    # a key of a stream dictionary), or an empty string in a marked-content property list
    for key in PRIVATE_KEYS:
        assert not re.search(rb"/" + key.encode() + rb"(?![A-Za-z])\s*(?!null\b|\(\))\S", raw), key
    for form in _forms(H.SECRET) + _forms("Garbo"):
        assert form.lower() not in raw.lower(), form
    assert b"Garbo" not in out
    doc = pymupdf.open(stream=out, filetype="pdf")
    text = "".join(p.get_text() for p in doc)
    assert "Garbo" not in text and "Beslutet" in text
