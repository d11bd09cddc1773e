"""Tests for the passport / national ID card number recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.se_id_document import SeIdDocumentRecognizer

REC = SeIdDocumentRecognizer()
DOC = entities.SE_ID_DOCUMENT


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [DOC]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Passnummer: 12345678", "12345678"),
        ("passnr 87654321.", "87654321"),
        ("Pass nr AB1234567", "AB1234567"),
        ("Passet (nr 12345678) har gått ut", "12345678"),
        ("Id-kort 12345678", "12345678"),
        ("ID-kortsnummer: XY1234567", "XY1234567"),
        ("Nationellt id-kort: 1AB234567", "1AB234567"),
        ("Legitimation: 12345678", "12345678"),
        ("Uppvisad id-handling: pass 87654321", "87654321"),
        ("Körkortsnummer 12345678", "12345678"),
        ("Identitetskort nr 12345678", "12345678"),
        ("id-nummer\n12345678", "12345678"),
        ("Passport number 12345678", "12345678"),
        # right after a number label, new-generation numbers may be letters only or digits only
        ("Passnummer: ABCDEFGHJ", "ABCDEFGHJ"),
        ("passnummer 123456789", "123456789"),
        ("legitimerade sig med pass med nummer CWXTKALCW.", "CWXTKALCW"),
        # document words damaged by OCR
        ("har styrkt sin identitet med ID-kortsnhummer NGFKR43WE.", "NGFKR43WE"),
        ("med ID-kortshummer DWTSTKE3A.", "DWTSTKE3A"),
        ("Passnumrner: 12345678", "12345678"),
        ("lD-kort 12345678", "12345678"),
        ("med ID-körtshummer 91124456.", "91124456"),
        ("har styrkt sin identitet med passnhummer RG84L3PBC.", "RG84L3PBC"),
        ("1D-nurnmer AB1234567", "AB1234567"),
    ],
)
def test_with_document_word(text: str, number: str) -> None:
    assert found(text) == [(number, 0.85)]


@pytest.mark.parametrize(
    "text",
    [
        "12345678",  # no document word
        "AB1234567",
        "Kundnummer 12345678",
        "Fakturanummer AB1234567",
        "Passnummer 20240315",  # a date
        "Passet utfärdades 15032024",  # a date (DDMMYYYY)
        "Passnummer 1234567890",  # too long
        "Passnummer 1234567",  # too short
        "Pass: AB12345678",  # ten characters
        "Pass 1234-5678",
        "Anpassad plan 12345678",  # "pass" inside another word
        "Passning av barn, avgift 12345678",
        "Passagerare 12345678",
        "Idrott 12345678",
        "Passet ansöktes om i Stockholm och beslut fattades efter lång handläggning 12345678",
        "Id-kort 12 345 678 kr",
    ],
)
def test_not_document_numbers(text: str) -> None:
    assert found(text) == []


def test_ocr_doubled_character_after_a_label() -> None:
    assert found("Hanna legitimerade sig med passnr RKZSUZLSS5.") == [("RKZSUZLSS5", 0.6)]
    assert found("Passnummer 1234567890") == []  # ten digits: too long
    assert found("Passnummer ABCDEFGHIJ") == []  # no digit

