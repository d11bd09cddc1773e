"""Tests for the Swedish phone number recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import UNCHECKED, VALID
from recognizers.se_phone import SePhoneRecognizer

REC = SePhoneRecognizer()
PHONE = entities.PHONE_NUMBER


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [PHONE]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "number",
    [
        "070-123 45 67",
        "070 123 45 67",
        "070-1234567",
        "070–123 45 67",  # en dash from PDF text
        "073-987 65 43",
        "076-123 45 67",
        "079-123 45 67",
        "+46 70 123 45 67",
        "+46 (0)70-123 45 67",
        "+46701234567",
        "0046 70 123 45 67",
        "070\u00a0123\u00a045\u00a067",  # non-breaking spaces
    ],
)
def test_mobile_numbers(number: str) -> None:
    assert found(f"Ring mig på {number} efter lunch.") == [(number, 0.9)]


@pytest.mark.parametrize(
    "number",
    [
        "08-123 456 78",
        "08-12 34 56",
        "08 - 123 456 78",
        "031-12 34 56",
        "040-12 34 56",
        "0498-12 34 56",
        "(08) 123 456 78",
        "010-123 45 67",
        "020-12 34 56",
        "0771-12 34 56",
        "0046 8 123 456 78",
        "+46 8 123 456 78",
        "+46 (0)31-12 34 56",
    ],
)
def test_landline_and_special_numbers(number: str) -> None:
    assert found(f"Växel: {number}") == [(number, 0.75)]


def test_unseparated_mobile_is_phone() -> None:
    assert found("Mobil 0701234567") == [("0701234567", 0.8)]


def test_unseparated_landline_is_weak() -> None:
    assert found("0812345678") == [("0812345678", 0.35)]


@pytest.mark.parametrize(
    "number",
    ["+47 912 34 567", "+358 40 123 4567", "+44 20 7946 0958", "+1 202 555 0123", "+44 (0)20 7946 0958"],
)
def test_foreign_e164(number: str) -> None:
    assert found(f"Tel. {number}.") == [(number, 0.7)]


def test_validation_metadata() -> None:
    [valid] = REC.analyze("070-123 45 67", [PHONE])
    assert valid.recognition_metadata["validation"] == VALID
    [unknown] = REC.analyze("tel 074-123 45 67", [PHONE])  # pager range: not a valid number
    assert unknown.recognition_metadata["validation"] == UNCHECKED
    assert unknown.score == pytest.approx(0.3)


def test_several_numbers_in_a_line() -> None:
    text = "Tel 08-12 34 56, 070-765 43 21 eller fax 08-123 456 79."
    assert found(text) == [("08-12 34 56", 0.75), ("070-765 43 21", 0.9), ("08-123 456 79", 0.75)]


def test_trailing_punctuation_excluded() -> None:
    assert found("Nås på 070-123 45 67.") == [("070-123 45 67", 0.9)]
    assert found("(tel: 08-123 456 78)") == [("08-123 456 78", 0.75)]


@pytest.mark.parametrize(
    "text",
    [
        "811218-9876",  # personnummer
        "19811218-9876",
        "050312-1234",  # personnummer of someone born 2005
        "20050312-1234",
        "556036-0793",  # organisationsnummer
        "Datum 2024-03-15",
        "15 mars 2024",
        "20240315",
        "05-03-2024",
        "05.03.2024",
        "05 03 2024",
        "12 345 kr",
        "1 234 567,00",
        "Dnr 2024/12345",
        "FK 2023-123456",
        "Ärendenummer 123-456789-2024",
        "SFS 2010:110",
        "28 kap. 1 §",
        "kl. 14.30",
        "OCR 4581121898761234",
        "0123456789012345",  # 16-digit reference
        "+12 345 678 kr",
        "123 45 Stockholm",
        "Bankgiro 5050-1055",
        "Clearingnummer 8327-9",
        "0,0701234567",
        "1-070-123 45 67",
        "070-123 45 67 89 10",  # too many digits for one number
        "01-02-2024",
        "Öppet 08-12, 13-16",
        "+4912",
    ],
)
def test_not_phone_numbers(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, number",
    [
        ("Personnummer: 0701234567", "0701234567"),
        ("Dnr 070-123 45 67", "070-123 45 67"),
        ("OCR-nummer 0812345678", "0812345678"),
        ("Kundnummer: 08-123 456 78", "08-123 456 78"),
    ],
)
def test_after_other_identifier_label_is_below_threshold(text: str, number: str) -> None:
    assert found(text) == [(number, 0.2)]


def test_kundtjanst_is_not_a_number_label() -> None:
    assert found("Kundtjänst: 0771-12 34 56") == [("0771-12 34 56", 0.75)]


def test_context_words_declared() -> None:
    for stem in ("tel", "telefon", "mobil", "tfn", "ringa", "fax", "växel", "sms"):
        assert stem in REC.context
    # "ring" would match every "-ring" noun (lemma "försäkringskassan") in substring mode
    assert "ring" not in REC.context


def test_long_text_finds_every_number() -> None:
    # every occurrence on a long page, and no amount or SFS number among them (how the time
    # grows with the page length is measured in `make bench`, "analysis scaling")
    text = ("Ärendet avser 12 345 kr enligt 28 kap. 1 § SFS 2010:110, ring 070-123 45 67. " * 2000)
    results = REC.analyze(text, [PHONE])
    assert len(results) == 2000
    assert {text[r.start:r.end] for r in results} == {"070-123 45 67"}


@pytest.mark.parametrize(
    "text, number, score",
    [
        ("Journalnr 04-123456", "04-123456", 0.2),
        ("Fakturanr: 08-12 34 56", "08-12 34 56", 0.2),
        ("Ärende nr 08-12 34 56", "08-12 34 56", 0.2),
        ("Tel nr 08-123 456 78", "08-123 456 78", 0.75),
        ("Telefonnummer: 070-123 45 67", "070-123 45 67", 0.9),
        ("Mobilnr 070-123 45 67", "070-123 45 67", 0.9),
        ("Kontaktnummer 08-12 34 56", "08-12 34 56", 0.75),
        ("Nr 070-123 45 67", "070-123 45 67", 0.9),
    ],
)
def test_number_labels(text: str, number: str, score: float) -> None:
    assert found(text) == [(number, score)]


def test_slash_after_area_code_needs_phone_word() -> None:
    assert found("tel 08/123 45 67") == [("08/123 45 67", 0.75)]
    assert found("Telefon: 0498/12 34 56") == [("0498/12 34 56", 0.75)]
    assert found("08/123 45 67") == []
    assert found("Dnr 023/12345") == []


def test_ocr_full_stop_after_the_area_code_of_an_international_number() -> None:
    assert [v for v, *_ in found("Tai Vi\n+46 70.878 86 15\nSE45")] == ["+46 70.878 86 15"]
    assert found("Version +46.5") == []


# --- written forms: line breaks, country code without +, Unicode hyphens ---------------------


@pytest.mark.parametrize(
    "written, score",
    [
        ("070-123\n45 67", 0.9),
        ("070-123 45\n67", 0.9),
        ("070-\n123 45 67", 0.9),
        ("08-123\n456 78", 0.75),
        ("+46 70 123\n45 67", 0.9),
    ],
)
def test_number_broken_over_two_lines(written: str, score: float) -> None:
    assert found(f"Tel. {written} dagtid") == [(written, score)]


def test_line_break_after_a_whole_number_does_not_join() -> None:
    assert found("Mobil 070-123 45 67\n2024-03-15 möte") == [("070-123 45 67", 0.9)]


def test_country_code_without_plus() -> None:
    assert found("Mobil: 46701234567") == [("46701234567", 0.6)]
    assert found("Tel 46 70 123 45 67") == [("46 70 123 45 67", 0.6)]
    assert found("Kod 46812345678 i systemet") == []  # a landline shape without a phone word


def test_slash_style_after_a_phone_word_on_the_same_line() -> None:
    assert found("Tel 070-123 45 67 eller 08/123 45 67") == [("070-123 45 67", 0.9), ("08/123 45 67", 0.75)]
    assert found("Akt 08/123 45 67") == []


@pytest.mark.parametrize("dash", ["\u00ad", "\u2012", "\u2014", "\u2015", "\u2212"])
def test_unicode_hyphens(dash: str) -> None:
    assert found(f"Tel 070{dash}123 45 67") == [(f"070{dash}123 45 67", 0.9)]


@pytest.mark.parametrize("number", ["+45 11 22 33 44", "+47 111 22 334", "+358 12 345 6789"])
def test_foreign_number_in_groups_outside_the_known_ranges_is_masked(number: str) -> None:
    """A table cell with only "+CC" and grouped digits: no label, no valid range, still a phone."""
    [(span, score)] = found(f"Karlsson, Eva\n{number}\nNilsson, Per")
    assert span == number and score >= 0.4


def test_foreign_number_in_one_run_outside_the_known_ranges_stays_low() -> None:
    assert found("Se +4511223344") == [("+4511223344", 0.3)]


def test_foreign_number_with_its_last_group_on_the_next_line() -> None:
    text = "Umeå\n+358 40 123\n4567\nListan upprättad"
    assert [s for s, score in found(text) if score >= 0.4] == ["+358 40 123\n4567"]


def test_last_group_wrapped_alone_onto_the_next_line_of_a_table_cell() -> None:
    text = "851 77 SUNDSVALL\n08-618 041\n17\nListan lämnas ut"
    assert [s for s, score in found(text) if score >= 0.4] == ["08-618 041\n17"]
    # a number that is whole on its line, with more text on the next line, stays as it is
    assert [s for s, _ in found("Tel 08-618 041\n17 personer kom")] == ["08-618 041"]


@pytest.mark.parametrize("number", ["+46-(0)70-120 90 74", "+46.8 678 443 42"])
def test_country_code_with_ocr_separators(number: str) -> None:
    assert [s for s, score in found(f"Mobil: {number}\nTel") if score >= 0.4] == [number]


def test_table_border_read_as_a_one_before_a_scanned_number() -> None:
    assert found("Härnösand\n1073-12 34 567\nEk, Eva") == [("073-12 34 567", 0.6)]
    assert found("Summa 1070 123") == []


def test_country_code_alone_at_a_line_end_and_the_number_on_the_next_line() -> None:
    text = "ni kan ringa mig på +45\n97 95 54 32 eller maila"
    assert [s for s, score in found(text) if score >= 0.4] == ["+45\n97 95 54 32"]


@pytest.mark.parametrize(
    "text, number, score",
    [
        ("Tel 073.512.40.27", "073.512.40.27", 0.9),  # groups joined by full stops
        ("Tel 08.123.45.67", "08.123.45.67", 0.75),
        ("Berg, Anna\n073.512.40:27\nLind, Per", "073.512.40:27", 0.6),  # a stop read as a colon
        ("Mobil 073.512,40.27 kvällstid", "073.512,40.27", 0.6),  # ... or as a comma
    ],
)
def test_dotted_groups(text: str, number: str, score: float) -> None:
    assert found(text) == [(number, score)]


@pytest.mark.parametrize("text", ["den 01.02.2024", "version 01.22.33.44", "kl 09.30.12", "utgåva 01.2.33"])
def test_dotted_groups_that_are_no_phone_number(text: str) -> None:
    assert found(text) == []
