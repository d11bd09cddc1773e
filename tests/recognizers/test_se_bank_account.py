"""Tests for the Swedish bank account recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import UNCHECKED, VALID
from recognizers.se_bank_account import SeBankAccountRecognizer, is_nordea_personkonto

REC = SeBankAccountRecognizer()
ACCOUNT = entities.SE_BANK_ACCOUNT


def found(text: str) -> list[tuple[str, float, str]]:
    results = sorted(REC.analyze(text, [ACCOUNT]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2), r.recognition_metadata["validation"]) for r in results]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Kontonummer: 1234-123 456 7", "1234-123 456 7"),
        ("Bankkonto 1234 12 345 67.", "1234 12 345 67"),
        ("Swedbank 8327-9, 123 456 789-0", "8327-9, 123 456 789-0"),
        ("Utbetalning sker till 8327-9 1234567890", "8327-9 1234567890"),
        ("Handelsbanken 6123-123 456 789", "6123-123 456 789"),
        ("Konto: 5000 – 1234567", "5000 – 1234567"),
        ("Clearing och konto: 1234-1234567", "1234-1234567"),
    ],
)
def test_clearing_and_account_with_context(text: str, number: str) -> None:
    assert found(text) == [(number, 0.85, UNCHECKED)]


def test_without_context_below_threshold() -> None:
    assert found("Se 1234-123 456 7 ovan") == [("1234-123 456 7", 0.3, UNCHECKED)]
    assert found("1234 12 345 67") == [("1234 12 345 67", 0.3, UNCHECKED)]


def test_labelled_clearing_and_account_reported_separately() -> None:
    text = "Clearingnummer 6123 kontonummer 123 456 789"
    assert found(text) == [("6123", 0.85, UNCHECKED), ("123 456 789", 0.85, UNCHECKED)]
    text = "Clearingnr: 8327-9, Kontonr: 123456789-0"
    assert found(text) == [("8327-9", 0.85, UNCHECKED), ("123456789-0", 0.85, UNCHECKED)]


def test_account_label_alone() -> None:
    assert found("Kontonummer: 123 456 789") == [("123 456 789", 0.85, UNCHECKED)]


def test_nordea_personkonto() -> None:
    assert found("3300-8112189876") == [("3300-8112189876", 0.95, VALID)]
    assert found("Nordea 3300 811218-9876") == [("3300 811218-9876", 0.95, VALID)]
    assert is_nordea_personkonto("3782", "8112189876")
    assert not is_nordea_personkonto("3300", "8112189875")  # bad check digit
    # A wrong check digit is still a bank account shape, just not a verified personkonto.
    assert found("Konto 3300-8112189875") == [("3300-8112189875", 0.85, UNCHECKED)]


@pytest.mark.parametrize(
    "text",
    [
        "Konto datum 2024-03-15",
        "Konto 2024-03-15 1234",
        "Konto 20240315",
        "Konto belopp 12 345 kr",
        "Kontot 1 234 567,00",
        "Konto Belopp 1234 567 890 kr",
        "Konto Dnr 2024/12345",
        "Konto FK 2023-123456",
        "Dnr 2023-1234567",
        "Konto Ärendenummer 123-456789-2024",
        "Konto SFS 2010:110",
        "Konto 28 kap. 1 §",
        "Konto OCR 4581121898761234",
        "Konto 4581 1218 9876 1234",
        "Konto 070-123 45 67",
        "Konto 0701-123 4567",
        "Konto 4010",
        "Bankgiro 5050-1055",
        "Plusgiro 12 34 56-6",
        "Personnummer 811218-9876",
    ],
)
def test_look_alikes_not_found(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, number",
    [
        ("Bankkonto: 80879-2781066945", "80879-2781066945"),  # Swedbank clearing 8087-9 written 80879
        ("Swedbank 83271 123 456 789-0", "83271 123 456 789-0"),
    ],
)
def test_swedbank_five_digit_clearing_without_hyphen(text: str, number: str) -> None:
    assert found(text) == [(number, 0.85, UNCHECKED)]


def test_five_digit_clearing_only_for_swedbank() -> None:
    # without a konto label a five-digit clearing that is not Swedbank's is no account
    assert found("Utbetalning 60879-2781066945") == []


@pytest.mark.parametrize(
    "text, number",
    [
        ("Bankkonto: 60879-2781066945", "60879-2781066945"),  # five-digit clearing, not Swedbank
        ("Konto 1234-12345678901", "1234-12345678901"),  # account part too long
        ("Konto 1234-5 1234567", "1234-5 1234567"),  # check digit on a non-Swedbank clearing
        ("Kontonummer 12.345.678.901", "12.345.678.901"),  # a grouping we do not know
    ],
)
def test_after_konto_label_implausible_accounts_still_found_lower(text: str, number: str) -> None:
    assert found(text) == [(number, 0.6, UNCHECKED)]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Utbetalning till konto 1234 12 34567", "1234 12 34567"),
        ("Konto 1234.12.34567", "1234.12.34567"),
        ("Kontonummer: 8105-9, 914 123 456-7", "8105-9, 914 123 456-7"),
        ("Bankkonto 5000 123 4567", "5000 123 4567"),
        ("kontonr 1234567890", "1234567890"),
    ],
)
def test_after_konto_label_any_grouping(text: str, number: str) -> None:
    assert found(text) == [(number, 0.85, UNCHECKED)]


def test_table_column_header_gives_page_context() -> None:
    text = "Namn\nTelefon\nUtbetalning till\nFordon\nKozlov, Roman\n+46702418767\n8144-8 7344748335\nAZF79P"
    assert found(text) == [("8144-8 7344748335", 0.5, UNCHECKED)]


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("Konto för utbetalning: clnr 9150 ktonr 4411276530", ["9150", "4411276530"]),
        ("clr.nr: 6789, kto.nr: 112 233 445", ["6789", "112 233 445"]),
        ("Clearingnr 3000 och kontonr. 5566778", ["3000", "5566778"]),
    ],
)
def test_short_labels_clearing_and_account(text: str, numbers: list[str]) -> None:
    assert [v for v, _, _ in found(text)] == numbers


@pytest.mark.parametrize(
    "text, number",
    [
        ("sätt in det på mitt kotno 7123-4455667 tack", "7123-4455667"),
        ("mitt knoto är 8421-7 5544332211", "8421-7 5544332211"),
        ("ktonr: 3999 11 22334", "3999 11 22334"),
    ],
)
def test_hasty_konto_labels(text: str, number: str) -> None:
    assert found(text) == [(number, 0.85, UNCHECKED)]


def test_label_and_number_across_an_email_quote_line() -> None:
    text = "> jag har bytt bank, clearingnummer 7311 och kontonummer\n> 556677889. hälsningar"
    assert [v for v, _, _ in found(text)] == ["7311", "556677889"]


def test_doctor_is_no_konto_label() -> None:
    assert found("Enligt doktorn 1234 12 345 67") == [("1234 12 345 67", 0.3, UNCHECKED)]


def test_misspelt_kontonummer_label() -> None:
    text = "insättning till clearingnummer 7311 och kontonumer 5566778 tack"
    assert [v for v, _, _ in found(text)] == ["7311", "5566778"]


def test_labels_written_in_two_words_also_across_a_line() -> None:
    text = "Utbetalning till Clearing nr 6123, konto\nnr 7654321 enligt beslut"
    assert [v for v, _, _ in found(text)] == ["6123", "7654321"]


def test_clnr_with_ocr_i_for_l() -> None:
    assert [v for v, _, _ in found("kontot är cInr: 5909 ktonr: 959430372.")] == ["5909", "959430372"]
    assert [v for v, _, _ in found("kontot är clInr: 5909 ktonr: 959430372.")] == ["5909", "959430372"]  # an I beside the l


def test_full_stop_after_the_labelled_clearing_number() -> None:
    # a speck read as a full stop after the clearing number, before "och kontonummer"
    got = found("in på mitt konto clearingnummer 6123. och kontonummer 1234567 tack")
    assert [(v, s) for v, s, _ in got] == [("6123", 0.85), ("1234567", 0.85)]
