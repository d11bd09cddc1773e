"""Policies: validation with clear errors, protected identity, hashes."""

from __future__ import annotations

import pytest

from masking import entities
from masking.errors import ConfigError
from masking.policy import load_policy, parse_policy

BASE = {
    "name": "t",
    "grounds": {"OSL 21:7": "x", "OSL 21:3 a": "y"},
    "default": {"action": "mask", "ground": "OSL 21:7", "threshold": 0.5, "review_threshold": 0.3},
}


def test_shipped_policies_load_with_hash_and_grounds() -> None:
    for name, ground in (("general", "OSL 21:7"), ("social-insurance", "OSL 28:1")):
        p = load_policy(name)
        assert p.ground_for(entities.PERSON) == ground
        assert len(p.sha256) == 64 and not p.protected_identity
        assert p.protected_ground == "OSL 21:3 a"
        assert entities.WORKPLACE in p.ignored_types()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"colour": "red"}, "unknown keys"),
        ({"entities": {"NOT_A_TYPE": {}}}, "unknown entity type"),
        ({"entities": {"PERSON": {"ground": "OSL 99:9"}}}, "OSL 99:9"),
        ({"protected_identity": {"ground": "OSL 99:9"}}, "protected_identity.ground"),
        ({"protected_identity": {"types": ["NOPE"]}}, "NOPE"),
        ({"protected_identity": "yes"}, "protected_identity"),
    ],
)
def test_invalid_policies_give_clear_errors(change: dict, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_policy({**BASE, **change}, source="bad.yaml")
    assert message in str(info.value)


def test_protected_identity_masks_locating_types_on_its_ground_from_review_threshold() -> None:
    base = parse_policy(
        {**BASE, "entities": {"WORKPLACE": {"action": "ignore"}}, "protected_identity": {"ground": "OSL 21:3 a"}}
    )
    prot = base.with_protected_identity()
    assert prot.protected_identity and prot.sha256 != base.sha256
    for t in (entities.SE_ADDRESS, entities.PHONE_NUMBER, entities.EMAIL_ADDRESS, entities.WORKPLACE):
        rule = prot.rule(t)
        assert rule.action == "mask" and rule.ground == "OSL 21:3 a" and rule.threshold == 0.3
    assert prot.rule(entities.PERSON) == base.rule(entities.PERSON)
    assert entities.WORKPLACE not in prot.ignored_types()
    assert prot.describe()["protected_identity"] is True
    assert prot.with_protected_identity() is prot


def test_protected_identity_enabled_in_file() -> None:
    p = parse_policy({**BASE, "protected_identity": {"enabled": True, "ground": "OSL 21:3 a"}})
    assert p.protected_identity and p.rule(entities.SE_ADDRESS).ground == "OSL 21:3 a"
