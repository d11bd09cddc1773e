"""Swedish plusgiro (formerly postgiro) number recognizer.

A plusgiro number has 2–8 digits; the last one is a mod-10 (Luhn) check digit written after a
hyphen. Usual printed forms: ``12 34 56-7``, ``4 12 34-5``, ``1 23 45 67-8`` (pairs from the
right) and ``1234567-8``. As with bankgiro, a hyphenated short number is ambiguous without a
label ("Plusgiro", "PG", "Postgiro", "pg-nr"), so it then stays below the masking threshold, and
very short numbers (under 5 digits) are only reported after a label. The label is looked for here
directly; ``CONTEXT`` is set too. After a label, an unhyphenated number is accepted as well.

Scanned text: OCR may lose a space between the groups (``776 58-3`` for ``7 76 58-3``), so the
first group may have three digits; and it may put a stray digit before the number (a table
border or a speck read as ``1``: ``167 23 41-5``). A number whose first group has three digits,
starting with such a digit, and whose check fails but holds without it is scored as valid, at
most 0.5 (``valid_without_stray_digit``), when a label (its own or on the page) is there.
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import checksum_verdict, stray_digit_verdict, stray_leading_digit
from recognizers.base import DASHES, JOINERS, NUMBER_AFTER, NUMBER_BEFORE, SPACES
from recognizers.base import label_before as base_label_before
from recognizers.base import looks_like_yyyymmdd as base_looks_like_yyyymmdd
from recognizers.base import (
    Assessment,
    SwedishPatternRecognizer,
    digits_only,
    luhn_ok,
)

_DASH = DASHES
_SPACE = SPACES
_JOIN = JOINERS
_BEFORE = NUMBER_BEFORE
_AFTER = NUMBER_AFTER

_LABEL = (
    r"(?<!\p{L})(?:plusgiro(?:nummer|numret|nr|t|konto)?|postgiro(?:nummer|numret|nr|t|konto)?"
    r"|pg(?:[ \-.]?nr)?)(?!\p{L})"
)
_LABEL_RE = re.compile(_LABEL, re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# Document-level labels: this recognizer's own, or a payment column header ("Konto",
# "Utbetalning till") in a table of people.
_PAGE_LABEL_RE = re.compile(
    rf"{_LABEL}|(?<!\p{{L}})(?:bank)?konto(?:nummer|nr)?(?!\p{{L}})|(?<!\p{{L}})utbetalning", re.IGNORECASE
)
_OTHER_LABEL_RE = re.compile(
    r"(?<!\p{L})(?:dnr|diarie|ärende|ocr|konto|clearing|tel|telefon|mobil|fax|org|faktura|kund|ref"
    r"|iban|swift|bic|sida|s\.|kap|§)",
    re.IGNORECASE,
)
_CONTEXT_WINDOW = 40

PATTERN_GROUPED = "plusgiro_grouped"
PATTERN_COMPACT = "plusgiro_compact"
PATTERN_LABELLED = "plusgiro_labelled_bare"

MIN_DIGITS_WITHOUT_CONTEXT = 5
SCORE_VALID_CONTEXT = 1.0
SCORE_VALID_NO_CONTEXT = 0.3
SCORE_VALID_PAGE_LABEL = 0.5  # label elsewhere on the page (e.g. a table column header)
SCORE_INVALID_CONTEXT = 0.45

_CHECK = rf"[{_SPACE}]?[{_DASH}][{_SPACE}]?\d"


looks_like_date = base_looks_like_yyyymmdd


def label_before(text: str, start: int) -> bool:
    """True if a plusgiro label precedes ``start`` closely, with no other label in between."""
    return base_label_before(text, start, _LABEL_RE, _OTHER_LABEL_RE, _CONTEXT_WINDOW)


class SePlusgiroRecognizer(SwedishPatternRecognizer):
    """Plusgiro numbers (``SE_PLUSGIRO``)."""

    ENTITY = entities.SE_PLUSGIRO
    NAME = "SePlusgiroRecognizer"
    CONTEXT = ("plusgiro", "pg", "postgiro", "pg-nr")
    PATTERNS = (
        Pattern(
            PATTERN_GROUPED,
            rf"{_BEFORE}(?P<value>\d{{1,3}}(?:[{_SPACE}]\d{{2}}){{1,3}}{_CHECK}){_AFTER}",
            SCORE_VALID_NO_CONTEXT,
        ),
        Pattern(PATTERN_COMPACT, rf"{_BEFORE}(?P<value>\d{{1,7}}{_CHECK}){_AFTER}", SCORE_VALID_NO_CONTEXT),
        Pattern(
            PATTERN_LABELLED,
            rf"(?i:{_LABEL})\.?:?[{_SPACE}]{{0,3}}(?P<value>\d{{5,8}}){_AFTER}(?![{_SPACE}]\d)",
            SCORE_VALID_CONTEXT,
        ),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        digits = digits_only(match.group("value"))
        if not 2 <= len(digits) <= 8:
            return None
        context = pattern.name == PATTERN_LABELLED or label_before(text, match.start("value"))
        if not context and len(digits) < MIN_DIGITS_WITHOUT_CONTEXT:
            return None
        valid = luhn_ok(digits)
        if pattern.name == PATTERN_LABELLED and not valid and looks_like_date(digits):
            return None
        first_group = _DIGITS.match(match.group("value")).group()
        stray = pattern.name == PATTERN_GROUPED and len(first_group) == 3 and stray_leading_digit(digits)
        verdict = checksum_verdict(
            valid or stray, context, text, match.start("value"), _PAGE_LABEL_RE, _OTHER_LABEL_RE,
            (SCORE_VALID_CONTEXT, SCORE_VALID_PAGE_LABEL, SCORE_VALID_NO_CONTEXT, SCORE_INVALID_CONTEXT),
        )
        return stray_digit_verdict(verdict, stray, SCORE_VALID_NO_CONTEXT)
