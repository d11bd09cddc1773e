"""Names cut by a scan: a line break inside a name (a paragraph wrapped inside it, as OCR and
narrow columns give) is one span where the sentence runs on after the surname, while two people
in a list stay two; a name word OCR cut in two with a space is one word again."""

from __future__ import annotations

import pytest

from recognizers.se_person_name import SePersonNameRecognizer

# the name recognizer (module fixture) and the spans it masks, as in its own tests
from .test_se_person_name import THRESHOLD, found, rec  # noqa: F401 (rec: a fixture)


@pytest.mark.parametrize(
    "text, name",
    [
        # a surname that is also a given name
        ("Jag har pratat med min handläggare Lina\nAli om saken och hon lovade svar.", "Lina\nAli"),
        # an unknown word as surname
        ("Mötet leddes av Sofia\nNwachukwu som också förde protokoll.", "Sofia\nNwachukwu"),
        # a listed surname (as before)
        ("Beslutet fattades av Anna Maria\nLindqvist efter samråd.", "Anna Maria\nLindqvist"),
    ],
)
def test_name_wrapped_at_a_line_end_is_one_span(rec: SePersonNameRecognizer, text: str, name: str) -> None:
    assert name in found(rec, text)


def test_names_one_per_line_are_not_joined(rec: SePersonNameRecognizer) -> None:
    # a list of given names, and a name above a heading-like unknown word
    assert "Lina\nAli" not in found(rec, "Deltagare:\nLina\nAli\nSofia")
    assert not any("\n" in s for s in found(rec, "Kontakt: Sofia\nNorthvolt\nStorgatan 4"))


def test_name_word_cut_in_two_by_ocr_is_one_span(rec: SePersonNameRecognizer) -> None:
    # "Abdirah man": the piece after the space makes a listed name with the word before it
    assert found(rec, "Sökande: Hassan, Abdirah man\nAdress: Storgatan 1") == ["Hassan, Abdirah man"]
    assert found(rec, "Ärendet gäller Fatima Mohamm ed och hennes son.")[0] == "Fatima Mohamm ed"


def test_a_word_after_a_listed_name_stays_out(rec: SePersonNameRecognizer) -> None:
    # Berg is listed alone: "man" is the pronoun, even though Bergman is a name too
    assert found(rec, "Vi träffade Anna Berg man kan säga att det gick bra.") == ["Anna Berg"]
