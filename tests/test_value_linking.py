"""Decide per value: every occurrence of a masked value is masked, and a person-name value that
is a common word links only its capitalised occurrences, in masking and in verification alike."""

from __future__ import annotations

from masking import entities
from masking.api import text_page
from masking.model import Detection
from masking.policy import load_policy
from masking.stages.decide import decide
from masking.verify import MaskedValue
from recognizers.names.common import is_common_word, name_needs_capital

from .conftest import make_pdf, page_text


def test_common_words_and_short_keys_need_a_capital() -> None:
    assert is_common_word("vinter") and is_common_word("status") and is_common_word("strategy")
    assert not is_common_word("qerimi") and not is_common_word("annasvan")
    assert name_needs_capital("bo") and name_needs_capital("intelligens")
    assert not name_needs_capital("qerimi")
    # verification reads the same rule as the decide stage
    assert MaskedValue("intelligens", entities.PERSON).require_capital
    assert not MaskedValue("qerimi", entities.PERSON).require_capital
    assert not MaskedValue("status", entities.PHONE_NUMBER).require_capital


def test_a_heading_taken_for_a_name_never_masks_the_word_in_running_text() -> None:
    text = "Artificiell Intelligens\nDen artificiella intelligensen och artificiell intelligens i stort.\n"
    heading = Detection(entities.PERSON, 0, 0, len("Artificiell Intelligens"), 0.85, "test")
    out = decide(load_policy(None), [text_page(text)], [[heading]])
    masked = [text[d.start : d.end] for d in out]
    assert masked == ["Artificiell Intelligens"]


def test_a_name_part_that_is_a_word_is_linked_where_capitalised() -> None:
    text = "Namn: Elsa Vinter\nVinter har kompletterat ansökan. Ansökan kom in i vinter.\n"
    name = Detection(entities.PERSON, 0, 6, 17, 0.85, "test")
    out = decide(load_policy(None), [text_page(text)], [[name]])
    masked = sorted((d.start, text[d.start : d.end]) for d in out)
    assert masked == [(6, "Elsa Vinter"), (18, "Vinter")]


def test_a_value_found_in_one_form_is_masked_in_every_occurrence(masker, analyzer) -> None:
    # The label line is found by the recognizers; the sentence that opens with the surname (a
    # common word) is not. The value is linked, so the output verifies (no false withholding)
    # and neither occurrence can be extracted; the word in lower case stays readable.
    lines = [
        "Namn: Elsa Vinter",
        "Vinter har kompletterat ansökan med läkarintyg.",
        "Ansökan kom in i vinter.",
    ]
    alone = lines[1]
    assert not any(
        f.entity_type == entities.PERSON and alone[f.start : f.end] == "Vinter" and f.score >= 0.4
        for f in analyzer.analyze(alone)
    )
    result = masker.mask_bytes(make_pdf(lines).tobytes())
    text = page_text(result.output)
    assert "Elsa" not in text and "Vinter" not in text
    assert "i vinter" in text
