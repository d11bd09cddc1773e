"""Regression cases: loading, running and the comparison rule (shared by the tests and the
update tool).

A case is one short text with the exact spans of personal data in it. Each category file names
the *type groups* it checks (``checked``); spans of other groups are in the file for
completeness but are not compared.

The rule, per checked type group (see ``GROUPS``):

* **recall** — every letter and digit of every expected span must be covered by predicted
  spans of the same group (one or several: ``Anna`` + ``Svensson`` covers ``Anna Svensson``;
  the spaces, hyphens and punctuation between them need not be covered). A name masked only
  in part (``Anna`` of ``Anna Svensson``) is a miss.
* **precision** — every letter and digit of every predicted span of the group must lie inside
  an expected span of that group, except a genitive ending attached to an expected span
  (``Anna Svenssons``, ``Lars'``, ``Anna's``): expected spans are the base name, and masking the
  ending with it is equally right. A predicted span outside every expected span, or reaching
  past one (``Anna Svensson har``), is spurious.
* a case passes when nothing is missed and nothing is spurious in any checked group.

Types are compared by group, not exactly: a samordningsnummer reported as a personnummer, a
plusgiro as a bankgiro or ``c/o`` + street as one address span still gets the right box and
ground; a name reported as an address does not.

Predictions are ``masking.api.analyze_text(text)`` with the default policy: the same decisions
(thresholds, allow-list, same-text propagation) as PDF masking.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from masking import entities

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
KNOWN_FAILURES = HERE / "known_failures.json"

GROUPS: dict[str, frozenset[str]] = {
    "PERSON": frozenset({entities.PERSON}),
    "NATIONAL_ID": frozenset({entities.SE_PERSONNUMMER, entities.SE_SAMORDNINGSNUMMER, entities.NORDIC_ID}),
    "ORGANISATION_NUMBER": frozenset({entities.SE_ORGANISATIONSNUMMER}),
    "BANK": frozenset(
        {entities.SE_BANKGIRO, entities.SE_PLUSGIRO, entities.SE_BANK_ACCOUNT, entities.IBAN_CODE, entities.PAYMENT_CARD}
    ),
    "PHONE": frozenset({entities.PHONE_NUMBER}),
    "EMAIL": frozenset({entities.EMAIL_ADDRESS}),
    "ADDRESS": frozenset({entities.SE_ADDRESS, entities.SE_POSTAL_CODE}),
    "VEHICLE": frozenset({entities.SE_VEHICLE_PLATE}),
    "ID_DOCUMENT": frozenset({entities.SE_ID_DOCUMENT}),
    "HEALTH": frozenset({entities.ICD10_CODE, entities.HEALTH}),
    "UNKNOWN_ID": frozenset({entities.UNKNOWN_ID}),
    "WORKPLACE": frozenset({entities.WORKPLACE}),
}
ALL_GROUPS: tuple[str, ...] = tuple(GROUPS)
_GROUP_OF = {t: g for g, types in GROUPS.items() for t in types}

GENITIVE_ENDINGS = ("s", "'s", "’s")  # after the base name; a bare ' (Lars') is punctuation


def group_of(entity_type: str) -> str:
    try:
        return _GROUP_OF[entity_type]
    except KeyError:
        raise ValueError(f"unknown entity type {entity_type!r}") from None


class CaseFileError(ValueError):
    """A case file that is malformed (bad offsets, unknown types, duplicate ids)."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    text: str
    score: Optional[float] = None  # predictions only
    out_of_gazetteer: tuple[str, ...] = ()  # expected PERSON spans: words in neither name list

    @property
    def group(self) -> str:
        return group_of(self.type)

    def show(self) -> str:
        score = "" if self.score is None else f" {self.score:.2f}"
        return f"{self.type} {self.text!r} [{self.start}:{self.end}]{score}"


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    text: str
    spans: tuple[Span, ...]
    checked: tuple[str, ...]
    origin: Optional[str] = None
    note: Optional[str] = None


@dataclass
class CaseResult:
    case: Case
    predicted: list[Span]  # predictions in the checked groups
    missed: list[tuple[Span, str]] = field(default_factory=list)  # (expected, uncovered text)
    spurious: list[tuple[Span, str]] = field(default_factory=list)  # (predicted, text outside)
    expected_found: int = 0
    expected_total: int = 0
    predicted_ok: int = 0

    @property
    def passed(self) -> bool:
        return not self.missed and not self.spurious

    def diff(self) -> str:
        """Expected vs got, with span texts (synthetic sentences, safe to print)."""
        c = self.case
        checked = "all type groups" if set(c.checked) == set(ALL_GROUPS) else ", ".join(c.checked)
        lines = [f"{c.id} (checked: {checked})", f"  text: {c.text!r}"]
        expected = [s for s in c.spans if s.group in c.checked]
        lines.append("  expected:" + (" (none)" if not expected else ""))
        lines += [f"    {s.show()}" for s in expected]
        lines.append("  got:" + (" (none)" if not self.predicted else ""))
        lines += [f"    {s.show()}" for s in self.predicted]
        for s, rest in self.missed:
            lines.append(f"  MISSED   {s.show()} (not covered: {rest!r})")
        for s, rest in self.spurious:
            lines.append(f"  SPURIOUS {s.show()} (outside expected: {rest!r})")
        if c.note:
            lines.append(f"  note: {c.note}")
        return "\n".join(lines)


# --- the rule -----------------------------------------------------------------------------------
def _genitive_positions(text: str, end: int) -> range:
    """Positions of a genitive ending right after ``end`` (empty when there is none)."""
    for ending in sorted(GENITIVE_ENDINGS, key=len, reverse=True):
        stop = end + len(ending)
        if text[end:stop] == ending and not (stop < len(text) and text[stop].isalpha()):
            return range(end, stop)
    return range(0)


def _outside(text: str, span: Span, positions: set[int]) -> str:
    """The letters and digits of ``span`` not in ``positions`` (with gaps shown as '…')."""
    out, last = [], None
    for i in range(span.start, span.end):
        if text[i].isalnum() and i not in positions:
            if last is not None and i != last + 1:
                out.append("…")
            out.append(text[i])
            last = i
    return "".join(out)


def compare(case: Case, predicted: Iterable[Span]) -> CaseResult:
    checked = set(case.checked)
    preds = sorted((p for p in predicted if p.group in checked), key=lambda s: (s.start, s.end, s.type))
    result = CaseResult(case=case, predicted=preds)
    text = case.text
    for group in case.checked:
        expected = [s for s in case.spans if s.group == group]
        got = [p for p in preds if p.group == group]
        covered = {i for p in got for i in range(p.start, p.end)}
        allowed: set[int] = set()
        for s in expected:
            allowed.update(range(s.start, s.end))
            allowed.update(_genitive_positions(text, s.end))
        for s in expected:
            result.expected_total += 1
            rest = _outside(text, s, covered)
            if rest:
                result.missed.append((s, rest))
            else:
                result.expected_found += 1
        for p in got:
            rest = _outside(text, p, allowed)
            if rest:
                result.spurious.append((p, rest))
            else:
                result.predicted_ok += 1
    return result


# --- loading ------------------------------------------------------------------------------------
def _span_from_json(text: str, raw: dict, where: str) -> Span:
    try:
        span = Span(
            start=int(raw["start"]),
            end=int(raw["end"]),
            type=str(raw["type"]),
            text=str(raw["text"]),
            out_of_gazetteer=tuple(raw.get("out_of_gazetteer", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CaseFileError(f"{where}: malformed span {raw!r}") from exc
    if span.type not in _GROUP_OF:
        raise CaseFileError(f"{where}: unknown entity type {span.type!r}")
    if not 0 <= span.start < span.end <= len(text):
        raise CaseFileError(f"{where}: span [{span.start}:{span.end}] outside the text")
    if text[span.start : span.end] != span.text:
        raise CaseFileError(
            f"{where}: text[{span.start}:{span.end}] is {text[span.start:span.end]!r}, span says {span.text!r}"
        )
    return span


def load_category(path: Path) -> list[Case]:
    data = json.loads(path.read_text(encoding="utf-8"))
    category = data.get("category")
    if category != path.stem:
        raise CaseFileError(f"{path.name}: category {category!r} does not match the file name")
    checked = tuple(data.get("checked") or ())
    if not checked or any(g not in GROUPS for g in checked):
        raise CaseFileError(f"{path.name}: 'checked' must list type groups from {ALL_GROUPS}")
    cases = []
    for raw in data["cases"]:
        cid = raw.get("id", "")
        if not str(cid).startswith(f"{category}-"):
            raise CaseFileError(f"{path.name}: case id {cid!r} must start with '{category}-'")
        text = raw["text"]
        spans = tuple(
            sorted(
                (_span_from_json(text, s, cid) for s in raw.get("spans", [])),
                key=lambda s: (s.start, s.end),
            )
        )
        for a, b in zip(spans, spans[1:]):
            if b.start < a.end:
                raise CaseFileError(f"{cid}: overlapping expected spans {a.text!r} and {b.text!r}")
        cases.append(
            Case(
                id=cid,
                category=category,
                text=text,
                spans=spans,
                checked=checked,
                origin=raw.get("origin"),
                note=raw.get("note"),
            )
        )
    return cases


def load_cases(cases_dir: Path = CASES_DIR) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(cases_dir.glob("*.json")):
        cases.extend(load_category(path))
    ids = [c.id for c in cases]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise CaseFileError(f"duplicate case ids: {dupes}")
    return cases


def load_known_failures(path: Path = KNOWN_FAILURES) -> dict[str, str]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise CaseFileError(f"{path.name} must map case id to a reason")
    return data


def write_known_failures(failures: dict[str, str], path: Path = KNOWN_FAILURES) -> None:
    ordered = {k: failures[k] for k in sorted(failures, key=_id_key)}
    path.write_text(json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _id_key(cid: str) -> tuple[str, int]:
    head, _, num = cid.rpartition("-")
    return (head, int(num) if num.isdigit() else -1)


# --- running ------------------------------------------------------------------------------------
def predict(text: str) -> list[Span]:
    from masking.api import analyze_text

    return [
        Span(d.start, d.end, d.entity_type, text[d.start : d.end], score=d.score)
        for d in analyze_text(text)
    ]


def run_case(case: Case) -> CaseResult:
    return compare(case, predict(case.text))


def run_all(cases: Sequence[Case]) -> list[CaseResult]:
    return [run_case(c) for c in cases]
