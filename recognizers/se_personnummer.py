"""Swedish personnummer and samordningsnummer recognizer.

Written forms accepted (``C`` is the Luhn check digit over the ten digits without century):

* ``YYMMDD-NNNC`` / ``YYMMDD+NNNC`` (``+``: the holder is 100 or older), with en dash, minus or
  non-breaking hyphen, optionally one space on either side of the hyphen;
* ``YYYYMMDD-NNNC``;
* ``YYMMDD NNNC`` / ``YYYYMMDD NNNC`` (space separator);
* ``YYMMDDNNNC`` / ``YYYYMMDDNNNC`` (bare digit runs);
* any of these broken over two lines by the layout (``19850709-`` / ``9805``): scored as the
  space-separated form (a hyphen before the break counts as the hyphen);
* ``SE YYMMDDNNNC 01`` (the VAT number of an enskild firma, which is the owner's personnummer):
  only the ten digits are reported.

Validation sets the score, not inclusion (see :mod:`recognizers.base`): the real century is used
for the calendar check (exact for 12 digits; relative to today's date for 10 digits, ``+`` moving
it back 100 years), leap years included; day 61–91 means a samordningsnummer. Numbers whose
"month" is 20 or more are organisationsnummer shapes and are left to that recognizer.

Bare and space-separated digit runs are weaker evidence than the hyphenated form (they collide
with case numbers, timestamps and "date + number" pairs), so a failed check there keeps the match
below the masking threshold unless a personnummer label is near.

Scanned text: OCR may put a stray digit before the number (a table border or a speck read as
``1``, a digit read twice: ``1891127-0497``). A hyphenated number with one digit too many in
front, starting with ``1`` or with a doubled digit, that is a valid personnummer without it
is reported whole at 0.6 (pattern ``personnummer_ocr_stray_digit``, validation
``valid_without_stray_digit``).
"""

from __future__ import annotations

from datetime import date
from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import (
    page_has,
    INVALID_CHECKSUM,
    INVALID_DATE,
    VALID,
    VALID_WITHOUT_STRAY_DIGIT,
    Assessment,
    SwedishPatternRecognizer,
    digits_only,
    luhn_ok,
)

# Hyphen-like characters seen in PDFs: hyphen-minus, hyphen, non-breaking hyphen, figure dash,
# en dash, em dash, horizontal bar, minus sign, soft hyphen (the analyzer normalises them first;
# accepted here too for callers that run a recognizer on raw text).
_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
_SPACE = " \u00a0\u2009\u202f"
_DASH_RE = re.compile(f"[{_DASH}]")
_DIGIT_SPACE = re.compile(rf"\d[{_SPACE}]")
_SPACE_DIGIT = re.compile(rf"[{_SPACE}]\d")
_JOIN = "/:.+" + _DASH  # characters that join two numbers into one token ("2010:110", "12-3")

# No digit, and no digit followed by a joining character, directly before / after.
_SEP_BEFORE = rf"(?<!\d)(?<!\d[{_JOIN}])"
_SEP_AFTER = rf"(?!\d)(?![{_JOIN}]\d)(?!,\d{{1,2}}(?!\d))"
# Bare digit runs must also not touch a letter (codes such as "X8112189876").
_BARE_BEFORE = rf"(?<![\p{{L}}\d])(?<!\d[{_JOIN},])"
_BARE_AFTER = rf"(?![\p{{L}}\d])(?![{_JOIN},]\d)"

_HYPHEN = rf"[{_SPACE[:2]}]?[{_DASH}][{_SPACE[:2]}]?"
# Scanned text: a speck read as an apostrophe, a comma or a full stop beside the hyphen
# ("900320 -'8429"); a number written so is taken only when its date and check digit hold.
_SPECKS = "'’`´.,"
_HYPHEN_OR_SPECK = rf"[{_SPACE[:2]}]?[{_SPECKS}]?[{_DASH}][{_SPECKS}]?[{_SPACE[:2]}]?"
# The number broken over two lines by the layout ("19850709-" / "9805", "850709" / "9805").
_LINE_BREAK = rf"[{_SPACE[:2]}]?[{_DASH}]?[{_SPACE[:2]}]*\n[{_SPACE[:2]}]*"

PATTERN_SEP10 = "personnummer_10_separated"
PATTERN_SEP12 = "personnummer_12_separated"
PATTERN_BARE10 = "personnummer_10_bare"
PATTERN_BARE12 = "personnummer_12_bare"
PATTERN_VAT = "personnummer_vat_enskild_firma"
PATTERN_STRAY = "personnummer_ocr_stray_digit"
PATTERN_WRAPPED_TAIL = "personnummer_wrapped_in_last_four"

# Labels that make the number a personnummer (own check; Presidio's enhancer needs lemmas).
_CONTEXT_RE = re.compile(
    r"person\s?-?\s?(?:nummer|numret|numren|nr)|pers\.?\s?nr|(?<!\p{L})p-?nr(?!\p{L})"
    r"|samordningsn(?:um|r)|födelsen(?:um|r)|(?<!\p{L})id-?n(?:um|r)|identitet|sökande|född"
    r"|personbeteckning",
    re.IGNORECASE,
)
# Labels directly before the number that make it something else (case, invoice, phone numbers).
_NEGATIVE_LABEL_RE = re.compile(
    r"(?<!\p{L})(?:dnr|diarie-?\s?(?:nummer|nr)|ärende-?\s?(?:nummer|nr|id)|ocr(?:-?\s?(?:nummer|nr))?"
    r"|referens(?:nummer|nr)?|ref|fakturan(?:ummer|r)|faktura|kundn(?:ummer|r)|avin(?:ummer|r)"
    r"|ordern(?:ummer|r)|beställningsn(?:ummer|r)|löpnummer|tel(?:efon)?(?:nummer|nr)?|mobil(?:nummer|nr)?"
    r"|fax|sms)\s?[.:#]?\s*$",
    re.IGNORECASE,
)
_CONTEXT_WINDOW = 60
_NEGATIVE_WINDOW = 30

# Scores (masking threshold 0.4).
SCORE_VALID_SEPARATED = 1.0
SCORE_VALID_BARE12 = 1.0
SCORE_VALID_BARE10 = 0.85
SCORE_BAD_CHECKSUM = 0.5
SCORE_BAD_DATE = 0.45
SCORE_BOTH_BAD_HYPHEN = 0.4
SCORE_WEAK = 0.35  # bare/space form with one failed check and no label: below threshold
SCORE_WEAKER = 0.3  # bare/space form with an impossible date, or phone-like: below threshold
SCORE_NEGATIVE_LABEL = 0.2
SCORE_STRAY_DIGIT = 0.6

_VALID_CENTURIES = (18, 19, 20)


def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def birth_date(digits: str, plus: bool, today: date) -> Optional[date]:
    """The calendar date encoded by a 10- or 12-digit number, or None if there is none.

    Samordningsnummer days (61–91) are shifted back by 60. For 10 digits the century is the
    latest one that does not put the date after ``today``; ``plus`` moves it back 100 years.
    """
    if len(digits) == 12:
        century = int(digits[:2])
        if century not in _VALID_CENTURIES:
            return None
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    elif len(digits) == 10:
        yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
        year = today.year - today.year % 100 + yy
        if year > today.year:
            year -= 100
    else:
        return None
    if day > 60:
        day -= 60
    if len(digits) == 10:
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate > today:
            year -= 100
        if plus:
            year -= 100
    found = _safe_date(year, month, day)
    if found is None or found > today:
        return None
    return found


def _has_context(text: str, start: int) -> bool:
    return _CONTEXT_RE.search(text[max(0, start - _CONTEXT_WINDOW) : start]) is not None


# A person's name and a comma right before the number ("Ärende gällande Anna Ek, 8507099805"):
# the number is that person's identity number, as much as after a "personnummer" label.
_AFTER_NAME = re.compile(
    r"(?<!\p{L})(?:\p{Lu}[\p{Ll}'’\-]+|\p{Lu}{2,}[\-\p{Lu}]*)"
    r"(?:[ \u00a0](?:\p{Lu}[\p{Ll}'’\-]+|\p{Lu}{2,}[\-\p{Lu}]*)){1,3},[ \u00a0]*$"
)


def _after_name(text: str, start: int) -> bool:
    return _AFTER_NAME.search(text, max(0, start - 60), start) is not None


def _has_negative_label(text: str, start: int) -> bool:
    return _NEGATIVE_LABEL_RE.search(text[max(0, start - _NEGATIVE_WINDOW) : start]) is not None


class SePersonnummerRecognizer(SwedishPatternRecognizer):
    """Personnummer (``SE_PERSONNUMMER``) and samordningsnummer (``SE_SAMORDNINGSNUMMER``)."""

    ENTITY = entities.SE_PERSONNUMMER
    EXTRA_ENTITIES = (entities.SE_SAMORDNINGSNUMMER,)
    NAME = "SePersonnummerRecognizer"
    CONTEXT = (
        "personnum",
        "personnr",
        "pnr",
        "pers.nr",
        "samordningsnum",
        "födelsenum",
        "id-num",
        "identitet",
        "sökande",
        "född",
    )
    PATTERNS = (
        Pattern(
            PATTERN_SEP12,
            rf"{_SEP_BEFORE}(?P<value>\d{{8}}(?:{_HYPHEN_OR_SPECK}|[{_SPACE}]|{_LINE_BREAK})\d{{4}}){_SEP_AFTER}",
            SCORE_VALID_SEPARATED,
        ),
        Pattern(
            PATTERN_SEP10,
            rf"{_SEP_BEFORE}(?P<value>\d{{6}}(?:{_HYPHEN_OR_SPECK}|\+|[{_SPACE}]|{_LINE_BREAK})\d{{4}}){_SEP_AFTER}",
            SCORE_VALID_SEPARATED,
        ),
        Pattern(PATTERN_BARE12, rf"{_BARE_BEFORE}(?P<value>\d{{12}}){_BARE_AFTER}", SCORE_VALID_BARE12),
        Pattern(PATTERN_BARE10, rf"{_BARE_BEFORE}(?P<value>\d{{10}}){_BARE_AFTER}", SCORE_VALID_BARE10),
        Pattern(
            PATTERN_VAT,
            rf"(?<![\p{{L}}\d])(?i:se)[{_SPACE[:2]}]?(?P<value>\d{{10}})[{_SPACE[:2]}]?01{_BARE_AFTER}",
            SCORE_VALID_BARE12,
        ),
        # a narrow table cell wraps inside the last four digits ("19440501-26" / "10"): only a
        # number whose date and check digit both hold
        Pattern(
            PATTERN_WRAPPED_TAIL,
            rf"{_SEP_BEFORE}(?P<value>(?:\d{{8}}|\d{{6}})(?:{_HYPHEN}|[{_SPACE}])(?P<head>\d{{1,3}})"
            rf"[{_SPACE[:2]}]*\n[{_SPACE[:2]}]*(?P<tail>\d{{1,3}})){_SEP_AFTER}",
            SCORE_VALID_SEPARATED,
        ),
        Pattern(
            PATTERN_STRAY,
            rf"{_SEP_BEFORE}(?P<value>(?:\d{{7}}|\d{{9}}){_HYPHEN}\d{{4}}){_SEP_AFTER}",
            SCORE_STRAY_DIGIT,
        ),
    )

    def __init__(self, *args: object, reference_date: Optional[date] = None, **kwargs: object) -> None:
        """``reference_date`` fixes "today" for the century of 10-digit numbers (tests)."""
        self._reference_date = reference_date
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def today(self) -> date:
        return self._reference_date or date.today()

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        value = match.group("value")
        start, end = match.span("value")
        digits = digits_only(value)
        if pattern.name == PATTERN_STRAY:
            return self._assess_stray(digits, text, start)
        if pattern.name == PATTERN_WRAPPED_TAIL:
            if len(match.group("head")) + len(match.group("tail")) != 4:
                return None
            verdict = self.assess(match, text, Pattern(PATTERN_SEP12 if len(digits) == 12 else PATTERN_SEP10, "", 1.0))
            return verdict if verdict is not None and verdict.validation == VALID else None
        ten = digits[-10:]
        month = int(ten[2:4])
        if month >= 20:
            return None  # organisationsnummer shape
        day = int(ten[4:6])
        entity = entities.SE_SAMORDNINGSNUMMER if 61 <= day <= 91 else entities.SE_PERSONNUMMER

        plus = "+" in value
        date_ok = birth_date(digits, plus, self.today()) is not None
        checksum_ok = luhn_ok(ten)
        context = _has_context(text, start)
        named = _after_name(text, start)  # lifts a failed check like a label; no other effect

        name = pattern.name
        hyphenated = plus or _DASH_RE.search(value) is not None
        bare = name in (PATTERN_BARE10, PATTERN_BARE12, PATTERN_VAT)

        if any(c in _SPECKS for c in value) and not (date_ok and checksum_ok):
            return None  # a speck by the hyphen: only a number that holds is a personnummer
        if date_ok and checksum_ok:
            score = SCORE_VALID_BARE10 if name == PATTERN_BARE10 else SCORE_VALID_SEPARATED
            validation = VALID
        elif date_ok:
            validation = INVALID_CHECKSUM
            # a 12-digit form with a real birth date, or a page that talks about personnummer,
            # makes a typo far likelier than a chance date
            strong = hyphenated or context or named or ("\n" not in value and len(digits) == 12) or page_has(_CONTEXT_RE, text)
            score = SCORE_BAD_CHECKSUM if strong else SCORE_WEAK
        elif checksum_ok:
            validation = INVALID_DATE
            score = SCORE_BAD_DATE if hyphenated or context or named else SCORE_WEAKER
        else:
            validation = INVALID_DATE
            if context or named or (hyphenated and len(digits) == 10):
                score = SCORE_BOTH_BAD_HYPHEN
            else:
                return None

        if not context:
            if name == PATTERN_BARE10 and digits.startswith("0") and not named:
                score = min(score, SCORE_WEAKER)  # likely a phone number (07x...), unless after a name
            if not hyphenated and not bare and self._inside_digit_groups(text, start, end):
                score = min(score, SCORE_WEAKER)  # part of a space-grouped digit sequence
        if _has_negative_label(text, start):
            score = min(score, SCORE_NEGATIVE_LABEL)
        return Assessment(score=score, validation=validation, entity_type=entity)

    def _assess_stray(self, digits: str, text: str, start: int) -> Optional[Assessment]:
        """``1891127-0497``: valid once the stray first digit (``1`` or doubled) is dropped."""
        rest = digits[1:]
        if not (digits[0] == "1" or digits[0] == digits[1]):
            return None
        ten = rest[-10:]
        if int(ten[2:4]) >= 20 or not luhn_ok(ten) or birth_date(rest, False, self.today()) is None:
            return None
        if _has_negative_label(text, start):
            return None
        day = int(ten[4:6])
        entity = entities.SE_SAMORDNINGSNUMMER if 61 <= day <= 91 else entities.SE_PERSONNUMMER
        return Assessment(score=SCORE_STRAY_DIGIT, validation=VALID_WITHOUT_STRAY_DIGIT, entity_type=entity)

    @staticmethod
    def _inside_digit_groups(text: str, start: int, end: int) -> bool:
        """True if a space-separated digit group touches the match (``1234 811218 9876``)."""
        before = text[max(0, start - 2) : start]
        after = text[end : end + 2]
        return bool(_DIGIT_SPACE.fullmatch(before) or _SPACE_DIGIT.fullmatch(after))
