"""Pipeline rules that sit between the analyzer and the policy."""

from __future__ import annotations

from masking import entities
from masking.api import analyze_text
from masking.policy import load_policy


def test_ignored_type_never_absorbs_a_masked_one() -> None:
    # the last ten digits of this account form a valid organisationsnummer, which the default
    # policy ignores; the account must still be masked as a bank account
    text = "Namn\nTelefon\nUtbetalning till\nKozlov, Roman\n+46702418767\n8144-8 7344748335\nAZF79P"
    found = {(text[d.start : d.end], d.entity_type) for d in analyze_text(text)}
    assert ("8144-8 7344748335", entities.SE_BANK_ACCOUNT) in found


def test_policy_lists_its_ignored_types() -> None:
    assert entities.SE_ORGANISATIONSNUMMER in load_policy(None).ignored_types()


def test_two_letter_part_of_a_masked_name_is_masked_elsewhere(masker) -> None:
    from .conftest import make_pdf, page_text

    doc = make_pdf([
        "Handläggaren Vy Phi Nguyen tog emot ansökan.",
        "Senare ringde Vy och frågade om beslutet.",
        "Vi har svarat att beslutet kommer i maj.",
    ])
    result = masker.mask_bytes(doc.tobytes())
    text = page_text(result.output)
    assert "Vy" not in text and "Nguyen" not in text
    assert "Vi har svarat" in text  # a function word is never a name part to propagate
