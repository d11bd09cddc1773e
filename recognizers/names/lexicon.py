"""The lexicons: is a lower-case word an ordinary Swedish (or English) word?"""

from __future__ import annotations

import gzip
import json
import logging
from importlib import resources
from typing import Iterable, List

import numpy as np

log = logging.getLogger(__name__)


class Lexicon:
    """Membership test for ordinary Swedish words (or, with ``language="en"``, English words),
    compact and offline.

    Built from spaCy's Swedish lemma lookup table (spacy-lookups-data, a project dependency):
    every word form and lemma written in lower case (proper nouns such as ``Danielsson`` are
    written with a capital there and skipped), plus spaCy's Swedish stop words. It is kept as a
    sorted array of 64-bit string hashes (about 6 MB) rather than a set of strings (about
    85 MB). Without the table it falls back to the stop words alone. The English lexicon is
    built the same way from the English table and stop words: it tells English words and
    phrases in Swedish prose (``Changelog``, ``Public Code``) from unknown names.
    """

    def __init__(self, load_lookup: bool = True, extra: Iterable[str] = (), language: str = "sv") -> None:
        self.language = language
        words = set(self._stop_words(language))
        if load_lookup:
            words.update(self._lookup_words(language))
            if language == "en":
                words.update(self._english_adjectives())
        words.update(w.lower() for w in extra)
        hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
        hashes.sort()
        self._hashes = hashes

    @staticmethod
    def _stop_words(language: str = "sv") -> Iterable[str]:
        try:
            if language == "en":
                from spacy.lang.en.stop_words import STOP_WORDS
            else:
                from spacy.lang.sv.stop_words import STOP_WORDS
        except Exception:  # pragma: no cover - spaCy is a dependency
            return ()
        return STOP_WORDS

    @staticmethod
    def _lookup_words(language: str = "sv") -> List[str]:
        """Lower-case keys and values of the lookup table (a flat JSON object of strings)."""
        try:
            ref = resources.files("spacy_lookups_data") / "data" / f"{language}_lemma_lookup.json.gz"
            text = gzip.decompress(ref.read_bytes()).decode("utf-8")
        except Exception:
            log.warning("%s lexicon unavailable; the name recognizer uses stop words only", language)
            return []
        if '\\"' in text:  # an escaped quote would shift the split below; never in 1.0.5
            text = text.replace('\\"', "")
        # every second piece between double quotes is a JSON string (key or value)
        return [w for w in text.split('"')[1::2] if w[:1].islower() and "\\" not in w]

    @staticmethod
    def _english_adjectives() -> List[str]:
        """Adjectives and adverbs of the English lemma index (WordNet), which the lookup table
        lacks when they do not inflect (conventional, concise, european); not its nouns, which
        hold proper names (lincoln, fatima)."""
        try:
            ref = resources.files("spacy_lookups_data") / "data" / "en_lemma_index.json.gz"
            index = json.loads(gzip.decompress(ref.read_bytes()))
        except Exception:
            return []
        return [w for pos in ("adj", "adv") for w in index.get(pos, ()) if w.isalpha() and w.islower()]

    def __contains__(self, word: object) -> bool:
        h = hash(word)
        i = int(np.searchsorted(self._hashes, h))
        return i < len(self._hashes) and int(self._hashes[i]) == h

    def __len__(self) -> int:
        return int(len(self._hashes))
