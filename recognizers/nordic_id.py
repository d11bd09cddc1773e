"""Nordic identity numbers: Norway, Denmark and Finland (``NORDIC_ID``).

People in Swedish case files often hold a neighbouring country's identity number (cross-border
workers, family members, earlier residence). These are national identity numbers like the
personnummer, but not Swedish ones, so they get a type of their own (``NORDIC_ID``, grouped with
the personnummer in evaluation).

* **Norway, fødselsnummer** (and D-number, day + 40): ``DDMMYYIIIKK``, 11 digits, written bare or
  ``DDMMYY IIIKK`` / ``DDMMYY-IIIKK``. Two mod-11 check digits (weights 3 7 6 1 8 9 4 5 2 and
  5 4 3 2 7 6 5 4 3 2). Valid checks and date: 0.85 without context, 1.0 with a Norwegian label
  ("fødselsnummer", "f.nr", "D-nummer", "norsk", "Norge"); a failed check with a label: 0.6.
* **Denmark, CPR-nummer**: ``DDMMYY-SSSS``. The mod-11 check was given up in 2007, so only the
  date is checked, and the shape is the Swedish personnummer's (``YYMMDD-NNNN``): it is reported
  only after a Danish label ("CPR", "cpr-nr", "dansk", "Danmark"): 0.9 with a real date, 0.6
  without.
* **Finland, henkilötunnus (HETU)**: ``DDMMYYCZZZQ``, ``C`` the century sign (``+`` 1800s; ``-``,
  ``Y X W V U`` 1900s; ``A B C D E F`` 2000s), ``ZZZ`` the individual number, ``Q`` the check
  character ``0123456789ABCDEFHJKLMNPRSTUVWXY``[``DDMMYYZZZ`` mod 31]. The shape is distinctive:
  a valid one scores 0.9 without context (1.0 with "henkilötunnus", "hetu", "finsk", "Finland"),
  a failed check 0.6 with a label and 0.45 without (a real date and a century sign in place).
  ``DDMMYY-NNNN`` (hyphen and a digit as check character) is the Swedish personnummer's shape and
  counts only after a Finnish label.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import DASHES, INVALID_CHECKSUM, INVALID_DATE, UNCHECKED, VALID, Assessment, SwedishPatternRecognizer

_DASH = DASHES
_SP = " \u00a0"
_LEFT = r"(?<![\p{L}\d])(?<!\d[-/.:,+])"
_RIGHT = r"(?![\p{L}\d])(?![-/.:,]\d)"

_HETU_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
                 "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}  # fmt: skip
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HETU_SIGNS = "+\\-\u2010\u2011\u2013YXWVUABCDEF"

PATTERN_NO = "nordic_id_norway"
PATTERN_DK = "nordic_id_denmark"
PATTERN_FI = "nordic_id_finland"

_NO_CONTEXT = re.compile(
    r"fødsels(?:nummer|nr)|f[øo]dselsnummer|(?<!\p{L})f\.?\s?nr|(?<!\p{L})fnr|d-?nummer|norsk|norge"
    r"|norwegian|(?<!\p{L})no(?:rway)?(?!\p{L})",
    re.IGNORECASE,
)
_DK_CONTEXT = re.compile(r"(?<!\p{L})cpr|dansk|danmark|denmark|danish", re.IGNORECASE)
_FI_CONTEXT = re.compile(r"henkilötunnus|(?<!\p{L})hetu|finsk|finland|finnish|personal identity code", re.IGNORECASE)
_WINDOW = 60

SCORE_LABELLED = 1.0
SCORE_NO_VALID = 0.85
SCORE_DK = 0.9
SCORE_FI_VALID = 0.9
SCORE_BAD_CHECK_LABELLED = 0.6
SCORE_FI_BAD_CHECK = 0.45

NO_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
NO_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _date_ok(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _mod11_digit(digits: str, weights: tuple[int, ...]) -> Optional[int]:
    k = 11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11
    if k == 11:
        return 0
    return None if k == 10 else k


def fodselsnummer_ok(digits: str) -> bool:
    """Both mod-11 check digits of a Norwegian fødselsnummer (11 digits)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    k1 = _mod11_digit(digits[:9], NO_WEIGHTS_1)
    if k1 is None or k1 != int(digits[9]):
        return False
    k2 = _mod11_digit(digits[:10], NO_WEIGHTS_2)
    return k2 is not None and k2 == int(digits[10])


def fodselsnummer_date_ok(digits: str) -> bool:
    """A real date in ``DDMMYY``, allowing D-numbers (day + 40) and H-numbers (month + 40)."""
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    if day > 40:
        day -= 40
    if month > 40:
        month -= 40
    return any(_date_ok(day, month, century + yy) for century in (1900, 2000))


def hetu_check_char(ddmmyy: str, individual: str) -> str:
    return _HETU_CHECK[int(ddmmyy + individual) % 31]


def _context(pattern: "re.Pattern[str]", text: str, start: int) -> bool:
    return pattern.search(text, max(0, start - _WINDOW), start) is not None


class NordicIdRecognizer(SwedishPatternRecognizer):
    """Norwegian, Danish and Finnish national identity numbers (``NORDIC_ID``)."""

    ENTITY = entities.NORDIC_ID
    NAME = "NordicIdRecognizer"
    CONTEXT = ("fødselsnummer", "cpr", "henkilötunnus", "hetu")
    PATTERNS = (
        Pattern(PATTERN_NO, rf"{_LEFT}(?P<value>\d{{6}}(?:[{_SP}]?[{_DASH}][{_SP}]?|[{_SP}])?\d{{5}}){_RIGHT}", SCORE_NO_VALID),
        Pattern(PATTERN_DK, rf"{_LEFT}(?P<value>\d{{6}}(?:[{_SP}]?[{_DASH}][{_SP}]?|[{_SP}])?\d{{4}}){_RIGHT}", SCORE_DK),
        Pattern(
            PATTERN_FI,
            rf"{_LEFT}(?P<value>\d{{6}}[{_HETU_SIGNS}]\d{{3}}[0-9A-Y])(?![\p{{L}}\d])",
            SCORE_FI_VALID,
        ),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        value = match.group("value")
        start = match.start("value")
        if pattern.name == PATTERN_FI:
            return self._assess_hetu(value, text, start)
        digits = "".join(ch for ch in value if ch.isdigit())
        if pattern.name == PATTERN_NO:
            labelled = _context(_NO_CONTEXT, text, start)
            if fodselsnummer_ok(digits) and fodselsnummer_date_ok(digits):
                return Assessment(score=SCORE_LABELLED if labelled else SCORE_NO_VALID, validation=VALID)
            if labelled:
                valid_date = fodselsnummer_date_ok(digits)
                return Assessment(
                    score=SCORE_BAD_CHECK_LABELLED, validation=INVALID_CHECKSUM if valid_date else INVALID_DATE
                )
            return None
        # Denmark: only after a Danish label (the shape is the Swedish personnummer's).
        if not _context(_DK_CONTEXT, text, start):
            return None
        day, month = int(digits[:2]), int(digits[2:4])
        if any(_date_ok(day, month, c + int(digits[4:6])) for c in (1900, 2000)):
            return Assessment(score=SCORE_DK, validation=UNCHECKED)
        return Assessment(score=SCORE_BAD_CHECK_LABELLED, validation=INVALID_DATE)

    @staticmethod
    def _assess_hetu(value: str, text: str, start: int) -> Optional[Assessment]:
        ddmmyy, sign, individual, check = value[:6], value[6], value[7:10], value[10]
        sign = "-" if sign in _DASH else sign
        century = _HETU_CENTURY.get(sign)
        if century is None:
            return None
        date_ok = _date_ok(int(ddmmyy[:2]), int(ddmmyy[2:4]), century + int(ddmmyy[4:6]))
        labelled = _context(_FI_CONTEXT, text, start)
        if sign == "-" and check.isdigit() and not labelled:
            return None  # "DDMMYY-NNNN": the Swedish personnummer's shape, not claimed without a label
        if date_ok and hetu_check_char(ddmmyy, individual) == check:
            return Assessment(score=SCORE_LABELLED if labelled else SCORE_FI_VALID, validation=VALID)
        if labelled:
            return Assessment(score=SCORE_BAD_CHECK_LABELLED, validation=INVALID_CHECKSUM if date_ok else INVALID_DATE)
        if date_ok and check.isalpha() and sign not in "+-":
            return Assessment(score=SCORE_FI_BAD_CHECK, validation=INVALID_CHECKSUM)
        return None
