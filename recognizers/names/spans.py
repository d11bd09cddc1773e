"""Finishing the spans found: given names and initials before a surname join it, and one
span is kept per name."""

from __future__ import annotations

import re as stdre
from typing import FrozenSet, List

from recognizers.names.flags import FN, GEN, LEX, LOWER, MORPH, MULTI, PARTICLE, PLACE, SN, STOP, TITLE, UNK
from recognizers.names.fold import lookup_key
from recognizers.names.gazetteer import Gazetteer
from recognizers.names.scores import SCORE_WEAK_PAIR
from recognizers.names.tokenizer import Span, Tok
from recognizers.names.wordlists import SPACE_GAPS

# Initials right before a name: "I. ", "K.-E. ", "A.B. "
_INITIALS_BEFORE = stdre.compile(r"(?<![\w.\-])(?:[A-ZÅÄÖ]\.[ \-]?){1,3}(?:-[A-ZÅÄÖ]\.[ ]?)?[ ]?$")


def with_given_names(stop_words: FrozenSet[str], span: Span, toks: List[Tok]) -> Span:
    """A found surname takes the capitalised words right before it on the same line as given
    names even when they are also common words (``Vy Phi Nguyen``, ``Hoa Tran``): Swedish
    does not capitalise common words inside a sentence. Never across a sentence start,
    a stop word, a place or a never-a-name word."""
    first = next((t for t in toks if t.start == span[0]), None)
    if first is None or first.sent_start or not first.flags & (SN | MORPH) or first.flags & FN:
        return span
    i, added = first.idx, 0
    while i > 0 and added < 2 and toks[i].gap in SPACE_GAPS:
        prev = toks[i - 1]
        if prev.shape != first.shape or prev.flags & (STOP | PLACE | MULTI | GEN | PARTICLE):
            break
        if not prev.flags & (LEX | UNK | FN) or prev.text.lower() in stop_words:
            break
        if prev.sent_start and not (prev.flags & FN or given_name_before(prev, toks)):
            break
        i, added = i - 1, added + 1
        if prev.sent_start:
            break
    if not added:
        return span
    return toks[i].start, span[1], max(span[2], SCORE_WEAK_PAIR), span[3] + ["given_names_before"]


def given_name_before(prev: Tok, toks: List[Tok]) -> bool:
    """A sentence-initial word joins only when it is a name-like unknown word (Hoang)."""
    return bool(prev.flags & UNK)


_SPLIT_PIECE = 4  # letters, at most, of the piece OCR cut off a name word


def with_split_word(gaz: Gazetteer, span: Span, toks: List[Tok]) -> Span:
    """A name word that OCR cut in two with a space (``Abdirah man``, ``Kristof ersson``): the
    short lower-case piece after the span's last word belongs to it when the two together are
    a listed name and the last word alone is not."""
    last = next((t for t in toks if t.end == span[1]), None)
    if last is None or last.shape != TITLE or last.idx + 1 >= len(toks):
        return span
    nxt = toks[last.idx + 1]
    if nxt.gap != " " or nxt.shape != LOWER or len(nxt.text) > _SPLIT_PIECE:
        return span

    def listed(word: str) -> bool:
        key = lookup_key(word)
        return key in gaz.first or key in gaz.surnames

    if listed(last.text) or not listed(last.text + nxt.text):
        return span
    return span[0], nxt.end, span[2], span[3] + ["split_word"]


_SPLIT_TAIL = stdre.compile(r" ([a-zåäöéü]{1,%d})(?![^\W\d_])" % _SPLIT_PIECE)
_WORD_END = stdre.compile(r"[^\W\d_]+$")


def split_word_end(gaz: Gazetteer, text: str, end: int) -> int:
    """:func:`with_split_word` on the text alone, for spans found without tokens (the NER
    layer): the end of the span taken over the short lower-case piece OCR cut off its last
    word (``Gedi, Abdirah man``), or ``end`` unchanged."""
    m = _SPLIT_TAIL.match(text, end)
    w = _WORD_END.search(text, max(0, end - 40), end)
    if m is None or w is None or not w.group()[0].isupper() or not w.group()[1:].islower():
        return end

    def listed(word: str) -> bool:
        key = lookup_key(word)
        return key in gaz.first or key in gaz.surnames

    return m.end() if listed(w.group() + m.group(1)) and not listed(w.group()) else end


# a digit or symbol that OCR read for a letter inside a word (Hod2Zié for Hodžić, Wi$niewska)
_OCR_GLUE_AFTER = stdre.compile(r"[0-9$¢£€|§]{1,2}[^\W\d_]+(?![\w$¢£€|§])")
_OCR_GLUE_BEFORE = stdre.compile(r"(?<![\w$¢£€|§])[^\W\d_]+[0-9$¢£€|§]{1,2}$")


def with_ocr_glue(start: int, end: int, text: str) -> tuple[int, int]:
    """A name span takes the rest of a word that OCR broke with a digit or symbol read for a
    letter (``Mirza Hod[2Zié]``, ``[Wi$]Sniewska``): the whole word as written is the name."""
    m = _OCR_GLUE_AFTER.match(text, end)
    if m is not None:
        end = m.end()
    b = _OCR_GLUE_BEFORE.search(text, max(0, start - 30), start)
    if b is not None and start < len(text) and text[start].isalpha():
        start = b.start()
    return start, end


def with_initials(span: Span, text: str) -> Span:
    """Initials written before a found name belong to it (``I. Noori``, ``K.-E. Andersson``):
    initials can identify a person too."""
    m = _INITIALS_BEFORE.search(text, max(0, span[0] - 12), span[0])
    if m is None:
        return span
    return (m.start(), span[1], span[2], span[3] + ["initials"])


def drop_contained(spans: List[Span]) -> List[Span]:
    """One span per name: a span inside another is dropped, its score kept if higher."""
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: List[Span] = []
    for span in spans:
        if out and span[0] >= out[-1][0] and span[1] <= out[-1][1]:
            last = out[-1]
            if span[2] > last[2]:
                out[-1] = (last[0], last[1], span[2], last[3] + [s for s in span[3] if s not in last[3]])
            continue
        out.append(span)
    return out
