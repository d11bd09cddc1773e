"""Payment card numbers (``PAYMENT_CARD``).

A card number (PAN) has 13–19 digits, the last a Luhn check digit, and starts with the issuer's
digit (2–6: Mastercard 2/5, Amex 3, Visa 4, Maestro/Discover 6). It is printed in groups of four
(``4111 1111 1111 1111``, ``4111-1111-1111-1111``; a line break between two groups where the
text wrapped), Amex as 4-6-5, or bare.

Scores: a card word nearby ("kort", "kortnummer", "bankkort", "kreditkort", "Visa",
"Mastercard" …) and a valid check: 1.0; grouped in fours with a valid check: 0.85; bare with a
valid check: 0.5 (Swedish OCR payment references are Luhn-checked digit runs too: masked, but
low); a card word and a failed check: 0.6 (a typo still hides a card). A failed check without a
card word is left to the number net (``UNKNOWN_ID``). After an OCR, invoice or case label the
number is not a card.
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import DASHES, INVALID_CHECKSUM, VALID, Assessment, SwedishPatternRecognizer, luhn_ok

_SP = " \u00a0"
_SEP = rf"[{_SP}{DASHES}]"
# Between two groups of four, a line break where the text wrapped ("5412 7500" / "1234 5678").
_GROUP_SEP = rf"(?:{_SEP}|[{_SP}]*\n[{_SP}]*)"
_LEFT = r"(?<![\p{L}\d])(?<!\d[-/.:,])"
_RIGHT = r"(?![\p{L}\d])(?![-/.:,]\d)"

PATTERN_GROUPED = "payment_card_grouped"
PATTERN_AMEX = "payment_card_amex"
PATTERN_BARE = "payment_card_bare"

_CARD_CONTEXT = re.compile(
    r"(?<!\p{L})(?:(?:bank|kredit|betal|debet|kontokort|företags)?kort(?:et|nummer|numret|nr)?|visa|mastercard"
    r"|maestro|amex|american express|card)(?!\p{L})",
    re.IGNORECASE,
)
_NEGATIVE_LABEL = re.compile(
    r"(?<!\p{L})(?:ocr|faktura\w*|dnr|diarie\w*|ärende\w*|referens\w*|ref|avi\w*|kundn\w*)\.?:?[-\s]*(?:nr\.?|nummer)?:?\s*$",
    re.IGNORECASE,
)
_WINDOW = 50

SCORE_CONTEXT_VALID = 1.0
SCORE_GROUPED_VALID = 0.85
SCORE_BARE_VALID = 0.5
SCORE_CONTEXT_INVALID = 0.6


class PaymentCardRecognizer(SwedishPatternRecognizer):
    """Payment card numbers (``PAYMENT_CARD``)."""

    ENTITY = entities.PAYMENT_CARD
    NAME = "PaymentCardRecognizer"
    CONTEXT = ("kortnummer", "bankkort", "kreditkort", "betalkort", "visa", "mastercard")
    PATTERNS = (
        Pattern(PATTERN_GROUPED, rf"{_LEFT}(?P<value>[2-6]\d{{3}}(?:{_GROUP_SEP}\d{{4}}){{2,3}}(?:{_SEP}\d{{1,3}})?){_RIGHT}", SCORE_GROUPED_VALID),
        Pattern(PATTERN_AMEX, rf"{_LEFT}(?P<value>3[47]\d{{2}}{_GROUP_SEP}\d{{6}}{_GROUP_SEP}\d{{5}}){_RIGHT}", SCORE_GROUPED_VALID),
        Pattern(PATTERN_BARE, rf"{_LEFT}(?P<value>[2-6]\d{{12,18}}){_RIGHT}", SCORE_BARE_VALID),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        digits = "".join(ch for ch in match.group("value") if ch.isdigit())
        if not 13 <= len(digits) <= 19:
            return None
        start = match.start("value")
        before = text[max(0, start - _WINDOW) : start]
        if _NEGATIVE_LABEL.search(before):
            return None
        context = _CARD_CONTEXT.search(before) is not None
        if luhn_ok(digits):
            if context:
                return Assessment(score=SCORE_CONTEXT_VALID, validation=VALID)
            score = SCORE_BARE_VALID if pattern.name == PATTERN_BARE else SCORE_GROUPED_VALID
            return Assessment(score=score, validation=VALID)
        if context:
            return Assessment(score=SCORE_CONTEXT_INVALID, validation=INVALID_CHECKSUM)
        return None
