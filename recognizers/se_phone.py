"""Swedish (and international E.164) telephone numbers.

A fast regex recognizer: the candidates are found with three patterns (domestic ``0…``,
``+46``/``0046`` and other ``+CC`` numbers) and each candidate is then validated cheaply with
the ``phonenumbers`` metadata (``parse`` + ``is_valid_number``, no free-text matcher, which is
slow).

Scores:

* mobile (``07x`` + 7 digits, written with or without ``+46``): 0.9; unseparated ``07xxxxxxxx``
  0.8 (a 10-digit personnummer looks the same; that recognizer scores it low);
* landline or special range (``08``, ``031``, ``0498``, ``010``, ``020``, ``077x`` …) with
  separators: 0.75; unseparated landline: 0.35 (a leading-zero reference number is as likely);
* other countries in E.164 form (``+47 912 34 567``): 0.7; a possible but not valid one
  written in groups (``+45 19 27 05 72``: a range the metadata does not know) 0.45, also with
  its last group wrapped to the next line;
* a well-shaped number that the metadata rejects: 0.3 (context words lift it above threshold);
* a number right after a label for another identifier (``Dnr``, ``Personnummer``, ``OCR`` …): 0.2.

Also: a number broken over two lines by the layout (``070-123`` / ``45 67``), when it is valid
joined and the first line is no whole number by itself; the country code without ``+``
(``46701234567``): a valid mobile 0.6, a valid landline after a phone word 0.5.

Groups joined by full stops (``070.375.71.11``) are a number when valid; on a scan a later
stop read as a colon or a comma (``070.375.71:11``) is taken at 0.6.

After ``+46``/``0046`` a full stop between area code and number is taken as a space (OCR:
``+46 70.878 86 15``). A table border read as ``1`` before a grouped domestic number
(``1076-17 56 262``): the valid number after it at 0.6.

Rejected outright: dates (``05-03-2024``), numbers inside longer digit runs, digit groups
followed by a currency or percent sign, personnummer shapes (six digits before the hyphen).
"""

from __future__ import annotations

from typing import Optional

import phonenumbers
import regex as re
from phonenumbers import PhoneNumberType
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, VALID, Assessment, SwedishPatternRecognizer, page_has

# Space-like characters that PDF text extraction produces between digit groups.
_SP = r"[ \u00a0\u2009\u202f]"
# Hyphen-like characters (hyphen, non-breaking hyphen, figure dash, en/em dash, bar, minus, soft
# hyphen; the analyzer normalises them first, raw text may still carry them).
_HY = r"[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad]"

# Nothing word-like or a '+' right before; no "digit + separator" before (part of a longer
# number), though a list separator ", " after a digit is fine.
_LEFT = rf"(?<![\w+])(?<!\d[-\u2010-\u2013/.,:])(?<!\d{_SP}?[-\u2010-\u2013/]{_SP}?)"
# No digit right after, nor a separator and a digit (longer number), nor an amount/percent.
_RIGHT = (
    rf"(?!\d)(?!{_SP}?[-\u2010-\u2013/.,]\d)"
    rf"(?!{_SP}?(?:kr\b|kronor\b|sek\b|SEK\b|:-|%|€|\$|procent\b|st\b))"
)

# Subscriber part: a first run of digits, then up to three space-separated groups.
_SUBSCRIBER = rf"\d{{1,8}}(?:{_SP}\d{{1,4}}){{0,3}}"
# Separator between area code and subscriber number.
_AREA_SEP = rf"(?:{_SP}?{_HY}{_SP}?|{_SP})"

# "08/123 45 67" (an older style) is accepted only after a phone word, see assess().
_DOMESTIC = (
    rf"{_LEFT}(?P<value>(?:\(0\d{{1,3}}\){_SP}?(?:{_HY}{_SP}?)?|0\d{{1,3}}(?:{_AREA_SEP}|/)?)"
    rf"{_SUBSCRIBER}){_RIGHT}"
)
_SWEDISH_INTL = (
    rf"{_LEFT}(?P<value>(?:\+|00){_SP}?46(?:{_SP}?{_HY}|\.)?{_SP}?(?:\(0\){_SP}?)?(?:{_HY}{_SP}?)?"  # "+46-(0)70", "+46.8": OCR
    rf"\d{{1,3}}(?:{_AREA_SEP}|\.)?{_SUBSCRIBER}){_RIGHT}"  # "." for a space: OCR
)
# The country code without "+" or "00" ("46701234567", "46 70 123 45 67"): only a valid Swedish
# number counts, and only with a phone word before it or as a mobile number.
_SWEDISH_CC_BARE = (
    rf"{_LEFT}(?P<value>46{_SP}?(?:\(0\){_SP}?)?\d{{1,3}}(?:{_AREA_SEP})?{_SUBSCRIBER}){_RIGHT}"
)
# A number broken over two lines by the layout ("070-123" / "45 67"): the part before the break
# must not be a whole number by itself (then it is one, and the next line is something else).
_BREAK = rf"{_SP}*\n{_SP}*"
_LINE_BROKEN = (
    rf"{_LEFT}(?P<value>(?:(?:\+|00){_SP}?46{_SP}?(?:\(0\){_SP}?)?\d{{1,3}}|0\d{{1,3}})"
    rf"(?:{_AREA_SEP}|{_BREAK})?\d{{1,8}}(?:{_SP}\d{{1,4}}){{0,2}}"
    rf"(?:{_BREAK}|{_SP}?{_HY}{_BREAK}?|{_BREAK}{_HY}{_SP}?)\d{{1,4}}(?:{_SP}\d{{1,4}}){{0,2}}){_RIGHT}"
)
# Scanned tables: a cell border read as a "1" (or l, I, |) glued before a domestic number
# ("1076-17 56 262"); the number after it is reported when it is valid and grouped.
_STRAY_BEFORE = (
    rf"(?<![\w+|])[1lI|](?P<value>0\d{{1,3}}{_AREA_SEP}{_SUBSCRIBER}){_RIGHT}"
)
# Groups joined by full stops ("070.375.71.11"); on a scan one of the later stops may read as a
# colon or a comma ("070.375.71:11"). Only a valid number counts.
_DOTTED = rf"{_LEFT}(?P<value>0\d{{1,3}}\.\d{{2,3}}(?:[.:,]\d{{2,3}}){{1,3}}){_RIGHT}"
SCORE_DOTTED_DAMAGED = 0.6
_FOREIGN_INTL = (
    rf"{_LEFT}(?P<value>\+(?!{_SP}?46)[1-9]\d{{0,2}}"
    rf"(?:(?:{_SP}|{_HY}|\.)?(?:\(\d{{1,4}}\)|\d{{1,5}})){{1,6}}){_RIGHT}"
)
# The same with its last group on the next line ("+358 40 123" / "4567"), a table cell wrapped.
_FOREIGN_LINE_BROKEN = (
    rf"{_LEFT}(?P<value>\+(?!{_SP}?46)[1-9]\d{{0,2}}"
    rf"(?:(?:{_SP}|{_HY}|\.)?\d{{1,5}}){{0,5}}{_BREAK}\d{{1,4}}(?:{_SP}\d{{1,4}}){{0,4}}){_RIGHT}"
)

# Labels of other identifiers: a number right after one of them is that identifier.
_OTHER_LABEL = re.compile(
    r"(?i)\b(?:person(?:nummer|nr)|pers\.?\s?nr|pnr|samordningsnummer|"
    r"dnr|diarie(?:nummer|nr)|ärende(?:nummer|nr)|ärende\s?nr|mål(?:nummer|nr)|mål\s?nr|"
    r"ocr(?:-?nummer)?|faktura(?:nummer|nr)?|kund(?:nummer|nr)|referens(?:nummer)?|ref\.?|"
    r"org\.?\s?nr|organisationsnummer|konto(?:nummer|nr)?|clearing(?:nummer|nr)?|"
    r"bankgiro|plusgiro|bg|pg|iban|avtals?(?:nummer|nr)|order(?:nummer|nr)?|"
    r"artikel(?:nummer|nr)|art\.?\s?nr|försäkringsnummer|policynummer|"
    r"pass(?:nummer|nr)?|id-?nummer)\b[^\n\d]{0,12}$"
)
# "Xnummer:" / "X-nr" right before the number, where X is no phone word: another identifier.
_NUMBER_LABEL = re.compile(r"(?i)(?P<label>[\w-]*(?:nummer|numret|nr))\.?\s*:?\s*$")
_PHONE_WORD = re.compile(
    r"(?i)(?:tel|tfn|mobil|mob|fax|sms|växel|vxl|kontakt|direkt|hem|arbete|jobb|ring)"
)
_PHONE_LABEL_BEFORE = re.compile(
    r"(?i)\b(?:tel|tfn|telefon\w*|mobil\w*|mob|fax|växel|vxl|ring\w*)\b[^\n\d]{0,12}$"
)
_DATE = re.compile(
    r"^(?:0[1-9]|[12]\d|3[01])[-./ \u2013](?:0[1-9]|1[0-2])[-./ \u2013](?:19|20)?\d{2}$"
)
_LOOKBACK = 30
_ALONE_ON_LINE = re.compile(r"[ \u00a0]*(?:\n|$)")
_DOT_COLON_COMMA = re.compile(r"[.:,]")
_LINE_BREAK = re.compile(r"[ \u00a0]*\n[ \u00a0]*")

SCORE_FOREIGN_POSSIBLE = 0.45
SCORE_STRAY_BEFORE = 0.6
_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


_PHONE_WORD_ON_LINE = re.compile(r"(?i)\b(?:tel|tfn|telefon\w*|mobil\w*|mob|fax|växel|vxl|ring\w*)\b")


def _phone_word_on_line(text: str, start: int, window: int = 60) -> bool:
    """A phone word earlier on the same line ("Tel 08-… eller 08/123 45 67")."""
    lo = max(0, start - window)
    nl = text.rfind("\n", lo, start)
    return _PHONE_WORD_ON_LINE.search(text, nl + 1 if nl >= 0 else lo, start) is not None


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _foreign_number_label(before: str) -> bool:
    """True when the text before ends in a number label that is not about a phone."""
    line = before.rsplit("\n", 1)[-1]
    label = _NUMBER_LABEL.search(line)
    if label is None or label.group("label").lower() in ("nr", "nummer", "numret"):
        return False  # a bare "nr": the explicit labels above cover "ärende nr", "org nr" …
    words = line[: label.end("label")].split()[-2:]  # "Tel nr", "Journalnr"
    return not any(_PHONE_WORD.match(word) for word in words)


def _first_group_length(value: str) -> int:
    """Digits before the first separator (the area code with its trunk 0, when separated)."""
    n = 0
    for ch in value:
        if ch.isdigit():
            n += 1
        elif ch in "()":
            continue
        else:
            break
    return n


def _parse(number: str, region: Optional[str]) -> Optional[phonenumbers.PhoneNumber]:
    try:
        return phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None


_PAGE_LABEL_RE = re.compile(
    r"(?<!\w)(?:tel(?:efon(?:nummer|nr)?)?|tfn|mobil(?:nummer)?|direktnummer|direktnr|växel)(?!\w)", re.IGNORECASE
)


class SePhoneRecognizer(SwedishPatternRecognizer):
    """Telephone numbers: Swedish domestic, ``+46``/``0046`` and foreign E.164."""

    ENTITY = entities.PHONE_NUMBER
    NAME = "SePhoneRecognizer"
    PATTERNS = [
        Pattern("se_phone_domestic", _DOMESTIC, 0.75),
        Pattern("se_phone_international", _SWEDISH_INTL, 0.75),
        Pattern("phone_e164", _FOREIGN_INTL, 0.7),
        Pattern("se_phone_country_code_bare", _SWEDISH_CC_BARE, 0.6),
        Pattern("se_phone_line_break", _LINE_BROKEN, 0.75),
        Pattern("phone_e164_line_break", _FOREIGN_LINE_BROKEN, 0.7),
        Pattern("se_phone_stray_digit", _STRAY_BEFORE, SCORE_STRAY_BEFORE),
        Pattern("se_phone_dotted", _DOTTED, 0.75),
    ]
    # Presidio matches these as substrings of lemmas: "ring" itself is left out because it is
    # inside every "-ring" noun ("försäkring", "ändring"); the verb forms are listed instead.
    CONTEXT = [
        "tel",
        "telefon",
        "tfn",
        "mobil",
        "mob",
        "ringa",
        "ringer",
        "ringde",
        "nås",
        "fax",
        "vxl",
        "växel",
        "sms",
        "kontakt",
        "phone",
        "direktnum",
        "direktnr",
    ]

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        value = match.group("value")
        digits = _digits(value)
        before = text[max(0, match.start("value") - _LOOKBACK) : match.start("value")]
        demoted = _OTHER_LABEL.search(before) is not None or _foreign_number_label(before)

        if pattern.name == "se_phone_line_break":
            verdict = self._assess_line_broken(value, text, match.end("value"))
        elif pattern.name == "se_phone_country_code_bare":
            verdict = self._assess_swedish(digits)
            if verdict is None or verdict.validation != VALID:
                return None
            if not _PHONE_LABEL_BEFORE.search(before) and verdict.score < 0.9:
                return None  # a bare "46…" landline shape without a phone word: some other number
            verdict = Assessment(score=0.6 if verdict.score >= 0.9 else 0.5, validation=VALID)
        elif pattern.name == "phone_e164":
            verdict = self._assess_foreign(value, digits)
        elif pattern.name == "phone_e164_line_break":
            head = value.split("\n", 1)[0].rstrip(" \u00a0")
            whole = self._assess_foreign(value, digits)
            first = self._assess_foreign(head, _digits(head))
            if first is not None and first.validation == VALID and (whole is None or whole.validation != VALID):
                return None  # the first line holds a whole number already
            verdict = whole
        elif pattern.name == "se_phone_stray_digit":
            verdict = self._assess_domestic(value, digits, text)
            if verdict is None or verdict.validation != VALID:
                return None
            verdict = Assessment(score=min(verdict.score, SCORE_STRAY_BEFORE), validation=VALID)
        elif pattern.name == "se_phone_dotted":
            verdict = self._assess_domestic(_DOT_COLON_COMMA.sub(" ", value), digits, text)
            if verdict is None or verdict.validation != VALID:
                return None  # dotted digit groups that make no valid number: a reference, a version
            if ":" in value or "," in value:
                verdict = Assessment(score=min(verdict.score, SCORE_DOTTED_DAMAGED), validation=VALID)
        elif pattern.name == "se_phone_international":
            verdict = self._assess_swedish(digits[2:] if value.startswith("00") else digits)
        else:
            if "/" in value and not (_PHONE_LABEL_BEFORE.search(before) or _phone_word_on_line(text, match.start("value"))):
                return None  # "023/12345": a case or file number unless a phone word says so
            verdict = self._assess_domestic(value, digits, text)
        if verdict is None:
            return None
        if demoted:
            return Assessment(score=min(verdict.score, 0.2), validation=verdict.validation)
        return verdict

    # -- helpers -------------------------------------------------------------------------------
    def _assess_line_broken(self, value: str, text: str, end: int) -> Optional[Assessment]:
        """A number split over two lines: valid when joined, and not valid before the break."""
        head = value.split("\n", 1)[0].rstrip(" \u00a0-\u2010\u2011\u2012\u2013")
        joined = _LINE_BREAK.sub(" ", value)
        intl = joined.startswith(("+", "00"))

        def judge(candidate: str) -> Optional[Assessment]:
            d = _digits(candidate)
            if intl:
                return self._assess_swedish(d[2:] if candidate.startswith("00") else d)
            return self._assess_domestic(candidate, d, text)

        whole = judge(joined)
        if whole is None or whole.validation != VALID:
            return None
        before = judge(head) if len(_digits(head)) >= 7 else None
        tail = value.rsplit("\n", 1)[-1]
        if before is not None and before.validation == VALID and not (
            len(_digits(tail)) <= 2 and _ALONE_ON_LINE.match(text, end)
        ):
            return None  # the first line holds a whole number already
        # ... unless what wrapped is a last group of one or two digits alone on its line
        # ("08-618 041" / "17" in a narrow table cell): then the number goes on there
        return whole

    @staticmethod
    def _assess_foreign(value: str, digits: str) -> Optional[Assessment]:
        if not 8 <= len(digits) <= 15:
            return None
        # "+44 (0)20 …": let phonenumbers drop the bracketed trunk zero itself.
        number = _parse(value, None) if "(0)" in value else _parse("+" + digits, None)
        if number is None:
            return None
        if phonenumbers.is_valid_number(number):
            return Assessment(score=0.7, validation=VALID)
        if phonenumbers.is_possible_number(number):
            # "+" and a country code, then a possible length: a phone number whose range the
            # metadata does not know (new ranges, typos). Written in groups it is masked
            # (validation sets confidence, not inclusion); one unbroken run stays below.
            grouped = any(not ch.isdigit() for ch in value.lstrip("+"))
            return Assessment(score=SCORE_FOREIGN_POSSIBLE if grouped else 0.3, validation=UNCHECKED)
        return None

    @staticmethod
    def _assess_swedish(digits: str) -> Optional[Assessment]:
        """``digits`` start with the country code 46 (optionally followed by a trunk 0)."""
        national = digits[2:]
        if national.startswith("0"):  # "+46 (0)70…" or a stray trunk zero
            national = national[1:]
        if not 7 <= len(national) <= 9:
            return None
        number = _parse("+46" + national, None)
        if number is None:
            return None
        if phonenumbers.is_valid_number(number):
            if phonenumbers.number_type(number) in _MOBILE_TYPES:
                return Assessment(score=0.9, validation=VALID)
            return Assessment(score=0.75, validation=VALID)
        return Assessment(score=0.3, validation=UNCHECKED)

    def _assess_domestic(self, value: str, digits: str, text: str = "") -> Optional[Assessment]:
        if not 8 <= len(digits) <= 10:
            return None
        compact = value.replace("(", "").replace(")", "")
        if _DATE.match(compact.strip()):
            return None
        separated = not value.isdigit()
        if separated and _first_group_length(value) > 4:
            # "050312-1234", "05031 21234": not how Swedish numbers are grouped (personnummer).
            return None
        number = _parse(digits, "SE")
        if number is None:
            return None
        if not phonenumbers.is_valid_number(number):
            if not separated:
                return None  # an unseparated leading-zero run that is no phone number
            return Assessment(score=0.3, validation=UNCHECKED)
        mobile = phonenumbers.number_type(number) in _MOBILE_TYPES
        if not separated:
            if mobile and len(digits) == 10:
                return Assessment(score=0.8, validation=VALID)
            # a valid landline without separators: a phone label anywhere on the page (letter
            # footer, "Telefon" column header) makes it far likelier than a reference number
            if page_has(_PAGE_LABEL_RE, text):
                return Assessment(score=0.45, validation=VALID)
            return Assessment(score=0.35, validation=VALID)
        return Assessment(score=0.9 if mobile else 0.75, validation=VALID)
