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
