"""Tests for the payment card recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import INVALID_CHECKSUM, VALID
from recognizers.payment_card import PaymentCardRecognizer

REC = PaymentCardRecognizer()
CARD = entities.PAYMENT_CARD


def found(text: str) -> list[tuple[str, float, str]]:
    results = sorted(REC.analyze(text, [CARD]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2), r.recognition_metadata["validation"]) for r in results]


@pytest.mark.parametrize(
    "number", ["4539 1488 0343 6467", "4539-1488-0343-6467", "4539148803436467", "3782 822463 10005", "5555 5555 5555 4444"]
)
def test_card_with_card_word(number: str) -> None:
    assert found(f"Kortnummer: {number}") == [(number, 1.0, VALID)]


def test_without_card_word() -> None:
    assert found("Betalt med 4539 1488 0343 6467 i maj") == [("4539 1488 0343 6467", 0.85, VALID)]
    assert found("Numret 4539148803436467 i maj") == [("4539148803436467", 0.5, VALID)]


def test_bad_check_digit_with_card_word_is_still_found() -> None:
    assert found("Visa 4539 1488 0343 6468") == [("4539 1488 0343 6468", 0.6, INVALID_CHECKSUM)]
    assert found("Numret 4539 1488 0343 6468") == []  # left to the number net


@pytest.mark.parametrize(
    "text",
    [
        "OCR-nummer 4539148803436467",
        "Fakturanummer: 4539 1488 0343 6467",
        "Dnr 2024/1234",
        "Beslut 2024-03-15",
        "Personnummer 19850709-9805",
        "Belopp 12 345 678 kr",
    ],
)
def test_not_a_card(text: str) -> None:
    assert found(text) == []


def test_card_number_wrapped_between_two_groups() -> None:
    text = "Kortet 5412 7534\n5678 9010 är spärrat."
    results = REC.analyze(text, [entities.PAYMENT_CARD])
    assert [text[r.start : r.end] for r in results] == ["5412 7534\n5678 9010"]


def test_amex_wrapped_between_groups() -> None:
    text = "Kortet 3714 496353\n98431 är spärrat."
    results = REC.analyze(text, [entities.PAYMENT_CARD])
    assert [text[r.start : r.end] for r in results] == ["3714 496353\n98431"]
