"""Swedish postnummer with postort (``123 45 STOCKHOLM``, ``SE-123 45 Malmö``).

A postnummer is ``NNN NN`` (first digit never 0), also written ``NNNNN`` or with an ``SE-``/
``S-`` prefix. The reported span covers the number and the postort: one to three capitalised
(or ALL CAPS) words, hyphenated parts included (``Upplands Väsby``, ``Stockholms-Näs``,
``Sankt Anna``), ending at the end of the line, punctuation, a lower-case word or a word that
starts the next field of a letterhead (``Telefon``, ``Org.nr`` …).

Scores: with a postort 0.85 (the unspaced ``12345 Göteborg`` inside running text, outside an
address layout: 0.5); a bare number with an ``SE-`` prefix 0.6; a bare ``NNN NN`` right
after "postnummer"/"postadress"/"adress" 0.4; any other bare five digits: nothing (amounts,
references). Postal addresses of organisations (``Skatteverket`` on the line above,
``Försäkringskassan, 839 88 Östersund``) are skipped.

Scanned text: OCR may read the space of the code as a full stop (``541.64 Skövde``) or put a
stray digit before it (``1451 16 Uddevalla``) or a full stop after it (``195 68. Märsta``). Followed by a postort, at the start of a line (specks
read as punctuation aside), after a comma (an address layout) or after an address word, such a number is reported at 0.5
with the stray digit inside the span (pattern ``se_postal_code_ocr``).
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, Assessment, SwedishPatternRecognizer
from recognizers.se_address import follows_organisation

_SP = r"[ \u00a0]"
_TOWN_WORD = r"(?:\p{Lu}\p{Ll}+(?:-\p{L}\p{Ll}+)?|\p{Lu}{2,}(?:-\p{Lu}{2,})?)(?![\p{L}\d])"
_CODE = rf"(?P<code>[1-9]\d{{2}}{_SP}?\d{{2}})"
# No digit (or "digit + separator") before, though a list separator ", " is fine.
_LEFT = rf"(?=[S1-9])(?<![\p{{L}}\p{{N}}])(?<!\d[-\u2013./:]?{_SP}?)(?<!\d,)"
# No further digits, decimals or digit groups after; no currency/percent/unit.
_RIGHT = (
    rf"(?!\d)(?!{_SP}?[-\u2013./,:]\d)(?!{_SP}\d)"
    rf"(?!{_SP}?(?:kr\b|kronor\b|SEK\b|sek\b|:-|%|st\b|tkr\b|mkr\b|€))"
)
_PREFIX = rf"(?P<prefix>(?:SE|S){_SP}?[-\u2013]?{_SP}?)?"

_WITH_TOWN = (
    rf"{_LEFT}(?P<value>{_PREFIX}{_CODE}{_RIGHT}{_SP}{{1,2}}(?P<town>{_TOWN_WORD}"
    rf"(?:{_SP}{_TOWN_WORD}){{0,2}}))"
)
_BARE = rf"{_LEFT}(?P<value>{_PREFIX}{_CODE}){_RIGHT}(?!{_SP}{{1,2}}\p{{Lu}})"
# OCR-damaged: a stray digit before "NNN NN", or a full stop for the space; with a postort.
_OCR_CODE = (
    rf"(?P<code>\d[1-9]\d{{2}}{_SP}\d{{2}}|[1-9]\d{{2}}\.\d{{2}}"
    rf"|[1-9]\d{{2}}{_SP}?\d{{2}}[.,](?={_SP}))"  # "195 68. Märsta": a speck read as a full stop
)
_OCR_LEFT = rf"(?<![\p{{L}}\p{{N}}])(?<!\d[-\u2013./:]?{_SP}?)(?<!\d,)"
_WITH_TOWN_OCR = (
    rf"{_OCR_LEFT}(?P<value>{_OCR_CODE}{_RIGHT}{_SP}{{1,2}}(?P<town>{_TOWN_WORD}"
    rf"(?:{_SP}{_TOWN_WORD}){{0,2}}))"
)
SCORE_OCR = 0.5
_ALNUM = re.compile(r"[\p{L}\p{N}]")

# Capitalised words that follow a number but are no postort (letterhead fields, units, months).
_NOT_TOWN = frozenset(
    {
        "telefon", "tel", "tfn", "fax", "telefax", "mobil", "växel", "e-post", "epost", "e-mail",
        "webb", "hemsida", "internet", "www", "org", "orgnr", "org.nr", "organisationsnummer",
        "bankgiro", "plusgiro", "bg", "pg", "momsreg", "vat", "besöksadress", "postadress",
        "leveransadress", "box", "dnr", "diarienummer", "datum", "sida", "sidan", "bilaga",
        "tabell", "figur", "kap", "kronor", "kr", "sek", "tkr", "mkr", "procent", "st", "dagar",
        "timmar", "år", "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
        "september", "oktober", "november", "december", "måndag", "tisdag", "onsdag",
        "torsdag", "fredag", "lördag", "söndag", "sverige", "sweden", "och", "eller", "se",
    }
)  # fmt: skip
_CONTEXT_BEFORE = re.compile(r"(?i)(?:post(?:nummer|nr|\.nr|ort|adress)|adress)[^\n]{0,30}$")
_CASE_REFERENCE = re.compile(
    r"(?i)\b(?:dnr|diarie(?:nummer|nr)|ärende(?:nummer|nr)?|mål|ocr|ref)\b[^\n]{0,15}$"
)


class SePostalCodeRecognizer(SwedishPatternRecognizer):
    """Postnummer and postort (``SE_POSTAL_CODE``)."""

    ENTITY = entities.SE_POSTAL_CODE
    NAME = "SePostalCodeRecognizer"
    PATTERNS = [
        Pattern("se_postal_code_town", _WITH_TOWN, 0.85),
        Pattern("se_postal_code_bare", _BARE, 0.4),
        Pattern("se_postal_code_ocr", _WITH_TOWN_OCR, SCORE_OCR),
    ]
    CONTEXT = ["postnummer", "postnr", "postort", "postadress", "adress", "bor", "boende"]

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        start = match.start("value")
        before = text[max(0, start - 40) : start]
        if _CASE_REFERENCE.search(before):
            return None
        if pattern.name == "se_postal_code_ocr":
            town = match.group("town")
            kept = _town_length(town)
            line_before = before.rsplit("\n", 1)[-1]
            # at the start of a line (after specks read as punctuation) or after a comma
            in_layout = not _ALNUM.search(line_before) or line_before.rstrip().endswith(",")
            if kept == 0 or not (in_layout or _CONTEXT_BEFORE.search(before)):
                return None
            if follows_organisation(text, start, max_lines=3):
                return None
            return Assessment(score=SCORE_OCR, validation=UNCHECKED, end_offset=kept - len(town))
        if pattern.name == "se_postal_code_town":
            town = match.group("town")
            kept = _town_length(town)
            if kept == 0:
                return self._assess_bare(match, text, before, start)
            if follows_organisation(text, start, max_lines=3):
                return None
            score = 0.85
            if match.group("code").isdigit() and not match.group("prefix"):
                # "12345 Göteborg" is also "Ärende 12345 Beslut": sure only in an address layout.
                line_before = before.rsplit("\n", 1)[-1]
                in_layout = not line_before.strip() or line_before.rstrip().endswith(",")
                if not in_layout and not _CONTEXT_BEFORE.search(before):
                    score = 0.5
            return Assessment(score=score, validation=UNCHECKED, end_offset=kept - len(town))
        return self._assess_bare(match, text, before, start)

    @staticmethod
    def _assess_bare(
        match: "re.Match[str]", text: str, before: str, start: int
    ) -> Optional[Assessment]:
        code_end = match.end("code") - match.end("value")  # drop a rejected town
        if match.group("prefix"):
            score = 0.6
        elif _CONTEXT_BEFORE.search(before):
            score = 0.4
        else:
            return None
        if follows_organisation(text, start, max_lines=3):
            return None
        return Assessment(score=score, validation=UNCHECKED, end_offset=code_end)


def _town_length(town: str) -> int:
    """Characters of ``town`` that are the postort: words up to the first letterhead field."""
    kept_end = 0
    for word in re.finditer(r"[^ \u00a0]+", town):
        if word.group().lower().strip(".:") in _NOT_TOWN:
            break
        kept_end = word.end()
    return kept_end
