"""Swedish bankgiro number recognizer.

A bankgiro number has 7 or 8 digits written ``NNN-NNNN`` or ``NNNN-NNNN``; the last digit is a
mod-10 (Luhn) check digit over all digits. Without a label, a hyphenated 7–8 digit number may just
as well be a case number, so the score stays below the masking threshold unless a bankgiro label
("Bankgiro", "BG", "bg-nr", "Bankgironummer") is found shortly before the number. The label is
looked for here directly (Presidio's context enhancer needs lemmas, which are not always there);
``CONTEXT`` is set too. After a label, an unhyphenated ``NNNNNNN(N)`` is accepted as well.

Scanned text: OCR may put a stray digit before a 7-digit number (a table border or a speck read
as ``1``, a digit read twice: ``9915-4907`` for ``915-4907``). An 8-digit number starting with
such a digit whose check fails but holds without it is scored as valid, at most 0.5
(``valid_without_stray_digit``), when a label (its own or on the page) is there; a year range
(``2019-2023``) never.
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

_LABEL = r"(?<!\p{L})(?:bankgiro(?:nummer|numret|nr|t|konto)?|bg(?:[ \-.]?nr)?)(?!\p{L})"
_LABEL_RE = re.compile(_LABEL, re.IGNORECASE)
# Document-level labels: this recognizer's own, or a payment column header ("Konto",
# "Utbetalning till") in a table of people.
_PAGE_LABEL_RE = re.compile(
    rf"{_LABEL}|(?<!\p{{L}})(?:bank)?konto(?:nummer|nr)?(?!\p{{L}})|(?<!\p{{L}})utbetalning", re.IGNORECASE
)
# Another identifier's label between the bankgiro label and the number cancels it.
_OTHER_LABEL_RE = re.compile(
    r"(?<!\p{L})(?:dnr|diarie|ärende|ocr|konto|clearing|tel|telefon|mobil|fax|org|faktura|kund|ref"
    r"|iban|swift|bic)",
    re.IGNORECASE,
)
_CONTEXT_WINDOW = 40
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d(?:19|20)\d\d$")

PATTERN_HYPHENATED = "bankgiro_hyphenated"
PATTERN_LABELLED = "bankgiro_labelled_bare"

SCORE_VALID_CONTEXT = 1.0
SCORE_VALID_NO_CONTEXT = 0.3
SCORE_VALID_PAGE_LABEL = 0.5  # label elsewhere on the page (e.g. a table column header)
SCORE_INVALID_CONTEXT = 0.45


looks_like_date = base_looks_like_yyyymmdd


def label_before(text: str, start: int) -> bool:
    """True if a bankgiro label precedes ``start`` closely, with no other label in between."""
    return base_label_before(text, start, _LABEL_RE, _OTHER_LABEL_RE, _CONTEXT_WINDOW)


class SeBankgiroRecognizer(SwedishPatternRecognizer):
    """Bankgiro numbers (``SE_BANKGIRO``)."""

    ENTITY = entities.SE_BANKGIRO
    NAME = "SeBankgiroRecognizer"
    CONTEXT = ("bankgiro", "bg", "bg-nr", "bankgironum")
    PATTERNS = (
        Pattern(
            PATTERN_HYPHENATED,
            rf"{_BEFORE}(?P<value>\d{{3,4}}[{_SPACE}]?[{_DASH}][{_SPACE}]?\d{{4}}){_AFTER}",
            SCORE_VALID_NO_CONTEXT,
        ),
        Pattern(
            PATTERN_LABELLED,
            rf"(?i:{_LABEL})\.?:?[{_SPACE}]{{0,3}}(?P<value>\d{{7,8}}){_AFTER}(?![{_SPACE}]\d)",
            SCORE_VALID_CONTEXT,
        ),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        digits = digits_only(match.group("value"))
        if not 7 <= len(digits) <= 8:
            return None
        context = pattern.name == PATTERN_LABELLED or label_before(text, match.start("value"))
        valid = luhn_ok(digits)
        if pattern.name == PATTERN_LABELLED and not valid and looks_like_date(digits):
            return None
        stray = len(digits) == 8 and stray_leading_digit(digits) and not _YEAR_RANGE.match(digits)
        verdict = checksum_verdict(
            valid or stray, context, text, match.start("value"), _PAGE_LABEL_RE, _OTHER_LABEL_RE,
            (SCORE_VALID_CONTEXT, SCORE_VALID_PAGE_LABEL, SCORE_VALID_NO_CONTEXT, SCORE_INVALID_CONTEXT),
        )
        return stray_digit_verdict(verdict, stray, SCORE_VALID_NO_CONTEXT)
