"""The gazetteers: name, place and never-a-name lists read from ``recognizers/data`` once per
process, with the lexicon and the context triggers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from recognizers.names.diacritics import DamagedNames
from recognizers.names.fold import WORD_RE, fold, fold_sv
from recognizers.names.lexicon import Lexicon
from recognizers.names.triggers import Triggers

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_entries(path: Path) -> List[str]:
    """Non-comment, non-empty lines of a data file (one entry per line)."""
    with path.open(encoding="utf-8") as fh:
        return [s for s in (line.strip() for line in fh) if s and not s.startswith("#")]


def place_key(text: str) -> str:
    """The key of a place name in :attr:`Gazetteer.world_places`: its words folded, joined by
    one space (``Abomey-Calavi`` → ``abomey-calavi``, ``Kuala  Lumpur`` → ``kuala lumpur``)."""
    return " ".join(fold(w) for w in WORD_RE.findall(text))


def _name_keys(name: str, twins_unless: Optional[Lexicon] = None) -> Iterable[str]:
    """Lookup keys for a gazetteer name: its Swedish fold and its ASCII fold (see
    :func:`lookup_key`); for surnames (``twins_unless`` given) also the -son/-sson twin
    (Andersson, Anderson) unless the twin is a common word (Persson, person)."""
    for key in {fold_sv(name), fold(name)}:
        yield key
        if twins_unless is None:
            continue
        if key.endswith("sson") and len(key) > 6:
            twin = key[:-4] + "son"
        elif key.endswith("son") and len(key) > 5:
            twin = key[:-3] + "sson"
        else:
            continue
        if twin not in twins_unless:
            yield twin


@dataclass(frozen=True)
class Gazetteer:
    """Every word list the recognizer uses; :func:`load_gazetteer` builds it once per process."""

    first: FrozenSet[str]
    surnames: FrozenSet[str]
    places: FrozenSet[str]  # folded
    world_places: FrozenSet[str]  # world cities and countries, words folded and joined by a space
    non_names: FrozenSet[str]  # lower case
    acronyms: FrozenSet[str]  # exact, upper case
    multiword_stops: Dict[str, Tuple[Tuple[str, ...], ...]]  # first word -> word sequences
    lexicon: Lexicon
    english: Lexicon  # English words, for English in Swedish prose
    organisation_words: FrozenSet[str]  # lower case: institute, universitet, kommun …
    organisation_forms: FrozenSet[str]  # exact: AB, Inc, GmbH …
    stop_words: FrozenSet[str]  # spaCy's Swedish stop words
    english_stop_words: FrozenSet[str]  # spaCy's English stop words
    triggers: Triggers
    damaged: DamagedNames  # listed names with diacritics, matched as OCR misreads them


def _optional_entries(path: Path) -> List[str]:
    return read_entries(path) if path.is_file() else []


def load_gazetteer(data_dir: Path = DATA_DIR, use_lexicon: bool = True) -> Gazetteer:
    """Read the data files (and build the lexicon) once per process, however the arguments are
    given (``lru_cache`` keys ``f()`` and ``f(DATA_DIR, True)`` apart: the recognizer and
    :mod:`recognizers.names.common` built it twice, ~1.4 s each)."""
    return _load_gazetteer(Path(data_dir), bool(use_lexicon))


@lru_cache(maxsize=4)
def _load_gazetteer(data_dir: Path, use_lexicon: bool) -> Gazetteer:
    # uninflected words (adverbs, conjunctions) that the lemma lookup table lacks
    extra = data_dir / "swedish_words.txt"
    lexicon = Lexicon(load_lookup=use_lexicon, extra=read_entries(extra) if use_lexicon and extra.is_file() else ())
    english = Lexicon(load_lookup=use_lexicon, language="en")
    org = read_entries(data_dir / "organisation_words.txt")
    first_names = read_entries(data_dir / "first_names.txt")
    surname_entries = read_entries(data_dir / "surnames.txt")
    first = frozenset(k for n in first_names for k in _name_keys(n))
    surnames = frozenset(k for n in surname_entries for k in _name_keys(n, twins_unless=lexicon))
    places: set = set()
    non_names: set = set()
    acronyms: set = set()
    multi: Dict[str, List[Tuple[str, ...]]] = {}
    for fname in ("places.txt", "non_names.txt"):
        for entry in read_entries(data_dir / fname):
            words = tuple(fold(w) for w in entry.split())
            if len(words) > 1:
                multi.setdefault(words[0], []).append(words)
            elif fname == "places.txt":
                places.update({fold_sv(entry), words[0]})  # Göteborg, Goteborg
            elif entry.isupper() and len(entry) > 1:
                acronyms.add(entry)  # JO, DO, LO: only in capitals
            else:
                non_names.add(entry.lower())
    return Gazetteer(
        first=first,
        surnames=surnames,
        places=frozenset(places),
        world_places=frozenset(place_key(e) for e in _optional_entries(data_dir / "world_places.txt")),
        non_names=frozenset(non_names),
        acronyms=frozenset(acronyms),
        multiword_stops={k: tuple(sorted(v, key=len, reverse=True)) for k, v in multi.items()},
        lexicon=lexicon,
        english=english,
        organisation_words=frozenset(w for w in org if w.islower()),
        organisation_forms=frozenset(w for w in org if not w.islower()),
        stop_words=frozenset(Lexicon._stop_words()),
        english_stop_words=frozenset(Lexicon._stop_words("en")),
        triggers=Triggers(),
        damaged=DamagedNames(first_names, surname_entries),
    )
