"""Tests for the postnummer + postort recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.se_postal_code import SePostalCodeRecognizer

REC = SePostalCodeRecognizer()
POST = entities.SE_POSTAL_CODE


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [POST]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "postal",
    [
        "123 45 STOCKHOLM",
        "123 45 Stockholm",
        "12345 Göteborg",
        "SE-123 45 Malmö",
        "SE 123 45 Malmö",
        "S-123 45 Lund",
        "194 30 Upplands Väsby",
        "194 30 UPPLANDS VÄSBY",
        "135 60 Stockholms-Näs",
        "590 41 Sankt Anna",
        "197 91 Bro",
        "461 30 Trollhättan",
        "952 61 Kalix",
        "123\u00a045 Örebro",
    ],
)
def test_postal_code_with_town(postal: str) -> None:
    assert found(f"Anna Svensson\nStorgatan 1\n{postal}\nSverige") == [(postal, 0.85)]


@pytest.mark.parametrize(
    "text, postal",
    [
        ("Storgatan 1, 123 45 Stockholm.", "123 45 Stockholm"),
        ("123 45 Stockholm, Sverige", "123 45 Stockholm"),
        ("123 45 Stockholm Telefon 08-123 45 67", "123 45 Stockholm"),
        ("SE-123 45 Malmö Sweden", "SE-123 45 Malmö"),
        ("Han flyttade till 123 45 Stockholm i maj.", "123 45 Stockholm"),
        ("Box 12, 621 22 Visby", "621 22 Visby"),
        ("123 45  Stockholm", "123 45  Stockholm"),
    ],
)
def test_town_span_stops_at_field_or_punctuation(text: str, postal: str) -> None:
    assert found(text) == [(postal, 0.85)]


@pytest.mark.parametrize(
    "text, postal",
    [
        ("Postnummer: 123 45", "123 45"),
        ("Postnummer 12345", "12345"),
        ("postadress 123 45", "123 45"),
    ],
)
def test_bare_code_with_context(text: str, postal: str) -> None:
    assert found(text) == [(postal, 0.4)]


def test_bare_code_after_a_street_is_surer_than_after_a_label() -> None:
    assert found("Adress: Storgatan 1, 123 45") == [("123 45", 0.6)]


def test_bare_code_with_country_prefix() -> None:
    assert found("SE-123 45") == [("SE-123 45", 0.6)]


def test_rejected_town_word_falls_back_to_bare() -> None:
    assert found("123 45 Januari") == []
    assert found("Postnummer: 123 45 Telefon 08-12 34 56") == [("123 45", 0.4)]


@pytest.mark.parametrize(
    "text",
    [
        "12345",
        "123 45",
        "012 34 Stockholm",  # first digit never 0
        "123 45 kr",
        "123 456 kr",
        "12 345 kr",
        "Summa 12345,00",
        "12345.50",
        "070-123 45 67",
        "08-123 456 78",
        "0771-123 45 67",
        "1 234 567,00",
        "Dnr 123 45 Beslut",
        "Ärendenummer 12345 Stockholm",
        "OCR 123456789012345",
        "4581121898761234",
        "2024-03-15",
        "Belopp 123 45 SEK",
        "Box 123 456 78 Stockholm",
        "upplands väsby",
    ],
)
def test_not_postal_codes(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Försäkringskassan, 839 88 Östersund",
        "Inläsningscentralen, 839 88 Östersund",
        "Skatteverket\n171 94 Solna",
        "Skatteverket\nBox 2820\n403 20 Göteborg",
        "Pensionsmyndigheten\nBox 38190\n100 64 Stockholm",
    ],
)
def test_organisation_postal_addresses_skipped(text: str) -> None:
    assert found(text) == []


def test_person_address_block_after_agency_name_is_kept() -> None:
    text = "Försäkringskassan\nAnna Svensson\nStorgatan 12\n123 45 Stockholm"
    assert found(text) == [("123 45 Stockholm", 0.85)]


def test_context_words_declared() -> None:
    for stem in ("postnummer", "postadress", "adress"):
        assert stem in REC.context


def test_unspaced_code_in_running_text_is_weaker() -> None:
    assert found("Summa 12345 Beslut fattades") == [("12345 Beslut", 0.5)]
    assert found("Ärende 12345 Beslut fattades") == []
    assert found("Storgatan 1, 12345 Göteborg") == [("12345 Göteborg", 0.85)]
    assert found("Postadress: 12345 Göteborg") == [("12345 Göteborg", 0.85)]
    assert found("Hon bor i 123 45 Göteborg") == [("123 45 Göteborg", 0.85)]


# -- OCR-damaged codes (scanned documents) -------------------------------------------------------
@pytest.mark.parametrize(
    "text, postal",
    [
        ("Adress: Parkbacken 7, lgh 1301, 541.64 Skövde\nIntyget", "541.64 Skövde"),  # . for space
        ("Linnéslingan 7\n1271 11 YSTAD\nCuc Tieu", "1271 11 YSTAD"),  # a stray leading digit
        ("c/o Wojcik, Industrivägen 11\n=. 1451 16 Uddevalla\nLei", "1451 16 Uddevalla"),
        ("Postadress: 1123 45 Stockholm", "1123 45 Stockholm"),
        ("Utsiktsgatan 52\n195 68. Märsta\nMussie", "195 68. Märsta"),  # a speck read as "."
    ],
)
def test_ocr_damaged_code_in_address_layout(text: str, postal: str) -> None:
    assert found(text) == [(postal, 0.5)]


@pytest.mark.parametrize(
    "text",
    [
        "Totalt 541.64 Kronor",
        "Summa 195 68. Totalt",
        "Han betalade 195 68, Malmö",
        "Summa 541.64 Totalt",
        "Han betalade 1451 16 Malmö",  # running text, no address layout
        "Det kostade 1451 16 Kronor",
        "2024 03 Stockholm",
        "Dnr 1451 16 Uddevalla",
        "123456 Göteborg",
        "1451 16 januari",
    ],
)
def test_ocr_forms_need_layout_and_town(text: str) -> None:
    assert found(text) == []


# -- the postnummer anywhere after the street ----------------------------------------------------
@pytest.mark.parametrize(
    "text, span",
    [
        ("Sökanden bor på Storgatan 12 123 45 Malmö sedan 2020.", "123 45 Malmö"),
        ("Storgatan 12 B 12345 MALMÖ", "12345 MALMÖ"),
        ("Björkvägen 7, lgh 1102 415 02 Göteborg", "415 02 Göteborg"),
        ("Storgatan 12\n123 45 Malmö", "123 45 Malmö"),
        ("Storgatan 12, 123 45 Upplands Väsby", "123 45 Upplands Väsby"),
    ],
)
def test_postcode_after_street_same_or_next_line(text: str, span: str) -> None:
    assert found(text) == [(span, 0.85)]


def test_postcode_after_street_without_town() -> None:
    assert found("Adress: Storgatan 12 123 45") == [("123 45", 0.6)]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Adress\nStorgatan 12\n12345\nMalmö", "12345\nMalmö"),
        ("Storgatan 12\n123 45\nMALMÖ\nSverige", "123 45\nMALMÖ"),
        ("Postnummer: 123 45\nMalmö", "123 45\nMalmö"),
    ],
)
def test_town_on_its_own_line(text: str, span: str) -> None:
    assert (span, 0.85) in found(text)


def test_town_on_its_own_line_needs_an_address() -> None:
    assert found("Antal ärenden\n12345\nMalmö") == []


def test_lower_case_town_after_a_street() -> None:
    assert found("Storgatan 12, 123 45 malmö") == [("123 45 malmö", 0.7)]
    assert found("Storgatan 12, 123 45 och mer") == [("123 45", 0.6)]  # the code, not "och"


@pytest.mark.parametrize(
    "text, town",
    [
        ("Gatuadress | Storgatan 12\nPostnummer | 123 45\nOrt | Malmö", "Malmö"),
        ("Adress: Storgatan 12\nPostnr: 123 45\nPostort: Upplands Väsby", "Upplands Väsby"),
        ("Gatuadress\nStorgatan 12\nPostnummer\n123 45\nPostort\nMALMÖ", "MALMÖ"),
    ],
)
def test_labelled_town_in_an_address_block(text: str, town: str) -> None:
    assert (town, 0.6) in found(text)


def test_labelled_town_alone_is_not_taken() -> None:
    assert found("Ort: Malmö") == []
    assert found("Ort och datum: Malmö 2024-03-01") == []


# -- foreign postal codes ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, span",
    [
        ("Storgata 5, 0155 Oslo", "0155 Oslo"),
        ("Kirkeveien 12\n0368 Oslo", "0368 Oslo"),
        ("Vesterbrogade 12, DK-2100 København Ø", "DK-2100 København Ø"),
        ("Vesterbrogade 12\n2100 København Ø", "2100 København Ø"),
        ("Mannerheimintie 5 A 3, 00100 Helsinki", "00100 Helsinki"),
        ("Hauptstraße 5, D-10115 Berlin", "D-10115 Berlin"),
        ("Flat 2, 10 Baker Street, London NW1 6XE", "London NW1 6XE"),
        ("10 Downing Street\nLondon\nSW1A 2AA", "SW1A 2AA"),
    ],
)
def test_foreign_postal_codes(text: str, span: str) -> None:
    assert (span, 0.85) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Under 2019 Stockholm blev det fler ärenden.",
        "Ärende 1234 Malmö tingsrätt",
        "Beslut 0155 Oslo",
    ],
)
def test_foreign_shaped_numbers_without_a_street(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("town", ["MALMö", "GÖTEBORg", "StockhoLM"])
def test_mixed_case_town_from_ocr(town: str) -> None:
    assert found(f"Storgatan 1\n123 45 {town}") == [(f"123 45 {town}", 0.85)]


def test_postcode_after_postlada() -> None:
    assert found("PL 1234 930 10 Lövånger") == [("930 10 Lövånger", 0.85)]


@pytest.mark.parametrize("sep", [" | ", " · ", " • "])
def test_postcode_after_a_street_and_a_separator(sep: str) -> None:
    assert found(f"Storgatan 12{sep}12345 Malmö") == [("12345 Malmö", 0.85)]


@pytest.mark.parametrize(
    "text, span",
    [
        ("och att du nu bor på Tallhöjden 12B 871\n44 Härnösand. Intyget kom", "871\n44 Härnösand"),
        ("Han bor på Västra Vallgatan 5B, 431\n86 Varberg. Utredningen", "431\n86 Varberg"),
        ("Han bor på Västra Vallgatan 5B, 431 86\nVarberg. Utredningen", "431 86\nVarberg"),
        ("bo på Kirkeveien 7, 4219\nOslo, Norge.", "4219\nOslo"),
        ("Nørregade 3, 2. th., 2100 København Ø,\nDanmark", "2100 København Ø"),
        ("bo på ul. Długa 12/4, 80-831 Gdańsk, Polen.", "80-831 Gdańsk"),
    ],
)
def test_postcode_wrapped_in_prose_and_foreign_forms(text: str, span: str) -> None:
    assert (span, 0.85) in found(text)


@pytest.mark.parametrize("text", ["Antal 123\n45 Personer", "Tabell 12-345 Malmö", "Summa 431\n86 Kronor"])
def test_wrapped_numbers_without_a_street(text: str) -> None:
    assert found(text) == []


def test_role_in_the_row_after_an_ort_column_header_is_no_town() -> None:
    text = "Parter\nNamn\nPersonnummer\nAdress\nPostnr\nOrt\nVittne\nKarin Ek\n19700101-1234"
    assert [t for t in REC.analyze(text, ["SE_POSTAL_CODE"]) if text[t.start : t.end] == "Vittne"] == []


def test_hyphen_for_the_space_after_a_street() -> None:
    text = "Ekvägen 15, 831-63 Östersund"
    spans = [text[r.start : r.end] for r in REC.analyze(text, ["SE_POSTAL_CODE"])]
    assert spans == ["831-63 Östersund"]
    assert REC.analyze("Se beslut 2023, 831-63 i akten", ["SE_POSTAL_CODE"]) == []


def test_code_wrapped_in_a_narrow_table_cell_after_a_street() -> None:
    text = "Ek, Eva\nLinvägen 12A\n214\n65\nMalmö\nVittne"
    spans = [text[r.start : r.end] for r in REC.analyze(text, ["SE_POSTAL_CODE"]) if r.score >= 0.4]
    assert spans == ["214\n65\nMalmö"]
    assert REC.analyze("Beslut 2024\n214\n65\nMalmö", ["SE_POSTAL_CODE"]) == []


def test_code_after_a_street_whose_number_wrapped() -> None:
    text = "hon bor på Linvägen\n62 352 21 Växjö sedan maj"
    spans = [text[r.start : r.end] for r in REC.analyze(text, ["SE_POSTAL_CODE"]) if r.score >= 0.4]
    assert spans == ["352 21 Växjö"]


def test_foreign_code_after_a_street_whose_comma_ocr_read_as_a_spaced_mark() -> None:
    assert ("0368 Oslo", 0.85) in found("Han bor på Kirkeveien 12 .\n0368 Oslo\nNorge.")
    assert found("Beslutet fattades 2021 .\n2000 personer deltog.") == []


def test_lower_case_town_on_the_next_line_after_a_street() -> None:
    text = "skriv till lilla torggatan 37 lgh 1673, 691 81\nkarlskoga\nmvh"
    spans = [text[r.start : r.end] for r in REC.analyze(text, ["SE_POSTAL_CODE"]) if r.score >= 0.4]
    assert spans == ["691 81\nkarlskoga"]


# -- scanned: an OCR-damaged code over its postort in a table cell, foreign codes with a country --
@pytest.mark.parametrize(
    "text, postal",
    [
        ("Vittne\nLisa Ek\nTallstigen 9\n174 21\nSundbyberg\nFordon", "174 21\nSundbyberg"),  # control
        ("Vittne\nLisa Ek\nTallstigen 9\n1174 21\nSundbyberg\nFordon", "1174 21\nSundbyberg"),  # a stray digit
        ("Vittne\nLisa Ek\nTallstigen 9\n117421\nSundbyberg\nFordon", "117421\nSundbyberg"),  # and no space
        ("Vittne\nLisa Ek\nTallstigen 9\n174.21\nSundbyberg\nFordon", "174.21\nSundbyberg"),  # a full stop for it
    ],
)
def test_ocr_damaged_code_over_its_town_in_an_address_cell(text: str, postal: str) -> None:
    assert [span for span, score in found(text) if score >= 0.4] == [postal]


@pytest.mark.parametrize(
    "text",
    [
        "Beslut\n117421\nSundbyberg\n",  # no street or address label above
        "Tallstigen 9\nÄrende 117421\nSundbyberg\n",  # not opening its line
    ],
)
def test_damaged_code_over_a_town_needs_an_address_above(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, postal",
    [
        ("Per Holm\nKrøyers Plads 3, 8000 Aarhus C, Danmark", "8000 Aarhus C"),  # street not recognised
        ("Per Holm\nKrøyers Plads 3\n5003 Bergen, Norge", "5003 Bergen"),
    ],
)
def test_foreign_code_and_town_before_a_country_name(text: str, postal: str) -> None:
    assert found(text) == [(postal, 0.85)]


def test_a_year_and_a_town_before_a_country_in_prose_is_no_address() -> None:
    assert found("Under 2023 Köpenhamn, Danmark hade") == []


@pytest.mark.parametrize(
    "text, postal",
    [
        ("Vittne\nLisa Ek\nTallstigen 9, 2 tr\n174 21\nlSundbyberg .\nFordon", "174 21\nlSundbyberg"),
        ("Vittne\nLisa Ek\nTallstigen 9\n1174 21\n|Sundbyberg\nFordon", "1174 21\n|Sundbyberg"),
    ],
)
def test_table_border_read_before_the_town_is_taken_in(text: str, postal: str) -> None:
    assert [span for span, score in found(text) if score >= 0.4] == [postal]
