"""Shared machinery for the Swedish pattern recognizers.

A recognizer in this package follows Presidio's shape (``PATTERNS`` + ``CONTEXT`` + validation),
with one difference that matters for masking: **validation sets confidence, not inclusion**.
Presidio's ``validate_result`` turns a failed check into score 0, which drops the match; a
personnummer with a bad check digit (an OCR slip, a typo) must still be masked, with a lower
score. So subclasses implement :meth:`SwedishPatternRecognizer.assess`, which returns an
:class:`Assessment` (score, validation outcome, optionally a more specific entity type) or
``None`` when the match is certainly not the entity (e.g. a date or an amount).

Patterns may define a named group ``value``; the reported span is then that group's span, so
a pattern can look at surrounding characters (context, boundaries) without including them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, List, Optional, Sequence

import re as _stdre

import regex as re
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

VALIDATION_KEY = "validation"

# Character classes and boundaries shared by the number recognizers (regex module syntax).
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"  # hyphen, en/em dash, minus, soft hyphen …
SPACES = " \u00a0"
JOINERS = "/:.+" + DASHES  # characters that join two numbers into one token ("2010:110")
# A standalone number: no letter or digit around it, and not glued to another number.
NUMBER_BEFORE = rf"(?<![\p{{L}}\d])(?<!\d[{JOINERS},])(?<!\d[{SPACES}])"
NUMBER_AFTER = rf"(?![\p{{L}}\d])(?![{JOINERS},]\d)"

# Validation outcomes (stored in recognition metadata, the report and the audit log).
VALID = "valid"
INVALID_CHECKSUM = "invalid_checksum"
INVALID_DATE = "invalid_date"
UNCHECKED = "unchecked"
# The check holds once the first digit is dropped: OCR read a table border or a speck before
# the number as a digit ("9915-4907" for "915-4907").
VALID_WITHOUT_STRAY_DIGIT = "valid_without_stray_digit"
SCORE_STRAY_DIGIT_MAX = 0.5


@dataclass(frozen=True)
class Assessment:
    """How sure a recognizer is about one match."""

    score: float
    validation: str = UNCHECKED
    entity_type: Optional[str] = None  # overrides the recognizer's entity (e.g. samordningsnummer)
    start_offset: int = 0  # trim the span: added to start
    end_offset: int = 0  # trim the span: added to end (usually <= 0)


def digits_only(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check over a string of digits, the last digit being the check digit."""
    if not digits or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


class SwedishPatternRecognizer(PatternRecognizer):
    """A Presidio pattern recognizer whose validation adjusts the score instead of dropping.

    Subclasses set ``ENTITY``, ``PATTERNS``, ``CONTEXT`` and optionally ``NAME`` and
    ``EXTRA_ENTITIES`` (other types that :meth:`assess` may return), and override :meth:`assess`.
    """

    ENTITY: str = ""
    EXTRA_ENTITIES: Sequence[str] = ()
    PATTERNS: Sequence[Pattern] = ()
    CONTEXT: Sequence[str] = ()
    NAME: Optional[str] = None
    FLAGS: int = re.MULTILINE
    # Optional per pattern name: a cheap regex that matches on every line where the pattern can
    # match. Only for patterns whose every match lies within one line (no newline can be part
    # of a match): the pattern then runs over those lines only (:func:`gated_lines`), with the
    # same matches as over the whole text, instead of trying every position of the page.
    LINE_GATES: dict[str, str] = {}

    def __init__(
        self,
        patterns: Optional[List[Pattern]] = None,
        context: Optional[List[str]] = None,
        supported_language: str = "sv",
        name: Optional[str] = None,
    ) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=list(patterns if patterns is not None else self.PATTERNS),
            context=list(context if context is not None else self.CONTEXT),
            supported_language=supported_language,
            name=name or self.NAME or type(self).__name__,
            global_regex_flags=self.FLAGS,
        )
        # Presidio keeps one supported entity for pattern recognizers; advertise the extra ones
        # so the engine asks us for them too.
        for extra in self.EXTRA_ENTITIES:
            if extra not in self.supported_entities:
                self.supported_entities.append(extra)
        self._compiled = [(p, _compile_pattern(p.regex, self.FLAGS)) for p in self.patterns]
        self._gates = {name: _compile_gate(gate, self.FLAGS) for name, gate in self.LINE_GATES.items()}

    # -- to override ---------------------------------------------------------------------------
    def assess(self, match: "re.Match[str]", text: str, pattern: Pattern) -> Optional[Assessment]:
        """Score one regex match; ``None`` rejects it. Default: the pattern's score, unchecked."""
        return Assessment(score=pattern.score)

    # -- Presidio API --------------------------------------------------------------------------
    def validate_result(self, pattern_text: str) -> Optional[bool]:  # pragma: no cover - unused
        return None

    def analyze(
        self,
        text: str,
        entities: List[str],
        nlp_artifacts: Optional[NlpArtifacts] = None,
        regex_flags: Optional[int] = None,
    ) -> List[RecognizerResult]:
        wanted = set(entities) if entities else set(self.supported_entities)
        if not wanted.intersection(self.supported_entities):
            return []
        results: List[RecognizerResult] = []
        for pattern, compiled in self._compiled:
            gate = self._gates.get(pattern.name)
            matches = compiled.finditer(text) if gate is None else gated_matches(compiled, gate, text)
            for m in matches:
                if "value" in compiled.groupindex and m.group("value") is not None:
                    start, end = m.span("value")
                else:
                    start, end = m.span()
                if start == end:
                    continue
                verdict = self.assess(m, text, pattern)
                if verdict is None or verdict.score <= 0:
                    continue
                start += verdict.start_offset
                end += verdict.end_offset
                if start >= end:
                    continue
                entity = verdict.entity_type or self.ENTITY
                if entity not in wanted:
                    continue
                results.append(
                    make_result(
                        self,
                        entity,
                        start,
                        end,
                        min(1.0, verdict.score),
                        pattern_name=pattern.name,
                        original_score=pattern.score,
                        explanation=f"{pattern.name}: {verdict.validation}",
                        validation=verdict.validation,
                        validation_result=verdict.validation == VALID,
                    )
                )
        return EntityRecognizer.remove_duplicates(results)


def _compile_pattern(pattern: str, flags: int) -> "re.Pattern[str]":
    """``pattern`` compiled with ``flags``; without MULTILINE when it has no ``^`` or ``$``
    (MULTILINE changes only what those match), so it is the compile that Presidio's ``Pattern``
    made to validate it (``regex``'s cache keys the flags): each pattern is compiled once, not
    twice, when the recognizers are built (~60 of ~80 patterns, ~0.1 s CPU at start-up)."""
    if flags & re.MULTILINE and "^" not in pattern and "$" not in pattern:
        flags &= ~re.MULTILINE
    return re.compile(pattern, flags=flags)


def _compile_gate(gate: str, flags: int) -> "re.Pattern[str]":
    """A line gate, compiled with the standard library's ``re`` where it can be (a plain
    alternation of words scans several times faster there than in ``regex``), else ``regex``."""
    try:
        return _stdre.compile(gate, flags=_stdre.MULTILINE if flags & re.MULTILINE else 0)
    except _stdre.error:
        return re.compile(gate, flags=flags)


def gated_lines(gate: "re.Pattern[str]", text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` where ``gate`` matches, in order, each once
    (``end`` is the position of the line's newline, or the end of the text)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        m = gate.search(text, pos)
        if m is None:
            break
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        if end < 0:
            end = n
        lines.append((start, end))
        pos = end + 1
    return lines


def gated_matches(compiled: "re.Pattern[str]", gate: "re.Pattern[str]", text: str) -> Iterable["re.Match[str]"]:
    """``compiled.finditer(text)`` for a pattern that never matches across a line break, run
    only over the lines where ``gate`` matches: the same matches in the same order, since a
    match lies within its line and cannot start at its line break. Each line is searched with
    its line break (what a look-ahead at the end of the line sees) and the text before it (for
    look-behinds)."""
    n = len(text)
    for start, end in gated_lines(gate, text):
        yield from compiled.finditer(text, start, min(end + 1, n))


def make_result(
    recognizer: EntityRecognizer,
    entity_type: str,
    start: int,
    end: int,
    score: float,
    *,
    pattern_name: str,
    original_score: float,
    explanation: str,
    validation: str = UNCHECKED,
    validation_result: Optional[bool] = None,
) -> RecognizerResult:
    """A result with the project's metadata (recognizer name and id, validation verdict).

    The explanation names signals only: never the matched text or a regex.
    """
    expl = AnalysisExplanation(
        recognizer=recognizer.name,
        original_score=original_score,
        pattern_name=pattern_name,
        pattern=None,
        validation_result=validation_result,
        textual_explanation=explanation,
    )
    expl.score = score
    return RecognizerResult(
        entity_type=entity_type,
        start=start,
        end=end,
        score=score,
        analysis_explanation=expl,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            VALIDATION_KEY: validation,
        },
    )


def spans(results: Iterable[RecognizerResult], text: str) -> list[tuple[str, str]]:
    """(entity_type, matched text) pairs: a convenience for tests only."""
    return [(r.entity_type, text[r.start : r.end]) for r in sorted(results, key=lambda r: r.start)]


@lru_cache(maxsize=256)
def page_has(pattern: "re.Pattern[str]", text: str) -> bool:
    """Whether ``pattern`` occurs anywhere in ``text`` (cached: called once per match).

    Used for *document-level context*: in a table of people the label ("Bankgiro",
    "Personnummer") stands in the column header, far from the value; a label anywhere on the
    page lifts a checksum-valid value above the masking threshold.
    """
    return pattern.search(text) is not None


def looks_like_yyyymmdd(digits: str) -> bool:
    """``YYYYMMDD`` with a plausible year (19xx/20xx), month and day: a date, not an identifier."""
    if len(digits) != 8 or digits[:2] not in ("19", "20"):
        return False
    month, day = int(digits[4:6]), int(digits[6:8])
    return 1 <= month <= 12 and 1 <= day <= 31


def label_before(
    text: str,
    start: int,
    label_re: "re.Pattern[str]",
    other_label_re: "Optional[re.Pattern[str]]" = None,
    window: int = 40,
) -> bool:
    """True if ``label_re`` matches shortly before ``start`` with no other identifier's label
    (``other_label_re``, e.g. "dnr", "tel") between it and the value."""
    chunk = text[max(0, start - window) : start]
    last = None
    for last in label_re.finditer(chunk):
        pass
    if last is None:
        return False
    return other_label_re is None or other_label_re.search(chunk, last.end()) is None


def local_label_window(text: str, start: int, window: int = 40) -> str:
    """The text a value's own label can sit in: the same line, up to ``window`` characters back,
    plus the previous line when it ends with a colon ("Telefon:" on a line of its own).

    In a table extracted cell by cell, column headers sit on lines of their own far above most
    rows; they say what the *column* holds and must not be read as a label of the value.
    """
    lo = max(0, start - window)
    line_start = text.rfind("\n", lo, start) + 1
    if line_start > lo:
        prev = text[lo : line_start - 1].rstrip()
        if prev.endswith(":"):
            prev_start = prev.rfind("\n") + 1
            return text[lo + prev_start : start]
        return text[line_start:start]
    return text[lo:start]


def stray_leading_digit(digits: str) -> bool:
    """Whether ``digits`` fails the Luhn check but passes it without its first digit, and that
    digit is what OCR adds before a number: a ``1`` (a table border or a speck; ``l``/``|`` are
    normalised to ``1``) or a copy of the next digit (a digit read twice)."""
    return (
        len(digits) >= 3
        and (digits[0] == "1" or digits[0] == digits[1])
        and not luhn_ok(digits)
        and luhn_ok(digits[1:])
    )


def stray_digit_verdict(
    verdict: Optional[Assessment], repaired: bool, score_without_label: float
) -> Optional[Assessment]:
    """``verdict`` for a number whose check held only without a stray first digit
    (``repaired``): at most :data:`SCORE_STRAY_DIGIT_MAX`, marked
    :data:`VALID_WITHOUT_STRAY_DIGIT`, and only with a label (own or on the page): without one
    it is not reported (a valid number without a label scores ``score_without_label``)."""
    if verdict is None or not repaired:
        return verdict
    if verdict.score <= score_without_label:
        return None
    return Assessment(score=min(verdict.score, SCORE_STRAY_DIGIT_MAX), validation=VALID_WITHOUT_STRAY_DIGIT)


def checksum_verdict(
    valid: bool,
    context: bool,
    text: str,
    start: int,
    page_label_re: "re.Pattern[str]",
    other_label_re: "re.Pattern[str]",
    scores: tuple[float, float, float, float],
) -> Optional[Assessment]:
    """Score a checksummed number (bankgiro, plusgiro) from its own label and the page.

    ``scores`` = (valid with a label, valid with a page-level label such as a table column
    header, valid without context, invalid checksum with a label). An invalid number without a
    label is not reported. A page label counts only when no other identifier's label stands in
    the value's own line window (:func:`local_label_window`).
    """
    valid_context, valid_page, valid_none, invalid_context = scores
    if valid:
        if context:
            score = valid_context
        elif page_has(page_label_re, text) and not other_label_re.search(local_label_window(text, start)):
            score = valid_page
        else:
            score = valid_none
        return Assessment(score=score, validation=VALID)
    if context:
        return Assessment(score=invalid_context, validation=INVALID_CHECKSUM)
    return None
