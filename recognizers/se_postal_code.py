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

Other layouts (the postnummer anywhere after the street): on the same line after the house number
without a comma (``Storgatan 12 123 45 Malmö``: 0.85, 0.6 without a postort), the postort alone
on the next line (``123 45`` / ``Malmö``: table cells and OCR lines, with a street, an address
label or word above: 0.85), a lower-case postort after a street (0.7), a labelled postort
(``Postort: Malmö``, ``Ort | MALMÖ``) in an address block (0.6), and the mixed case OCR makes of
capitals (``MALMö``). Foreign postal codes: with a country prefix (``DK-2100 København Ø``,
``D-10115 Berlin``: 0.85), four digits or five with a leading zero after a street
(``Storgata 5, 0155 Oslo``, ``00100 Helsinki``: 0.85), UK postcodes with their post town
(``London NW1 6XE``: 0.85; alone without address evidence 0.45).

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
from recognizers.se_address import follows_organisation, street_ends_at

_SP = r"[ \u00a0]"
# Title case or capitals, and the mixed case OCR makes of them ("MALMö", "GÖTEBORg").
_TOWN_WORD = r"(?:\p{Lu}\p{L}+(?:-\p{L}{2,})?)(?![\p{L}\d])"
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
_OCR_LEFT = rf"(?=\d)(?<![\p{{L}}\p{{N}}])(?<!\d[-\u2013./:]?{_SP}?)(?<!\d,)"
_WITH_TOWN_OCR = (
    rf"{_OCR_LEFT}(?P<value>{_OCR_CODE}{_RIGHT}{_SP}{{1,2}}(?P<town>{_TOWN_WORD}"
    rf"(?:{_SP}{_TOWN_WORD}){{0,2}}))"
)
SCORE_OCR = 0.5

# -- addresses in other layouts ----------------------------------------------------------------
_TOWN = rf"{_TOWN_WORD}(?:{_SP}{_TOWN_WORD}){{0,2}}"
# Right after a street and its house number on the same line, without a comma
# ("Storgatan 12 123 45 Malmö", "Box 12 123 45 Lund"): the digit before is the house number.
# Where prose wraps, the code or the town may follow a line break ("451\n86 Uddevalla").
_WRAP = rf"(?:{_SP}{{1,2}}|{_SP}*\r?\n{_SP}*)"
_AFTER_NUMBER = (
    rf"(?=[S1-9])(?<=[\p{{L}}\p{{N}}.,]{_SP}{{1,3}})(?<![\p{{L}}\p{{N}}])(?P<value>{_PREFIX}"
    rf"(?P<code>[1-9]\d{{2}}(?:{_SP}?|-|{_SP}*\r?\n{_SP}*)\d{{2}}){_RIGHT}"  # "-": OCR's space after a street
    rf"(?:{_WRAP}(?P<town>{_TOWN}))?)"
)
# The postort on the next line, alone on it ("123 45\nMalmö": table cells, OCR lines).
# In a narrow table cell the code's two groups may wrap too ("214" / "65" / "Malmö").
_CODE_WRAPPED = rf"(?P<code>[1-9]\d{{2}}(?:{_SP}?|{_SP}*\r?\n{_SP}*)\d{{2}})"
# Scanned: a table's border read as "l", "|" or "!" glued before the postort ("lÖrebro") is
# taken into the span.
_BORDER_GLYPH = r"(?:[l|!](?=\p{Lu}\p{Ll}))?"
_TOWN_NEXT_LINE = (
    rf"{_LEFT}(?P<value>{_PREFIX}{_CODE_WRAPPED}{_RIGHT}{_SP}*\r?\n{_SP}*{_BORDER_GLYPH}(?P<town>{_TOWN}))"
    rf"{_SP}*[.,]?{_SP}*$"
)
# ... and with the code damaged by OCR ("1903 98" / "190398": a stray digit before it, maybe the
# space lost; "903.98": a full stop for the space) in a table cell or address block: 0.5.
_OCR_CODE_WRAPPED = rf"(?P<code>\d[1-9]\d{{2}}{_SP}?\d{{2}}|[1-9]\d{{2}}[.,]\d{{2}})"
_TOWN_NEXT_LINE_OCR = (
    rf"{_OCR_LEFT}(?P<value>{_OCR_CODE_WRAPPED}{_RIGHT}{_SP}*[.,]?{_SP}*\r?\n{_SP}*{_BORDER_GLYPH}(?P<town>{_TOWN}))"
    rf"{_SP}*[.,]?{_SP}*$"
)
# A lower-case postort after a street ("Storgatan 12, 123 45 malmö").
_LOWER_TOWN = (
    rf"(?=[S1-9])(?<![\p{{L}}\p{{N}}])(?P<value>{_PREFIX}{_CODE}{_RIGHT}{_WRAP}(?P<town>\p{{Ll}}[\p{{Ll}}\-]{{2,}}))"
    rf"(?![\p{{L}}\d])"
)
# A postort in a labelled field ("Postort: Malmö", "Ort | MALMÖ", the label on the line above).
_TOWN_LABELLED = (
    rf"(?<![\p{{L}}])(?:[Pp]ostort|POSTORT|Ort|ORT|[Bb]ostadsort|BOSTADSORT)(?![\p{{L}}])[ \t\u00a0]*[:|]?"
    rf"[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?(?P<value>{_TOWN})[ \t\u00a0]*$"
)
# Foreign postal codes: with a country prefix ("DK-2100 København Ø", "D-10115 Berlin"), or
# four digits / five with a leading zero (Norway, Denmark, Finland, Germany …) after a street.
_FTOWN = rf"{_TOWN_WORD}(?:{_SP}{_TOWN_WORD})?(?:{_SP}\p{{Lu}}(?![\p{{L}}\d]))?"
_FOREIGN_PREFIXED = (
    rf"(?<![\p{{L}}\p{{N}}])(?P<value>(?:DK|N|NO|FI|FIN|SF|D|DE|A|AT|CH|NL|F|PL|IS){_SP}?[-\u2013]{_SP}?"
    rf"(?P<code>\d{{4,5}})(?!\d)(?:{_SP}{{1,2}}(?P<town>{_FTOWN}))?)"
)
_FOREIGN_CODE = (
    rf"(?<![\p{{L}}\p{{N}}])(?<!\d[-\u2013./:]?)(?P<value>(?P<code>\d{{4}}|0\d{{4}}|\d{{2}}-\d{{3}}){_RIGHT}"
    rf"{_WRAP}(?P<town>{_FTOWN}))"
)
# UK postcodes, with the post town before them ("London NW1 6XE", "SW1A 2AA").
_UK_POSTCODE = (
    rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{N}}])(?P<value>(?:(?P<town>\p{{Lu}}\p{{Ll}}+(?:{_SP}\p{{Lu}}\p{{Ll}}+)?),?{_SP})?"
    rf"(?P<code>[A-Z]{{1,2}}\d[A-Z\d]?{_SP}?\d[ABD-HJLNP-UW-Z]{{2}}))(?![\p{{L}}\d])"
)
_ADDRESS_WORD = re.compile(
    r"(?i)(?:\badress|\badresse\b|\baddress\b|\bbor\b|\bbodde\b|\bbosatt|\bfolkbokf|\bflytta)"
)
_POSTAL_LINE = re.compile(rf"(?:^|\n)[^\n]{{0,40}}(?<![\p{{N}}])(?:SE-?|S-)?[1-9]\d{{2}}{_SP}?\d{{2}}(?!\d)")
_LOWER_NOT_TOWN = frozenset(
    {"och", "eller", "som", "med", "från", "till", "där", "men", "samt", "sedan", "kommun",
     "för", "att", "hos", "den", "det", "under", "efter", "inom", "utan", "vid", "kr", "st"}
)  # fmt: skip
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
        # a party's role and the column headers of a table of parties: the cell after an "Ort"
        # header is the next row's first cell, not a town
        "målsägande", "målsäganden", "målsägare", "vittne", "vittnet", "misstänkt", "misstänkte",
        "tilltalad", "tilltalade", "sökande", "sökanden", "klagande", "klaganden", "motpart",
        "motparten", "ombud", "ombudet", "förhörsperson", "förhörsledare", "part", "parter", "roll",
        "namn", "personnummer", "adress", "gatuadress", "postnr", "postnummer", "ort", "postort",
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
        Pattern("se_postal_code_after_number", _AFTER_NUMBER, 0.85),
        Pattern("se_postal_code_town_next_line", _TOWN_NEXT_LINE, 0.85),
        Pattern("se_postal_code_town_next_line_ocr", _TOWN_NEXT_LINE_OCR, SCORE_OCR),
        Pattern("se_postal_code_lower_town", _LOWER_TOWN, 0.7),
        Pattern("se_town_labelled", _TOWN_LABELLED, 0.6),
        Pattern("foreign_postal_code_prefixed", _FOREIGN_PREFIXED, 0.85),
        Pattern("foreign_postal_code", _FOREIGN_CODE, 0.85),
        Pattern("uk_postcode", _UK_POSTCODE, 0.85),
    ]
    CONTEXT = ["postnummer", "postnr", "postort", "postadress", "adress", "bor", "boende"]

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        start = match.start("value")
        before = text[max(0, start - 40) : start]
        if _CASE_REFERENCE.search(before):
            return None
        if pattern.name in _LAYOUT_ASSESSORS:
            return _LAYOUT_ASSESSORS[pattern.name](match, text, start)
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
                if not in_layout and not _CONTEXT_BEFORE.search(before) and not street_ends_at(text, start):
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

_TOWN_WORD = re.compile(r"[^ \u00a0]+")


def _town_length(town: str) -> int:
    """Characters of ``town`` that are the postort: words up to the first letterhead field."""
    kept_end = 0
    for word in _TOWN_WORD.finditer(town):
        if word.group().lower().strip(".:") in _NOT_TOWN:
            break
        kept_end = word.end()
    return kept_end


def _street_before(text: str, start: int, lines_up: int = 1) -> bool:
    """A street address ends right before ``start`` on its line (a comma or spaces between),
    or, when ``start`` opens its line, at the end of one of the ``lines_up`` lines above."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \u00a0,;|"):
        return street_ends_at(text, start)
    pos = line_start - 1
    for _ in range(lines_up):
        if pos <= 0:
            return False
        end = pos  # the comma after the street, or what OCR made of it (" .", " ,", "|")
        while end > pos - 3 and end > 0 and text[end - 1] in " \u00a0.,;|":
            end -= 1
        if street_ends_at(text, pos) or (end < pos and street_ends_at(text, end)):
            return True
        pos = text.rfind("\n", 0, pos)
    return False


def _town_end(match: "re.Match[str]") -> int:
    """``end_offset`` that keeps the town up to its first letterhead word (0: whole town)."""
    town = match.group("town")
    if not town:
        return 0
    kept = _town_length(town)
    return match.start("town") + kept - match.end("value") if kept else match.end("code") - match.end("value")


def _assess_after_number(match: "re.Match[str]", text: str, start: int) -> Optional[Assessment]:
    if not street_ends_at(text, start, box="," in text[max(0, start - 3) : start]):
        return None
    if follows_organisation(text, start, max_lines=3):
        return None
    end = _town_end(match)
    has_town = match.group("town") and end != match.end("code") - match.end("value")
    return Assessment(score=0.85 if has_town else 0.6, validation=UNCHECKED, end_offset=end)


def _assess_town_next_line(match: "re.Match[str]", text: str, start: int) -> Optional[Assessment]:
    if _town_length(match.group("town")) != len(match.group("town")):
        return None
    line_start = text.rfind("\n", 0, start) + 1
    before_on_line = text[line_start:start]
    labelled = _CONTEXT_BEFORE.search(text[max(0, start - 40) : start]) is not None
    if before_on_line.strip(" \u00a0,;|:") and not labelled and not street_ends_at(text, start):
        return None
    if not (labelled or _street_before(text, start, lines_up=3)
            or _ADDRESS_WORD.search(text, max(0, start - 80), start)):
        return None
    if follows_organisation(text, start, max_lines=3):
        return None
    return Assessment(score=0.85, validation=UNCHECKED)


def _assess_town_next_line_ocr(match: "re.Match[str]", text: str, start: int) -> Optional[Assessment]:
    """An OCR-damaged code over its postort: only where the line starts with it and a street
    or an address label stands above (a table's address cells, an address block)."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \u00a0,;|:'`.") or _town_length(match.group("town")) != len(match.group("town")):
        return None
    labelled = _CONTEXT_BEFORE.search(text[max(0, start - 40) : start]) is not None
    if not (labelled or _street_before(text, start, lines_up=3)):
        return None
    if follows_organisation(text, start, max_lines=3):
        return None
    return Assessment(score=SCORE_OCR, validation=UNCHECKED)


def _assess_lower_town(match: "re.Match[str]", text: str, start: int) -> Optional[Assessment]:
    if match.group("town").lower() in _LOWER_NOT_TOWN | _NOT_TOWN:
        return None
    if not _street_before(text, start):
        return None
    return Assessment(score=0.7, validation=UNCHECKED)


def _assess_town_labelled(match: "re.Match[str]", text: str, start: int) -> Optional[Assessment]:
    """A labelled postort counts in an address block: a postnummer or a street within the
    few lines above (a form's address fields)."""
    town = match.group("value")
    if _town_length(town) != len(town) or town.split()[0].lower() in _NOT_TOWN:
        return None
    window = text[max(0, start - 200) : start]
    if not (_POSTAL_LINE.search(window) or _ADDRESS_WORD.search(window) or _street_before(text, start, lines_up=4)):
        return None
    if follows_organisation(text, start, max_lines=4):
        return None
    return Assessment(score=0.6, validation=UNCHECKED)


def _assess_foreign_prefixed(match: "re.Match[str]", text: str, start: int) -> Optional[Assessment]:
    if follows_organisation(text, start, max_lines=3):
        return None
    if match.group("town"):
        return Assessment(score=0.85, validation=UNCHECKED)
    return Assessment(score=0.6, validation=UNCHECKED)


# The country after the town ("8000 Aarhus C, Danmark"): a foreign postal address even where the
# street before it is not recognised (OCR damaged it, or it has no street word).
_COUNTRY_AFTER = re.compile(
    r"[ \u00a0]*,?[ \u00a0]*(?:Danmark|Denmark|DANMARK|Norge|Norway|NORGE|Finland|FINLAND|Suomi|Tyskland|"
    r"Deutschland|Germany|Polen|Polska|Poland|Island|Iceland|Österrike|Österreich|Schweiz|Nederländerna)(?!\p{L})"
)


def _assess_foreign_code(match: "re.Match[str]", text: str, start: int) -> Optional[Assessment]:
    town = match.group("town")
    if town.split()[0].lower().strip(".:") in _NOT_TOWN:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    in_layout = not text[line_start:start].strip() or text[line_start:start].rstrip().endswith(",")
    country = in_layout and _COUNTRY_AFTER.match(text, match.end("value")) is not None
    if not country and not _street_before(text, start):
        return None
    if follows_organisation(text, start, max_lines=3):
        return None
    return Assessment(score=0.85, validation=UNCHECKED)


def _assess_uk(match: "re.Match[str]", text: str, start: int) -> Optional[Assessment]:
    town = match.group("town")
    s = start if town is None else match.start("town")
    if town is not None and town.split()[0].lower() in _NOT_TOWN:
        return Assessment(score=0.45, validation=UNCHECKED, start_offset=match.start("code") - start)
    evidence = (
        town is not None
        or _street_before(text, s, lines_up=2)
        or _ADDRESS_WORD.search(text, max(0, s - 60), s) is not None
    )
    if follows_organisation(text, s, max_lines=3):
        return None
    return Assessment(score=0.85 if evidence else 0.45, validation=UNCHECKED)


_LAYOUT_ASSESSORS = {
    "se_postal_code_after_number": _assess_after_number,
    "se_postal_code_town_next_line": _assess_town_next_line,
    "se_postal_code_town_next_line_ocr": _assess_town_next_line_ocr,
    "se_postal_code_lower_town": _assess_lower_town,
    "se_town_labelled": _assess_town_labelled,
    "foreign_postal_code_prefixed": _assess_foreign_prefixed,
    "foreign_postal_code": _assess_foreign_code,
    "uk_postcode": _assess_uk,
}
