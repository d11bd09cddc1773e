"""Tests for the Nordic identity number recognizer (NO fødselsnummer, DK CPR, FI henkilötunnus)."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import INVALID_CHECKSUM, UNCHECKED, VALID
from recognizers.nordic_id import NordicIdRecognizer, fodselsnummer_ok, hetu_check_char

REC = NordicIdRecognizer()
NORDIC = entities.NORDIC_ID


def found(text: str) -> list[tuple[str, float, str]]:
    results = sorted(REC.analyze(text, [NORDIC]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2), r.recognition_metadata["validation"]) for r in results]


def test_check_digit_algorithms() -> None:
    assert fodselsnummer_ok("15076500565")
    assert not fodselsnummer_ok("15076500566")
    assert hetu_check_char("131052", "308") == "T"  # the published example


@pytest.mark.parametrize("number", ["15076500565", "150765 00565", "150765-00565"])
def test_norwegian_fodselsnummer(number: str) -> None:
    assert found(f"Fødselsnummer: {number}") == [(number, 1.0, VALID)]
    assert found(f"Hon har nummer {number} sedan tidigare.") == [(number, 0.85, VALID)]


def test_norwegian_bad_check_digit_needs_a_label() -> None:
    assert found("Norskt fødselsnummer 15076500566") == [("15076500566", 0.6, INVALID_CHECKSUM)]
    assert found("Numret 15076500566 gäller") == []


def test_danish_cpr_only_after_a_danish_label() -> None:
    assert found("CPR-nr. 070761-4285") == [("070761-4285", 0.9, UNCHECKED)]
    assert found("Dansk personnummer 0707614285") == [("0707614285", 0.9, UNCHECKED)]
    assert found("Personnummer 070761-4285") == []  # the Swedish recognizer's shape and label


@pytest.mark.parametrize("number", ["131052-308T", "131052A308T", "131052\u2013308T"])
def test_finnish_henkilotunnus(number: str) -> None:
    assert found(f"Han har finsk henkilötunnus {number}.") == [(number, 1.0, VALID)]
    assert found(f"Id {number}") == [(number, 0.9, VALID)]


def test_finnish_bad_check_character() -> None:
    assert found("Henkilötunnus 131052-308U") == [("131052-308U", 0.6, INVALID_CHECKSUM)]
    assert found("Kod 131052A308U") == [("131052A308U", 0.45, INVALID_CHECKSUM)]


@pytest.mark.parametrize(
    "text",
    [
        "Personnummer 850709-9805",  # Swedish: not claimed
        "Dnr 2024-123456",
        "Datum 2024-03-15",
        "Beloppet 12345678901 kr",
        "Kod 131052-3080",  # Swedish shape with a digit check character, no Finnish label
    ],
)
def test_not_found(text: str) -> None:
    assert found(text) == []
