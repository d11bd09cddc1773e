"""Tests for the plusgiro recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import INVALID_CHECKSUM, VALID
from recognizers.se_plusgiro import SePlusgiroRecognizer

REC = SePlusgiroRecognizer()
PG = entities.SE_PLUSGIRO


def found(text: str) -> list[tuple[str, float, str]]:
    results = sorted(REC.analyze(text, [PG]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2), r.recognition_metadata["validation"]) for r in results]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Plusgiro 12 34 56-6", "12 34 56-6"),
        ("Plusgiro: 123456-6.", "123456-6"),
        ("PG 1 23 45-5", "1 23 45-5"),
        ("Postgiro 90 08 00-4", "90 08 00-4"),
        ("pg-nr: 1234567-4", "1234567-4"),
        ("Plusgironummer 1 23 45 67-4", "1 23 45 67-4"),
        ("PG 5555-8", "5555-8"),
        ("PG 4-2", "4-2"),
        ("Plusgiro 12 34 56 – 6", "12 34 56 – 6"),
        ("Plusgiro: 1234566", "1234566"),
    ],
)
def test_valid_with_label(text: str, number: str) -> None:
    assert found(text) == [(number, 1.0, VALID)]


def test_valid_without_label_is_below_threshold() -> None:
    assert found("Konto 12 34 56-6 enligt ovan") == [("12 34 56-6", 0.3, VALID)]
    assert found("Se 123456-6 ovan") == [("123456-6", 0.3, VALID)]


def test_short_numbers_need_a_label() -> None:
    assert found("Se sidorna 4-2 och 555-8") == []


def test_invalid_checksum() -> None:
    assert found("Plusgiro 12 34 56-7") == [("12 34 56-7", 0.45, INVALID_CHECKSUM)]
    assert found("Se 12 34 56-7") == []


def test_other_label_between_cancels_context() -> None:
    assert found("Plusgiro saknas, se sida 1-2") == []


@pytest.mark.parametrize(
    "text",
    [
        "Plusgiro datum 2024-03-15",
        "Plusgiro 20240315",
        "Plusgiro belopp 12 345 kr",
        "Plusgiro 1 234 567,00",
        "Plusgiro Dnr 2024/12345",
        "Plusgiro FK 2023-123456",
        "Plusgiro Ärendenummer 123-456789-2024",
        "Plusgiro SFS 2010:110",
        "Plusgiro OCR 4581121898761234",
        "Plusgiro 28 kap. 1 §",
        "Plusgiro kl. 14.30",
        "Plusgiro 5050-1055",
        "PG 123456-66",
        "PG 1234 56-6",
        "PG 12345678-9",
        "PG A12-3",
        "PG 811218-9876",
        "Tel 070-123 45 67",
    ],
)
def test_look_alikes_not_found(text: str) -> None:
    assert found(text) == []


def test_column_header_counts_in_a_table_of_people() -> None:
    # cells extracted one per line: the "Telefon"/"Bankkonto" headers are column labels, not
    # labels of the value, so they neither cancel nor give direct context
    text = "Namn\nTelefon\nBankkonto\nFordon\nHa, Nhung\n+46 70 284 42 27\n9 65 63 59-8\n–\nHa, Cuong"
    assert found(text) == [("9 65 63 59-8", 0.5, VALID)]


def test_other_label_on_the_same_line_still_cancels_page_context() -> None:
    text = "Bankkonto finns i tabellen.\nTelefon 9 65 63 59-8"
    assert found(text) == [("9 65 63 59-8", 0.3, VALID)]


# -- OCR: a lost space, a stray leading digit (a table border or a speck read as a digit) --------
def test_lost_space_between_groups() -> None:
    assert found("Konto\nMahnaz Mirzaei\n776 58-3") == [("776 58-3", 0.5, "valid")]  # 7 76 58-3


def test_stray_leading_digit_is_valid_without_it() -> None:
    assert found("Plusgiro 167 23 41-5") == [("167 23 41-5", 0.5, "valid_without_stray_digit")]
    assert found("Konto\n+46 76 141 21 61\n167 23 41-5") == [("167 23 41-5", 0.5, "valid_without_stray_digit")]


def test_stray_digit_repair_only_for_a_long_first_group() -> None:
    # 16100002 fails the check and 6100002 passes it, but the first group is as printed
    assert found("Plusgiro 1 61 00 00-2") == [("1 61 00 00-2", 0.45, "invalid_checksum")]
    assert found("167 23 41-5") == []  # no label: not reported
    assert found("Plusgiro 167 23 41-6") == [("167 23 41-6", 0.45, "invalid_checksum")]  # fails either way
