"""Swedish organisationsnummer recognizer.

Shape ``NNNNNN-NNNC``: digits 3–4 are 20 or more (so it is never a date), the first digit is the
legal-form group (1 dödsbo, 2 state/region/kommun, 3 foreign, 5 AB, 6 enkelt bolag,
7 ekonomisk förening, 8 ideell förening/stiftelse, 9 HB/KB), and ``C`` is a Luhn check digit.
Also accepted: the 12-digit form with the ``16`` prefix, a bare 10-digit run, and the VAT number
``SE`` + orgnr + ``01`` (reported whole).

A personnummer-shaped number (an enskild firma uses the owner's personnummer) is not an
organisationsnummer here: the personnummer recognizer reports it as ``SE_PERSONNUMMER``.
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import DASHES, JOINERS, NUMBER_AFTER, SPACES
from recognizers.base import (
    INVALID_CHECKSUM,
    VALID,
    Assessment,
    SwedishPatternRecognizer,
    digits_only,
    luhn_ok,
)

_DASH = DASHES
_SPACE = SPACES
_JOIN = JOINERS
_HYPHEN = rf"[{_SPACE}]?[{_DASH}][{_SPACE}]?"

_BEFORE = rf"(?<![\p{{L}}\d])(?<!\d[{_JOIN},])"
_AFTER = NUMBER_AFTER

PATTERN_SEPARATED = "organisationsnummer_separated"
PATTERN_BARE = "organisationsnummer_bare"
PATTERN_VAT = "organisationsnummer_vat"

_GROUP_DIGITS = frozenset("12356789")

_CONTEXT_RE = re.compile(
    r"org(?:anisations)?\.?\s?-?\s?(?:nummer|numret|nr)|(?<!\p{L})org\.?(?!\p{L})|företag|bolag"
    r"|momsreg|moms\.?\s?nr|(?<!\p{L})vat(?!\p{L})|förening|stiftelse",
    re.IGNORECASE,
)
_CONTEXT_WINDOW = 40

SCORE_VALID_SEPARATED = 0.9
SCORE_VALID_BARE = 0.6
SCORE_VALID_VAT = 0.9
SCORE_BAD_CHECKSUM = 0.4


def is_organisationsnummer_shape(ten: str) -> bool:
    """Group digit and "month" ≥ 20 (a personnummer never has that), ignoring the check digit."""
    return len(ten) == 10 and ten.isdigit() and ten[0] in _GROUP_DIGITS and int(ten[2:4]) >= 20


def _has_context(text: str, start: int) -> bool:
    return _CONTEXT_RE.search(text[max(0, start - _CONTEXT_WINDOW) : start]) is not None


class SeOrganisationsnummerRecognizer(SwedishPatternRecognizer):
    """Organisationsnummer (``SE_ORGANISATIONSNUMMER``), including the VAT form."""

    ENTITY = entities.SE_ORGANISATIONSNUMMER
    NAME = "SeOrganisationsnummerRecognizer"
    CONTEXT = ("org.nr", "organisationsnum", "orgnr", "org nr", "företag", "bolag", "momsreg")
    PATTERNS = (
        Pattern(
            PATTERN_SEPARATED,
            rf"{_BEFORE}(?P<value>(?:16[{_SPACE}{_DASH}]?)?\d{{6}}(?:{_HYPHEN}|[{_SPACE}])\d{{4}}){_AFTER}",
            SCORE_VALID_SEPARATED,
        ),
        Pattern(PATTERN_BARE, rf"{_BEFORE}(?P<value>(?:16)?\d{{10}}){_AFTER}", SCORE_VALID_BARE),
        Pattern(
            PATTERN_VAT,
            rf"(?<![\p{{L}}\d])(?P<value>(?i:se)[{_SPACE}]?\d{{6}}[{_DASH}]?\d{{4}}[{_SPACE}]?01){_AFTER}",
            SCORE_VALID_VAT,
        ),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        value = match.group("value")
        digits = digits_only(value)
        if pattern.name == PATTERN_VAT:
            ten = digits[:10]
        elif len(digits) == 12:
            if not digits.startswith("16"):
                return None
            ten = digits[2:]
        elif len(digits) == 10:
            ten = digits
        else:
            return None
        if not is_organisationsnummer_shape(ten):
            return None  # a personnummer (enskild firma) or something else
        if luhn_ok(ten):
            return Assessment(score=pattern.score, validation=VALID)
        if pattern.name == PATTERN_VAT or _has_context(text, match.start("value")):
            return Assessment(score=SCORE_BAD_CHECKSUM, validation=INVALID_CHECKSUM)
        return None
