"""Is a person-name value made of common words? Asked when the occurrences of a masked name are
linked (stage *decide*) and when the output is verified: a value whose every word is a common
Swedish or English word and no known name (``Vinter`` of Elsa Vinter, a heading ``Artificiell
Intelligens`` taken for a name) is that value only where it is written with a capital letter, so
lower-case ``vinter`` or ``artificiell intelligens`` elsewhere is neither masked nor a leak.
Likewise a person-name value is not that value where it is a car make before a model (``Ford``
of Anna Ford in ``en Ford Focus``) or the first part of an institution's hyphenated name
(``Zorn-museet``): :func:`name_skip`."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Optional, Tuple

from recognizers.names.fold import WORD_RE, lookup_key
from recognizers.names.gazetteer import load_gazetteer
from recognizers.names.wordlists import INSTITUTION_HEADS, INSTITUTION_NOUNS, vehicle_make, vehicle_model_at

SHORT_NAME = 5  # a name key shorter than this is matched only with a capital, word or not


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """``word`` is a word of the Swedish or the English lexicon and not a known first name or
    surname (``vinter``, ``status``, ``strategy``; not ``björk`` or ``anna``)."""
    low = word.lower()
    if not low.isalpha():
        return False
    gaz = load_gazetteer()
    if low not in gaz.lexicon and low not in gaz.english:
        return False
    key = lookup_key(low)
    return key not in gaz.first and key not in gaz.surnames


def name_needs_capital(key: str, surfaces: Optional[Iterable[str]] = None) -> bool:
    """A person-name value (``key``: its normalised form; ``surfaces``: how it is written)
    matches only capitalised occurrences: when it is short (``bo``, the verb, is not ``Bo``) or
    when every word of it is a common word. Without ``surfaces`` the key is taken as one word."""
    if len(key) < SHORT_NAME:
        return True
    return _all_common(key, tuple(f for f in (surfaces or ()) if f.strip()) or (key,))


@lru_cache(maxsize=65536)
def _all_common(key: str, forms: Tuple[str, ...]) -> bool:
    for form in forms:
        words = WORD_RE.findall(form)
        if not words or not all(is_common_word(w) for w in words):
            return False
    return True


def name_skip(key: str) -> Optional[Callable[[str, int, int], bool]]:
    """For a person-name value (``key``: its normalised form), the occurrences that are not it,
    as a ``skip`` for :func:`masking.textmatch.find_occurrences`. Stage *decide* masks by this
    rule and verification searches by it, so what is left readable is no leak:

    * a value that is a car make is a car where a model follows it (``en Ford Focus``, ``Volvo
      V70``; the analyzer's own rule for a make and model);
    * a name joined by a hyphen to an institution or a place named after the person
      (``Zorn-museet``, ``Nobel-priset``, ``Palme-gatan``) is that institution's name."""
    return vehicle_or_institution if vehicle_make(key) else institution_occurrence


def vehicle_or_institution(text: str, start: int, end: int) -> bool:
    return vehicle_occurrence(text, start, end) or institution_occurrence(text, start, end)


def vehicle_occurrence(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` (a car make) is followed by a car model or a model code."""
    return vehicle_model_at(text, end)


_HYPHEN_HEAD = re.compile(r"-([^\W\d_]+)")


def institution_occurrence(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is the first part of a hyphenated name of an institution or a place
    (``Zorn-museet``, ``Nobel-priset``): a lower-case head of :data:`INSTITUTION_NOUNS` or
    :data:`INSTITUTION_HEADS` after the hyphen."""
    m = _HYPHEN_HEAD.match(text, end)
    if m is None or not m.group(1).islower():
        return False
    head = m.group(1)
    return head in INSTITUTION_NOUNS or head.endswith(INSTITUTION_HEADS)
