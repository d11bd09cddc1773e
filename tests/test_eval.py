"""Accuracy guard rails on a small synthetic corpus (held-out name split).

These are floors, not targets: the full measurement is `masking eval` (README). They fail when
a change breaks a recognizer, the propagation or the redaction of a whole category.
"""

from __future__ import annotations

import pytest

from masking.evaluate import evaluate_corpus


@pytest.fixture(scope="module")
def result(masker):
    return evaluate_corpus(None, n=20, seed=4242, split="heldout", masker=masker)


def test_no_document_fails(result):
    assert result["documents"] == 20 and result["failures"] == []


def test_structured_identifiers_never_leak(result):
    leaks = {k: v for k, v in result["leaks_by_type"].items() if k not in ("PERSON",)}
    assert sum(leaks.values()) <= 2, leaks
    assert result["recall_groups"]["structured_identifiers"] >= 0.97


def test_addresses_and_names_floor(result):
    assert result["recall_groups"]["addresses"] >= 0.95
    assert result["recall_groups"]["names"] >= 0.85


def test_non_personal_data_survives(result):
    kept = result["non_personal_kept"]
    for kind in ("DATE", "AMOUNT", "DNR", "SFS", "SECTION", "AGENCY_ADDRESS"):
        if kept.get(kind) is not None:
            assert kept[kind] >= 0.98, (kind, kept[kind])
    assert result["word_precision"] >= 0.9
