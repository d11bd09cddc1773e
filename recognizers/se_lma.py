"""LMA numbers: the asylum seeker's card (LMA-kort) number (reported as ``SE_ID_DOCUMENT``).

Migrationsverket gives every asylum seeker a dossier number (``dossiernummer``, also called the
LMA number or the case number on the LMA card): eight digits written ``NN-NNNNNN``, on cards from
2022 followed by the card's serial number (``NN-NNNNNN/1``). It identifies one person, so it is
treated like an identity document number. The shape is that of many case numbers, so it is
reported only after an LMA word ("LMA", "LMA-kort", "LMA-nummer", "dossiernummer", "asylkvitto")
within the same stretch of text: 0.85; a bare ``NNNNNNNN`` or another grouping after such a
word: 0.6.
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import DASHES, UNCHECKED, Assessment, SwedishPatternRecognizer

_SP = " \u00a0"
_LEFT = r"(?<![\p{L}\d])(?<!\d[-/.:,])"
_RIGHT = r"(?![\p{L}\d])(?![-.:,]\d)"
_LMA_CONTEXT = re.compile(
    r"(?<!\p{L})lma(?!\p{L})|dossier(?:nummer|numret|nr)?|asylkvitt", re.IGNORECASE
)
_WINDOW = 50

SCORE_STANDARD = 0.85
SCORE_OTHER = 0.6


class SeLmaRecognizer(SwedishPatternRecognizer):
    """LMA / dossier numbers, only with an LMA word nearby."""

    ENTITY = entities.SE_ID_DOCUMENT
    NAME = "SeLmaRecognizer"
    CONTEXT = ("lma", "dossiernummer")
    PATTERNS = (
        Pattern(
            "lma_number",
            rf"{_LEFT}(?P<value>\d{{2}}[{_SP}]?[{DASHES}][{_SP}]?\d{{6}}(?:[/{DASHES}]\d{{1,2}})?){_RIGHT}",
            SCORE_STANDARD,
        ),
        Pattern("lma_number_other", rf"{_LEFT}(?P<value>\d{{8}}|\d{{2}}[{_SP}.]\d{{6}}|\d{{2}}[{_SP}]\d{{3}}[{_SP}]\d{{3}}){_RIGHT}", SCORE_OTHER),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        start = match.start("value")
        if _LMA_CONTEXT.search(text, max(0, start - _WINDOW), start) is None:
            return None
        return Assessment(score=pattern.score, validation=UNCHECKED)
