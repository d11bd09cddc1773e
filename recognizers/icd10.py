"""ICD-10 / ICD-10-SE diagnosis codes (``ICD10_CODE``): health data, GDPR art. 9.

A code is a letter and two digits (``J45``), optionally a dot and one or two characters where
the Swedish fördjupningskod may end in a letter (``F32.1``, ``F43.8A``, ``S72.00``), also
written without the dot (``F321``, ``F438A``). ``U`` is only used for a few codes (``U07.1``
COVID-19 and neighbours).

Short codes collide with many other things (``E4``/``E20`` roads, vitamin ``B12``, ``V70`` and
``S60`` cars, room and form numbers), so:

* dotted codes: 0.85;
* codes without a dot: 0.75 only with a diagnosis word before them (diagnos, ICD, dg,
  sjukdom, besvär, tillstånd, kod, sjukskrivning, läkarintyg, utlåtande …), another dotted code
  shortly before (a list of diagnoses), or in brackets after a medical-sounding word
  (``depression (F32)``); otherwise nothing;
* never after a road, vitamin, car-make, room or table word.
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, Assessment, SwedishPatternRecognizer

_CATEGORY = r"(?:[A-TV-Z]\d{2}|U0[7-9]|U1[0-2])"
_LEFT = r"(?<![\p{L}\p{N}\-/.,:_])"
_RIGHT = r"(?![\p{L}\p{N}\-_]|[.,:]\d)"
_DOTTED = rf"{_LEFT}(?P<value>{_CATEGORY}\.\d[0-9A-Z]?){_RIGHT}"
_UNDOTTED = rf"{_LEFT}(?P<value>{_CATEGORY}(?:\d[0-9A-Z]?)?){_RIGHT}"

_LOOKBACK = 60
_DIAGNOSIS_CONTEXT = re.compile(
    r"(?i)(?:diagnos|\bicd|\bdg\b|\bdiag\b|sjukdom|besvär|tillstånd|\bkod\b|koden\b|"
    r"sjukskriv|läkarintyg|utlåtande|åkomma|symtom|skada\b|skadan\b|funktionsnedsättning|"
    r"\bksh97|huvuddiagnos|bidiagnos)"
)
_ANOTHER_CODE = re.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{_CATEGORY})\.\d")
# A medical-sounding word right before "(" : "depression (F32)", "astma (J45)".
_MEDICAL_WORD_BEFORE_BRACKET = re.compile(
    r"(?i)\p{L}*(?:syndrom|sjukdom|störning|ångest|depression|itis|algi|emi|pati|karcinom|"
    r"lymfom|melanom|myom|sarkom|fibros|skleros|skolios|tuberkulos|neuros|artros|osteoporos|"
    r"cirros|trombos|stenos|"
    r"skada|fraktur|besvär|värk|smärta|diabetes|astma|episod|insufficiens|svikt|infektion|"
    r"inflammation|cancer|tumör|trauma|missbruk|beroende|demens|autism|adhd|psykos|"
    r"schizofreni|epilepsi|migrän|stroke|infarkt|reumatism|hypertoni)\s*\($"
)
# Words after which a code-like token is something else (road, vitamin, car, room, table).
_NOT_DIAGNOSIS = re.compile(
    r"(?i)\b(?:väg|vägen|riksväg|europaväg|motorväg|vitamin|volvo|saab|audi|bmw|mercedes|"
    r"modell|rum|rummet|sal|salen|lokal|hus|plan|våning|trappa|buss|linje|tåg|flyg|"
    r"tabell|figur|bilaga|avsnitt|kapitel|sektion|punkt|blankett|formulär|version|"
    r"artikel|art\.?\s?nr|storlek|format|papper|kurs|rad|kolumn|cell|pos)\.?[\s:]*$"
)


class Icd10Recognizer(SwedishPatternRecognizer):
    """ICD-10(-SE) diagnosis codes."""

    ENTITY = entities.ICD10_CODE
    NAME = "Icd10Recognizer"
    PATTERNS = [
        Pattern("icd10_dotted", _DOTTED, 0.85),
        Pattern("icd10_undotted", _UNDOTTED, 0.75),
    ]
    CONTEXT = [
        "diagnos",
        "icd",
        "dg",
        "sjukdom",
        "besvär",
        "tillstånd",
        "kod",
        "sjukskriv",
        "läkarintyg",
        "utlåtande",
    ]

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        start = match.start("value")
        before = text[max(0, start - _LOOKBACK) : start]
        if _NOT_DIAGNOSIS.search(before):
            return None
        if pattern.name == "icd10_dotted":
            return Assessment(score=0.85, validation=UNCHECKED)
        if (
            _DIAGNOSIS_CONTEXT.search(before)
            or _ANOTHER_CODE.search(before)
            or _MEDICAL_WORD_BEFORE_BRACKET.search(before)
        ):
            return Assessment(score=0.75, validation=UNCHECKED)
        return None
