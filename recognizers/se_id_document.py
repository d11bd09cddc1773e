"""Passport and national ID card numbers (``SE_ID_DOCUMENT``).

Swedish passports and national ID cards carry 8 digits (older documents) or 9 characters
mixing capital letters and digits (the generation issued from 2021). A bare 8-digit number is
far too ambiguous (dates, case numbers, customer numbers), so a number is only reported when a
document word stands shortly before it: pass, passnummer, id-kort, id-handling, nationellt
id-kort, legitimation, körkort, id-nummer, identitetskort … (0.85). An 8-digit value that is a
valid date (``20240315``) is never a document number.

The document words are matched by their stems (``id-kort…``, ``passn…``, ``id-nu…``), so a
word that OCR has damaged at its end (``ID-kortsnhummer``, ``passnhummer``), whose ``I``
was read as ``l``/``1`` (``lD-kort``) or whose ``o`` got a diacritic (``ID-körtsnummer``)
still counts.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, Assessment, SwedishPatternRecognizer

_LEFT = r"(?<![\p{L}\p{N}\-/.,:])"
_RIGHT = r"(?![\p{L}\p{N}\-/]|[.,:]\d)"
_EIGHT_DIGITS = rf"{_LEFT}(?P<value>\d{{8}}){_RIGHT}"
# Nine characters, capital letters and digits, at least one of each.
_NINE_MIXED = rf"{_LEFT}(?P<value>(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{{9}}){_RIGHT}"

# Directly after a number label ("pass med nummer X", "passnr: X"), any 8–9 capital letters and
# digits: new-generation document numbers can be letters only (10, at 0.6: letters and digits
# with one character OCR read twice, "RKZSUZLSS5").
_AFTER_NUMBER_LABEL = (
    r"(?i:nummer|numret|nr|no\.?|number)\.?:?[ \t]{1,3}"
    rf"(?P<value>[A-Z0-9]{{8,10}}){_RIGHT}"
)

_LOOKBACK = 50
_DOCUMENT_CONTEXT = re.compile(
    r"(?i)(?:\bpass(?:et|ets|nummer|numret|nr|number|port)?\b|\bpassnr|\bpassn(?!ing)\w*|"
    r"\b[il1|]d-?k[oöó]rt\w*|\bid-?handling\w*|\bnationellt\s+id\w*|"
    r"\blegitimation\w*|\bleg\.?\s?nr|\bkörkort\w*|\b[il1|]d-?nu\w*|\bid\.?\s?-?nr\b|"
    r"\bidentitetskort\w*|\bidentitetshandling\w*|\bresedokument\w*|\bfrämlingspass\w*|"
    r"\buppehållstillståndskort\w*|\but-kort\w*|\bdocument\s+(?:no|number)\b)"
)


def _is_date(digits: str) -> bool:
    """``YYYYMMDD`` (1900–2099) or ``DDMMYYYY`` that is a real calendar date."""
    for year, month, day in ((digits[:4], digits[4:6], digits[6:]), (digits[4:], digits[2:4], digits[:2])):
        if year[:2] not in ("19", "20"):
            continue
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            continue
        return True
    return False


class SeIdDocumentRecognizer(SwedishPatternRecognizer):
    """Passport and ID card numbers, only with a document word nearby."""

    ENTITY = entities.SE_ID_DOCUMENT
    NAME = "SeIdDocumentRecognizer"
    PATTERNS = [
        Pattern("se_id_document_8_digits", _EIGHT_DIGITS, 0.85),
        Pattern("se_id_document_9_mixed", _NINE_MIXED, 0.85),
        Pattern("se_id_document_after_label", _AFTER_NUMBER_LABEL, 0.85),
    ]
    CONTEXT = [
        "pass",
        "passnum",
        "passport",
        "id-kort",
        "id-handling",
        "legitimation",
        "körkort",
        "id-num",
        "identitetskort",
        "identitetshandling",
    ]

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        value = match.group("value")
        if value.isdigit() and _is_date(value):
            return None
        if len(value) == 10:  # only a mixed number with one character read twice
            mixed = any(c.isdigit() for c in value) and any(c.isalpha() for c in value)
            if not mixed or not any(a == b for a, b in zip(value, value[1:])):
                return None
            start = match.start("value")
            if _DOCUMENT_CONTEXT.search(text, max(0, start - _LOOKBACK), start) is None:
                return None
            return Assessment(score=0.6, validation=UNCHECKED)
        start = match.start("value")
        if _DOCUMENT_CONTEXT.search(text, max(0, start - _LOOKBACK), start) is None:
            return None
        return Assessment(score=0.85, validation=UNCHECKED)
