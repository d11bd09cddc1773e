"""Tests for the workplace recognizer (used under protected identity)."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.se_workplace import SeWorkplaceRecognizer

REC = SeWorkplaceRecognizer()


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [entities.WORKPLACE]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "text, workplace, score",
    [
        ("Jag har ringt hennes arbetsgivare Restaurang Solsidan.", "Restaurang Solsidan", 0.7),
        ("Hon är anställd hos Bergs Bygg AB sedan 2019.", "Bergs Bygg AB", 0.7),
        ("Han arbetar på Lindholmens Lager i Göteborg.", "Lindholmens Lager i Göteborg", 0.7),
        ("Arbetsgivare: Kvarnbyns Bageri & Konditori", "Kvarnbyns Bageri & Konditori", 0.7),
        ("Sökanden jobbar vid Norrviken Teknik, men är sjukskriven.", "Norrviken Teknik", 0.6),
        ("Arbetsgivaren är Ek & Partner HB.", "Ek & Partner HB", 0.7),
    ],
)
def test_workplace_after_cue(text: str, workplace: str, score: float) -> None:
    assert found(text) == [(workplace, score)]


@pytest.mark.parametrize(
    "text",
    [
        "Hon arbetar på ett lager i Borås.",  # no name
        "Arbetsgivaren har inte svarat.",
        "Restaurang Solsidan ligger vid torget.",  # no cue
        "Han arbetar inom vården.",
    ],
)
def test_no_workplace_without_cue_and_name(text: str) -> None:
    assert found(text) == []
