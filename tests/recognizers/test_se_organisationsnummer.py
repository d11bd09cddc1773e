"""Tests for the organisationsnummer recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import INVALID_CHECKSUM, VALID
from recognizers.se_organisationsnummer import SeOrganisationsnummerRecognizer, is_organisationsnummer_shape

REC = SeOrganisationsnummerRecognizer()
ORG = entities.SE_ORGANISATIONSNUMMER


def found(text: str) -> list[tuple[str, float, str]]:
    results = sorted(REC.analyze(text, [ORG]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2), r.recognition_metadata["validation"]) for r in results]


@pytest.mark.parametrize(
    "written, score",
    [
        ("556036-0793", 0.9),
        ("556036–0793", 0.9),
        ("556036 - 0793", 0.9),
        ("556036 0793", 0.9),
        ("16556036-0793", 0.9),
        ("16-556036-0793", 0.9),
        ("5560360793", 0.6),
        ("165560360793", 0.6),
        ("SE556036079301", 0.9),
        ("SE5560360793 01", 0.9),
        ("SE 5560360793 01", 0.9),
        ("se556036079301", 0.9),
    ],
)
def test_valid_forms_exact_span(written: str, score: float) -> None:
    text = f"Leverantör: Exempel AB, {written}, Box 123."
    assert found(text) == [(written, score, VALID)]


@pytest.mark.parametrize(
    "number",
    ["212000-0142", "202100-5257", "716417-0230", "802479-1231", "969745-1236", "302000-1230", "622000-0001"],
)
def test_every_legal_form_group(number: str) -> None:
    assert found(f"Org.nr {number}") == [(number, 0.9, VALID)]


def test_bad_checksum_only_with_context() -> None:
    assert found("Org.nr: 556036-0794") == [("556036-0794", 0.4, INVALID_CHECKSUM)]
    assert found("Bolaget har organisationsnummer 5560360794") == [("5560360794", 0.4, INVALID_CHECKSUM)]
    assert found("Siffrorna 556036-0794 anges") == []
    assert found("5560360794") == []


def test_vat_with_bad_checksum_is_still_found() -> None:
    assert found("SE556036079401") == [("SE556036079401", 0.4, INVALID_CHECKSUM)]


def test_personnummer_shaped_numbers_are_left_to_the_personnummer_recognizer() -> None:
    assert found("Org.nr 811218-9876 (enskild firma)") == []
    assert found("SE811218987601") == []
    assert not is_organisationsnummer_shape("8112189876")
    assert is_organisationsnummer_shape("5560360793")


def test_group_digits_zero_and_four_rejected() -> None:
    assert found("Org.nr 020000-0008") == []
    assert found("Org.nr 420000-0007") == []


@pytest.mark.parametrize(
    "text",
    [
        "Datum 2024-03-15",
        "20240315",
        "Belopp 1 234 567,00 kr",
        "Dnr 2024/12345",
        "FK 2023-123456",
        "Ärendenummer 123-456789-2024",
        "SFS 2010:110",
        "OCR 4581121898761234",
        "55603607931234",
        "1556036-0793",
        "556036-07931",
        "X5560360793",
        "Ring 070-123 45 67",
        "175560360793",
    ],
)
def test_look_alikes_not_found(text: str) -> None:
    assert found(text) == []
