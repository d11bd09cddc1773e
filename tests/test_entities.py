"""The one table of entity types (masking/entities.py) and everything that reads it."""

from __future__ import annotations

import re

import pytest

from masking import entities
from masking.analyzer import AnalyzerConfig, _import_recognizer
from masking.entities import ENTITY_TABLE, GROUND_CLASSES, MANUAL, TYPES
from masking.policy import POLICY_DIR, load_policy


def test_every_registered_recognizer_reports_a_type_of_the_table(analyzer) -> None:
    cfg = AnalyzerConfig.load()
    assert cfg.recognizers
    for spec in cfg.recognizers:
        cls = _import_recognizer(spec)
        declared = getattr(cls, "ENTITY", "") or ""
        if declared:
            assert declared in TYPES, f"{spec}: {declared} is not in masking/entities.py"
    # what the built analyzer says its recognizers support, and what the model's labels become
    assert analyzer.entities
    for etype in analyzer.entities:
        assert etype in TYPES, f"{etype} is reported by a recognizer but not in masking/entities.py"
    for etype in cfg.ner_labels.values():
        assert etype in TYPES


def test_the_table_is_complete_and_well_formed() -> None:
    names = [t.name for t in ENTITY_TABLE]
    assert len(names) == len(set(names))
    assert entities.ALL_TYPES == tuple(names)
    # every upper-case type constant of the module is a row of the table (or MANUAL)
    constants = {v for k, v in vars(entities).items() if k.isupper() and isinstance(v, str) and v == k}
    assert constants - {MANUAL} == set(names)
    for t in ENTITY_TABLE:
        assert t.label_sv and t.label_sv[0].islower(), t  # it goes mid-sentence
        assert re.fullmatch(r"#[0-9a-f]{6}", t.colour), t
        assert t.ground_class in GROUND_CLASSES, t
        assert t.priority >= 1, t
    assert len({t.colour for t in ENTITY_TABLE}) == len(ENTITY_TABLE)  # one colour per type


def test_analyzer_disclosure_and_review_page_read_the_table() -> None:
    from masking import analyzer, disclosure

    assert analyzer._TYPE_PRIORITY is entities.PRIORITY
    assert disclosure.TYPE_NAMES_SV is entities.LABELS_SV
    for t in ENTITY_TABLE:
        assert disclosure.type_name(t.name) == t.label_sv
    assert disclosure.type_name("NO_SUCH_TYPE") == "no such type"
    ui = pytest.importorskip("service.ui")
    assert ui.COLOURS is entities.COLOURS
    assert list(ui.COLOURS) == [*entities.ALL_TYPES, MANUAL]


def test_identifiers_with_checksums_win_a_tie_over_names_and_the_net() -> None:
    p = entities.PRIORITY
    assert p[entities.SE_PERSONNUMMER] > p[entities.PERSON] > p[entities.UNKNOWN_ID]
    assert p[entities.WORKPLACE] < p[entities.PERSON]


@pytest.mark.parametrize("path", sorted(POLICY_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_policies_give_one_ground_per_ground_class(path) -> None:
    """Types of one ground class share their ground; types that are public by themselves are
    ignored unless an identity is protected."""
    policy = load_policy(path)
    for cls in GROUND_CLASSES:
        members = entities.types_of_class(cls)
        if cls == entities.PUBLIC:
            assert all(policy.rule(t).action == "ignore" for t in members)
            continue
        grounds = {policy.ground_for(t) for t in members if policy.rule(t).action != "ignore"}
        assert len(grounds) == 1, (cls, grounds)
