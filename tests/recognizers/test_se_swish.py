"""Tests for the business Swish number recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.se_swish import SeSwishRecognizer

REC = SeSwishRecognizer()


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [entities.SE_BANK_ACCOUNT]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize("number", ["123 456 78 90", "1234567890", "123-456 78 90", "12345 678 90"])
def test_swish_number_after_swish_word(number: str) -> None:
    assert found(f"Swish: {number}") == [(number, 0.85)]


def test_without_swish_word_below_threshold() -> None:
    assert found("Nummer 123 456 78 90") == [("123 456 78 90", 0.3)]


@pytest.mark.parametrize("text", ["Swish 070-123 45 67", "Swish 124 456 78 90", "Dnr 2024/1234", "Swish +123 456 78 90"])
def test_not_a_business_swish_number(text: str) -> None:
    # a private Swish number is the phone number (the phone recognizer's)
    assert found(text) == []
