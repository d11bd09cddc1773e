"""Swish numbers for businesses and organisations (reported as ``SE_BANK_ACCOUNT``).

A private person's Swish number *is* their mobile number: the phone recognizer finds it, and it
is masked as a phone number. Businesses, associations, churches and sole traders receive Swish
payments on a number of ten digits starting ``123`` (``123 456 78 90``, ``1234567890``), which is
an alias of the holder's bank account. Is it personal data? For a company no more than its
bankgiro; for a sole trader (enskild firma) or a small association it leads to a person. The
project masks bankgiro numbers for the same reason, so a Swish number is masked the same way, as
the bank account it stands for (``SE_BANK_ACCOUNT``): 0.85 after a Swish word, 0.3 without (the
number net, ``UNKNOWN_ID``, still masks an unexplained ten-digit run; this type then names it).
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import DASHES, UNCHECKED, Assessment, SwedishPatternRecognizer

_SP = " \u00a0"
_SEP = rf"[{_SP}{DASHES}]?"
_LEFT = r"(?<![\p{L}\d+])(?<!\d[-/.:,])"
_RIGHT = r"(?![\p{L}\d])(?![-/.:,]\d)"
_SWISH_CONTEXT = re.compile(r"swish", re.IGNORECASE)
_WINDOW = 50

SCORE_CONTEXT = 0.85
SCORE_NO_CONTEXT = 0.3


class SeSwishRecognizer(SwedishPatternRecognizer):
    """Swish numbers of businesses and organisations (``123 …``)."""

    ENTITY = entities.SE_BANK_ACCOUNT
    NAME = "SeSwishRecognizer"
    CONTEXT = ("swish",)
    PATTERNS = (
        Pattern(
            "swish_business",
            rf"{_LEFT}(?P<value>123{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}|123\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}){_RIGHT}",
            SCORE_CONTEXT,
        ),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        start = match.start("value")
        context = _SWISH_CONTEXT.search(text, max(0, start - _WINDOW), start) is not None
        return Assessment(score=SCORE_CONTEXT if context else SCORE_NO_CONTEXT, validation=UNCHECKED)
