"""Names whose diacritics a scan's OCR misread (recognizers/names/diacritics.py and its use by the
classifier and the name recognizer): matched like a name, never as strongly as a listed one."""

from __future__ import annotations

from recognizers.names.diacritics import DAMAGED_FIRST, DAMAGED_SURNAME, DamagedNames
from recognizers.names.flags import FN, HOMO, MORPH, SN, TITLE
from recognizers.se_person_name import SePersonNameRecognizer

# the name recognizer (module fixture) and the spans it masks, as in its own tests
from .test_se_person_name import THRESHOLD, found, rec  # noqa: F401 (rec: a fixture)


def test_a_diacritic_letter_may_be_read_as_one_or_two_other_letters() -> None:
    names = DamagedNames(["Željko", "Søren"], ["Kovačević", "Zieliński"])
    assert names("KovaCevié") == DAMAGED_SURNAME  # č as a capital, ć as é
    assert names("Kovacevic") == DAMAGED_SURNAME
    assert names("Zielifski") == DAMAGED_SURNAME  # ń as two letters
    assert names("Zeljko") == DAMAGED_FIRST
    assert names("Sgren") == DAMAGED_FIRST  # ø as g


def test_the_letters_without_diacritics_must_all_be_there() -> None:
    names = DamagedNames(["Željko"], ["Kovačević"])
    assert names("Korecevic") == 0  # a plain letter misread: not this class
    assert names("Kovaevi") == 0  # a diacritic letter lost altogether
    assert names("Kovačevićeva") == 0  # whole words only
    assert names("Željkovski") == 0


def test_short_names_and_names_mostly_of_diacritic_letters_are_left_out() -> None:
    names = DamagedNames(["Åsa", "Ödön"], ["Öçal"])
    assert names("Asa") == 0 and names("Ysa") == 0
    assert names("Odon") == 0 and names("Ocal") == 0


def test_classifier_marks_a_damaged_name_weaker_than_a_listed_one(rec: SePersonNameRecognizer) -> None:
    shape, flags = rec.classify("KovaCevié")
    assert shape == TITLE  # the capital inside is OCR's, not a word like BankID
    assert flags & MORPH and not flags & (FN | SN)
    _, first = rec.classify("Gékhan")  # Gökhan, ö read as é
    assert first & FN and first & HOMO and not first & SN
    assert rec.classify("Gökhan")[1] & FN and not rec.classify("Gökhan")[1] & HOMO


def test_common_words_and_lower_case_words_are_no_damaged_names(rec: SePersonNameRecognizer) -> None:
    assert not rec.classify("Strom")[1] & (FN | MORPH)  # an English word, not Ström read badly
    assert not rec.classify("kovacevié")[1] & (FN | SN | MORPH)
    assert rec.classify("BankID")[0] != TITLE


def test_damaged_surname_after_a_first_name_and_again_alone_is_masked(rec: SePersonNameRecognizer) -> None:
    text = (
        "Närvarande vid sammanträdet var Dragana KovaCevié och två ledamöter.\n"
        "Ledamoten KovaCevié reserverade sig mot beslutet."
    )
    assert found(rec, text) == ["Dragana KovaCevié", "KovaCevié"]


def test_damaged_first_name_with_a_surname_is_masked_but_not_alone(rec: SePersonNameRecognizer) -> None:
    assert found(rec, "Beslutet fattades av Gékhan Türkmen efter samråd.") == ["Gékhan Türkmen"]
    assert found(rec, "Beslutet fattades av Zeljko Sarié efter samråd.") == ["Zeljko Sarié"]
    assert found(rec, "Vi läste om Gékhan i tidningen.") == []
