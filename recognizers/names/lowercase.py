"""Names written in lower case: ``anna andersson`` (e-mail style) and ``hej anna``."""

from __future__ import annotations

from typing import Dict, FrozenSet, List, Optional

from recognizers.names.flags import ENG, FN, HOMO, LEX, LOWER, MORPH, PARTICLE, SN, STOP, UNK
from recognizers.names.scores import SCORE_LOWER_CONTEXT, SCORE_LOWER_PAIR
from recognizers.names.tokenizer import Span, Tok
from recognizers.names.triggers import GREETING, INTRO, ROLE, SIGNOFF
from recognizers.names.wordlists import FUNCTION_WORDS, POSSESSIVES


def lower_pair(seq: List[Tok]) -> bool:
    """Known first name(s) then a known surname, none of them a common word; a first name
    that is a word (per, hans) is allowed before a long unambiguous surname (per andersson)."""
    if len(seq) < 2 or not seq[0].flags & FN or not seq[-1].flags & SN:
        return False
    last = seq[-1]
    if last.flags & HOMO or len(last.text) < 4:
        return False
    if any(t.flags & HOMO for t in seq[1:-1]):
        return False
    return not seq[0].flags & HOMO or len(last.text) >= 6


def pair_gap(gap: str) -> bool:
    """The gap between two words of one lower-case name: a space, or a line break where the
    text wraps in the middle of the name (``min läkare golnar⏎farahani``; not a blank line)."""
    return gap == " " or gap.strip(" \t\r") == "\n"


def lowercase_names(stop_words: FrozenSet[str], toks: List[Tok], context_at: Dict[int, str]) -> List[Span]:
    """``anna andersson`` typed in lower case; ``hej anna`` after a greeting."""
    out: List[Span] = []
    n, i = len(toks), 0

    def lower_name(t: Tok) -> bool:
        return t.shape == LOWER and bool(t.flags & (FN | SN)) and not t.flags & PARTICLE

    while i < n:
        t = toks[i]
        if not lower_name(t):
            if context_at.get(i) in (GREETING, SIGNOFF, ROLE, INTRO):
                span = lower_after_context(stop_words, t, toks, context_at.get(i))
                if span:
                    out.append(with_lower_surname(stop_words, span, toks))
            i += 1
            continue
        j = i + 1
        while j < n and j - i < 4 and lower_name(toks[j]) and pair_gap(toks[j].gap):
            j += 1
        k = next((k for k in range(j, i + 1, -1) if lower_pair(toks[i:k])), None)
        if k is not None:
            out.append((t.start, toks[k - 1].end, SCORE_LOWER_PAIR, ["lower_case", "first_name", "surname"]))
            i = k
            continue
        span = lower_after_context(stop_words, t, toks, context_at.get(i))
        if span:
            out.append(with_lower_surname(stop_words, span, toks))
        i += 1
    return out


def lower_name_word(stop_words: FrozenSet[str], t: Tok) -> bool:
    """A lower-case word that may be a name after a strong context: a known name or a word no
    lexicon knows (``kowalski``, an OCR-damaged ``kovatevié``), never a common Swedish or
    English word, a stop word or a particle."""
    f = t.flags
    if t.shape != LOWER or len(t.text) < 2 or t.text in stop_words or t.text in FUNCTION_WORDS:
        return False
    if f & (STOP | PARTICLE) or (f & (LEX | ENG) and not f & (FN | SN)):
        return False
    return bool(f & (FN | SN | MORPH | UNK))


def with_lower_surname(stop_words: FrozenSet[str], span: Span, toks: List[Tok]) -> Span:
    """A lower-case name found after a context word takes the lower-case surname right after
    it on the same line (``min läkare anna kowalski på ...``, ``jag heter nils berglund``):
    a known surname or a word no lexicon knows, at most two more words; a known name that is
    also a common word (``berg``, ``hans``) only where the sentence does not go on with it."""
    first = next((t for t in toks if t.start == span[0]), None)
    if first is None or first.end != span[1]:
        return span
    j, end = first.idx + 1, span[1]
    while j < len(toks) and j - first.idx <= 2:
        t = toks[j]
        if t.gap != " " or not lower_name_word(stop_words, t) or (t.flags & HOMO):
            break
        if len(t.text) < 3:
            break
        end, j = t.end, j + 1
    if end == span[1]:
        return span
    return span[0], end, span[2], span[3] + ["lower_surname"]


def lower_after_context(stop_words: FrozenSet[str], t: Tok, toks: List[Tok], kind: Optional[str]) -> Optional[Span]:
    """``hej anna``, ``min dotter nawal``, ``Hej tai,``, ``mvh\nriad``: a lower-case word
    right after a greeting, sign-off or relation word. A known first name that is not a
    common word is enough; a word standing alone before a comma or the line end after a
    greeting or sign-off may also be any non-word or a first name that is also a word."""
    if kind not in (GREETING, SIGNOFF, ROLE, INTRO) or t.shape != LOWER or len(t.text) < 2:
        return None
    signals = ["lower_case", f"context:{kind}"]
    if kind == INTRO:
        # "jag heter nils": after a person's own introduction any name-like word is the name
        if lower_name_word(stop_words, t) or (t.flags & FN and t.text not in FUNCTION_WORDS):
            return t.start, t.end, SCORE_LOWER_CONTEXT, signals + ["first_name" if t.flags & FN else "name_like"]
        return None
    if t.flags & FN and not t.flags & HOMO:
        return t.start, t.end, SCORE_LOWER_CONTEXT, signals + ["first_name"]
    if kind == ROLE:
        # "min dotter rahima": a word no lexicon knows right after a possessive + relation
        if (
            t.flags & UNK
            and not t.flags & (STOP | PARTICLE)
            and t.text not in stop_words
            and t.text not in FUNCTION_WORDS
            and t.idx >= 2
            and toks[t.idx - 2].text.lower() in POSSESSIVES
        ):
            return t.start, t.end, SCORE_LOWER_CONTEXT, signals + ["unknown_word"]
        return None
    if t.text in stop_words or t.text in FUNCTION_WORDS:
        return None
    nxt = toks[t.idx + 1] if t.idx + 1 < len(toks) else None
    alone = nxt is None or nxt.gap.lstrip(" \t\r")[:1] in (",", "\n", "!", ".")
    if not alone or t.flags & (STOP | PARTICLE):
        return None
    if t.flags & (UNK | MORPH | SN) or (t.flags & FN and len(t.text) > 2):
        return t.start, t.end, SCORE_LOWER_CONTEXT, signals + ["alone"]
    return None
