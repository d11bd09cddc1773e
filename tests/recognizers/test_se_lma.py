"""Tests for the LMA (asylum seeker's card) number recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.se_lma import SeLmaRecognizer

REC = SeLmaRecognizer()


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [entities.SE_ID_DOCUMENT]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "text, number",
    [
        ("LMA-nummer 31-804217", "31-804217"),
        ("LMA-kort nr 31-804217/1", "31-804217/1"),
        ("Dossiernummer: 31–804217", "31–804217"),
        ("Han visade sitt LMA-kort (31-804217).", "31-804217"),
    ],
)
def test_lma_number_after_lma_word(text: str, number: str) -> None:
    assert found(text) == [(number, 0.85)]


def test_other_grouping_after_lma_word_lower() -> None:
    assert found("LMA 31804217") == [("31804217", 0.6)]


@pytest.mark.parametrize(
    "text", ["Ärendenummer 31-804217", "Dnr 31-804217", "Datum 2024-03-15", "Hon är lmao 31-804217"]
)
def test_no_lma_word_no_finding(text: str) -> None:
    assert found(text) == []
