"""Names whose diacritics a scan's OCR damaged: ``Hodžić`` read as ``HodZié``, ``Björn`` as
``Bjärn``, ``Zieliński`` as ``Zielifski``.

OCR reads a letter with a diacritic it does not know (ž, ć, ğ, ń, ø, å …) as another letter, a
capital, another diacritic or two letters. The exact and the folded lookups of the gazetteer
then fail, although every other letter of the name is right. :class:`DamagedNames` matches a
word against the listed names that carry diacritics, each diacritic letter standing for any
one or two letters: the letters without diacritics must all be there, in order. A word found
this way is only *like* a listed name (the classifier gives it the surname-like class, never a
known name's), and short names, or names mostly made of diacritic letters, are left out: too
little of them is left to tell them from other words.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Tuple

import regex as re

from recognizers.names.fold import fold

DAMAGED_FIRST = 1  # like a listed first name
DAMAGED_SURNAME = 2  # like a listed surname
_MIN_KEPT = 3  # letters without a diacritic a name keeps, at least
_MIN_LENGTH = 4
_ANY = "[^\\W\\d_]{1,2}"  # a diacritic letter read as one or two other letters


def _pattern(name: str) -> str | None:
    """The pattern of a listed name (lower case, ASCII letters kept, each other letter one or
    two letters), or None when it carries no diacritic or keeps too little without them."""
    low = name.lower()
    if low.isascii() or len(low) < _MIN_LENGTH or not low.isalpha():
        return None
    kept = sum(ch.isascii() for ch in low)
    damaged = len(low) - kept
    if kept < _MIN_KEPT or kept < 2 * damaged:
        return None
    return "".join(re.escape(ch) if ch.isascii() else _ANY for ch in low)


class DamagedNames:
    """Listed names with diacritics, matched with the diacritic letters read as other letters."""

    def __init__(self, first: Iterable[str], surnames: Iterable[str]) -> None:
        by_name: Dict[str, int] = {}
        for flag, names in ((DAMAGED_FIRST, first), (DAMAGED_SURNAME, surnames)):
            for n in names:
                p = _pattern(n)
                if p is not None:
                    by_name[p] = by_name.get(p, 0) | flag
        # one alternation per (first letter kept or "*") and flag set, so a word tries a few
        buckets: Dict[Tuple[str, int], List[str]] = {}
        for p, flag in by_name.items():
            head = p[0] if not p.startswith(_ANY) else "*"
            buckets.setdefault((head, flag), []).append(p)
        # the alternations as pattern text, compiled on the first word with their head letter
        # (compiling all 64 took ~0.18 s CPU at every start; a page meets a few heads)
        self._sources: Dict[str, List[Tuple[int, str]]] = {}
        for (head, flag), pats in sorted(buckets.items()):
            self._sources.setdefault(head, []).append((flag, "(?:" + "|".join(sorted(pats)) + ")"))
        self._buckets: Dict[str, List[Tuple[int, "re.Pattern[str]"]]] = {}

    def _bucket(self, head: str) -> List[Tuple[int, "re.Pattern[str]"]]:
        """The compiled alternations for words whose folded first letter is ``head``."""
        got = self._buckets.get(head)
        if got is None:
            got = self._buckets[head] = [(flag, re.compile(src)) for flag, src in self._sources.get(head, ())]
        return got

    def __call__(self, word: str) -> int:
        """DAMAGED_FIRST | DAMAGED_SURNAME, or 0: ``word`` read as a listed name whose
        diacritic letters were misread."""
        low = fold(word)
        if not low.isalpha() or len(low) < _MIN_LENGTH:
            return 0
        out = 0
        for head in (low[0], "*"):
            for flag, rx in self._bucket(head):
                if not out & flag and rx.fullmatch(low):
                    out |= flag
        return out
