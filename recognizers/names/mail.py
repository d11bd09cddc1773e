"""The display name before an e-mail address: ``skrev anna berg <anna.berg@example.se>:``,
``Från: Karin Ek <k.ek@example.se>``. Written in any case (quoted replies often repeat the
name as the sender's mail program has it, in lower case), and OCR may read the space inside it
as a dot (``anna.berg <…>``). A person's name when its words are name-like (a known name, or a
word no lexicon knows) and one of them is also a piece of the address's local part, or when it
is two or more known names; a common word, a stop word or an agency's name is never one
(``Kundtjänst <kundtjanst@…>``, ``Skatteverket <…>``)."""

from __future__ import annotations

from typing import List

import regex as re

from recognizers.names.classifier import Classifier
from recognizers.names.flags import ENG, FN, HOMO, LEX, MORPH, PARTICLE, PLACE, SN, STOP, UNK
from recognizers.names.fold import WORD_RE, fold
from recognizers.names.scores import SCORE_DISPLAY_NAME, SCORE_DISPLAY_NAME_KNOWN
from recognizers.names.tokenizer import Span

# "<local@domain>"; OCR may read a dot or an underscore of the local part as a space
_ADDRESS = re.compile(r"<([^<>@\n]{1,64})@[^<>@\s]{3,255}>")
_WORD_GAP = re.compile(r"[ \t\u00a0.]{0,2}")  # between two words of the name: space(s) or a dot
_MAX_WORDS = 4


def display_names(classify: Classifier, text: str) -> List[Span]:
    """Spans of the display names written right before ``<address>`` (module doc)."""
    out: List[Span] = []
    for m in _ADDRESS.finditer(text):
        end = m.start()
        while end > 0 and text[end - 1] in " \t\u00a0\"'”“":
            end -= 1
        line_start = text.rfind("\n", 0, end) + 1
        words = list(WORD_RE.finditer(text, line_start, end))
        picked = []
        cursor = end
        for w in reversed(words):
            gap = text[w.end() : cursor]
            if len(picked) >= _MAX_WORDS or not _WORD_GAP.fullmatch(gap) or not name_word(classify, w.group()):
                break
            picked.append(w)
            cursor = w.start()
        if not picked:
            continue
        picked.reverse()
        local = {p for p in re.split(r"[^a-z]+", fold(m.group(1))) if len(p) >= 2}
        in_local = any(fold(w.group()) in local for w in picked)
        known = len(picked) >= 2 and all(
            classify(w.group())[1] & (FN | SN) and not classify(w.group())[1] & HOMO for w in picked
        )
        if not (in_local or known):
            continue
        score = SCORE_DISPLAY_NAME if in_local else SCORE_DISPLAY_NAME_KNOWN
        out.append((picked[0].start(), picked[-1].end(), score, ["display_name", "address_match" if in_local else "known_names"]))
    return out


def name_word(classify: Classifier, word: str) -> bool:
    """A word that may be part of a display name: a known name, or a word no lexicon knows;
    never a stop word, a place or a particle alone."""
    if len(word) < 2:
        return False
    _, f = classify(word)
    if f & (STOP | PARTICLE):
        return False
    if f & (FN | SN):
        return True  # also one that is a word (Tove, Berg): it must then be in the address
    if f & (LEX | ENG | PLACE):
        return False
    return bool(f & (MORPH | UNK))
