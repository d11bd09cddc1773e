"""Tests for the fail-closed number net (UNKNOWN_ID)."""

from __future__ import annotations

import pytest

from masking import entities
from masking.analyzer import Finding, resolve_overlaps
from recognizers.unknown_id import SCORE_UNKNOWN, UnknownIdRecognizer

REC = UnknownIdRecognizer()
UNKNOWN = entities.UNKNOWN_ID


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in sorted(REC.analyze(text, [UNKNOWN]), key=lambda r: r.start)]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Kundnummer 4581 1219 8763", "4581 1219 8763"),
        ("Medlemsnummer: 73-551-902", "73-551-902"),
        ("Försäkringsnummer 5539 2047 18", "5539 2047 18"),
        ("Hans patientnummer är 8843102 enligt journalen.", "8843102"),
        ("Numret 98 71 54 33 2 står på kortet.", "98 71 54 33 2"),
        ("Id: 55.71.903.26", "55.71.903.26"),
        ("Kortet 7731/55890 är spärrat.", "7731/55890"),
        ("Nummer 551 – 993 871 gäller.", "551 – 993 871"),
        ("Ett nummer som 123456-20245 utan etikett", "123456-20245"),
    ],
)
def test_unexplained_long_numbers_are_candidates(text: str, number: str) -> None:
    assert found(text) == [number]
    [result] = REC.analyze(text, [UNKNOWN])
    assert result.score == SCORE_UNKNOWN
    assert result.score >= 0.4  # above the policy threshold: masked in automatic mode


@pytest.mark.parametrize(
    "text",
    [
        # dates, times, years
        "Beslut 2024-03-15 kl. 10.30-11.45",
        "Mötet den 20240315 om ärendet.",
        "Daterat 15/03/2024 och 15.03.24",
        "Tabell: 2021 2022 2023",
        "under åren 2019-2023 och 1990/91",
        "Den 2024-03-15 10.30 började mötet.",
        "Torsdag 13 december 10 – 11.30 i lokalen",
        # amounts and quantities
        "Beloppet 12 345 678 kr betalas ut.",
        "Ersättning 1 234 567,50 per år",
        "Summa: 123456 SEK",
        "Andelen 123456 %",
        "Priset 20.000 euro motsvarar 180.000 svenska kronor.",
        "Staden har 900000 invånare.",
        "Cirka 412345 familjer berörs.",
        "Totalt 12 345 personer ansökte.",
        "I Sverige vårdas 15000-20000 personer.",
        # law and document references
        "enligt SFS 2010:110 och lagen (2009:400)",
        "prop. 2008/09:111 s. 12",
        "Se HFD 4732-19 och JO 1061-2013.",
        # case numbers
        "Dnr 2024/1234",
        "Vårt diarienummer: 3.1.2-123456/2024",
        "FK 2024-123456",
        "Ärendenummer 123-456789-2024",
        "Mål nr 12345-23",
        "Er referens 88776655443",
        "Diarienumret 2024/12345 gäller.",
        # case numbers without a label: the year at the start or the end
        "Ärende: Studiebidrag, 509-109649-2022",
        "Ämne: Fråga om bidrag (7.1.7-66466/2023)",
        "Dnr: Kronofogden 5622-58078/2024",
        "Beslutet i ärende 2024-123456 gäller.",
        "under perioden 29 maj 2021–2021-11-03 och den 4/12 2021",
        # pages, paragraphs, versions, standards
        "Se sid 112-115 och s. 120-123.",
        "Publicerad i Children 1958, Vol. 5, 179-184.",
        "enligt ISO 27001/2",
        "version 2.12.366",
        # organisationsnummer (its own recognizer; the policy leaves it visible)
        "Org.nr 556677-8899",
        "Bolaget 5566778899 är registrerat.",
        "Organisationsnummer 556677-8891",
        # placeholders and short numbers
        "Exempel: 123456789 och 000000",
        "Box 12345",
        "Postnummer 123 45",
        # a number glued to letters is a code, not a run
        "Kod X8112189876 och ABC123456",
    ],
)
def test_non_personal_numbers_produce_nothing(text: str) -> None:
    assert found(text) == []


def test_postal_code_cut_off_the_end_of_a_run() -> None:
    # the street number and the postal code joined by a space: the postal code is not part of the net
    assert found("Box 11645 621 22 Visby") == []
    assert found("Kundnr 4581 1219 621 22 Visby") == ["4581 1219"]


def test_runs_do_not_cross_a_line_break() -> None:
    assert found("Kolumn 123\n456 789") == []


def test_real_type_wins_the_merge_with_its_own_score() -> None:
    unknown = Finding(10, 24, UNKNOWN, SCORE_UNKNOWN, "UnknownIdRecognizer")
    phone = Finding(10, 20, entities.PHONE_NUMBER, 0.35, "SePhoneRecognizer", validation="valid")
    [merged] = resolve_overlaps([unknown, phone])
    assert merged.entity_type == entities.PHONE_NUMBER
    assert (merged.start, merged.end) == (10, 24)
    assert merged.score == 0.35  # the phone recognizer's own judgement (review), not the net's
    assert merged.validation == "valid"
    # a finding below min_score takes no part: the net alone decides, and masks
    [alone] = resolve_overlaps([unknown, phone], min_score=0.4)
    assert (alone.entity_type, alone.score) == (UNKNOWN, SCORE_UNKNOWN)
    strong = Finding(10, 20, entities.SE_PERSONNUMMER, 1.0, "SePersonnummerRecognizer")
    [merged] = resolve_overlaps([unknown, strong])
    assert (merged.entity_type, merged.score) == (entities.SE_PERSONNUMMER, 1.0)
    [alone] = resolve_overlaps([unknown])
    assert alone.entity_type == UNKNOWN


@pytest.mark.parametrize(
    "text",
    [
        "Beslut\nDiarienummer\n442198-2024\nSökande",  # a form's field: the label on the line above
        "Anmälan\nÄrendenummer:\n118230-2023\nDatum",
        "Nedsatt med 50 % 20240301 – 30 april 2024",  # a date range with the end day written out
    ],
)
def test_case_numbers_under_their_label_and_written_out_date_ranges_are_kept(text: str) -> None:
    assert found(text) == []


def test_a_number_under_another_label_is_still_caught() -> None:
    assert found("Medlemsnummer\n442198-2024\nSökande") == ["442198-2024"]
