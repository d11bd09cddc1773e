"""Decide per value: every occurrence of a masked value is masked, and a person-name value that
is a common word links only its capitalised occurrences, in masking and in verification alike."""

from __future__ import annotations

import pytest

from masking import entities
from masking.api import text_page
from masking.model import Detection
from masking.policy import load_policy
from masking.stages.decide import decide
from masking.verify import MaskedValue, values_in_text
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


@pytest.mark.parametrize("given", ["Eva", "Axel", "Linnea", "Ebba", "Elsa"])
@pytest.mark.parametrize("surname", ["Vinter", "Berg", "Holm"])
def test_a_common_word_surname_is_linked_beside_a_given_name_that_is_also_a_word(given, surname) -> None:
    # Eva, Axel, Linnea, Ebba are also entries of the Swedish lexicon: still the person's given name
    text = f"Sökande: {given} {surname}\n{surname} har kompletterat ansökan.\n"
    name = Detection(entities.PERSON, 0, 9, 9 + len(given) + 1 + len(surname), 0.85, "test")
    out = decide(load_policy(None), [text_page(text)], [[name]])
    masked = sorted(text[d.start : d.end] for d in out)
    assert masked == sorted([f"{given} {surname}", surname])


def test_a_common_word_beside_an_english_word_name_is_not_linked() -> None:
    # Page is a given name and an English word: Up of 'Page Up' is not spread
    text = "Tryck Page Up.\nUp och ner.\n"
    det = Detection(entities.PERSON, 0, 6, 13, 0.85, "test")
    out = decide(load_policy(None), [text_page(text)], [[det]])
    assert [text[d.start : d.end] for d in out] == ["Page Up"]



def _masked(text: str, spans: list[tuple[int, int]], include_review: bool = False) -> list[tuple[str, bool]]:
    found = [Detection(entities.PERSON, 0, s, e, 0.85, "spacy_ner") for s, e in spans]
    out = decide(load_policy(None), [text_page(text)], [found], include_review=include_review)
    return sorted((text[d.start : d.end], d.auto) for d in out)


def test_a_recurring_word_without_name_evidence_is_proposed_not_masked() -> None:
    # an agency or product name taken for a person: named over and over, never as a person is
    text = "Riktlinjerna gäller för Kvarnby.\nKvarnbys riktlinjer finns på webbplatsen.\nFrågor till Kvarnby.\n"
    at = text.index("Kvarnby")
    assert _masked(text, [(at, at + 7)]) == []
    proposed = _masked(text, [(at, at + 7)], include_review=True)  # an official may still mask it
    assert proposed and not any(auto for _, auto in proposed)


def test_a_part_of_a_name_that_is_a_common_word_spreads_only_beside_a_known_name() -> None:
    # a heading taken for a name does not mask its common word wherever it stands capitalised
    text = "Tralvex Beskrivning\nBeskrivning\nFältet visas i listan.\n"
    assert _masked(text, [(0, 19)]) == [("Tralvex Beskrivning", True)]
    # a surname that is a common word, beside a known first name, does (Elsa Vinter, above)


def test_a_value_of_unknown_words_written_in_lower_case_elsewhere_is_proposed_not_masked() -> None:
    # a product name taken for a person: the document writes it as a word (a package name)
    text = "Navigera med Kvarnby Tralvex.\nInstallera paketet kvarnby-tralvex först.\n"
    assert _masked(text, [(13, 28)]) == []


def test_a_name_in_lower_case_that_is_itself_found_or_in_an_address_still_counts_as_a_name() -> None:
    text = "Kopia: Wrya Xhemajli <wrya.xhemajli@example.se>\nhej wrya xhemajli, tack för svaret.\n"
    low = text.index("wrya xhemajli,")
    masked = _masked(text, [(7, 20), (low, low + 13)])
    assert ("Wrya Xhemajli", True) in masked and ("wrya xhemajli", True) in masked
    # without the lower-case finding, the address alone does not make the name a word
    assert ("Wrya Xhemajli", True) in _masked(text.split("\n")[0] + "\n", [(7, 20)])


@pytest.mark.parametrize("given, surname", [("Abdiqani", "Xhemajli"), ("Arben", "Tesfalidet"), ("Thi Lan", "Qerimi")])
def test_a_name_introduced_once_is_masked_in_every_lone_occurrence(given: str, surname: str) -> None:
    text = f"Sökande: {given} {surname}\n{surname} har kompletterat.\n{surname}s ombud ringde.\nSvar till {surname}.\n"
    at = text.index(given)
    masked = _masked(text, [(at, at + len(given) + 1 + len(surname))])
    assert all(auto for _, auto in masked)
    assert sum(surname in v for v, _ in masked) == 4


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


def test_a_surname_that_is_a_place_and_a_word_is_masked_alone_after_the_full_name() -> None:
    from masking.api import analyze_text

    text = "Sökande: Anna Berg\nBerg har kompletterat ansökan. Berg skickade också ett intyg.\n"
    masked = [text[d.start : d.end] for d in analyze_text(text) if d.entity_type == entities.PERSON and d.auto]
    assert masked.count("Berg") == 2 and any("Anna Berg" in m for m in masked)


def test_a_name_also_written_in_lower_case_where_it_is_found_is_masked_alone_too() -> None:
    # an informal 'hej xhemajli' found as a name does not make the surname a common word
    text = "Sökande: Wrya Xhemajli\nhej xhemajli, tack för svaret.\nXhemajli har ringt igen.\n"
    low = text.index("xhemajli,")
    masked = _masked(text, [(9, 22), (low, low + 8)])
    assert ("Xhemajli", True) in masked and all(auto for _, auto in masked)


@pytest.mark.parametrize("make, model", [("Ford", "Focus"), ("Mercedes", "Sprinter"), ("Ford", "S70")])
def test_a_name_that_is_a_car_make_is_not_linked_to_the_car(make: str, model: str) -> None:
    # the person's name is masked alone too; the make before a model is a car, not the person
    text = f"Sökande: Tova {make}\n{make} har kompletterat. Hon kör en {make} {model} till jobbet.\n"
    name = Detection(entities.PERSON, 0, 9, 9 + 5 + len(make), 0.85, "test")
    out = decide(load_policy(None), [text_page(text)], [[name]])
    car = text.index(f"{make} {model}")
    assert sorted(d.start for d in out) == [9, text.index(f"\n{make}") + 1]
    assert all(not (d.start <= car < d.end) for d in out)
    # verification searches by the same rule: the car left readable is no leak, the name is
    left = text[:9] + "X" * (5 + len(make)) + text[9 + 5 + len(make):]
    value = MaskedValue(make.lower(), entities.PERSON, (make,))
    assert value.skip is not None and values_in_text(left.replace(f"\n{make}", "\nX"), [value]) == []
    assert values_in_text(left, [value]) == [value]
    assert MaskedValue("ford", entities.PHONE_NUMBER).skip is None


def test_a_name_that_is_a_car_make_is_masked_and_the_car_released(masker) -> None:
    lines = [
        "Namn: Tova Ford",
        "Ford har kompletterat ansökan med läkarintyg.",
        "Bilen är en Ford Focus av årsmodell 2015.",
    ]
    result = masker.mask_bytes(make_pdf(lines).tobytes())
    text = page_text(result.output)
    assert result.verification.passed
    assert "Tova" not in text and "Ford har" not in text
    assert "Ford Focus" in text


def test_the_raw_object_scan_skips_the_car_as_the_text_layer_check_does() -> None:
    from masking.verify import _RawScanner

    scanner = _RawScanner([MaskedValue("ford", entities.PERSON, ("Ford",))])
    assert scanner.find(b"BT (Bilen: en Ford Focus) Tj ET") is None
    assert scanner.find(b"BT (Ford har ringt) Tj ET") is not None


@pytest.mark.parametrize("head", ["museet", "priset", "gatan"])
def test_a_name_part_is_not_linked_to_an_institution_named_after_someone(head: str) -> None:
    text = f"Utställningen om Tova Qerimi öppnar i maj.\nBesök Qerimi-{head} i sommar. Qerimi ringde.\n"
    at = text.index("Tova")
    out = decide(load_policy(None), [text_page(text)], [[Detection(entities.PERSON, 0, at, at + 11, 0.85, "test")]])
    masked = sorted(text[d.start : d.end + 1] for d in out)
    assert masked == ["Qerimi ", "Tova Qerimi "]  # the lone surname, not the institution's name
    value = MaskedValue("qerimi", entities.PERSON, ("Qerimi",))
    assert values_in_text(f"Besök Qerimi-{head} i sommar.", [value]) == []
    assert values_in_text("Qerimi-Lind ringde. Qerimi-\nson", [value]) == [value]  # a double name is the name
