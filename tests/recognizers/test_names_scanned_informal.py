"""Names in scanned informal writing: lower-case names after a self-introduction (``jag heter
…``) and a lower-case surname after a name found by its context, the display name before an
e-mail address (in any case, its space read as a dot by OCR), a name word OCR cut in two or broke
with a digit or symbol read for a letter (rule layer, NER layer, and the linking of occurrences
in stage *decide*). Every example is invented."""

from __future__ import annotations

import pytest

from masking import entities
from masking.model import Detection, PageText
from masking.policy import load_policy
from masking.stages.decide import Decider, _without_ocr_symbols
from recognizers.names.gazetteer import load_gazetteer
from recognizers.names.spans import split_word_end, with_ocr_glue
from recognizers.se_person_name import SePersonNameRecognizer

# the name recognizer (module fixture) and the spans it masks, as in its own tests
from .test_se_person_name import THRESHOLD, found, rec  # noqa: F401 (rec: a fixture)


# -- "jag heter ..." ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, name",
    [
        ("hej jag heter tuomas och jag vill klaga på beslutet", "tuomas"),
        ("hej! jag heter ingrid sandqvist och bor i malmö", "ingrid sandqvist"),
        ("Hej, mitt namn är leila och jag skriver för min mammas räkning", "leila"),
        ("jag heter per och har fått avslag", "per"),  # a name that is also a word, after "heter"
        ("min bror, han heter dragan, kan intyga det", "dragan"),
        ("Jag heter Sara Lindqvist och bor i Umeå.", "Sara Lindqvist"),  # capitalised as before
    ],
)
def test_name_after_a_self_introduction(rec: SePersonNameRecognizer, text: str, name: str) -> None:
    assert name in found(rec, text)


@pytest.mark.parametrize(
    "text",
    [
        "hej jag heter alltså inte det som står i brevet",
        "jag heter som sagt inget annat än förut",
        "vad heter handläggaren som har mitt ärende",
    ],
)
def test_no_name_after_heter_when_a_common_word_follows(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []


# -- a lower-case surname after a name found by its context ---------------------------------------
@pytest.mark.parametrize(
    "text, name",
    [
        ("jag kan inte jobba enligt min läkare tarja koskinen på vårdcentralen", "tarja koskinen"),
        # an OCR-damaged surname no lexicon knows
        ("min läkare dragan petrovié på psykiatrin har skrivit intyg", "dragan petrovié"),
        ("hej jag heter milica jovanović och vill överklaga", "milica jovanović"),
    ],
)
def test_lower_case_surname_joins_the_name_found_by_context(rec: SePersonNameRecognizer, text: str, name: str) -> None:
    assert name in found(rec, text)


def test_lower_case_name_stops_before_common_words(rec: SePersonNameRecognizer) -> None:
    assert found(rec, "min dotter tuulikki fått diagnosen i våras") == ["tuulikki"]
    assert found(rec, "hej anna tack för svaret") == ["anna"]


# -- the display name before an e-mail address ----------------------------------------------------
@pytest.mark.parametrize(
    "text, name",
    [
        ("Den 3 mars 2024 skrev farah warsame <farah.warsame@example.se>:", "farah warsame"),
        # OCR read the space inside the name (and of the address) as a dot or a space
        ("Den 3 mars 2024 skrev farah.warsame <farah.warsame@example.se>:", "farah.warsame"),
        ("Den 9 juni skrev tove kallenbiè <tove kallenbic@example.net>:", "tove kallenbiè"),
        ('Från: "Nuno Carvalho" <n.carvalho@example.com>', "Nuno Carvalho"),
        ("Från: Kerstin Hedlund <khedlund@example.se>", "Kerstin Hedlund"),  # two known names
    ],
)
def test_display_name_before_an_address(rec: SePersonNameRecognizer, text: str, name: str) -> None:
    assert name in found(rec, text)


@pytest.mark.parametrize(
    "text",
    [
        "Från: Kundtjänst <kundtjanst@example.se>",
        "skrev support <support@example.com>:",
        "Från: Skatteverket <info@example.se>",
        "Till: registrator <registrator@example.se>",
    ],
)
def test_display_name_of_a_function_is_no_person(rec: SePersonNameRecognizer, text: str) -> None:
    assert found(rec, text) == []


# -- words OCR broke -----------------------------------------------------------------------------
def test_name_word_broken_by_a_digit_read_for_a_letter(rec: SePersonNameRecognizer) -> None:
    assert "Amira Sal1hović" not in found(rec, "Kurator\nAmira Sal\n2024")  # sanity: nothing glued
    assert "Amira Bego3Zié" in found(rec, "Samtal med kurator\nAmira Bego3Zié\n12 maj 2025")


def test_ocr_glue_helpers() -> None:
    text = "Besök av Wi$Sniewska och Kov4lski i dag, Berg2 ej."
    s = text.index("Sniewska")
    assert text[slice(*with_ocr_glue(s, s + len("Sniewska"), text))] == "Wi$Sniewska"
    s = text.index("Kov")
    assert text[slice(*with_ocr_glue(s, s + 3, text))] == "Kov4lski"
    s = text.index("Berg")
    assert with_ocr_glue(s, s + 4, text) == (s, s + 4)  # a digit alone (a footnote) is no letter
    s = text.index("och")
    assert with_ocr_glue(s, s + 3, text) == (s, s + 3)


def test_split_word_end_for_spans_without_tokens() -> None:
    gaz = load_gazetteer()
    text = "Sökande\nWARSAME, Moham med\nPersonnummer"
    end = text.index("Moham") + len("Moham")
    assert text[: split_word_end(gaz, text, end)].endswith("Moham med")
    text = "Anna Berg kom in"  # a listed word keeps its end; "kom" does not make "Bergkom"
    assert split_word_end(gaz, text, text.index("Berg") + 4) == text.index("Berg") + 4


# -- linking the occurrences of a name OCR read with a symbol --------------------------------------
def test_without_ocr_symbols() -> None:
    assert _without_ocr_symbols("wi$sniewska") == ("wisniewska", "wissniewska")
    assert _without_ocr_symbols("ko$ak") == ("koak", "kosak")
    assert _without_ocr_symbols("kowal|czyk") == ("kowalczyk", "kowallczyk")
    assert _without_ocr_symbols("andersson") == ()
    assert _without_ocr_symbols("50$") == ()


def test_name_read_with_a_symbol_is_masked_where_read_without() -> None:
    text = ("Klient: Dorota Wi$Sniewska, född 1990.\nBesök. Wisniewska visar pass. Sedan ringde WiSniewska."
            "\nHon har skrivit till Ko$ak och Kosak.")
    page = PageText(0, 595.0, 842.0, 0, text, [], [])
    dets = []
    for name in ("Dorota Wi$Sniewska", "Ko$ak"):
        s = text.index(name)
        dets.append(Detection(entities.PERSON, 0, s, s + len(name), 0.9, "SePersonNameRecognizer"))
    out = Decider.of(load_policy(None)).decide([page], [dets])
    masked = [text[d.start : d.end] for d in out if d.auto]
    assert masked.count("Wisniewska") == 1 and masked.count("WiSniewska") == 1
    assert "Kosak" in masked


# -- capitals OCR misread, the list form wrapped in a cell ----------------------------------------
@pytest.mark.parametrize(
    "text, name",
    [
        ("Beslut\nAHMED lSMAIL\nStorgatan 4", "AHMED lSMAIL"),  # an I read as l
        ("Deltagare: ANNA LlNDQVIST, handläggare", "ANNA LlNDQVIST"),
        ("Telefon\nLlU, Van Thanh\n19860815", "LlU, Van Thanh"),  # a stroke read beside the I
    ],
)
def test_name_in_capitals_with_an_i_read_as_l(rec: SePersonNameRecognizer, text: str, name: str) -> None:
    assert name in found(rec, text)


def test_capitals_with_l_that_are_no_name(rec: SePersonNameRecognizer) -> None:
    assert found(rec, "VIKTIGT: läs AlLT om BESlUT innan du svarar") == []


def test_list_form_wrapped_in_a_table_cell(rec: SePersonNameRecognizer) -> None:
    text = "Namn\nAdress\nKowalczyk-Nowak,\nDorota\nStorgatan 1"
    assert "Kowalczyk-Nowak,\nDorota" in found(rec, text)
    # running text wrapped after a comma: two people, not one list-form name
    assert "Andersson,\nAnna" not in found(rec, "Vi har pratat med Andersson,\nAnna sa att hon kommer.")


def test_intro_phrases_leave_single_letters_alone(rec: SePersonNameRecognizer) -> None:
    # the words of the introduction phrases are stop words; a one-letter initial is not one
    assert "Lars E Svensson" in found(rec, "Beslutet fattades av Lars E Svensson i går.")
    assert "E. Lindahl" in found(rec, "Handläggare: E. Lindahl")
