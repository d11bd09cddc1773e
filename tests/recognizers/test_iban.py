"""Tests for the IBAN recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import INVALID_CHECKSUM, VALID
from recognizers.iban import IBAN_LENGTHS, IbanRecognizer, mod97_ok

REC = IbanRecognizer()
IBAN = entities.IBAN_CODE

# Published specimen IBANs (IBAN registry examples), printed in groups of four.
SPECIMENS = [
    "SE45 5000 0000 0583 9825 7466",
    "DE89 3704 0044 0532 0130 00",
    "DK50 0040 0440 1162 43",
    "NO93 8601 1117 947",
    "FI21 1234 5600 0007 85",
    "GB29 NWBK 6016 1331 9268 19",
    "FR14 2004 1010 0505 0001 3M02 606",
    "ES91 2100 0418 4502 0005 1332",
    "IT60 X054 2811 1010 0000 0123 456",
    "NL91 ABNA 0417 1643 00",
    "PL61 1090 1014 0000 0712 1981 2874",
    "BE68 5390 0754 7034",
    "AT61 1904 3002 3457 3201",
    "CH93 0076 2011 6238 5295 7",
    "IE29 AIBK 9311 5212 3456 78",
    "PT50 0002 0123 1234 5678 9015 4",
    "EE38 2200 2210 2014 5685",
    "LV80 BANK 0000 4351 9500 1",
    "LT12 1000 0111 0100 1000",
    "TR33 0006 1005 1978 6457 8413 26",
]


def found(text: str) -> list[tuple[str, float, str]]:
    results = sorted(REC.analyze(text, [IBAN]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2), r.recognition_metadata["validation"]) for r in results]


def test_length_table_matches_specimens() -> None:
    for specimen in SPECIMENS:
        compact = specimen.replace(" ", "")
        assert IBAN_LENGTHS[compact[:2]] == len(compact)
        assert mod97_ok(compact)


@pytest.mark.parametrize("specimen", SPECIMENS)
@pytest.mark.parametrize("form", ["grouped", "compact", "lower"])
def test_valid_ibans_in_every_form(specimen: str, form: str) -> None:
    written = {
        "grouped": specimen,
        "compact": specimen.replace(" ", ""),
        "lower": specimen.lower(),
    }[form]
    text = f"Beloppet betalas till IBAN: {written}, BIC anges separat."
    assert found(text) == [(written, 1.0, VALID)]


def test_space_after_country_code() -> None:
    assert found("IBAN SE 45 5000 0000 0583 9825 7466") == [("SE 45 5000 0000 0583 9825 7466", 1.0, VALID)]


def test_following_word_or_group_is_not_swallowed() -> None:
    text = "IBAN SE45 5000 0000 0583 9825 7466 BIC ESSESESS"
    assert found(text) == [("SE45 5000 0000 0583 9825 7466", 1.0, VALID)]
    text = "IBAN: se45 5000 0000 0583 9825 7466 till mottagaren"
    assert found(text) == [("se45 5000 0000 0583 9825 7466", 1.0, VALID)]
    text = "NO93 8601 1117 947 1234"
    assert found(text) == [("NO93 8601 1117 947", 1.0, VALID)]


def test_invalid_checksum_still_found() -> None:
    assert found("IBAN SE45 5000 0000 0583 9825 7467") == [
        ("SE45 5000 0000 0583 9825 7467", 0.5, INVALID_CHECKSUM)
    ]
    assert found("DE88370400440532013000") == [("DE88370400440532013000", 0.5, INVALID_CHECKSUM)]


def test_unlisted_country_needs_a_valid_checksum() -> None:
    assert found("BI42 1000 0100 0100 0033 2045 181") == [("BI42 1000 0100 0100 0033 2045 181", 0.8, VALID)]
    assert found("BI43 1000 0100 0100 0033 2045 181") == []


@pytest.mark.parametrize(
    "text",
    [
        "SE45 5000 0000 0583 9825 746",  # one character short
        "SE45 5000 0000 0583 9825 74661",  # glued extra digit
        "XSE45 5000 0000 0583 9825 7466",
        "Datum 2024-03-15 och 20240315",
        "Belopp 1 234 567,00 kr",
        "Dnr 2024/12345",
        "FK 2023-123456",
        "SFS 2010:110",
        "OCR 4581121898761234",
        "4581 1218 9876 1234",
        "Personnummer 811218-9876",
        "AB12 CDEF GHIJ KLMN OPQR",
        "Se 12 till dess att 1234 5678 betalats",
        "De12 Abcd Efgh 1234 5678 9012",
        "ISO 9001 2015 1234 5678",
    ],
)
def test_look_alikes_not_found(text: str) -> None:
    assert found(text) == []


def test_ocr_hyphen_or_full_stop_between_groups_when_valid() -> None:
    """OCR reads a space between groups as a hyphen or a full stop."""
    text = "070-981 02 61\nSE30 9150-0000 0915 4476 7783\n-"
    assert found(text) == [("SE30 9150-0000 0915 4476 7783", 1.0, "valid")]
    assert found("SE30.9150.0000.0915.4476.7783.") == [("SE30.9150.0000.0915.4476.7783", 1.0, "valid")]
    # written with them, an invalid number is no IBAN (with spaces it still is, at 0.5)
    assert found("SE30 9150-0000 0915 4476 7784") == []


def test_check_digit_read_as_a_letter() -> None:
    ocr = "IBAN PL6I 1090 1014 0000 0712 1981 2874 betalas"
    found = [(ocr[r.start : r.end], r.recognition_metadata["validation"]) for r in REC.analyze(ocr, ["IBAN_CODE"])]
    assert found == [("PL6I 1090 1014 0000 0712 1981 2874", "valid")]


def test_check_digit_read_as_a_letter_that_words_have_too() -> None:
    """B, S, Z, G for 8, 5, 2, 6: only when the check then passes (no 0.5 for an invalid one)."""
    assert found("till NOB3 1234 5678 978 (BIC x)") == [("NOB3 1234 5678 978", 1.0, "valid")]
    assert found("IBAN SE6S 5000 0000 0012 3456 7955") == [("SE6S 5000 0000 0012 3456 7955", 1.0, "valid")]
    assert found("till NOB4 1234 5678 978 (BIC x)") == []  # fails the check with 8 as well
    assert found("NO83 1234 5678 978") == [("NO83 1234 5678 978", 1.0, "valid")]


@pytest.mark.parametrize("specimen", ["NO93 8601 1117 947", "SE45 5000 0000 0583 9825 7466", "DE89 3704 0044 0532 0130 00"])
def test_a_letter_read_between_country_code_and_check_digits(specimen: str) -> None:
    # a speck read as a letter after the country code ("NOS93 …"): the whole, when the rest holds
    written = specimen[:2] + "S" + specimen[2:]
    assert found(f"Utländskt konto (IBAN)\n{written}\nKortnummer") == [(written, 0.8, "valid_without_stray_letter")]


def test_a_letter_after_the_country_code_of_an_invalid_number_is_nothing() -> None:
    assert found("Konto NOS94 8601 1117 947 enligt avtal") == []
    assert found("Ring ABC12 3456 7890 1234") == []
