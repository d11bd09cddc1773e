"""Names found by where they stand: alone in a table cell or on a line, as the value after a
name label (``Namn:``), or before an age (``Nikola (6 år)``)."""

from __future__ import annotations

import re as stdre
from typing import Dict, List, Optional

from recognizers.names.flags import FN, GEN, HOMO, LETTER, LEX, MORPH, MULTI, PLACE, SN, STOP, TITLE, UNK, UPPER
from recognizers.names.scores import MAX_RUN, SCORE_AGE, SCORE_CELL, SCORE_CELL_EVIDENCE, SCORE_LABEL_VALUE, SCORE_LABEL_VALUE_UNKNOWN
from recognizers.names.tokenizer import Span, Tok
from recognizers.names.triggers import LABEL, ROLE


def cell_word(t: Tok) -> bool:
    """A word that may be part of a name standing alone in a cell or on a line."""
    f = t.flags
    if t.shape not in (TITLE, UPPER) or f & GEN:
        return False
    if f & (FN | SN):
        return not (f & PLACE and not f & FN)
    if f & (STOP | LEX | PLACE | MULTI):
        return False
    if t.shape == UPPER and len(t.text) <= 3:
        return False  # acronyms
    return bool(f & (MORPH | UNK))


def cell_names(toks: List[Tok], text: str) -> List[Span]:
    """A table cell (between tabs) or a whole line that holds only two or three name-like
    words, or ``Surname, Firstname``: ``\tWrya Raouf\t``, ``Abraha, Segen``."""
    out: List[Span] = []
    n, i = len(toks), 0
    while i < n:
        t = toks[i]
        if not ("\n" in t.gap or "\t" in t.gap or i == 0):
            i += 1
            continue
        lead = stdre.split(r"[\n\t]", t.gap if i else text[: t.start])[-1]
        j = i + 1
        commas = 0
        while j < n and toks[j].gap in (" ", ", ", "\u00a0") and j - i < 4:
            commas += toks[j].gap == ", "
            j += 1
        cell = toks[i:j]
        tail_end = toks[j].start if j < n else len(text)
        tail = text[cell[-1].end : tail_end]
        cut = stdre.search(r"[\n\t]", tail)
        if (
            2 <= len(cell) <= 3
            and commas <= 1
            and lead.strip(" \u00a0") == ""
            and (cut is not None or j >= n)
            and tail[: cut.start() if cut else len(tail)].strip(" \u00a0\r") == ""
        ):
            tab = "\t" in t.gap or "\t" in tail
            span = None
            if all(cell_word(x) for x in cell):
                span = score_cell(cell, toks, text, tab=tab)
            elif tab and all(cell_word(x) or cell_lex_word(x) for x in cell):
                span = lexical_cell(cell, text)
            if span:
                out.append(span)
        i = j
    return out


def cell_lex_word(t: Tok) -> bool:
    """A capitalised common word that may still be a name in a table row (``Vy Phi``)."""
    f = t.flags
    return t.shape in (TITLE, UPPER) and bool(f & LEX) and not f & (STOP | PLACE | MULTI | GEN)


def lexical_cell(cell: List[Tok], text: str) -> Optional[Span]:
    """A cell of capitalised words that are also common words is a name only when its own
    row holds a personnummer or a phone number (``Vy Phi<TAB>199912101442<TAB>…``)."""
    lo = text.rfind("\n", 0, cell[0].start) + 1
    hi = text.find("\n", cell[-1].end)
    row = text[lo : hi if hi >= 0 else len(text)]
    if not ROW_ID_RE.search(row):
        return None
    return cell[0].start, cell[-1].end, SCORE_CELL_EVIDENCE, ["table_cell", "row_identifier", "common_words"]

ROW_ID_RE = stdre.compile(r"\b(?:\d{6}[-+ ]?\d{4}|(?:19|20)\d{6}[- ]?\d{4})\b|(?:\+46|\b0)[\d \-()]{7,}\d\b")

_EVIDENCE_RE = stdre.compile(
    r"\b(?:\d{6}[-+ ]?\d{4}|(?:19|20)\d{6}[- ]?\d{4}|\d{3} ?\d{2}\s+[A-ZÅÄÖ]"
    r"|(?:\+46|0)\d[\d \-()]{5,}\d)|\b[A-ZÅÄÖ][a-zåäöé]+(?:gatan|vägen|gränd|stigen|backen|torget|"
    r"allén|slingan|leden|platsen)\b|\bBox \d"
)


def score_cell(cell: List[Tok], toks: List[Tok], text: str, tab: bool) -> Optional[Span]:
    known = any(x.flags & (FN | SN | MORPH) for x in cell)
    if all(x.flags & HOMO for x in cell if x.flags & (FN | SN)) and not any(x.flags & (UNK | MORPH) for x in cell):
        known = False  # Bo Ek, Per Sten: words unless the neighbours say otherwise
    lo = text.rfind("\n", 0, max(0, text.rfind("\n", 0, cell[0].start)))
    hi = text.find("\n", text.find("\n", cell[-1].end) + 1)
    around = text[max(0, lo) : hi if hi > 0 else len(text)]
    evidence = bool(_EVIDENCE_RE.search(around))
    if not (known or evidence or tab):
        return None
    if not (known or evidence) and len(cell) < 2:
        return None
    score = SCORE_CELL_EVIDENCE if evidence else SCORE_CELL
    signals = ["table_cell"] + (["neighbour_identifier"] if evidence else [])
    return cell[0].start, cell[-1].end, score, signals


def label_values(toks: List[Tok], context_at: Dict[int, str], text: str) -> List[Span]:
    """``Namn: QADIR, HARDI ZANA``, ``Patient: Moreno Herrera, Josefina``: the capitalised
    words after a name label up to the end of the line, a digit or another field."""
    out: List[Span] = []
    n = len(toks)
    for i, kind in context_at.items():
        if kind not in (LABEL, ROLE) or i >= n:
            continue
        t = toks[i]
        if kind == ROLE and ":" not in t.gap:
            continue
        j = i
        lexical_ok = capitalised_line_value(toks, i)
        while j < n and j - i < MAX_RUN and (j == i or toks[j].gap in (" ", ", ", "\u00a0")):
            x = toks[j]
            if x.shape not in (TITLE, UPPER, LETTER) or (
                (x.flags & LEX or (x.flags & STOP and not x.flags & PLACE))
                and not x.flags & (FN | SN)
                and not (lexical_ok and x.flags & LEX and not x.flags & STOP)
            ):  # a place word may be a name here (HAMA); a common word or field label is not
                break
            j += 1
        words = toks[i:j]
        if not words or (len(words) < 2 and not words[0].flags & (FN | SN | MORPH | UNK)):
            continue
        after = text[words[-1].end : toks[j].start if j < n else len(text)]
        if after[:1].isalpha():
            continue
        known = any(x.flags & (FN | SN | MORPH) for x in words)
        score = SCORE_LABEL_VALUE if known else SCORE_LABEL_VALUE_UNKNOWN
        out.append((words[0].start, words[-1].end, score, ["label_value", f"context:{kind}"]))
    return out


def capitalised_line_value(toks: List[Tok], i: int) -> bool:
    """After a label: the value up to the end of the line (or a tab) is two to four
    capitalised words of which one is a known or name-like word (``Namn: VY CUC VU``), so a
    common word among them (``Vy``) is part of the name, not the next field."""
    n, j = len(toks), i
    while j < n and (j == i or toks[j].gap in (" ", "\u00a0")) and toks[j].shape in (TITLE, UPPER, LETTER):
        j += 1
    if not 2 <= j - i <= 4 or (j < n and not ("\n" in toks[j].gap or "\t" in toks[j].gap)):
        return False
    return any(x.flags & (FN | SN | MORPH | UNK) for x in toks[i:j])

_AGE_RE = stdre.compile(r"(?: \(|, ?)\d{1,3} år\b")


def aged_names(toks: List[Tok], text: str) -> List[Span]:
    """``Nikola (6 år)``, ``Albana, 9 år``: a capitalised name-like word before an age."""
    out: List[Span] = []
    for t in toks:
        if t.shape != TITLE or t.sent_start and t.flags & (LEX | STOP):
            continue
        if t.flags & (STOP | PLACE) and not t.flags & FN:
            continue
        if t.flags & LEX and not t.flags & (FN | SN):
            continue
        if _AGE_RE.match(text, t.end):
            out.append((t.start, t.end, SCORE_AGE, ["age_after"]))
    return out
