"""Surname morphology: endings and prefixes that make an unknown word look like a surname."""

from __future__ import annotations

import re as stdre
from typing import Iterable, Tuple

from recognizers.names.flags import MORPH, STRONG
from recognizers.names.fold import fold

# Distinctive endings: a capitalised non-word with one of these is almost always a surname.
_STRONG_ENDINGS = (
    "sson", "dotter", "ström", "qvist", "kvist", "quist", "bergh", "gren", "stedt", "feldt",
    "ović", "ovic", "ević", "evic", "vić", "czyk", "czak", "wicz", "ovich", "evich", "enko",
    "chuk", "shvili", "zadeh", "pour", "nejad", "nezhad", "opoulos", "poulos", "poulou",
    "akis", "idis", "oglu", "oğlu", "lainen", "inen", "mäki", "järvi", "yan", "ian", "ullah",
)
# Weaker endings: typical of surnames but shared with ordinary or foreign words.
_WEAK_ENDINGS = (
    "son", "berg", "lund", "holm", "dahl", "blad", "blom", "sköld", "hammar", "ander", "ius",
    "ell", "lin", "borg", "stam", "löf", "löv", "bäck", "vall", "strand", "sten", "fors",
    "sjö", "skog", "hjelm", "crona", "stierna", "stjerna", "svärd", "sen", "nen", "salo",
    "niemi", "lahti", "koski", "aho", "ić", "ic", "ski", "ska", "sky", "cki", "cka", "yuk",
    "ova", "ov", "ev", "aj", "qi", "jan", "dze", "türk", "turk", "demir", "kaya", "soy",
    "zade", "zada", "poor", "vand", "lou", "loo", "zai", "khel", "abadi", "awi", "uddin",
    "eddine", "ini", "elli", "etti", "otti", "ucci", "ez", "eira", "eiro", "mann", "stein",
    "meyer", "meier", "hardt", "hoff", "huber", "bauer", "porn", "wong", "chai", "phong",
    "sakul", "nathan", "swamy", "murthy", "krishnan", "rajan", "preet", "jeet", "inder",
    "mariam", "selassie", "medhin", "giorgis", "yesus", "hiwet",
)
_PREFIXES = (
    "gebre", "ghebre", "tesfa", "wolde", "welde", "habte", "haile", "kidane", "abdi", "abdul",
    "abdel", "abdur", "mc", "mac",
)


def _fold_tuple(items: Iterable[str]) -> Tuple[str, ...]:
    return tuple(sorted({fold(x) for x in items}, key=len, reverse=True))


# Persian/Arabic/Italian -i after a consonant (Karimi, Hosseini, Rossi), in longer words.
_CONSONANT_I = stdre.compile(r"[bcdfghjklmnpqrstvwxz]i$")

_STRONG_FOLDED = _fold_tuple(_STRONG_ENDINGS)
_WEAK_FOLDED = _fold_tuple(_WEAK_ENDINGS)


def morphology(key: str) -> int:
    """``MORPH`` (| ``STRONG``) when a folded word looks like a surname, else 0."""
    if len(key) < 5:
        return 0
    if key.endswith(_STRONG_FOLDED):
        return MORPH | STRONG
    if key.endswith(_WEAK_FOLDED) or (len(key) >= 6 and key.startswith(_PREFIXES)):
        return MORPH
    if len(key) >= 6 and _CONSONANT_I.search(key):
        return MORPH
    return 0
