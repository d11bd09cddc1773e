"""Tests for the ICD-10(-SE) diagnosis code recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.icd10 import Icd10Recognizer

REC = Icd10Recognizer()
ICD = entities.ICD10_CODE


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [ICD]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "code", ["F32.1", "F43.8A", "M54.5", "F32.9", "S72.00", "Z73.0", "J45.0", "U07.1", "E11.9"]
)
def test_dotted_codes(code: str) -> None:
    assert found(f"Patienten har {code} sedan tidigare.") == [(code, 0.85)]


def test_dotted_code_punctuation() -> None:
    assert found("Utmattningssyndrom (F43.8A).") == [("F43.8A", 0.85)]
    assert found("F32.1, F41.1") == [("F32.1", 0.85), ("F41.1", 0.85)]


@pytest.mark.parametrize(
    "text, code",
    [
        ("Diagnos: J45", "J45"),
        ("Huvuddiagnos F321", "F321"),
        ("Dg F438A", "F438A"),
        ("ICD-10: E11", "E11"),
        ("Sjukskriven på grund av F32", "F32"),
        ("Läkarintyget anger M545 som orsak", "M545"),
        ("Patienten har sjukdomen E11 sedan 2010", "E11"),
        ("depression (F32)", "F32"),
        ("astma (J45)", "J45"),
    ],
)
def test_undotted_codes_with_context(text: str, code: str) -> None:
    assert found(text) == [(code, 0.75)]


def test_code_list_continues_context() -> None:
    text = "Diagnoser: F32.1 Depression, F41.1 Generaliserat ångestsyndrom, J45 Astma och E11 Diabetes"
    assert found(text) == [("F32.1", 0.85), ("F41.1", 0.85), ("J45", 0.75), ("E11", 0.75)]


@pytest.mark.parametrize(
    "text",
    [
        "J45",
        "E11",
        "F321",
        "A4",
        "papper i A4-format",
        "B12",
        "vitamin B12",
        "Diagnos: brist på vitamin B12",
        "väg E4",
        "E45 mot Göteborg",
        "E20",
        "Volvo V70",
        "Volvo S60",
        "sal B204",
        "Mötet hålls i rum C301.",
        "Bilaga B12.1",
        "Tabell A12.3",
        "ICD-10-SE",
        "COVID-19",
        "ZV100",
        "KVÅ DA024",
        "version V12.3.1",
        "U50.1",  # U only for the listed special codes
        "ABC 123",
        "F32.1.2",
        "Dnr 2024/12345",
        "f32.1",
    ],
)
def test_not_diagnosis_codes(text: str) -> None:
    assert found(text) == []


def test_context_words_declared() -> None:
    for stem in ("diagnos", "icd", "dg", "sjukdom", "läkarintyg", "sjukskriv"):
        assert stem in REC.context


# -- OCR-damaged codes (scanned documents) -------------------------------------------------------
@pytest.mark.parametrize(
    "text, code",
    [
        ("Diagnos\n640.9 Epilepsi, ospecificerad", "640.9"),  # G read as 6
        ("har migrän, ospecificerad (643.9) och behöver tillsyn", "643.9"),
        ("fraktur på mellanhandsben (562.3) och att jag", "562.3"),  # S read as 5
        ("diagnoserna C189\ntjocktarmscancer och 693.3 kroniskt trötthetssyndrom", "693.3"),
        ("Diagnos\n273.0 Utbrändhet", "273.0"),  # Z read as 2
        ("Bidiagnos: 813.1", "813.1"),  # B read as 8
        ("ICD-10: 025.9", "025.9"),  # O read as 0
        ("Diagnos: s62.3", "s62.3"),  # a lower-case twin
        ("Diagnos F4l.1", "F4l.1"),  # a digit read as a letter
        ("Diagnos: F32,1", "F32,1"),  # the dot read as a comma
        ("har Gulistan diagnoserna F10:2\nalkoholberoende och M54.5", "F10:2"),  # or a colon
        ("273.0 Utbrändhet, J45.9 Astma", "273.0"),  # another code on the line
    ],
)
def test_ocr_damaged_codes_in_medical_context(text: str, code: str) -> None:
    assert (code, 0.6) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "640.9",  # no medical context
        "Diagnos: 312.4",  # 3 looks like no letter
        "Diagnos: Hb 134.0 g/l",  # a lab value
        "Sjukskriven, vikt 102.5 kg",
        "Epilepsi; P-Glukos 612.5",
        "Sjukdomen kostar 640.9 kr",  # an amount
        "Sjukskriven, ersättning 612,50 per dag",  # a decimal number
        "Diagnos 1 640.9",  # the second group of a number
        "Diagnos 0lO.1",  # too many look-alikes
        "Diagnos: 640.9.1",
        "Diagnos 2024.05.01",  # a date
        "Sjukskrivning enligt SFS 2010:110",
        "Diagnos enligt 123:4",  # a reference with a colon
        "Dnr 2024/640.9",
        "Epilepsi sedan 2019",
    ],
)
def test_ocr_lookalikes_are_not_codes_without_reason(text: str) -> None:
    assert found(text) == []


def test_undamaged_code_is_reported_once() -> None:
    assert found("Diagnos F32.1") == [("F32.1", 0.85)]


@pytest.mark.parametrize(
    "text, code",
    [
        ("reumatoid artrit, ospecificerad (M069). Läkaren", "M069"),  # medical word not right before
        ("skrev att jag har SPE\ner ng 6 (F432) och att jag ska vara sjukskriven", "F432"),  # after
        ("recidiverande depression, MEdebyvar Fplsod (F331) och att", "F331"),
    ],
)
def test_bracketed_code_with_medical_word_in_its_sentence(text: str, code: str) -> None:
    assert found(text) == [(code, 0.75)]


@pytest.mark.parametrize(
    "text, code",
    [
        ("Diagnos\n110 Essentiell hypertoni", "110"),  # I10
        ("jag har cerebral infarkt (1639) och att jag ska vara", "1639"),  # I639
        ("diagnoserna M54.2 cervikalgi\noch 5835 korsbandsskada i knäled.", "5835"),  # S835
        ("diagnoserna F32.1 medelsvår\ndepressiv episod och 110 essentiell hypertoni.", "110"),
        ("Diagnos\nR52.2 Annan kronisk smärta\n110 Essentiell hypertoni", "110"),  # a list
    ],
)
def test_undotted_code_with_letter_read_as_digit(text: str, code: str) -> None:
    assert (code, 0.5) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "sjukskriven (100) dagar",  # three digits in brackets: a number
        "Diagnos: sjukdom sedan (1998)",  # a year
        "diagnoserna F32.1 och 1200 patienter",  # no medical word after
        "Diagnos: 110",
        "Diagnos\n110 kr",
        "Epilepsi (tabell 110)",
        "Patienten har diabetes och tar vitamin (B12)",
        "Volvo (S60) med astmafilter",
        "Kod 1234",
    ],
)
def test_numbers_stay_numbers(text: str) -> None:
    assert [c for c, _ in found(text) if not c.startswith("F32")] == []


def test_damaged_code_in_brackets_after_a_health_lexicon_word() -> None:
    """Beyond the medical word endings: any word of the health lexicon before the bracket."""
    assert found("Uppgift: kärlkramp (120.9)\nÖvrigt") == [("120.9", 0.6)]
    assert found("Uppgift: trädgård (120.9)\nÖvrigt") == []
    assert found("Kommunen (148.9) mot året innan (140.2)") == []
    # the line wraps between the word and its bracket
    assert found("Samtal med mottagningen om kärlkramp\n(120.9). Nästa möte i maj.") == [("120.9", 0.6)]
    assert found("Samtal med mottagningen om trädgård\n(120.9). Nästa möte i maj.") == []


def test_undotted_code_in_brackets_after_an_abbreviation() -> None:
    text = "Hennes MS (G35) har förvärrats."
    assert [(text[r.start : r.end], r.score) for r in REC.analyze(text, ["ICD10_CODE"])] == [("G35", 0.75)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("jag har en hjärtinfarkt (1219) sedan i fjol", [("1219", 0.5)]),  # the ending of a compound
        ("han fick hjärtinfarkten (1219) i maj", [("1219", 0.5)]),  # ... inflected
        ("jag har en hjärtvän (1219) sedan i fjol", []),  # no medical word in the sentence
        ("Uppgift: ländryggsskada (533.7)\nÖvrigt", [("533.7", 0.6)]),  # an OCR-damaged code
        ("Uppgift: ländryggsskadlig (533.7)\nÖvrigt", []),  # no ending of a medical word
    ],
)
def test_medical_word_at_the_end_of_a_compound(text: str, expected: list) -> None:
    assert found(text) == expected


# -- a code opening a diagnosis field's value, its label far away (a table's label column) --------
@pytest.mark.parametrize(
    "text, code",
    [
        ("Namn\nAdress\nDiagnos\nTelefon\nOla Ek\nStorgatan 2\nG35 Multipel skleros\n070-1", "G35"),
        ("Patient\nKarin Ek\nM545 Lumbago\n", "M545"),
        ("Patient\nKarin Ek\nJ45 astma, ospecificerad\n", "J45"),
        ("Patient\nKarin Ek\n- K50 Crohns sjukdom\n", "K50"),
    ],
)
def test_undotted_code_leading_a_diagnosis_line(text: str, code: str) -> None:
    assert found(text) == [(code, 0.75)]


@pytest.mark.parametrize(
    "text",
    [
        "Rum\nE4 Stockholm–Uppsala\n",  # a road, no diagnosis after it
        "Plats\nB12 Konferensrum\n",
        "Hon tog E20 mot Göteborg och hade astma.",  # not opening its line
        "Nummer\nA12 smärtmottagningen\n",  # a care unit is no diagnosis
    ],
)
def test_undotted_code_at_a_line_start_needs_a_diagnosis_after_it(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Hälsa: återkommande migrän (GI\nHyra: 5 000 kr", "(GI"),  # OCR read "(G43.9)" as "(GI"
        ("Uppgift: astma (J4S\nÖvrigt", "(J4S"),
    ],
)
def test_code_read_as_a_fragment_after_a_diagnosis(text: str, fragment: str) -> None:
    assert found(text) == [(fragment, 0.5)]


@pytest.mark.parametrize(
    "text", ["Kommunen (FI\nHyra", "Hälsa: depression (Typ 2)", "diabetes (se bilaga)", "Bor i Stockholm (SE)"]
)
def test_no_fragment_without_a_diagnosis_before_it(text: str) -> None:
    assert found(text) == []
