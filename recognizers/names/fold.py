"""Word tokens and word folding: how a word of the text is written as a lookup key."""

from __future__ import annotations

import unicodedata

import regex as re

# A word: letters, with inner - and ' (Ann-Charlotte, O'Brien); a trailing ' after s/x/z is the
# genitive (Lars').
WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:(?<=[sxzSXZ])['’](?![^\W\d_]))?")

_ASCII_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
     "’": "'", "ŀ": "l", "ħ": "h"}
)


def fold(word: str) -> str:
    """Lower-case and ASCII-fold a word: ``Hodžić`` → ``hodzic``, ``Björn`` → ``bjorn``."""
    low = word.lower()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low.translate(_ASCII_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_SWEDISH_LETTERS = {"å": "\x00", "ä": "\x01", "ö": "\x02"}
_SWEDISH_BACK = str.maketrans({v: k for k, v in _SWEDISH_LETTERS.items()})
_SWEDISH_KEEP = str.maketrans(_SWEDISH_LETTERS)


def fold_sv(word: str) -> str:
    """Lower-case and strip diacritics except the Swedish letters å, ä, ö (``Hodžić`` →
    ``hodzic``, ``Öztürk`` → ``özturk``), so that ``Kära`` does not become the name Kara."""
    low = word.lower()
    if low.isascii():
        return low
    return fold(low.translate(_SWEDISH_KEEP)).translate(_SWEDISH_BACK)


def lookup_key(word: str) -> str:
    """The key a word is looked up with: ASCII words in the fully folded lists (``Hodzic``
    finds Hodžić, ``Bjorn`` finds Björn); words with diacritics keep å, ä and ö."""
    return word.lower() if word.isascii() else fold_sv(word)
