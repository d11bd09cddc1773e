"""The Swedish lexicon: the shipped word list stands for spaCy's lookup table exactly."""

from __future__ import annotations

import hashlib
from importlib import resources

import numpy as np

from recognizers.names import lexicon
from recognizers.names.lexicon import Lexicon, table_words

TABLE = "sv_lemma_lookup.json.gz"


def _table() -> bytes:
    return (resources.files("spacy_lookups_data") / "data" / TABLE).read_bytes()


def test_the_shipped_word_list_is_the_installed_tables_words() -> None:
    """Fails when spacy-lookups-data changed: rebuild with ``python -m recognizers.names.lexicon``
    (until then every process extracts the words from the table itself, ~1 s)."""
    raw = _table()
    shipped = lexicon._shipped_words(TABLE, hashlib.sha256(raw).hexdigest())
    assert shipped is not None
    assert shipped == sorted(set(table_words(raw)))


def test_a_word_list_built_from_another_table_is_not_used(monkeypatch) -> None:
    assert lexicon._shipped_words(TABLE, "0" * 64) is None
    with_list = Lexicon(extra=["blixtlås"])
    monkeypatch.setattr(lexicon, "_shipped_words", lambda name, sha256: None)
    from_table = Lexicon(extra=["blixtlås"])
    assert np.array_equal(with_list._hashes, from_table._hashes)
    assert "och" in from_table and "blixtlås" in from_table and "kommunen" in from_table
    assert "danielsson" not in from_table  # a proper noun of the table, written with a capital there
