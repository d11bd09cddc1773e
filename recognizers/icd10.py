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
  (``depression (F32)``) or after an abbreviation (``MS (G35)``); otherwise nothing;
* never after a road, vitamin, car-make, room or table word.

Scanned text: OCR may misread the code's letter as a digit or a lower-case twin (``G40.9`` →
``640.9``, ``S62.3`` → ``562.3``, ``Z73.0`` → ``273.0``, ``O`` → ``0``, ``I`` → ``1``/``l``), a
digit as a letter (``F4l.1``) or the dot as a comma or colon after a letter (``F32,1``,
``F10:2``; ``612,50`` is a decimal number). Such a token is reported at 0.6
(pattern ``icd10_ocr``) when, with the look-alikes read back (at most two), it is a dotted code
and a diagnosis word, another dotted code or a medical word (``epilepsi``, ``fraktur`` …) stands
within the line's neighbourhood, or it stands in brackets after a word of the health lexicon
(``förmaksflimmer (148.9)``, :mod:`recognizers.se_health`); never before a unit (``134.0 g/l``, ``102.5 kg``) or after a
measurement word (``Hb``, ``vikt``, ``temp`` …), and never as the second group of a number.
An undotted code with its letter read as a digit (``I639`` → ``1639``, ``S835`` → ``5835``,
``I10`` → ``110``) is a number unless the place says otherwise: four characters in brackets
with a medical or diagnosis word in the sentence (``cerebral infarkt (1639)``, not ``(100)``),
right after a diagnosis label and before a medical word (``Diagnos`` / ``110 Essentiell
hypertoni``), or after another code and a diagnosis word and before a medical word
(``diagnoserna M54.2 cervikalgi och 5835 korsbandsskada``, not ``… och 1200 patienter``);
then 0.5 (``icd10_undotted_ocr``); never a year (``1998``).

A code in brackets also counts when a medical or diagnosis word stands anywhere in its sentence
(``reumatoid artrit, ospecificerad (M069)``), not only right before the bracket.
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
# A medical-sounding word right before "(" : "depression (F32)", "astma (J45)". Both medical
# patterns are only searched for (is there one?): an ending also matches at the end of a compound
# ("ryggskada"), so they need no leading letters, which made each search try every ending at
# every letter (about five times the cost).
_MEDICAL_WORD_BEFORE_BRACKET = re.compile(
    r"(?i)(?:syndrom|sjukdom|störning|ångest|depression|itis|algi|emi|pati|karcinom|"
    r"lymfom|melanom|myom|sarkom|fibros|skleros|skolios|tuberkulos|neuros|artros|osteoporos|"
    r"cirros|trombos|stenos|"
    r"skada|fraktur|besvär|värk|smärta|diabetes|astma|episod|insufficiens|svikt|infektion|"
    r"inflammation|cancer|tumör|trauma|missbruk|beroende|demens|autism|adhd|psykos|"
    r"schizofreni|epilepsi|migrän|stroke|infarkt|reumatism|hypertoni"
    r"|(?-i:(?<!\p{L})\p{Lu}{2,6}))\s*\($"  # an abbreviation: "MS (G35)", "KOL (J44)"
)
# The medical words above, anywhere near an OCR-damaged code ("har migrän, ospecificerad (643.9)").
_MEDICAL_WORD = re.compile(
    r"(?i)(?:syndrom|sjukdom|störning|ångest|depression|itis|algi|emi|pati|karcinom|"
    r"lymfom|melanom|myom|sarkom|fibros|skleros|skolios|tuberkulos|neuros|artros|osteoporos|"
    r"cirros|trombos|stenos|"
    r"skada|fraktur|besvär|värk|smärta|diabetes|astma|episod|insufficiens|svikt|infektion|"
    r"inflammation|cancer|tumör|trauma|missbruk|beroende|demens|autism|adhd|psykos|"
    r"schizofreni|epilepsi|migrän|stroke|infarkt|reumatism|hypertoni|utbrändhet|utmattning|"
    r"artrit|bronkit|gastrit|hepatit|kolit|otit|dermatit|cystit|pankreatit|meningit|encefalit|"
    r"tendinit|bursit|sinuit|ospecificera)"
    r"(?:en|na|n|er|erna|ar|arna|et|s|ens|ns|d|t|de)?(?!\p{L})"  # inflected, not "patient"
)
# OCR look-alikes: for the code's letter (a digit or a lower-case twin) and for its digits.
_LEAD_LOOKALIKE = {
    "0": "O", "1": "I", "l": "I", "|": "I", "2": "Z", "z": "Z", "4": "A", "5": "S", "s": "S",
    "$": "S", "6": "G", "7": "T", "8": "B", "c": "C", "o": "O", "v": "V", "w": "W", "x": "X",
}  # fmt: skip
_DIGIT_LOOKALIKE = {"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "Z": "2"}
_OCR_LEAD = "0-9A-Z" + re.escape("".join(k for k in _LEAD_LOOKALIKE if not k.isdigit()))
_OCR_DIGIT = "0-9" + re.escape("".join(_DIGIT_LOOKALIKE))
_OCR = (
    rf"{_LEFT}(?<!\d[ \u00a0])(?P<value>[{_OCR_LEAD}][{_OCR_DIGIT}]{{2}}[.,:][{_OCR_DIGIT}][0-9A-Z]?){_RIGHT}"
)
_CODE_SHAPE = re.compile(rf"{_CATEGORY}\.\d[0-9A-Z]?")
_MAX_REPAIRS = 2
_OCR_SCORE = 0.6
_UNIT_AFTER = re.compile(
    r"(?i)[ \u00a0]?(?:%|°|kg|g|mg|µg|ug|ng|l|ml|dl|mmol|µmol|umol|nmol|pmol|mm|cm|m|km|kr|"
    r"kronor|sek|st|h|min|s|tim|timmar|dagar|år|mmhg|kpa|bpm|e|ie|u)(?![\p{L}])"
)
_MEASUREMENT_BEFORE = re.compile(
    r"(?i)(?:\b(?:hb|crp|sr|bmi|vikt|längd|temp|temperatur|puls|blodtryck|bt|värde|värdet|nivå|"
    r"glukos|kreatinin|b-\w+|p-\w+|s-\w+|u-\w+|belopp|summa|kostnad|pris|version|ver)\b)"
    r"[^\n\p{L}]{0,6}$"
)


_WORDS_BEFORE_BRACKET = re.compile(r"((?:\p{L}+[ \u00a0,\n]{1,2}){0,2}\p{L}+)[ \u00a0]*\n?[ \u00a0]*\($")  # also across a line wrap


def _health_term_before(before: str) -> bool:
    """A word of the health lexicon (:mod:`recognizers.se_health`) among the up to three words
    right before the bracket: ``förmaksflimmer (148.9)``, beyond the medical word endings."""
    m = _WORDS_BEFORE_BRACKET.search(before)
    if not m:
        return False
    from recognizers.se_health import MEDIUM, STRONG, SeHealthRecognizer, lexicon

    lex = lexicon()
    rec = SeHealthRecognizer.__new__(SeHealthRecognizer)  # only its word classification is used
    return any(rec._classify(w, lex) in (STRONG, MEDIUM) for w in _LETTERS.findall(m.group(1)))

_LETTERS = re.compile(r"\p{L}+")


def _leads_a_diagnosis_line(text: str, start: int, end: int) -> bool:
    """The code opens its line and a diagnosis follows it on that line (``G20 Parkinsons
    sjukdom``, ``J45 astma``): a form's diagnosis field, its label maybe far away (a table's
    labels in a column of their own). A medical word or a word of the health lexicon among the
    first three words after it."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t\u00a0|:;.,-*•"):
        return False
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    if not rest[:1].isspace():
        return False
    words = re.findall(r"\p{L}[\p{L}\-]*", rest)[:3]
    if not words:
        return False
    if _MEDICAL_WORD.search(" ".join(words)):
        return True
    from recognizers.se_health import MEDIUM, STRONG, SeHealthRecognizer, lexicon

    lex = lexicon()
    rec = SeHealthRecognizer.__new__(SeHealthRecognizer)  # only its word classification is used
    return any(rec._classify(w, lex) in (STRONG, MEDIUM) for w in words)


def _repair(value: str) -> tuple[str, int]:
    """``value`` with OCR look-alikes read back (letter first, then digits) and the number of
    characters changed."""
    lead = _LEAD_LOOKALIKE.get(value[0], value[0])
    body = "".join(_DIGIT_LOOKALIKE.get(c, c) for c in value[1:3])
    sep = "."
    tail = _DIGIT_LOOKALIKE.get(value[4], value[4]) + value[5:]
    fixed = lead + body + sep + tail
    return fixed, sum(a != b for a, b in zip(fixed, value))


# An undotted code whose letter OCR read as a digit ("I639" → "1639", "S835" → "5835"): only in
# brackets after medical words, right after a diagnosis label, or in a list of codes.
_UNDOTTED_OCR = rf"{_LEFT}(?<!\d[ \u00a0])(?P<value>[{''.join(k for k in _LEAD_LOOKALIKE if k.isdigit())}]\d{{2,3}}[A-Z]?){_RIGHT}"
_UNDOTTED_SHAPE = re.compile(rf"{_CATEGORY}(?:\d[0-9A-Z]?)?")
_UNDOTTED_OCR_SCORE = 0.5
_YEAR = re.compile(r"(?:19|20)\d\d$")
# "Diagnos:" / "Huvuddiagnos" / "ICD-10" right before the code (a line of a list of diagnoses)
_DIAGNOSIS_LABEL = re.compile(r"(?i)(?:diagnos\w*|icd(?:-?10)?(?:-se)?|\bdg)\s*:?\s*$")
# a code (maybe OCR-damaged) earlier in a list: "diagnoserna M54.2 cervikalgi och 5835 …"
_LISTED_CODE = re.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{_CATEGORY}(?:\.?\d[0-9A-Z]?)?)(?![\p{{L}}\p{{N}}])")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _after(text: str, end: int) -> str:
    """Up to :data:`_LOOKBACK` characters after ``end``, to the end of the sentence."""
    chunk = text[end : end + _LOOKBACK]
    m = _SENTENCE_END.search(chunk)
    return chunk[: m.start()] if m else chunk


def _in_brackets(text: str, start: int, end: int) -> bool:
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


def _medical_near(before: str, after: str) -> bool:
    return bool(
        _DIAGNOSIS_CONTEXT.search(before)
        or _DIAGNOSIS_CONTEXT.search(after)
        or _MEDICAL_WORD.search(before)
        or _MEDICAL_WORD.search(after)
    )


# Words after which a code-like token is something else (road, vitamin, car, room, table).
_NOT_DIAGNOSIS = re.compile(
    r"(?i)\b(?:väg|vägen|riksväg|europaväg|motorväg|vitamin|volvo|saab|audi|bmw|mercedes|"
    r"modell|rum|rummet|sal|salen|lokal|hus|plan|våning|trappa|buss|linje|tåg|flyg|"
    r"tabell|figur|bilaga|avsnitt|kapitel|sektion|punkt|blankett|formulär|version|"
    r"artikel|art\.?\s?nr|storlek|format|papper|kurs|rad|kolumn|cell|pos)\.?[\s:]*$"
)


# Scanned: a code in brackets after a diagnosis that OCR read as a fragment ("depression (FI":
# the word's box still spans the whole "(F33.1)"): a bracket, a code letter and at most five
# more capitals, digits or look-alikes, right after a word of the health lexicon or a medical
# word on the line; 0.5.
_FRAGMENT = r"(?<=\p{L}[ \u00a0]{1,2})(?P<value>\([A-TV-Z][A-Z0-9Il|!.,:]{0,5}\)?)(?![\p{L}\p{N}])"
_FRAGMENT_SCORE = 0.5


class Icd10Recognizer(SwedishPatternRecognizer):
    """ICD-10(-SE) diagnosis codes."""

    ENTITY = entities.ICD10_CODE
    NAME = "Icd10Recognizer"
    PATTERNS = [
        Pattern("icd10_dotted", _DOTTED, 0.85),
        Pattern("icd10_undotted", _UNDOTTED, 0.75),
        Pattern("icd10_ocr", _OCR, _OCR_SCORE),
        Pattern("icd10_undotted_ocr", _UNDOTTED_OCR, _UNDOTTED_OCR_SCORE),
        Pattern("icd10_ocr_fragment", _FRAGMENT, _FRAGMENT_SCORE),
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
        end = match.end("value")
        if _NOT_DIAGNOSIS.search(before.rstrip("( ")):
            return None
        if pattern.name == "icd10_ocr":
            return self._assess_ocr(match.group("value"), text, start, end, before)
        if pattern.name == "icd10_ocr_fragment":
            inner = match.group("value").strip("()")
            if _CODE_SHAPE.fullmatch(inner) or _UNDOTTED_SHAPE.fullmatch(inner):
                return None  # a whole code: the other patterns' (no duplicates)
            if not _health_term_before(before + "(") and not _MEDICAL_WORD_BEFORE_BRACKET.search(before + "("):
                return None
            return Assessment(score=_FRAGMENT_SCORE, validation=UNCHECKED)
        if pattern.name == "icd10_undotted_ocr":
            return self._assess_undotted_ocr(match.group("value"), text, start, end, before)
        if pattern.name == "icd10_dotted":
            return Assessment(score=0.85, validation=UNCHECKED)
        if (
            _DIAGNOSIS_CONTEXT.search(before)
            or _ANOTHER_CODE.search(before)
            or _MEDICAL_WORD_BEFORE_BRACKET.search(before)
            # "reumatoid artrit, ospecificerad (M069)", "har … (F432) och ska vara sjukskriven"
            or (_in_brackets(text, start, end) and _medical_near(before, _after(text, end + 1)))
            # "G20 Parkinsons sjukdom" opening a line: a diagnosis field's value
            or _leads_a_diagnosis_line(text, start, end)
        ):
            return Assessment(score=0.75, validation=UNCHECKED)
        return None

    @staticmethod
    def _assess_undotted_ocr(value: str, text: str, start: int, end: int, before: str) -> Optional[Assessment]:
        """An undotted code whose letter was read as a digit; a number unless the place says
        it is a code (see :data:`_UNDOTTED_OCR`)."""
        fixed = _LEAD_LOOKALIKE[value[0]] + value[1:]
        if not _UNDOTTED_SHAPE.fullmatch(fixed) or _YEAR.match(value):
            return None
        if _UNIT_AFTER.match(text, end) or _MEASUREMENT_BEFORE.search(before):
            return None
        bracketed = _in_brackets(text, start, end)
        after = _after(text, end + 1 if bracketed else end)
        medical_after = _DIAGNOSIS_CONTEXT.search(after) or _MEDICAL_WORD.search(after)
        if bracketed:  # "(1639)", not "(100)": a code with its extra digit
            ok = len(value) >= 4 and _medical_near(before, after)
        elif _DIAGNOSIS_LABEL.search(before):  # "Diagnos\n110 Essentiell hypertoni"
            ok = bool(medical_after)
        else:  # "diagnoserna M54.2 cervikalgi och 5835 korsbandsskada", not "… och 1200 patienter"
            ok = bool(medical_after and _LISTED_CODE.search(before) and _DIAGNOSIS_CONTEXT.search(before))
        return Assessment(score=_UNDOTTED_OCR_SCORE, validation=UNCHECKED) if ok else None

    @staticmethod
    def _assess_ocr(value: str, text: str, start: int, end: int, before: str) -> Optional[Assessment]:
        """An OCR-damaged dotted code: look-alikes read back, and medical words around it."""
        fixed, repairs = _repair(value)
        if repairs == 0 or repairs > _MAX_REPAIRS or not _CODE_SHAPE.fullmatch(fixed):
            return None  # undamaged codes are the other patterns' (no duplicates)
        if value[3] in ",:" and not value[0].isupper():
            return None  # "612,50": a Swedish decimal number, "123:4" a reference, not codes
        if _UNIT_AFTER.match(text, end) or _MEASUREMENT_BEFORE.search(before):
            return None
        line_end = text.find("\n", end)
        after = text[end : min(len(text), end + _LOOKBACK) if line_end < 0 else min(line_end, end + _LOOKBACK)]
        if (
            _DIAGNOSIS_CONTEXT.search(before)
            or _ANOTHER_CODE.search(before)
            or _ANOTHER_CODE.search(after)
            or _MEDICAL_WORD.search(before)
            or _MEDICAL_WORD.search(after)
            or (_in_brackets(text, start, end) and _health_term_before(before))
        ):
            return Assessment(score=_OCR_SCORE, validation=UNCHECKED)
        return None
