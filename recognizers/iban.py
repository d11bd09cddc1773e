"""IBAN recognizer (Swedish and foreign account numbers in IBAN form).

An IBAN is a two-letter country code, two check digits and a country-specific BBAN; the whole has a
fixed length per country (``SE``: 24 characters). It is printed compact or in groups of four
separated by spaces, upper or lower case. The check is ISO 7064 mod 97-10: the number with the
first four characters moved to the end and letters turned into 10–35 must leave remainder 1.

A passing check scores 1.0; a failing one 0.5 (still masked: an OCR slip or a typo). For a country
in the length table the match is cut at the country's length (so a following word or group is not
swallowed); for other country codes only a checksum-valid candidate of 15–34 characters is kept.

Scanned text: OCR may read a space between groups as a hyphen or a full stop
(``SE30 9150-0000 0915 …``), or one check digit as a letter (``PLO6 …``: O, I or l for 0 or 1;
the check runs on the digit; ``NOB1 …`` with B, S, Z or G for 8, 5, 2 or 6 only when the check
then passes). Such separators are accepted when the check passes (an invalid
number written with them is no IBAN). A letter between the country code and the check digits
(``NOS52 …``, a speck read as ``S``) is taken, inside the span, only when the number without it
passes the check (0.8, validation ``valid_without_stray_letter``).
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import INVALID_CHECKSUM, VALID, Assessment, SwedishPatternRecognizer

# IBAN length per country (SWIFT IBAN registry).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
MIN_LENGTH = 15
MAX_LENGTH = 34
MIN_BBAN_DIGITS = 8

_SPACE = " \u00a0"
_OCR_SEP = ".-"  # a space read as a full stop or a hyphen (hyphen last: literal in a class)
_SEP = _SPACE + _OCR_SEP
PATTERN_IBAN = "iban"

SCORE_VALID = 1.0
SCORE_VALID_UNLISTED_COUNTRY = 0.8
SCORE_INVALID = 0.5
SCORE_STRAY_LETTER = 0.8
VALID_WITHOUT_STRAY_LETTER = "valid_without_stray_letter"


def mod97_ok(compact: str) -> bool:
    """ISO 7064 mod 97-10 check of an IBAN without spaces (upper case)."""
    if len(compact) < 5 or not compact.isalnum() or not compact.isascii():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _cut(value: str, length: int) -> Optional[int]:
    """Index in ``value`` just after its ``length``-th alphanumeric character, if that ends a group.

    ``None`` when ``value`` is shorter, or when the cut would fall inside a group (the next
    character is not a space).
    """
    count = 0
    for index, ch in enumerate(value):
        if ch.isalnum():
            count += 1
            if count == length:
                rest = value[index + 1 :]
                return index + 1 if not rest or rest[0] in _SEP else None
    return None


def _group_ends(value: str) -> list[int]:
    """Indexes in ``value`` where a space-separated group ends, longest first (end included)."""
    ends = [i for i, ch in enumerate(value) if ch in _SEP and i > 0 and value[i - 1].isalnum()]
    return [len(value)] + sorted(ends, reverse=True)


# A check digit read as a letter (OCR, typing): "PLO6 …" for "PL06 …".
_CHECK_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "B": "8", "S": "5", "Z": "2", "G": "6"})
# Look-alikes that are letters of many words too: accepted only when the check then passes.
_CHECK_LOOKALIKES_VALID_ONLY = frozenset("BSZG")


def _compact(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum()).upper()


class IbanRecognizer(SwedishPatternRecognizer):
    """IBANs of any country (``IBAN_CODE``), Swedish ones included."""

    ENTITY = entities.IBAN_CODE
    NAME = "IbanRecognizer"
    CONTEXT = ("iban", "kontonum", "bankkonto", "konto", "utbetalning")
    PATTERNS = (
        Pattern(
            PATTERN_IBAN,
            rf"(?<![\p{{L}}\d])(?P<value>[A-Za-z]{{2}}(?P<stray>[A-Za-z])?[{_SPACE}]?(?:\d{{2}}|\d[OoIlBSZGbszg]|[OoIlBSZGbszg]\d)"
            rf"(?:[{_SEP}]?[A-Za-z0-9]{{4}}){{2,7}}(?:[{_SEP}]?[A-Za-z0-9]{{1,4}})?)(?![\p{{L}}\d])",
            SCORE_VALID,
        ),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        value = match.group("value")
        if match.group("stray") is not None:
            # "NOS52 …": a letter OCR put between the country code and the check digits (a
            # speck read as "S"): an IBAN only when the number without it passes the check
            verdict = self._assess_value(value[:2] + value[3:])
            if verdict is None or verdict.validation != VALID:
                return None
            return Assessment(score=min(verdict.score, SCORE_STRAY_LETTER), validation=VALID_WITHOUT_STRAY_LETTER,
                              end_offset=verdict.end_offset)
        return self._assess_value(value)

    def _assess_value(self, value: str) -> Optional[Assessment]:
        country = value[:2].upper()
        expected = IBAN_LENGTHS.get(country)
        if expected is not None:
            end = _cut(value, expected)
            if end is None:
                return None
            return self._judge(value[:end], end - len(value), listed=True)
        for end in _group_ends(value):
            candidate = value[:end]
            if not MIN_LENGTH <= len(_compact(candidate)) <= MAX_LENGTH:
                continue
            verdict = self._judge(candidate, end - len(value), listed=False)
            if verdict is not None:
                return verdict
        return None

    @staticmethod
    def _judge(candidate: str, end_offset: int, listed: bool) -> Optional[Assessment]:
        """Score one candidate IBAN (``end_offset`` trims the reported span to it)."""
        letters = [ch for ch in candidate if ch.isalpha()]
        if not (all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters)):
            return None  # mixed case: ordinary words, not a printed IBAN
        compact = _compact(candidate)
        compact = compact[:2] + compact[2:4].translate(_CHECK_LOOKALIKES) + compact[4:]
        if sum(ch.isdigit() for ch in compact[4:]) < MIN_BBAN_DIGITS:
            return None
        if mod97_ok(compact):
            score = SCORE_VALID if listed else SCORE_VALID_UNLISTED_COUNTRY
            return Assessment(score=score, validation=VALID, end_offset=end_offset)
        if any(ch in _CHECK_LOOKALIKES_VALID_ONLY for ch in _compact(candidate)[2:4]):
            return None  # "NOB1 …" is "NO81 …" only when the check says so
        if any(ch in _OCR_SEP for ch in candidate):
            return None  # hyphens or full stops between groups: only a valid number is an IBAN
        if listed:
            return Assessment(score=SCORE_INVALID, validation=INVALID_CHECKSUM, end_offset=end_offset)
        return None
