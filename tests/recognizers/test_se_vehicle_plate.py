"""Tests for the Swedish registration plate recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.se_vehicle_plate import SeVehiclePlateRecognizer

REC = SeVehiclePlateRecognizer()
PLATE = entities.SE_VEHICLE_PLATE


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [PLATE]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "plate", ["ABC 123", "ABC123", "ABC 12A", "ABC12A", "XYZ 789", "MLB 07P", "ABC\u00a0123"]
)
def test_upper_case_plates(plate: str) -> None:
    assert found(f"I anteckningen stod {plate} tydligt") == [(plate, 0.6)]


@pytest.mark.parametrize(
    "text, plate",
    [
        ("Bilen med reg.nr ABC 123 stod utanför.", "ABC 123"),
        ("Registreringsnummer: ABC 12A", "ABC 12A"),
        ("regnr: XYZ789", "XYZ789"),
        ("Fordonet (ABC 123) besiktigades", "ABC 123"),
        ("en Volvo XYZ 789.", "XYZ 789"),
        ("Han körde bil GHT 456 till jobbet", "GHT 456"),
    ],
)
def test_upper_case_with_context(text: str, plate: str) -> None:
    assert found(text) == [(plate, 0.85)]


def test_lower_case() -> None:
    assert found("skrivet abc 123 i marginalen") == [("abc 123", 0.3)]
    assert found("regnr abc 123") == [("abc 123", 0.6)]


@pytest.mark.parametrize(
    "text",
    [
        "SFS 2010",
        "KAP 12",
        "OSL 123",
        "ICD 10",
        "EUR 100",
        "SEK 500",
        "USD 250",
        "CRP 120",
        "BOX 123",
        "TEL 070-123 45 67",
        "IBC 123",  # I is never used
        "ABV 123",  # V is never used
        "QRS 123",  # Q is never used
        "ÅBC 123",
        "ABC 1234",
        "XABC 123",
        "ABC 123 456",
        "ABC-123",
        "Abc 123",  # mixed case
        "per 100 000 invånare",
        "och 123 personer",
        "NJA 2022 s. 492",
        "SOU 2023:45",
        "ABC 12.5",
        "E45 och E20",
    ],
)
def test_not_plates(text: str) -> None:
    assert found(text) == []


def test_context_words_declared() -> None:
    for stem in ("regnr", "registrering", "fordon", "bil"):
        assert stem in REC.context


def test_unspaced_plate_with_abbreviation_letters() -> None:
    # "PRP 942" is an abbreviation before a number; glued together it is a plate
    assert found("PRP942") == [("PRP942", 0.6)]
    assert found("PRP 942") == []
    assert found("SEK100") == [] and found("CRP120") == []


# -- OCR-damaged plates (scanned documents) ------------------------------------------------------
@pytest.mark.parametrize(
    "text, plate, score",
    [
        ("CZLO64", "CZLO64", 0.5),  # O for 0
        ("UULÖ79", "UULÖ79", 0.5),
        ("Hon har tillgång till bil (UYRO57) men", "UYRO57", 0.75),
        ("HNH27]", "HNH27]", 0.5),  # ] for a final J
        ("ABC 1S2", "ABC 1S2", 0.5),  # S for 5
        ("Bäsra Altun\nSPj 033\nBäsra", "SPj 033", 0.5),  # one letter in lower case
        ("JIM708", "JIM708", 0.5),  # I is never used: a misread J
        ("XC) 987", "XC) 987", 0.5),  # ) for J
        ("HEPS6K", "HEPS6K", 0.5),  # new format: one real digit and a final letter suffice
        ("ABC 12O", "ABC 12O", 0.5),  # O is never the final letter: the zero typed or read as O
    ],
)
def test_ocr_lookalikes_in_plates(text: str, plate: str, score: float) -> None:
    assert found(text) == [(plate, score)]


@pytest.mark.parametrize(
    "text",
    ["KONSUM", "HEJ OO7", "ABC OS1", "SOS 1O", "SEK 1O0", "BOSSE", "KAP 1S", "Abc 123",
     "SPj 0O3", "Kap 123", "Sek 100", "IBC 123", "(AB) 123", "BIL 123", "ABCS1"],
)
def test_ocr_lookalikes_need_two_digits_and_one_lookalike(text: str) -> None:
    assert found(text) == []


def test_abbreviation_letters_alone_in_a_vehicle_column() -> None:
    table = "Namn\nTelefon\nReg.nr\nMuna Osman\n072-153 53 76\nPBL 377\nMahad Osman"
    assert found(table) == [("PBL 377", 0.6)]
    assert found("Enligt 9 kap. PBL 377 ansökningar") == []  # in running text
    assert found("Reg.nr\nSEK 100") == []  # a currency stays one


def test_vehicle_word_must_be_elsewhere_than_the_value() -> None:
    assert found("BIL 123") == []  # "bil" is the value itself, not a column header



@pytest.mark.parametrize(
    "text, plate",
    [
        ("Bilen KLM45O står på gatan.", "KLM45O"),  # a final O: the zero typed as a letter
        ("fordon: rst 30o enligt beslutet", "rst 30o"),
    ],
)
def test_final_o_is_a_zero_typed_as_a_letter(text: str, plate: str) -> None:
    assert [(s, sc) for s, sc in found(text) if sc >= 0.4 and s == plate]


def test_lower_case_plate_with_l_read_as_i_needs_a_vehicle_word() -> None:
    assert ("kil 43d", 0.6) in found("Han körde iväg, reg.nr kil 43d, mot centrum.")
    assert [s for s, sc in found("det är 10 mil 120 km bort") if sc >= 0.4] == []
    assert [s for s, sc in found("reg.nr iii 43d") if sc >= 0.4] == []


def test_two_look_alikes_only_with_a_vehicle_word() -> None:
    assert ("KLMOS7", 0.75) in found("iväg i bil med reg.nr KLMOS7. Sedan")
    assert found("Han har ABCOS7 i lager") == []
    assert found("reg.nr ABCOSO") == []  # no real digit


def test_ocr_speck_before_a_plate_at_a_line_start() -> None:
    assert [s for s, sc in found("Fordon\n.TXA 466, Volvo V70") if sc >= 0.4] == ["TXA 466"]
    assert found("se kap.ABC 123") == []


@pytest.mark.parametrize(
    "text, plate",
    [
        ("Fordon\nKO012B, Volvo V70\nVittne", "KO012B"),  # a letter O read as the digit 0
        ("Reg.nr:\nTR0 451\n", "TR0 451"),
        ("Bilen RO0 451 stod parkerad", "RO0 451"),
    ],
)
def test_letter_o_read_as_zero(text: str, plate: str) -> None:
    assert found(text) == [(plate, 0.75)]


def test_vehicle_label_on_the_line_above_lifts_a_plate() -> None:
    assert found("Fordon\nKLM 123, Volvo") == [("KLM 123", 0.85)]
    assert found("0AB 123") == [] and found("Summa\nAB0 12") == []
