"""Word classification: what a word is (shape and class flags), cached per process."""

from __future__ import annotations

import re as stdre
from typing import Dict, Optional, Tuple

from recognizers.names.flags import (
    ENG, FN, GEN, HOMO, INITIAL, LETTER, LEX, LOWER, MORPH, MULTI, ORG, OTHER, PARTICLE, PLACE, SN, STOP,
    STREET, STRONG, TITLE, UNK, UPPER,
)
from recognizers.names.diacritics import DAMAGED_FIRST, DAMAGED_SURNAME
from recognizers.names.fold import fold, lookup_key
from recognizers.names.gazetteer import Gazetteer
from recognizers.names.lexicon import Lexicon
from recognizers.names.morphology import morphology
from recognizers.names.wordlists import HYPHEN_PREFIXES, MANUAL_HOMOGRAPHS, PARTICLES, STREET_SUFFIXES, authority_word, label_word

_INNER_CAPS_PREFIX = stdre.compile(r"(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Abd|Abdel|Abdul|Al|El)$")


def word_shape(word: str) -> int:
    """LOWER, TITLE (incl. Al-Sayed, McDonald, O'Brien), UPPER, LETTER (one capital) or OTHER."""
    if word.islower():
        return LOWER
    if word.isupper():
        return LETTER if sum(ch.isalpha() for ch in word) == 1 else UPPER
    if not word[0].isupper():
        parts = stdre.split(r"[-'’]", word, maxsplit=1)
        if len(parts) == 2 and parts[0] in HYPHEN_PREFIXES | {"d", "o"} and parts[1][:1].isupper():
            return TITLE  # al-Sayed, d'Angelo
        return OTHER  # iPhone, eBay
    for i in range(1, len(word)):
        ch, before = word[i], word[i - 1]
        if ch.isupper() and before not in "-'’" and not _INNER_CAPS_PREFIX.match(word[:i]):
            return OTHER  # SoL, BankID
        if ch.islower() and before == "-":
            return OTHER  # Larsson-gården: a compound with a common word
    return TITLE


def compound_head(low: str, lexicon: Lexicon) -> Optional[int]:
    """Where the head of a guessed compound starts: the longest lower-case tail of ``low``
    (at least five letters, after at least three) that is a lexicon word, or None."""
    for i in range(3, len(low) - 4):
        if low[i:] in lexicon:
            return i
    return None


class Classifier:
    """Word → (shape, flags), cached per process: words repeat a lot in documents."""

    MAX_CACHE = 300_000

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.cache: Dict[str, Tuple[int, int]] = {}

    def __call__(self, word: str) -> Tuple[int, int]:
        hit = self.cache.get(word)
        if hit is None:
            shape = word_shape(word)
            misread = 0
            if shape == OTHER and (self._names(lookup_key(word)) or self._damaged_capitals(word)):
                shape = TITLE  # listed names with unusual case: Min-jun, DeShawn; HodZić (OCR)
            elif shape == OTHER:
                misread = self._misread_capitals(word)
            if misread:
                hit = (UPPER, misread)  # BUlI, NGUYEl: a name in capitals with an I read as l
            else:
                hit = (shape, STOP if shape == OTHER else self.flags(word))
            if len(self.cache) >= self.MAX_CACHE:
                self.cache.clear()
            self.cache[word] = hit
        return hit

    def _names(self, key: str) -> int:
        g = self.gaz
        return (FN if key in g.first else 0) | (SN if key in g.surnames else 0)

    def _damaged(self, bare: str) -> int:
        """Flags for a word that is a listed name with its diacritics misread by OCR (``HodZié``
        for Hodžić, ``Häkan`` for Håkan; :mod:`recognizers.names.diacritics`), else 0. Weaker
        than a listed name: a surname is only surname-like (MORPH), a first name counts as one
        that is also a common word (FN | HOMO: no name alone without context). Never for a
        common Swedish or English word or a word in lower case. GEN for the genitive (``HodZiés``)."""
        g = self.gaz
        low = bare.lower()
        if bare.islower() or low in g.lexicon or low in g.english:
            return 0  # OCR keeps the capital of a name; lower case is a word
        gen, like = 0, g.damaged(bare)
        if not like and len(low) > 4 and low.endswith("s"):
            gen, like = GEN, g.damaged(bare[:-1])
        if not like:
            return 0
        return gen | (FN | HOMO if like & DAMAGED_FIRST else 0) | (MORPH if like & DAMAGED_SURNAME else 0)

    def _misread_capitals(self, word: str) -> int:
        """Flags for a word in capitals where OCR read an ``I`` (or a stray stroke beside one)
        as ``l`` (``BUlI``, ``BUIl`` for BUI; ``LlNDQVIST``): a listed name once each ``l``
        is an ``I`` or is dropped and a doubled ``I`` is one, else 0. Weaker than the listed
        name, as for diacritics OCR misread (:meth:`_damaged`): a surname is only surname-like
        (MORPH), a first name one that is also a word (FN | HOMO)."""
        if "l" not in word or sum(ch.isupper() for ch in word) < 2 or not all(ch.isupper() or ch == "l" for ch in word):
            return 0
        as_i = word.replace("l", "I")
        flags = 0
        for form in dict.fromkeys((as_i, stdre.sub("I{2,}", "I", as_i), word.replace("l", ""))):
            names = self._names(lookup_key(form))
            flags |= (FN | HOMO if names & FN else 0) | (MORPH if names & SN else 0)
        return flags

    def _damaged_capitals(self, word: str) -> bool:
        """A capitalised word with capitals inside that OCR made of diacritic letters
        (``HodZié`` for Hodžić, ``OmeroviC-DeliC``): every part a listed name, damaged or not."""
        if not word[0].isupper():
            return False
        parts = [p for p in stdre.split(r"[-'’]", word) if p]
        return all(p[0].isupper() and (self._names(lookup_key(p)) or self._damaged(p[0] + p[1:].lower()))
                   for p in parts)

    def flags(self, word: str) -> int:
        """Flags of one word (see the flag constants)."""
        g = self.gaz
        bare = word.rstrip("'’")
        low, key = bare.lower(), lookup_key(bare)
        multi = MULTI if fold(bare) in g.multiword_stops else 0
        names = self._names(key)
        if low in g.non_names or bare in g.acronyms or (low in g.triggers.words and not names):
            return STOP | multi | (0 if names else self._other_language(bare, low))
        if not names and len(low) > 4 and low.endswith("s") and low[:-1] in g.non_names and not self._names(key[:-1]):
            return STOP | multi  # Googles, Spotifys: the genitive of a never-a-name word
        if not names and label_word(low, g.lexicon.__contains__):
            return STOP | multi  # Förhörsperson, Bostadsort, Ärendemening: a form label
        flags = self._flags(word, bare, low, key, names, multi)
        return flags if flags & (FN | SN) else flags | self._other_language(bare, low)

    def _other_language(self, bare: str, low: str) -> int:
        """ENG for an English word and ORG for an organisation word (not for known names)."""
        g = self.gaz
        out = ENG if low in g.english else 0
        if low in g.organisation_words or bare in g.organisation_forms or authority_word(bare):
            out |= ORG
        return out

    def _flags(self, word: str, bare: str, low: str, key: str, names: int, multi: int) -> int:
        g = self.gaz
        if low in PARTICLES:
            return PARTICLE | names | multi
        if low.endswith(STREET_SUFFIXES) and len(low) > 6 and not names:
            return STOP | STREET
        gen = GEN if bare != word else 0  # Lars'
        stem_low = low
        if (
            not names
            and len(key) > 3
            and key.endswith("s")
            and not gen
            and not word.islower()
            and key not in g.places
            and low not in g.lexicon
            and low not in g.english_stop_words  # This is no genitive of Thi (but Bergs is Berg's)
        ):
            names = self._names(key[:-1])  # Anderssons, Karimis
            if names:
                gen, stem_low = GEN, low[:-1]
        if not names and ("-" in bare or "'" in bare or "’" in bare):
            compound = self._compound(bare)
            if compound:
                return compound | multi
        place = PLACE if lookup_key(stem_low) in g.places else 0
        if names:
            homo = HOMO if stem_low in MANUAL_HOMOGRAPHS or stem_low in g.lexicon else 0
            return names | gen | homo | place | multi
        if place:
            return PLACE | STOP | multi
        if low in g.lexicon or (len(low) > 4 and low.endswith("s") and low[:-1] in g.lexicon):
            return LEX | multi
        folded = fold(key)
        morph = morphology(folded)
        if not morph and folded.endswith("s"):
            morph = morphology(folded[:-1])
            gen = GEN if morph else 0
        if not morph:
            damaged = self._damaged(bare)
            if damaged:
                return damaged | multi
        if not morph & STRONG and self._compound_noun(low) and not self._genitive_only_compound(low, key):
            return LEX | multi  # Distriktssköterska is not a Polish surname in -ska
        if morph:
            return morph | gen | multi
        return UNK | multi

    def _compound_noun(self, low: str) -> bool:
        """A Swedish compound whose head is a common word that is not a name element
        (Melodifestivalen, Sengindexet; but not Sjöstrand, whose head is the surname Strand)."""
        i = compound_head(low, self.gaz.lexicon)
        if i is None:
            return False
        head = low[i:]
        return not self._names(lookup_key(head)) and head not in MANUAL_HOMOGRAPHS

    def _genitive_only_compound(self, low: str, key: str) -> bool:
        """A word in s that reads as a compound only with its genitive s (``Vautrins``:
        vau-trins, the genitive of trin), while its stem is none and no place (``Vautrin``): the genitive of
        an unknown name, not a Swedish compound (``Skolverkets``, whose stem ``skolverket`` is
        one too; ``Felstatus``, whose head ``status`` is no genitive)."""
        lexicon = self.gaz.lexicon
        if len(low) <= 5 or not low.endswith("s") or compound_head(low[:-1], lexicon) is not None:
            return False
        if key[:-1] in self.gaz.places:
            return False  # Värmlands, Stockholms: a place's genitive stays what it was
        i = compound_head(low, lexicon)
        return i is not None and low[i:-1] in lexicon

    def _compound(self, word: str) -> int:
        """Hyphenated/apostrophe words: Ann-Charlotte, Al-Sayed, Vasquez-Lind, O'Brien, P-O."""
        parts = [p for p in stdre.split(r"[-'’]", word) if p]
        if len(parts) < 2:
            return 0
        if all(len(p) == 1 and p.isupper() for p in parts):
            return INITIAL  # P-O, K-G
        head = parts[0].lower()
        if head in HYPHEN_PREFIXES and parts[1][:1].isupper():
            return SN  # Al-Sayed, Abu-Bakr
        if head in {"o", "d", "mc", "mac"} and len(parts) == 2 and len(parts[1]) > 2:
            return SN  # O'Brien, D'Souza
        kinds = [self(p)[1] for p in parts]
        gen = kinds[-1] & GEN
        if all(k & FN for k in kinds):
            return FN | gen  # Ann-Charlotte, Karl-Erik
        if any(k & STOP and not k & (FN | SN) for k in kinds):
            return STOP  # Stockholm-Arlanda, Saint-Germain
        if any(k & (SN | MORPH) for k in kinds) and all(k & (FN | SN | MORPH | UNK) for k in kinds):
            return SN | gen  # Vasquez-Lind, Svensson-Berg
        return 0
