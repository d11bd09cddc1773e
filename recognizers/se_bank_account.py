"""Swedish bank account number recognizer (clearing number + account number).

Written forms:

* ``1234-123 456 7``, ``1234 12 345 67``, ``1234-1234567``, ``6123-123 456 789``;
* Swedbank, five-digit clearing ``8xxx-x``: ``8327-9, 123 456 789-0``, ``8327-9 1234567890``;
* labelled: ``Clearingnummer 6123 kontonummer 123 456 789`` (clearing and account reported as two
  spans, the label word between them kept; a comma, semicolon or full stop after the clearing
  number, as OCR reads a speck there: ``clearingnummer 8601. och kontonummer …``), ``Kontonummer: 123 456 789``; the labels also in
  their short forms (``clnr``, ``clr``, ``kto``, ``ktonr``, ``kto.nr``), with two adjacent letters
  swapped as in hasty writing (``kotno``, ``knoto``), and with an e-mail quote marker (``> ``)
  at the start of a line between label and number;
* after a konto label (``konto``, ``kontonummer``, ``bankkonto``, ``kontonr``): any digit group
  of 7–16 digits grouped with spaces, hyphens, dots or a comma after the clearing number
  (``1234 12 34567``, ``1234.12.34567``, ``8105-9, 914 123 456-7``); one that fails the clearing
  range or the account length is still reported, at 0.6 (validation sets confidence, never
  inclusion);
* Nordea personkonto (clearing 3300 or 3782): ``3300-8112189876``, ``3300 811218-9876``: the
  account number is the holder's personnummer; the whole is reported as ``SE_BANK_ACCOUNT``.

The account part must hold 7–10 digits and end the digit sequence. The bank-specific mod-11 and
mod-10 rules are not checked (validation ``UNCHECKED``) except for the Nordea personkonto, whose
account part is checked as a personnummer. A bare "clearing + account" is ambiguous (case numbers,
grouped reference numbers), so without a banking word nearby the score stays below the masking
threshold.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from masking import entities
from recognizers.base import DASHES, JOINERS, NUMBER_BEFORE, SPACES
from recognizers.base import label_before, looks_like_yyyymmdd, page_has, UNCHECKED, VALID, Assessment, SwedishPatternRecognizer, digits_only, luhn_ok
from recognizers.se_personnummer import birth_date

_DASH = DASHES
_SPACE = SPACES
_JOIN = JOINERS
_BEFORE = NUMBER_BEFORE
_AFTER = (
    rf"(?![\p{{L}}\d])(?![{_SPACE}{_JOIN},]?\d)"
    rf"(?![{_SPACE}]?(?i:kr|sek|:-|,-)(?!\p{{L}}))"
)

_CLR = rf"(?:[1-9]\d{{3}}(?:[{_DASH}]\d)?|8\d{{4}})"
_ACCT = (
    rf"\d{{6}}[{_DASH}]\d{{4}}"  # personkonto: a personnummer
    rf"|\d{{1,10}}(?:[{_SPACE}]\d{{1,4}}){{0,4}}(?:[{_SPACE}]?[{_DASH}][{_SPACE}]?\d)?"
)
_CLR_ACCT_SEP = rf"(?:[{_SPACE}]?[{_DASH}][{_SPACE}]?|,[{_SPACE}]?|[{_SPACE}])"



def _swapped(word: str) -> list[str]:
    """``word`` with two adjacent letters swapped (hasty typing: ``kotno`` for ``konto``)."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1) if word[i] != word[i + 1]]


_KONTO_WORD = "(?:" + "|".join(["konto", "kto"] + _swapped("konto")) + ")"
# "cInr", "c1nr": OCR's I or 1 for the l of "clnr", or an I beside it ("clInr")
_CLEARING_LABEL = r"(?<!\p{L})(?:clearing(?:nummer|numret|\.?\s?nr)?|c[lI1]{1,2}\.?[ ]?nr|c[lI1]r(?:\.?[ ]?nr)?)"
# "kontonummer" also misspelt ("kontonmumer", "kontonumer"): any word that starts "konton"
_KONTO_LABEL = rf"(?<!\p{{L}})(?:(?:bank|person|löne)?{_KONTO_WORD}(?:n\p{{L}}{{1,8}}|\.?\s?nr)?)"
# Between a label and its number: a few spaces, or a line break and an e-mail quote marker.
_GAP = r"(?:[ \t]*\n(?:[ \t]*>)*[ \t]*|\s{0,3})"
_LABELLED_TEMPLATE = (
    rf"(?i:{_CLEARING_LABEL})\.?:?{_GAP}(?P<CLR_NAME>{_CLR}){_GAP}[,;.]?{_GAP}(?:och\s+)?"
    rf"(?i:{_KONTO_LABEL})\.?:?{_GAP}(?P<ACCT_NAME>{_ACCT}){_AFTER}"
)

_CONTEXT_RE = re.compile(
    r"konto|(?<!\p{L})(?:kto|" + "|".join(_swapped("konto")) + r")(?!\p{L})|clearing|(?<!\p{L})c[lI1]\.?\s?nr|(?<!\p{L})clr"
    r"|(?<!\p{L})bank(?!giro)|utbetalning|nordea|swedbank"
    r"|handelsbanken|(?<!\p{L})seb(?!\p{L})|danske|länsförsäkringar|sparbank|skandia|ica banken",
    re.IGNORECASE,
)
_OTHER_LABEL_RE = re.compile(
    r"(?<!\p{L})(?:bankgiro|plusgiro|postgiro|bg|pg|dnr|diarie|ärende|ocr|tel|telefon|mobil|fax|org"
    r"|faktura|kund|ref|iban|swift|bic)",
    re.IGNORECASE,
)
_NEGATIVE_LABEL_RE = re.compile(
    r"(?<!\p{L})(?:dnr|diarie-?\s?(?:nummer|nr)|ärende-?\s?(?:nummer|nr|id)?|ocr(?:-?\s?(?:nummer|nr))?"
    r"|referens(?:nummer|nr)?|ref|faktura(?:nummer|nr)?|kundn(?:ummer|r)|fk|tel(?:efon)?|mobil|fax)"
    r"\s?[.:#]?\s*$",
    re.IGNORECASE,
)
_CONTEXT_WINDOW = 50

PATTERN_CLEARING_ACCOUNT = "bank_account_clearing_account"
PATTERN_LABELLED_CLEARING = "bank_account_labelled_clearing"
PATTERN_LABELLED_ACCOUNT = "bank_account_labelled_account"
PATTERN_KONTO = "bank_account_konto_label"
PATTERN_KONTO_ANY = "bank_account_konto_label_any_grouping"

NORDEA_PERSONKONTO_CLEARINGS = frozenset({"3300", "3782"})
MIN_ACCOUNT_DIGITS = 7
MAX_ACCOUNT_DIGITS = 10

SCORE_NO_CONTEXT = 0.3
SCORE_PAGE_CONTEXT = 0.5  # a banking word elsewhere on the page (table column header)
SCORE_CONTEXT = 0.85
SCORE_PERSONKONTO = 0.95
SCORE_LABELLED_IMPLAUSIBLE = 0.6  # after "konto": clearing range or length wrong, still masked

# After a konto label: any digit group (spaces, hyphens, dots, a comma after the clearing number).
_ANY_GROUPING = rf"\d+(?:(?:[{_SPACE}]?[{_DASH}][{_SPACE}]?|\.|,[{_SPACE}]?|[{_SPACE}])\d+){{0,7}}"
_ANY_AFTER = rf"(?![\p{{L}}\d])(?![{_JOIN}]\d)(?!,\d)(?![{_SPACE}]?(?i:kr|sek|kronor|:-|,-|%)(?!\p{{L}}))"
_DATE_START = re.compile(rf"(?:19|20)\d\d[{_DASH}./]\d\d[{_DASH}./]\d\d")
_PLAUSIBLE = re.compile(
    rf"(?P<clr>[1-9]\d{{3}}(?:[{_DASH}]\d)?|8\d{{4}})(?:[{_SPACE}]?[{_DASH}.][{_SPACE}]?|,[{_SPACE}]?|[{_SPACE}])"
    rf"(?P<acct>\d+(?:(?:[{_SPACE}]?[{_DASH}][{_SPACE}]?|\.|[{_SPACE}])\d+)*)"
)
_CARD_GROUPS = re.compile(rf"\d{{4}}(?:[{_SPACE}{_DASH}]\d{{4}}){{3}}")
MIN_ANY_DIGITS = 7
MAX_ANY_DIGITS = 16


def _has_context(text: str, start: int) -> bool:
    """A banking word shortly before ``start`` with no other identifier's label after it."""
    return label_before(text, start, _CONTEXT_RE, _OTHER_LABEL_RE, _CONTEXT_WINDOW)


_looks_like_date = looks_like_yyyymmdd


def _group(match: "re.Match[str]", name: str) -> Optional[str]:
    """The clearing/account group, which is called ``value`` in the pattern that reports it."""
    if name in match.re.groupindex:
        return match.group(name)
    return match.group("value")


def is_nordea_personkonto(clearing: str, account_digits: str, today: Optional[date] = None) -> bool:
    """Clearing 3300/3782 and an account number that is a valid personnummer."""
    return (
        clearing in NORDEA_PERSONKONTO_CLEARINGS
        and len(account_digits) == 10
        and luhn_ok(account_digits)
        and birth_date(account_digits, plus=False, today=today or date.today()) is not None
    )


class SeBankAccountRecognizer(SwedishPatternRecognizer):
    """Swedish bank account numbers (``SE_BANK_ACCOUNT``)."""

    ENTITY = entities.SE_BANK_ACCOUNT
    NAME = "SeBankAccountRecognizer"
    CONTEXT = ("konto", "kontonum", "clearing", "clnr", "bankkonto", "bank", "utbetalning")
    PATTERNS = (
        Pattern(
            PATTERN_CLEARING_ACCOUNT,
            rf"{_BEFORE}(?P<value>(?P<clr>{_CLR}){_CLR_ACCT_SEP}(?P<acct>{_ACCT})){_AFTER}",
            SCORE_NO_CONTEXT,
        ),
        Pattern(
            PATTERN_LABELLED_CLEARING,
            _LABELLED_TEMPLATE.replace("CLR_NAME", "value").replace("ACCT_NAME", "acct"),
            SCORE_CONTEXT,
        ),
        Pattern(
            PATTERN_LABELLED_ACCOUNT,
            _LABELLED_TEMPLATE.replace("CLR_NAME", "clr").replace("ACCT_NAME", "value"),
            SCORE_CONTEXT,
        ),
        Pattern(
            PATTERN_KONTO,
            rf"(?i:{_KONTO_LABEL})\.?:?(?:{_GAP}|[{_SPACE}]{{0,3}})(?P<value>{_ACCT}){_AFTER}",
            SCORE_CONTEXT,
        ),
        Pattern(
            PATTERN_KONTO_ANY,
            rf"(?i:{_KONTO_LABEL})\.?:?(?:{_GAP}|[{_SPACE}]{{0,3}})(?P<value>{_ANY_GROUPING}){_ANY_AFTER}",
            SCORE_LABELLED_IMPLAUSIBLE,
        ),
    )

    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        if pattern.name == PATTERN_KONTO_ANY:
            return self._assess_any(match.group("value"))
        account = digits_only(_group(match, "acct") or "")
        if not MIN_ACCOUNT_DIGITS <= len(account) <= MAX_ACCOUNT_DIGITS:
            return None
        if pattern.name == PATTERN_KONTO:
            if _looks_like_date(account):
                return None
            return Assessment(score=SCORE_CONTEXT, validation=UNCHECKED)

        clearing = digits_only(_group(match, "clr") or "")
        if len(clearing) == 5 and not clearing.startswith("8"):
            return None  # only Swedbank writes a five-digit clearing number
        if pattern.name != PATTERN_CLEARING_ACCOUNT:
            return Assessment(score=SCORE_CONTEXT, validation=UNCHECKED)

        start = match.start("value")
        if _NEGATIVE_LABEL_RE.search(text[max(0, start - 30) : start]):
            return None
        if is_nordea_personkonto(clearing, account):
            return Assessment(score=SCORE_PERSONKONTO, validation=VALID)
        if _has_context(text, start):
            score = SCORE_CONTEXT
        elif not clearing.startswith("0") and page_has(_CONTEXT_RE, text):
            score = SCORE_PAGE_CONTEXT
        else:
            score = SCORE_NO_CONTEXT
        return Assessment(score=score, validation=UNCHECKED)

    @staticmethod
    def _assess_any(value: str) -> Optional[Assessment]:
        """After a konto label: any digit group of 7–16 digits that is no date or phone number.

        A clearing number (1000–9999, Swedbank ``8xxx-x``) and a 7–10 digit account scores as the
        labelled forms; anything else (a clearing out of range, an account too long or short, a
        grouping we do not know) is still masked, at :data:`SCORE_LABELLED_IMPLAUSIBLE`.
        """
        digits = digits_only(value)
        if not MIN_ANY_DIGITS <= len(digits) <= MAX_ANY_DIGITS:
            return None
        if digits.startswith("0") or _DATE_START.match(value) or _looks_like_date(digits):
            return None  # a phone number (its recognizer) or a date
        if _CARD_GROUPS.fullmatch(value):
            return None  # a payment card number (its recognizer)
        plausible = _PLAUSIBLE.fullmatch(value)
        if plausible is not None:
            clearing = digits_only(plausible["clr"])
            account = digits_only(plausible["acct"])
            if MIN_ACCOUNT_DIGITS <= len(account) <= MAX_ACCOUNT_DIGITS and (
                len(clearing) == 4 or clearing.startswith("8")
            ):
                return Assessment(score=SCORE_CONTEXT, validation=UNCHECKED)
        elif MIN_ACCOUNT_DIGITS <= len(digits) <= MAX_ACCOUNT_DIGITS and value.isdigit():
            return Assessment(score=SCORE_CONTEXT, validation=UNCHECKED)
        return Assessment(score=SCORE_LABELLED_IMPLAUSIBLE, validation=UNCHECKED)
