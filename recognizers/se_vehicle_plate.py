"""Swedish vehicle registration plates (``ABC 123``, ``ABC123``, ``ABC 12A``).

Ordinary plates are three letters and three characters: two digits and a digit or (since
2019) a letter. 23 letters are used: A–Z without I, Q and V (Å, Ä and Ö never occur); the
final letter is never O (it would read as a zero), so a final O or o is a zero typed or read
as a letter (``KLM45O``, ``rst 30o``) and counts as a look-alike below. Upper-case three-letter abbreviations that
precede numbers in agency texts (``SFS``, ``KAP``, ``OSL``, ``SEK``, ``CRP`` …) are excluded.

Scores: upper case 0.6, or 0.85 with a vehicle word before it (``reg.nr``, ``bil``,
``fordon`` …, also a form's label alone on the line above); lower case (``abc 123``) 0.3, or 0.6 with such a word. Written without a space
(``PRP942``), a plate is no abbreviation before a number, so only currencies, units and lab
analytes (``SEK100``, ``CRP120``) are excluded then; and alone on its line (a table cell) on a
page with a vehicle column (``Reg.nr``, ``Fordon``), ``PBL 377`` is a plate too.

Scanned text: OCR reads a digit of the plate as a look-alike letter (``UYRO57``, ``UULÖ79``,
``CZLO64``), a ``J`` as ``]`` or ``)`` (``XC) 987``), a letter as the unused ``I``
(``JIM708``), a letter ``O`` as the digit ``0`` (``DO002A``) or one letter in lower case (``SPj 033``); in a lower-case plate an ``l`` read
as ``i`` (``reg.nr sil 42b``), with a vehicle word only (0.6). A plate with exactly one such
look-alike and at least two real digits (one when it ends in a letter: ``HEPS6K``) is reported
at 0.5, or 0.75 with a vehicle word (pattern ``se_plate_ocr``); with a vehicle word, two
look-alikes and one real digit are enough (``reg.nr KLMOS7``).
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, Assessment, SwedishPatternRecognizer

_LETTER_UP = "A-HJ-PR-UW-Z"
_LETTER_LOW = "a-hj-pr-uw-z"
_SP = r"[ \u00a0]"
# not glued to a word or number; a full stop right before is an OCR speck when nothing stands
# before it (".TXA 466" at a line's start)
_LEFT = r"(?<![\p{L}\p{N}\-/:])(?<![\p{L}\p{N}\-/:]\.)"
# Not glued to further characters, and not followed by another digit group ("ORG 556 036").
_RIGHT = rf"(?![\p{{L}}\p{{N}}\-/]|[.,:]\d|{_SP}?\d)"

_UPPER = rf"{_LEFT}(?P<value>(?P<letters>[{_LETTER_UP}]{{3}}){_SP}?\d{{2}}[\dA-HJ-NPR-UW-Z]){_RIGHT}"
# lower case: a final "o" is the zero typed as a letter ("abc 12o"), as in _OCR below
_LOWER = rf"{_LEFT}(?P<value>(?P<letters>[{_LETTER_LOW}]{{3}}){_SP}?\d{{2}}[\da-hj-pr-uw-z]){_RIGHT}"

# Three-letter abbreviations and words that precede numbers but are no plates (case-folded).
_NOT_PLATES = frozenset(
    {
        # laws, law collections, case law, official prints
        "sfs", "sou", "kap", "osl", "osf", "sol", "lss", "lvu", "lvm", "hsl", "pdl", "psl",
        "sfb", "afs", "bfs", "ffs", "fkf", "bbr", "eks", "pbl", "pbf", "hfd", "nja", "mod",
        "mmd", "ads", "jon", "art", "prp", "bet", "pos", "ref", "dnr", "anm", "akt", "bil",
        "fig", "tab", "not", "nrs", "obs", "jfr", "enl", "avs", "bla",
        # currencies
        "sek", "eur", "usd", "gbp", "nok", "dkk", "chf", "jpy", "cad", "aud", "cny", "pln",
        "isk", "rub", "tkr", "mkr",
        # agencies and organisations
        "msb", "scb", "csn", "skr", "skl", "skv", "kkv", "bra", "fhm", "lst", "tlv", "amf",
        "afa", "spv", "ssk", "ssm", "dom",
        # standards, units, medicine and lab analytes
        "iso", "din", "cen", "crp", "tpk", "lpk", "epk", "mcv", "mch", "alp", "ggt", "ldl",
        "hdl", "tsh", "psa", "inr", "alb", "kre", "esr", "bmi", "hba", "gfr", "pef", "fev",
        "ekg", "eeg", "emg", "mrt", "dxa", "atc", "drg", "kva", "cpr", "nyh", "bnp", "cdt",
        "mhz", "ghz", "khz", "kwh", "mwh", "gwh", "box", "tel", "fax", "tfn", "ocr", "org",
        "mom", "tot", "sum", "ant", "max", "min", "typ", "kod", "lgh", "fak", "kto", "reg",
        # common Swedish words in lower case before numbers
        "och", "per", "som", "med", "har", "den", "det", "att", "men", "kan", "ska", "nog",
        "fem", "sex", "tre", "sju", "tio", "nya", "mer", "upp", "ner", "hem", "jan", "feb",
        "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec", "kls", "tim",
        "dag", "alt", "ett", "tog", "gav", "sen", "pga", "dvs", "mfl", "osv", "ink", "exk",
        "ord", "hon", "han", "jag", "dem", "oss", "era", "hur", "nej", "mot", "tal", "ore",
    }
)  # fmt: skip

# Written without a space, a plate cannot be an abbreviation followed by a number; only these
# are glued to numbers (currencies, units, lab analytes).
_NOT_PLATES_UNSPACED = frozenset(
    {
        "sek", "eur", "usd", "gbp", "nok", "dkk", "chf", "jpy", "cad", "aud", "cny", "pln",
        "isk", "rub", "tkr", "mkr", "mhz", "ghz", "khz", "kwh", "mwh", "gwh", "iso", "din",
        "crp", "tpk", "lpk", "epk", "mcv", "mch", "alp", "ggt", "ldl", "hdl", "tsh", "psa",
        "inr", "alb", "kre", "esr", "bmi", "hba", "gfr", "pef", "fev", "sfs", "sou", "kap",
    }
)  # fmt: skip

# A vehicle word anywhere on the page (a table's column header).
_VEHICLE_WORD = re.compile(r"(?i)(?:reg\.?\s?(?:nr|nummer)|regnr|registreringsnummer|\bfordon\b|\bbil\b)")

# OCR look-alikes of the digits (and of a final J) in an upper-case plate.
_DIGIT_LOOKALIKE = "OÖDQIlSBZ"
_LAST_LOOKALIKE = "]O"  # a final O is never a plate's letter: the zero typed or read as O
# I is never used on plates (an OCR J or L); a J may come out as ")" or "]".
_LETTER_LOOKALIKE = "Ii)\\]0"  # and a letter O read as the digit 0 ("DO002A")
_OCR = (
    rf"{_LEFT}(?P<value>(?P<letters>[{_LETTER_UP}{_LETTER_LOW}{_LETTER_LOOKALIKE}]{{3}}){_SP}?"
    rf"(?P<tail>[\d{_DIGIT_LOOKALIKE}]{{2}}[\dA-HJ-NPR-UW-Za-hj-np-uw-z\]O])){_RIGHT}"
)

_VEHICLE_CONTEXT = re.compile(
    r"(?i)(?:reg\.?\s?(?:nr|nummer)|regnr|registrering|\bbil(?:en|ens|ar|arna|nummer)?\b|"
    r"personbil|lastbil|fordon|\bmc\b|motorcykel|moped|släpvagn|husvagn|\bbuss|\btaxi|"
    r"nummerplåt|registreringsskylt|skylt|körde|parkera|\b(?:volvo|saab|audi|bmw|toyota|"
    r"volkswagen|vw|ford|tesla|kia|skoda|renault|peugeot|mercedes|nissan|hyundai|opel)\b)"
    r"[^\n]{0,30}$"
)

# A form's field: the vehicle label alone on the line above the value ("Fordon" / "ABC 123, Volvo").
_VEHICLE_LABEL_ABOVE = re.compile(
    r"(?im)^[ \u00a0]*(?:reg\.?\s?(?:nr|nummer)|regnr|registreringsnummer|fordon|bil|fordonets?\s+reg\.?\s?nr)"
    r"[ \u00a0]*:?[ \u00a0]*\n[ \u00a0]*$"
)


def _alone_in_vehicle_column(match: "re.Match[str]", text: str) -> bool:
    """A value alone on its line (a table cell) on a page with a vehicle word (a column header
    "Reg.nr", "Fordon"): a plate even when its letters are an abbreviation (``PBL 377``)."""
    start, end = match.span("value")
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:line_end].strip() != match.group("value"):
        return False
    return bool(_VEHICLE_WORD.search(text, 0, line_start) or _VEHICLE_WORD.search(text, line_end))


class SeVehiclePlateRecognizer(SwedishPatternRecognizer):
    """Swedish registration plates (``SE_VEHICLE_PLATE``)."""

    ENTITY = entities.SE_VEHICLE_PLATE
    NAME = "SeVehiclePlateRecognizer"
    PATTERNS = [
        Pattern("se_plate_upper", _UPPER, 0.6),
        Pattern("se_plate_lower", _LOWER, 0.3),
        Pattern("se_plate_ocr", _OCR, 0.5),
    ]
    CONTEXT = ["reg.nr", "regnr", "registreringsnum", "registrering", "fordon", "bil", "skylt"]

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        letters = match.group("letters").lower()
        unspaced = len(match.group("value")) == 6
        if letters in (_NOT_PLATES_UNSPACED if unspaced else _NOT_PLATES) and not (
            letters not in _NOT_PLATES_UNSPACED and _alone_in_vehicle_column(match, text)
        ):
            return None
        start = match.start("value")
        has_context = (
            _VEHICLE_CONTEXT.search(text, max(0, start - 50), start) is not None
            or _VEHICLE_LABEL_ABOVE.search(text, max(0, start - 40), start) is not None
        )
        if pattern.name == "se_plate_ocr":
            tail = match.group("tail")
            letters_read = match.group("letters")
            if letters_read.islower() and "i" in letters_read:
                # a lower-case plate with an "l" read as "i" ("reg.nr sil 42b"): with a vehicle
                # word only, as lower-case plates need one to be masked at all
                ok = letters_read.count("i") == 1 and tail.isalnum() and tail[:2].isdigit()
                return Assessment(score=0.6, validation=UNCHECKED) if ok and has_context else None
            looks = (
                sum(c in _DIGIT_LOOKALIKE for c in tail[:2])
                + (tail[2] in _LAST_LOOKALIKE)
                + sum(c.islower() or c in _LETTER_LOOKALIKE for c in letters_read)  # "SPj", "JIM", "XC)"
            )
            # two real digits, or one in the new format ending in a letter ("HEPS6K" for HEP56K)
            digits_needed = 1 if tail[2].isupper() and tail[2].isalpha() else 2
            if looks == 2 and has_context and sum(c.isdigit() for c in tail) >= 1:
                pass  # "reg.nr REHOS3": two look-alikes where a vehicle word says a plate follows
            elif looks != 1 or sum(c.isdigit() for c in tail) < digits_needed:
                return None  # no look-alike: the other patterns' match
            if letters_read[0] in "I)]0" or (")" in letters_read and text[start - 1 : start] == "("):
                return None  # abbreviations start with I ("IBC 123"); "(AB) 123" is in brackets
            return Assessment(score=0.75 if has_context else 0.5, validation=UNCHECKED)
        if pattern.name == "se_plate_upper":
            return Assessment(score=0.85 if has_context else 0.6, validation=UNCHECKED)
        return Assessment(score=0.6 if has_context else 0.3, validation=UNCHECKED)
