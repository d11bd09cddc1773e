"""The fail-closed net for numbers: long digit runs that nothing else explains (``UNKNOWN_ID``).

Every digit run of six or more digits, counting digits joined by spaces, hyphens, dashes, dots or
slashes (``98 76 54 32 1``, ``4581-1219-8761``, ``12.345.678``), is a candidate: an identifier
written in a form no recognizer knows (a customer, member, insurance or patient number, a foreign
identity number) must not be released because it was unexpected. A candidate is dropped only when
it is *positively* a number that is not personal data:

* a date, a date range, a time or time range (``2024-03-15``, ``20240315``, ``15/3/2024``,
  ``10.30-11.45``), a year or a sequence of years (``2021 2022 2023``), a year range
  (``2019-2023``, ``1990/91``);
* an amount or a quantity: a currency or percent sign or word next to it (``kr``, ``SEK``,
  ``:-``, ``%``, ``€``, ``procent``, ``miljoner``), a decimal comma (``1 234,50``), or a
  thousands-grouped number followed by a word (``12 345 personer``);
* a law or document reference: ``SFS 2010:110``, ``2009:400``, ``prop. 2008/09:111`` (a number
  glued to ``:`` and digits), after ``SFS``, ``prop.``, ``SOU``, ``NJA``, ``RÅ``, ``HFD`` …;
* a case number: after ``Dnr``, ``diarienummer``, ``ärendenummer``, ``målnummer``, ``referens``
  and the like (also such a label alone on the line above: a form's field), after an agency or court code (``FK 2024-123456``, ``HFD 4732-19``), or in the
  diarienummer shapes that begin or end with the year (``2024/1234``, ``2024-123456``,
  ``4707-83079/2024``, ``7.1.7-66466/2023``, ``436-781522-2025``);
* a page, paragraph, chapter or table number (``s. 101-103``, ``§§ 12-14``);
* an ISBN/ISSN, a version number (``v. 2.2.366``);
* an organisationsnummer (group digit, digits 3–4 ≥ 20, valid check digit): its own recognizer
  reports it and the policy leaves it visible;
* the postal code at the end of a run (``Box 1164 621 22 Visby``): the run is cut before it.

The agency's own numbers (its switchboard, its bankgiro) are in the policy's allow-list, which
the pipeline applies to every detection, this one included.

A run that another recognizer explains (personnummer, phone, account …) is reported by that
recognizer too; the analyzer merges overlapping findings and the real type wins over
``UNKNOWN_ID`` with its own score (:func:`masking.analyzer.resolve_overlaps`: a bank-account shape
without a label stays a review candidate, as its recognizer decided), so this net only decides
what happens to numbers nobody claims (a finding below the policy's review threshold does not
count as a claim). Those are scored 0.45: masked in automatic mode (policy threshold 0.4) and
shown in review mode. The score does not depend on the context words
(no ``CONTEXT``): the net is about numbers nobody recognised.

Runs are not joined across a line break (table columns would merge); a run glued to a letter
(``X8112189876``, ``ISBN978…``) is not a candidate.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import UNCHECKED, Assessment, SwedishPatternRecognizer, luhn_ok

MIN_DIGITS = 6
SCORE_UNKNOWN = 0.45

_SP = " \u00a0\u2009\u202f"
_HY = "\\-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Between two digit groups: a hyphen or dash (spaces around it allowed), a dot or slash, or one space.
_SEP = rf"(?:[{_SP}]?[{_HY}][{_SP}]?|[./]|[{_SP}])"
_RUN = rf"(?<![\p{{L}}\d])(?<!\d[,:])(?P<value>\d+(?:{_SEP}\d+)*)(?![\p{{L}}\d])"

_GROUP_RE = re.compile(r"\d+")

_YEAR = r"(?:1[6-9]|20)\d\d"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_D = rf"[{_HY}./]"
_DATE = (
    rf"(?:{_YEAR}{_D}?{_MONTH}{_D}?{_DAY}"  # 2024-03-15, 20240315 (checked below)
    rf"|{_DAY}{_D}{_MONTH}{_D}(?:{_YEAR}|\d\d)"  # 15/3/2024, 15.03.24
    rf"|\d\d{_D}{_MONTH}{_D}{_DAY})"  # 24-03-15
)
_TIME = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
_HOUR = r"(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?"
_RANGE = rf"[{_SP}]*(?:[{_HY}/]|[{_HY}]{{2}})[{_SP}]*"
# A date, time or year, and runs of them joined by spaces or range dashes ("2021 2022 2023",
# "2024-03-15 10.30", "29 maj 2021–2021-11-03", "10 – 11.30", "4/12 2021").
_DATEISH = rf"(?:{_DATE}|{_DAY}/{_MONTH}[{_SP}]{_YEAR}|{_TIME}|{_YEAR})"
_DATEISH_RUN = rf"{_DATEISH}(?:(?:{_RANGE}|[{_SP}]+){_DATEISH})*"
_NON_PERSONAL_RUN = re.compile(
    rf"{_DATEISH_RUN}|{_HOUR}{_RANGE}{_TIME}|{_YEAR}{_RANGE}\d\d"
    # case numbers (diarienummer) begin or end with the year: "2024/1234", "2024-123456",
    # "4707-83079/2024", "7.1.7-66466/2023", "436-781522-2025"
    rf"|{_YEAR}/\d{{1,6}}|{_YEAR}[{_HY}]\d{{3,6}}"
    rf"|[\d.{_HY}]*\d/{_YEAR}|\d+(?:[.]\d+)*[{_HY}]\d+[{_HY}]{_YEAR}"
)
_THOUSANDS = re.compile(rf"\d{{1,3}}(?:[{_SP}]\d{{3}})+")
# Thousands written with full stops (news style: "180.000") or a round number ("300 000", "2500000").
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_ROUND = re.compile(rf"\d+(?:[{_SP}]\d{{3}})*000")
# A range of two numbers: "577-584", "15000-20000" (the second larger, neither longer than 5 digits).
_NUMBER_RANGE = re.compile(rf"(?P<a>\d{{1,5}})[{_SP}]*[{_HY}]{{1,2}}[{_SP}]*(?P<b>\d{{1,5}})")
# Words that say a quantity follows: "över 200000", "cirka 400000", "större än 999999".
_QUANTITY_BEFORE = re.compile(
    r"(?<!\p{L})(?:över|under|cirka|ca|omkring|drygt|knappt|nära|nästan|runt|minst|högst|totalt"
    r"|sammanlagt|ytterligare|ungefär|uppemot|än|antal(?:et)?)\.?\s*$",
    re.IGNORECASE,
)
# A version number: groups of at most three digits joined by dots, at least three groups.
_VERSION = re.compile(r"\d{1,3}(?:\.\d{1,3}){2,}")
_VERSION_WORD_BEFORE = re.compile(r"(?i)\bv(?:ersion)?\.?\s*$")
_DIGIT_COLON_END = re.compile(r"\d:$")
_LOWER_WORD_AFTER = re.compile(r"^[ \u00a0]+\p{Ll}")

# After the run: an amount, a percentage, a decimal part, a unit of law or text structure.
_AMOUNT_AFTER = re.compile(
    rf"^(?:,\d|[{_SP}]?(?:kr(?:\.|onor)?|sek|eur|euro|usd|nok|dkk|tkr|mkr|msek|ksek|öre|:-|,-|%|‰|€|\$|£"
    r"|procent|promille|miljon(?:er)?|miljard(?:er)?|mnkr|mdkr|§)(?!\p{L})"
    r"|[:]\d)",
    re.IGNORECASE,
)
# Before the run (same line, a few characters back): currency, law/document and case labels,
# page/paragraph/table words, agency and court codes.
_LABEL_BEFORE = re.compile(
    r"(?:(?<![\p{L}])(?:sek|eur|usd|kr|belopp(?:et)?|summa(?:n)?|totalt|kostnad(?:en)?|ersättning(?:en)?"
    r"|sfs|prop|bet|sou|ds|dir|rskr|nja|rå|hfd|regr|rh|möd|mig|ad|jo|jk|krns|krsu|krgö|krj|ecli"
    r"|dnr|d\.?nr|diarie-?\s?(?:nummer|nr)|diarienumret|ärende-?\s?(?:nummer|nr|id)|ärendenumret|ärende"
    r"|mål-?\s?(?:nummer|nr)|målnumret|mål|beslut(?:snummer|snr)?|referens(?:nummer|nr)?|ref|er\s+ref"
    r"|vår\s+ref|beteckning|fk|skv|csn|af|pm|mv|ivo|isf|imy|sos|kfm|hd"
    r"|s|sid|sida|sidan|sidor|sidorna|pp|p|§§|§|kap|kapitel|punkt|punkterna|avsnitt|bilaga|art|artikel"
    r"|artiklarna|tabell|figur|diagram|not|fotnot|version|ver|v|isbn|issn|doi|iso|iec|en|ss)"
    r"(?!\p{L})[\s.:#,]*(?:nr\.?\s*|nummer\s*)?|[€$£]\s?)$",
    re.IGNORECASE,
)
# Before the run: "kl." (a time), a decimal point or other number glued on ("1,5 123456").
_TIME_BEFORE = re.compile(r"(?<!\p{L})(?:kl|klockan)\.?\s*$", re.IGNORECASE)
# Organisationsnummer context (an organisationsnummer with a typo is still one).
_ORG_CONTEXT = re.compile(
    r"org(?:anisations)?\.?\s?-?\s?(?:nummer|numret|nr)|(?<!\p{L})org\.?(?!\p{L})|(?<!\p{L})vat|momsreg",
    re.IGNORECASE,
)
# A postal code at the end of a run, with its town after it: "… 621 22 Visby".
_POSTAL_TAIL = re.compile(rf"[{_SP}][1-9]\d\d[{_SP}]\d\d$")
_TOWN_AFTER = re.compile(r"[ \u00a0]+\p{Lu}")
_LOOKBACK = 30
_ORG_GROUPS = frozenset("12356789")
_ORGNR_FORM = re.compile(rf"(?:16[{_SP}{_HY}]?)?\d{{6}}(?:[{_SP}]?[{_HY}][{_SP}]?|[{_SP}])?\d{{4}}")


def _valid_date(digits: str) -> bool:
    """An 8-digit YYYYMMDD that is a real calendar date."""
    if len(digits) != 8 or digits[:2] not in ("19", "20"):
        return False
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return False
    return True


def _is_orgnr(digits: str) -> bool:
    ten = digits[2:] if len(digits) == 12 and digits.startswith("16") else digits
    return len(ten) == 10 and ten[0] in _ORG_GROUPS and int(ten[2:4]) >= 20


def _placeholder(digits: str) -> bool:
    """A dummy number: one digit repeated (``000000``) or counting up or down (``123456789``)."""
    steps = {(ord(b) - ord(a)) % 10 for a, b in zip(digits, digits[1:])}
    return len(steps) == 1 and steps <= {0, 1, 9}


# A case-number label alone on the line above the run (a form's field: "Dnr" / "565095-2023").
_CASE_LABEL_LINE = re.compile(
    r"(?i)[ \t]*(?:dnr|d\.nr|diarie-?\s?(?:nummer|nr)|ärende-?\s?(?:nummer|nr|id)|ärendenummer|"
    r"mål-?\s?(?:nummer|nr)|målnummer|referens(?:nummer|nr)?|beteckning|vår\s+ref|er\s+ref)[ \t]*:?[ \t]*"
)
# A date and a day of a date range written out: "20230523 – 23 december 2022".
_DATE_THEN_DAY = re.compile(rf"(?P<date>\d{{8}})[{_SP}]?[{_HY}][{_SP}]?\d{{1,2}}")
_MONTH_AFTER = re.compile(
    r"[ \u00a0]+(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\p{L}*", re.IGNORECASE
)


def _case_label_above(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() or line_start == 0:
        return False
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    return _CASE_LABEL_LINE.fullmatch(text, prev_start, line_start - 1) is not None


def _line_before(text: str, start: int) -> str:
    lo = max(0, start - _LOOKBACK)
    nl = text.rfind("\n", lo, start)
    return text[(nl + 1 if nl >= 0 else lo) : start]


class UnknownIdRecognizer(SwedishPatternRecognizer):
    """Long digit runs that no recognizer explains and that are not positively non-personal."""

    ENTITY = entities.UNKNOWN_ID
    NAME = "UnknownIdRecognizer"
    CONTEXT = ()
    PATTERNS = (Pattern("unknown_id_digit_run", _RUN, SCORE_UNKNOWN),)

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        value = match.group("value")
        start, end = match.span("value")
        groups = _GROUP_RE.findall(value)
        digits = "".join(groups)
        if len(digits) < MIN_DIGITS:
            return None
        # Trim a postal code (and the town after it) off the end of a space-joined run.
        tail = _POSTAL_TAIL.search(value)
        if tail is not None and _TOWN_AFTER.match(text, end):
            value = value[: tail.start()]
            end = start + len(value)
            digits = "".join(_GROUP_RE.findall(value))
            if len(digits) < MIN_DIGITS:
                return None
        if self._non_personal(value, digits, text, start, end):
            return None
        return Assessment(score=SCORE_UNKNOWN, validation=UNCHECKED, end_offset=end - match.end("value"))

    @staticmethod
    def _non_personal(value: str, digits: str, text: str, start: int, end: int) -> bool:
        if _NON_PERSONAL_RUN.fullmatch(value):
            if len(digits) != 8 or not value.isdigit() or _valid_date(digits):
                return True
        if _VERSION.fullmatch(value) and value.count(".") >= 2 and _VERSION_WORD_BEFORE.search(text[max(0, start - 10) : start]):
            return True
        after = text[end : end + 12]
        if _AMOUNT_AFTER.match(after):
            return True
        before = _line_before(text, start)
        if before.endswith(":") and _DIGIT_COLON_END.search(before):
            return True  # "2010:110" tail
        if _LABEL_BEFORE.search(before) or _TIME_BEFORE.search(before) or _case_label_above(text, start):
            return True
        dated = _DATE_THEN_DAY.fullmatch(value)
        if dated is not None and _valid_date(dated["date"]) and _MONTH_AFTER.match(after):
            return True
        if _THOUSANDS.fullmatch(value) and _LOWER_WORD_AFTER.match(after):
            return True  # a quantity: "12 345 personer"
        if _DOTTED_THOUSANDS.fullmatch(value) or _ROUND.fullmatch(value) or _placeholder(digits):
            return True
        rng = _NUMBER_RANGE.fullmatch(value)
        if rng is not None and len(rng["a"]) <= len(rng["b"]) and int(rng["a"]) < int(rng["b"]):
            return True
        if _QUANTITY_BEFORE.search(before) and (value.isdigit() or _THOUSANDS.fullmatch(value)):
            return True
        if _ORGNR_FORM.fullmatch(value) and _is_orgnr(digits) and (luhn_ok(digits[-10:]) or _ORG_CONTEXT.search(before)):
            return True
        return False
