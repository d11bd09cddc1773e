"""The lexicons: is a lower-case word an ordinary Swedish (or English) word?"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from importlib import resources
from pathlib import Path
from typing import Iterable, List, Optional

import numpy as np

log = logging.getLogger(__name__)

# The lower-case words of the Swedish lookup table, extracted once and shipped (build_word_list,
# MIT licence of spacy-lookups-data): a process reads 0.73 million words instead of splitting and
# filtering 2.6 million JSON strings (~1 s of CPU at every start). Each file names the SHA-256 of the table it was built from; when the
# installed table differs (another spacy-lookups-data), the words are extracted from it as before.
WORD_LIST_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"
_HEADER = "# lower-case words of spacy_lookups_data/data/{name}, sha256 {sha}\n"


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
        words = list(self._stop_words(language))
        if load_lookup:
            words += self._lookup_words(language)
            if language == "en":
                words += self._english_adjectives()
        words += [w.lower() for w in extra]
        # the hash of each word, each once (no set of the words themselves: ~0.4 s less)
        hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
        hashes.sort()
        self._hashes = hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))] if len(hashes) else hashes

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
        """Lower-case keys and values of the lookup table (a flat JSON object of strings): from
        the shipped word list built from this very table (:data:`WORD_LIST_DIR`), else from the
        table itself (:func:`table_words`)."""
        name = f"{language}_lemma_lookup.json.gz"
        try:
            raw = (resources.files("spacy_lookups_data") / "data" / name).read_bytes()
        except Exception:
            log.warning("%s lexicon unavailable; the name recognizer uses stop words only", language)
            return []
        shipped = _shipped_words(name, hashlib.sha256(raw).hexdigest())
        return shipped if shipped is not None else table_words(raw)

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


def table_words(raw: bytes) -> List[str]:
    """Lower-case keys and values of a gzipped lookup table (a flat JSON object of strings)."""
    text = gzip.decompress(raw).decode("utf-8")
    if '\\"' in text:  # an escaped quote would shift the split below; never in 1.0.5
        text = text.replace('\\"', "")
    # every second piece between double quotes is a JSON string (key or value)
    return [w for w in text.split('"')[1::2] if w[:1].islower() and "\\" not in w]


def _word_list_path(name: str) -> Path:
    return WORD_LIST_DIR / name.replace(".json.gz", ".txt.gz")


def _shipped_words(name: str, sha256: str) -> Optional[List[str]]:
    """The shipped words of table ``name`` if they were built from the table with ``sha256``."""
    try:
        text = gzip.decompress(_word_list_path(name).read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError):
        return None
    header, _, body = text.partition("\n")
    if header + "\n" != _HEADER.format(name=name, sha=sha256):
        return None
    return body.split("\n") if body else []


def build_word_list(language: str) -> Path:
    """Write the shipped word list of ``language``'s lookup table (run when spacy-lookups-data
    changes: ``python -m recognizers.names.lexicon``); the same words as :func:`table_words`,
    each once, sorted."""
    name = f"{language}_lemma_lookup.json.gz"
    raw = (resources.files("spacy_lookups_data") / "data" / name).read_bytes()
    words = sorted(set(table_words(raw)))
    out = _word_list_path(name)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = _HEADER.format(name=name, sha=hashlib.sha256(raw).hexdigest()) + "\n".join(words)
    out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    return out


SHIPPED = ("sv",)  # English: small (0.1 s), and its table carries WordNet's licence terms


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    for lang in SHIPPED:
        print(build_word_list(lang))
