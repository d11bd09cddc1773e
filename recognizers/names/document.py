"""Names repeated in one document: a lone word that is part of a sure name elsewhere in the
same text is that person (``Anders Svensson ... Svensson uppger ... Anders har``)."""

from __future__ import annotations

from typing import FrozenSet, List, Optional, Tuple

from recognizers.names.classifier import Classifier
from recognizers.names.flags import GEN, HOMO, INITIAL, PARTICLE, PLACE, TITLE, UPPER
from recognizers.names.fold import WORD_RE, fold
from recognizers.names.scores import SCORE_SAME_DOCUMENT, SCORE_SAME_DOCUMENT_WORD, SURE
from recognizers.names.scoring import after_locative, company, digit_adjacent, names_a_place
from recognizers.names.tokenizer import Run, Span, Tok
from recognizers.names.wordlists import FUNCTION_WORDS, PARTICLES, vehicle_make, vehicle_model_at


def lone_word(run: Run) -> Optional[Tok]:
    words = [t for t in run.toks if not t.flags & (PARTICLE | INITIAL)]
    return words[0] if len(words) == 1 and len(run.toks) == 1 else None


def word_keys(word: str) -> Tuple[str, ...]:
    """Keys of a name word and its genitive base: Anderssons -> anderssons, andersson."""
    key = fold(word.rstrip("'’"))
    return (key, key[:-1]) if key.endswith("s") and len(key) > 3 else (key,)


def document_names(classify: Classifier, spans: List[Span], text: str) -> FrozenSet[str]:
    """Folded words of the sure names in this text (Anna Anderssons -> anna, andersson)."""
    known = set()
    for start, end, score, _ in spans:
        if score < SURE:
            continue
        for m in WORD_RE.finditer(text, start, end):
            word = m.group()
            if len(word) < 2 or word.lower() in PARTICLES:
                continue
            key = fold(word.rstrip("'’"))
            known.add(key)
            if classify(word)[1] & GEN and key.endswith("s"):
                known.add(key[:-1])
    return frozenset(known)


def same_document(run: Run, toks: List[Tok], text: str, known: FrozenSet[str]) -> Optional[Span]:
    """``Anders Svensson ... Svensson uppger ... Anders har``: a lone word that is part of a
    sure name in the same text is that person (unless it reads as a place or a date)."""
    t = lone_word(run)
    if t is None or t.shape not in (TITLE, UPPER) or not any(k in known for k in word_keys(t.text)):
        return None
    nxt = toks[t.idx + 1] if t.idx + 1 < len(toks) else None
    if t.flags & (HOMO | PLACE) and (after_locative(t, toks) or digit_adjacent(t, nxt, text)):
        return None
    if t.flags & HOMO and t.text.lower() in FUNCTION_WORDS and t.sent_start:
        return None
    if vehicle_make(t.text) and vehicle_model_at(text, t.end):
        return None  # Harrison Ford ... sin Ford Focus: the car, not the person
    if nxt is not None and (names_a_place([t], [t], nxt) or company(nxt)):
        return None
    signals = ["same_document"] + (["genitive"] if t.flags & GEN else [])
    if t.flags & (HOMO | PLACE):
        signals.append("homograph" if t.flags & HOMO else "place")
        return t.start, t.end, SCORE_SAME_DOCUMENT_WORD, signals
    return t.start, t.end, SCORE_SAME_DOCUMENT, signals
