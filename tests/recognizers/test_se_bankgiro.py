"""Tests for the bankgiro recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import INVALID_CHECKSUM, VALID
from recognizers.se_bankgiro import SeBankgiroRecognizer, label_before

REC = SeBankgiroRecognizer()
BG = entities.SE_BANKGIRO


def found(text: str) -> list[tuple[str, float, str]]:
    results = sorted(REC.analyze(text, [BG]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2), r.recognition_metadata["validation"]) for r in results]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Bankgiro 5050-1055", "5050-1055"),
        ("Bankgiro: 5050-1055.", "5050-1055"),
        ("Betala till bankgironummer 5050–1055 senast", "5050–1055"),
        ("BG 123-4566", "123-4566"),
        ("bg-nr: 900-8004", "900-8004"),
        ("Bg nr 5050 - 1055", "5050 - 1055"),
        ("BANKGIRO\n5050-1055", "5050-1055"),
        ("Bankgiro: 50501055", "50501055"),
        ("BG 1234566", "1234566"),
    ],
)
def test_valid_with_label(text: str, number: str) -> None:
    assert found(text) == [(number, 1.0, VALID)]


def test_valid_without_label_is_below_threshold() -> None:
    assert found("Se 5050-1055 i bilagan") == [("5050-1055", 0.3, VALID)]


def test_invalid_checksum_with_label() -> None:
    assert found("Bankgiro 5050-1056") == [("5050-1056", 0.45, INVALID_CHECKSUM)]
    assert found("Bankgiro 50501056") == [("50501056", 0.45, INVALID_CHECKSUM)]


def test_invalid_checksum_without_label_rejected() -> None:
    assert found("Se 5050-1056 i bilagan") == []


def test_other_label_between_cancels_context() -> None:
    assert found("Bankgiro 5050-1055, dnr 1234-5674") == [
        ("5050-1055", 1.0, VALID),
        ("1234-5674", 0.3, VALID),
    ]
    assert not label_before("Bankgiro saknas. Tel ", 21)
    assert label_before("Bankgiro/plusgiro: ", 19)


def test_context_words_declared() -> None:
    assert "bankgiro" in REC.context


@pytest.mark.parametrize(
    "text",
    [
        "Bankgiro datum 2024-03-15",
        "Bankgiro 20240315",
        "Bankgiro belopp 12 345 kr",
        "Bankgiro 1 234 567,00",
        "Bankgiro Dnr 2024/12345",
        "Bankgiro FK 2023-123456",
        "Bankgiro Ärendenummer 123-456789-2024",
        "Bankgiro SFS 2010:110",
        "Bankgiro OCR 4581121898761234",
        "Bankgiro 28 kap. 1 §",
        "Bankgiro kl. 14.30",
        "BG 5050-10551",
        "BG 15050-1055",
        "BG 5050-1055-1",
        "BG A5050-1055",
        "BG 12 5050-1055",
        "BG 5050-1055,50",
        "Bankgiro 811218-9876",
    ],
)
def test_look_alikes_not_found(text: str) -> None:
    assert found(text) == []


# -- a stray leading digit read by OCR (a table border, a speck, a digit read twice) -------------
def test_stray_leading_digit_is_valid_without_it() -> None:
    assert found("Bankgiro 9915-4907") == [("9915-4907", 0.5, "valid_without_stray_digit")]
    # in a table with a payment column header elsewhere on the page
    assert found("Namn\nBankkonto\nAbraha, Tsega\n9915-4907") == [("9915-4907", 0.5, "valid_without_stray_digit")]
    # without any label it is not reported
    assert found("9915-4907") == []


def test_stray_digit_repair_needs_the_check_a_typical_digit_and_no_year_range() -> None:
    assert found("Bankgiro 1115-4900") == [("1115-4900", 0.45, "invalid_checksum")]  # fails either way
    assert found("Bankgiro 5050-1056") == [("5050-1056", 0.45, "invalid_checksum")]  # 5 is no stray mark
    assert found("Bankkonto\nunder 2019-2023") == []
    assert found("Bankgiro 915-4907") == [("915-4907", 1.0, "valid")]
