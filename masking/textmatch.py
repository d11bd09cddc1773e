"""Finding a value everywhere it occurs, whatever the line breaks, hyphens or spacing.

One function, :func:`find_occurrences`, decides what counts as "the same value" on a page. The
pipeline uses it to mask every occurrence of a detected value, and verification uses the very
same function on the output: so what masking promises, verification checks.

Text is *squeezed* for matching: NFKC, case-folded, without whitespace, hyphens and soft
hyphens. ``Anders-\\nson`` and ``Andersson`` are then the same, as are ``811218-9876``,
``811218 9876`` and ``8112189876``. Boundaries are checked in the original text, so ``Bo`` does
not match inside ``Boende``.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

_DROP = frozenset(" \t\n\r\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                  "\u2009\u200a\u200b\u202f\u205f\u3000\u00ad-\u2010\u2011\u2012\u2013\u2014\u2212"
                  "\u2015\u200c\u200d\u2060\ufeff\ufe63\uff0d")
_GENITIVE = ("s", "'s", "’s", "'", "’", ":s")


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in _DROP:
        return ""
    # NFKC may turn a character into a dropped one (full-width hyphen-minus → "-")
    return "".join(ch for ch in unicodedata.normalize("NFKC", c).casefold() if ch not in _DROP)


def normalise_value(value: str) -> str:
    """The matching key of a value (squeezed, case-folded)."""
    return "".join(_fold_char(c) for c in value)


@dataclass
class SqueezedText:
    """A squeezed copy of a text with a map back to original offsets.

    The map is an int array (4 bytes a character, not a list's 36): stage *decide* and the
    visual check hold one for every page of a document at once."""

    original: str
    squeezed: str
    index: array  # of int: squeezed position → original offset

    @classmethod
    def of(cls, text: str) -> "SqueezedText":
        out: list[str] = []
        idx = array("i")
        for i, c in enumerate(text):
            f = _fold_char(c)
            if f:
                out.append(f)
                if len(f) == 1:
                    idx.append(i)
                else:
                    idx.extend([i] * len(f))
        return cls(text, "".join(out), idx)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def find_occurrences(
    sq: SqueezedText,
    key: str,
    allow_genitive: bool = False,
    require_capital: bool = False,
    skip: Optional[Callable[[str, int, int], bool]] = None,
) -> list[tuple[int, int]]:
    """Original-text spans ``(start, end)`` where ``key`` (a :func:`normalise_value`) occurs.

    An occurrence must start and end at word boundaries of the original text. With
    ``allow_genitive`` a trailing genitive ``s`` (or ``'s``) is included in the span. With
    ``require_capital`` the first character must be upper case in the original (used for
    short person names, so ``bo`` the verb is not taken for ``Bo`` the name). ``skip(text, start,
    end)`` says of an occurrence that it is not the value (a person's name that is a car make,
    where a model follows it: :func:`recognizers.names.common.vehicle_occurrence`).
    """
    if not key:
        return []
    text = sq.original
    n = len(text)
    spans: list[tuple[int, int]] = []
    pos = sq.squeezed.find(key)
    while pos >= 0:
        start = sq.index[pos]
        last = sq.index[pos + len(key) - 1]
        end = last + 1
        ok = start == 0 or not _is_word_char(text[start - 1])
        if ok and require_capital and not text[start].isupper():
            ok = False
        if ok and end < n and _is_word_char(text[end]):
            ok = False
            if allow_genitive:
                for g in _GENITIVE:
                    if text.startswith(g, end) and (end + len(g) >= n or not _is_word_char(text[end + len(g)])):
                        end += len(g)
                        ok = True
                        break
        elif ok and allow_genitive and end < n and text[end] in "'’":
            if end + 1 < n and text[end + 1] == "s" and (end + 2 >= n or not _is_word_char(text[end + 2])):
                end += 2
            elif end + 1 >= n or not _is_word_char(text[end + 1]):
                end += 1
        if ok and not (skip is not None and skip(text, start, end)):
            spans.append((start, end))
        pos = sq.squeezed.find(key, pos + 1)
    return spans


# "barn-" / "och ungdomspsykiatrin": a compound's shared first part before a conjunction, no
# word broken at the line end.
_SHARED_PART_CONJUNCTION = re.compile(r"(?:och|eller|samt|respektive|resp\.)(?![^\W\d_])")


def dehyphenate(text: str) -> tuple[str, list[int]]:
    """Join words hyphenated across line ends, for analysis.

    Returns the joined text and a map from each of its offsets to the original offset, so
    detections found in the joined text can be mapped back (their spans then cover the hyphen
    and the line break, which carry no glyph box). ``Anders-\\nson`` becomes ``Andersson``; a
    hyphen before an upper-case letter (``Ann-\\nCharlotte``) is kept, with the break removed; a
    hyphen before a conjunction (``barn-\\noch ungdomspsykiatrin``) is a shared compound part and
    stays as written.
    """
    out: list[str] = []
    idx: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if (
            c in "-\u00ad\u2010"
            and i + 1 < n
            and text[i + 1] == "\n"
            and i > 0
            and text[i - 1].isalpha()
            and i + 2 < n
            and text[i + 2].isalpha()
            and _SHARED_PART_CONJUNCTION.match(text, i + 2) is None
        ):
            if text[i + 2].islower() or c == "\u00ad":
                i += 2  # drop the hyphen and the line break
                continue
            out.append(c)
            idx.append(i)
            i += 2  # keep the hyphen, drop the line break
            continue
        out.append(c)
        idx.append(i)
        i += 1
    return "".join(out), idx


def map_span(idx: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a span of the dehyphenated text back to the original text."""
    if not idx:
        return start, end
    s = idx[min(start, len(idx) - 1)]
    e = idx[min(end - 1, len(idx) - 1)] + 1
    return s, e
