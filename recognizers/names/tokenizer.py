"""Tokenization: the word tokens of a text with their shape, class flags, the gap before them
and whether they start a sentence; runs of tokens and the span tuple the finders return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from recognizers.names.classifier import Classifier
from recognizers.names.flags import INITIAL, LETTER, MULTI, STOP
from recognizers.names.fold import WORD_RE, fold

# First word of a sentence: after one of these (or a line break, or at the start of the text).
SENTENCE_END_CHARS = ".!?:;•·*–—-\"”»«(>|"


@dataclass(slots=True)
class Tok:
    idx: int
    start: int
    end: int
    text: str
    shape: int
    flags: int
    gap: str  # the text between the previous word token and this one
    sent_start: bool  # first word of a line or after . ! ? : ; bullets, dashes, quotes
    initial_dot: bool = False  # an initial whose '.' belongs to the span


@dataclass
class Run:
    toks: List[Tok]
    context: Optional[str] = None  # kind of trigger right before the run


# (start, end, score, signals) of one name found
Span = Tuple[int, int, float, List[str]]


def tokenize(classify: Classifier, text: str) -> List[Tok]:
    """The word tokens of ``text``, classified, with multi-word stop entries marked."""
    toks: List[Tok] = []
    prev_end = 0
    for m in WORD_RE.finditer(text):
        start, end = m.span()
        word = m.group()
        gap = text[prev_end:start]
        prev_end = end
        shape, flags = classify(word)
        if toks and "\n" not in gap:
            tail = gap.rstrip(" \t\u00a0")
            sent_start = bool(tail) and tail[-1] in SENTENCE_END_CHARS
        else:
            sent_start = True
        tok = Tok(len(toks), start, end, word, shape, flags, gap, sent_start)
        if shape == LETTER or flags & INITIAL:
            dot = text[end : end + 1] == "."
            if shape == LETTER and dot and word not in ("I", "Å", "Ö"):
                tok.flags, tok.initial_dot = INITIAL, True
            elif flags & INITIAL:
                tok.initial_dot = dot
        toks.append(tok)
    mark_multiword_stops(classify.gaz.multiword_stops, toks)
    return toks


def mark_multiword_stops(multi: Dict[str, Tuple[Tuple[str, ...], ...]], toks: List[Tok]) -> None:
    """Hong Kong, Sri Lanka, Röda Korset: the whole sequence becomes a stop."""
    for i, t in enumerate(toks):
        if not t.flags & MULTI:
            continue
        for seq in multi.get(fold(t.text.rstrip("'’")), ()):
            j = i + len(seq)
            if j <= len(toks) and all(
                fold(toks[i + k].text) == seq[k] and "\n" not in toks[i + k].gap
                for k in range(1, len(seq))
            ):
                for tok in toks[i:j]:
                    tok.flags = STOP
                break
