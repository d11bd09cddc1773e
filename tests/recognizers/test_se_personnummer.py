"""Tests for the personnummer / samordningsnummer recognizer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masking import entities
from recognizers.base import INVALID_CHECKSUM, INVALID_DATE, VALID, luhn_ok
from recognizers.se_personnummer import SePersonnummerRecognizer, birth_date

TODAY = date(2026, 6, 1)
REC = SePersonnummerRecognizer(reference_date=TODAY)
TYPES = [entities.SE_PERSONNUMMER, entities.SE_SAMORDNINGSNUMMER]


def found(text: str, rec: SePersonnummerRecognizer = REC) -> list[tuple[str, str, float, str]]:
    results = sorted(rec.analyze(text, TYPES), key=lambda r: r.start)
    return [
        (r.entity_type, text[r.start : r.end], round(r.score, 2), r.recognition_metadata["validation"])
        for r in results
    ]


def check_digit(nine: str) -> str:
    return next(c for c in "0123456789" if luhn_ok(nine + c))


# --- positives in every written form ---------------------------------------------------------


@pytest.mark.parametrize(
    "written, score",
    [
        ("811218-9876", 1.0),
        ("811218–9876", 1.0),  # en dash from a PDF
        ("811218 - 9876", 1.0),
        ("811218 -9876", 1.0),
        ("811218 9876", 1.0),
        ("19811218-9876", 1.0),
        ("19811218 9876", 1.0),
        ("198112189876", 1.0),
        ("8112189876", 0.85),
    ],
)
def test_valid_forms_exact_span(written: str, score: float) -> None:
    text = f"Sökande: Anna Svensson, {written}, Storgatan 1."
    assert found(text) == [(entities.SE_PERSONNUMMER, written, score, VALID)]


def test_without_any_label_in_plain_sentence() -> None:
    text = "Beslutet gäller 811218-9876 från och med i dag."
    assert found(text) == [(entities.SE_PERSONNUMMER, "811218-9876", 1.0, VALID)]


def test_label_glued_with_colon() -> None:
    assert found("pnr:811218-9876") == [(entities.SE_PERSONNUMMER, "811218-9876", 1.0, VALID)]


def test_several_numbers_in_one_text() -> None:
    text = "Pnr 811218-9876 och 121212-1212 samt 701063-2391."
    assert [f[1] for f in found(text)] == ["811218-9876", "121212-1212", "701063-2391"]


def test_plus_separator_means_hundred_or_older() -> None:
    # 1925-01-01 written with "+"; the same digits with "-" read as 2025-01-01 (also a real date).
    nine = "250101123"
    number = nine[:6] + "+" + nine[6:] + check_digit(nine)
    assert found(f"Personnummer {number}") == [(entities.SE_PERSONNUMMER, number, 1.0, VALID)]
    assert birth_date(nine + check_digit(nine), plus=True, today=TODAY) == date(1925, 1, 1)
    assert birth_date(nine + check_digit(nine), plus=False, today=TODAY) == date(2025, 1, 1)


def test_century_relative_to_today() -> None:
    assert birth_date("8112189876", plus=False, today=TODAY) == date(1981, 12, 18)
    assert birth_date("1212121212", plus=False, today=TODAY) == date(2012, 12, 12)
    # Later this year would be in the future: the previous century is meant.
    assert birth_date("2612310000", plus=False, today=TODAY) == date(1926, 12, 31)
    assert birth_date("198112189876", plus=False, today=TODAY) == date(1981, 12, 18)


def test_leap_years() -> None:
    nine = "000229000"
    ten = nine + check_digit(nine)
    hyphen = ten[:6] + "-" + ten[6:]
    plus = ten[:6] + "+" + ten[6:]
    assert found(hyphen)[0][2:] == (1.0, VALID)  # 2000-02-29 exists
    assert found(plus)[0][2:] == (0.45, INVALID_DATE)  # 1900-02-29 does not
    twelve = "19000229" + ten[6:]
    assert found(twelve)[0][2:] == (0.3, INVALID_DATE)  # bare 12 digits, impossible date, no label
    nine = "010229000"  # 2001 is not a leap year
    bad = nine[:6] + "-" + nine[6:] + check_digit(nine)
    assert found(bad)[0][2:] == (0.45, INVALID_DATE)


def test_samordningsnummer() -> None:
    assert found("Samordningsnummer 701063-2391") == [
        (entities.SE_SAMORDNINGSNUMMER, "701063-2391", 1.0, VALID)
    ]
    assert found("197010632391") == [(entities.SE_SAMORDNINGSNUMMER, "197010632391", 1.0, VALID)]
    # Only the personnummer type asked for: the samordningsnummer is not returned.
    assert REC.analyze("701063-2391", [entities.SE_PERSONNUMMER]) == []


def test_vat_number_of_enskild_firma_reports_the_personnummer() -> None:
    text = "Momsreg.nr SE811218987601"
    assert found(text) == [(entities.SE_PERSONNUMMER, "8112189876", 1.0, VALID)]


def test_enskild_firma_org_nr_is_a_personnummer() -> None:
    assert found("Org.nr 811218-9876 (enskild firma)") == [
        (entities.SE_PERSONNUMMER, "811218-9876", 1.0, VALID)
    ]


# --- failed checks: still found, lower score -----------------------------------------------------


def test_bad_checksum_hyphen_form_still_masked() -> None:
    assert found("811218-9875") == [(entities.SE_PERSONNUMMER, "811218-9875", 0.5, INVALID_CHECKSUM)]
    assert found("19811218-9875") == [(entities.SE_PERSONNUMMER, "19811218-9875", 0.5, INVALID_CHECKSUM)]


def test_bad_checksum_bare_form_needs_a_label() -> None:
    assert found("8112189875") == [(entities.SE_PERSONNUMMER, "8112189875", 0.35, INVALID_CHECKSUM)]
    assert found("Personnummer: 8112189875") == [
        (entities.SE_PERSONNUMMER, "8112189875", 0.5, INVALID_CHECKSUM)
    ]


def test_impossible_date_with_good_checksum() -> None:
    for ymd in ("811318", "810230", "810431"):  # month 13, 30 Feb, 31 Apr
        nine = ymd + "123"
        number = f"{ymd}-123{check_digit(nine)}"
        assert found(number) == [(entities.SE_PERSONNUMMER, number, 0.45, INVALID_DATE)]


def test_both_checks_failing() -> None:
    nine = "811318123"
    wrong = str((int(check_digit(nine)) + 1) % 10)
    number = f"811318-123{wrong}"
    assert found(number) == [(entities.SE_PERSONNUMMER, number, 0.4, INVALID_DATE)]
    assert found(f"811318123{wrong}") == []
    assert found(f"19811318123{wrong}") == []
    assert found(f"Pnr 811318123{wrong}")[0][2] == 0.4


def test_invalid_century_in_12_digits() -> None:
    assert found("998112189876")[0][2:] == (0.3, INVALID_DATE)
    assert found("Personnummer 99811218-9876")[0][2:] == (0.45, INVALID_DATE)
    assert found("20991218-9876")[0][2:] == (0.45, INVALID_DATE)  # in the future


# --- near misses and look-alikes -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Datum 2024-03-15",
        "Datum 20240315",
        "den 15 mars 2024",
        "Belopp 12 345 kr",
        "Summa 1 234 567,00 kr",
        "Dnr 2024/12345",
        "FK 2023-123456",
        "Ärendenummer 123-456789-2024",
        "SFS 2010:110",
        "2010:110",
        "28 kap. 1 §",
        "kl. 14.30",
        "OCR 4581121898761234",
        "4581 1218 9876 1234",
        "Ring 070-123 45 67",
        "Tel 08-123 456 78",
        "+46 70 123 45 67",
        "0046701234567",
        "Org.nr 556036-0793",
        "5560360793",
        "165560360793",
        "SE556036079301",
        "12:811218-9876",
        "3/811218-9876",
        "811218-9876-12",
        "811218-98765",
        "2811218-9876",  # (a leading 1 or a doubled digit is OCR's stray mark: see below)
        "X8112189876",
        "8112189876AB",
        "Belopp 8112189876,50",
    ],
)
def test_look_alikes_not_found(text: str) -> None:
    assert [f for f in found(text) if f[2] >= 0.4] == []


def test_sixteen_digit_run_yields_nothing() -> None:
    assert found("Betala till OCR 4581121898761234 senast") == []
    assert found("198112189876123456") == []


def test_phone_like_bare_ten_digits_below_threshold() -> None:
    result = found("Mobil: 0701234567")
    assert all(score < 0.4 for _, _, score, _ in result)
    result = found("0701234567")
    assert all(score < 0.4 for _, _, score, _ in result)
    # With a personnummer label the same digits are taken at face value.
    assert found("Personnummer 0701234563")[0][2] >= 0.5


def test_negative_label_lowers_score() -> None:
    assert found("Dnr 811218-9876")[0][2] < 0.4
    assert found("Fakturanummer: 8112189876")[0][2] < 0.4


def test_space_form_inside_digit_groups_is_weak() -> None:
    assert found("Kod 1234 811218 9876")[0][2] < 0.4
    assert found("Pnr 1234 811218 9876")[0][2] == 1.0


def test_context_words_declared() -> None:
    assert "personnum" in REC.context
    assert "samordningsnum" in REC.context


# --- properties ----------------------------------------------------------------------------------

_SENTENCES = (
    "Beslutet gäller {} från och med den första.",
    "Uppgiften {} har kontrollerats mot registret.",
    "{}",
    "Den enskilde ({}) har inkommit med ett yttrande.",
)


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(written form, entity) for a random valid number in a random written form."""
    born = draw(st.dates(min_value=date(1890, 1, 1), max_value=TODAY))
    coordination = draw(st.booleans())
    serial = draw(st.integers(min_value=0, max_value=999))
    day = born.day + (60 if coordination else 0)
    nine = f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial:03d}"
    ten = nine + check_digit(nine)
    century = f"{born.year // 100:02d}"
    centenarian = born <= TODAY.replace(year=TODAY.year - 100)
    forms = [
        century + ten[:6] + "-" + ten[6:],
        century + ten,
        century + ten[:6] + " " + ten[6:],
        ten[:6] + ("+" if centenarian else "-") + ten[6:],
    ]
    if not centenarian:
        forms.append(ten[:6] + " " + ten[6:])
        if not ten.startswith("0"):
            forms.append(ten)
    written = draw(st.sampled_from(forms))
    entity = entities.SE_SAMORDNINGSNUMMER if coordination else entities.SE_PERSONNUMMER
    return written, entity


@settings(max_examples=300, deadline=None)
@given(valid_numbers(), st.sampled_from(_SENTENCES))
def test_property_valid_numbers_found_exactly(number: tuple[str, str], sentence: str) -> None:
    written, entity = number
    text = sentence.format(written)
    results = REC.analyze(text, TYPES)
    assert len(results) == 1
    (result,) = results
    assert result.entity_type == entity
    assert text[result.start : result.end] == written
    assert result.score >= 0.85


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=16, max_size=24), st.sampled_from(_SENTENCES))
def test_property_long_digit_runs_never_match(digits: str, sentence: str) -> None:
    assert REC.analyze(sentence.format(digits), TYPES) == []


# -- a stray leading digit read by OCR (a table border or a speck read as 1, a digit read twice) --
@pytest.mark.parametrize("value", ["1811218-9876", "8811218-9876", "119811218-9876"])
def test_stray_leading_digit(value: str) -> None:
    assert found(f"Namn\n{value}\nAdress") == [
        (entities.SE_PERSONNUMMER, value, 0.6, "valid_without_stray_digit")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "5811218-9876",  # 5 is no stray mark and not doubled
        "1811218-9875",  # not valid without the stray digit either
        "Dnr 1811218-9876",  # another identifier's label
        "1234567-8901",
    ],
)
def test_no_stray_digit_repair(text: str) -> None:
    assert found(text) == []


# --- written forms: spaced and long dashes, Unicode hyphens, line breaks ---------------------


@pytest.mark.parametrize(
    "written",
    [
        "19811218 - 9876",
        "811218 – 9876",
        "811218—9876",
        "811218\u20159876",  # horizontal bar
        "811218\u22129876",  # minus sign
        "811218\u00ad9876",  # soft hyphen (office fonts), for callers without normalisation
        "19811218\u20109876",
    ],
)
def test_any_dash_between_date_and_serial(written: str) -> None:
    assert found(f"Personnummer {written}") == [(entities.SE_PERSONNUMMER, written, 1.0, VALID)]


@pytest.mark.parametrize("written", ["19811218\n9876", "811218-\n9876", "811218\n9876", "19811218 -\n9876"])
def test_number_broken_over_two_lines(written: str) -> None:
    assert found(f"Sökande: {written} är folkbokförd") == [(entities.SE_PERSONNUMMER, written, 1.0, VALID)]


def test_line_broken_bad_check_digit_is_weak_without_label() -> None:
    # a date ending one line and four digits starting the next: not the 12-digit evidence
    assert found("Utbetald 19811218\n9875 kr") == [(entities.SE_PERSONNUMMER, "19811218\n9875", 0.35, INVALID_CHECKSUM)]


def test_wrapped_inside_the_last_four_digits_in_a_table_cell() -> None:
    from recognizers.base import luhn_ok

    base = "19850709980"
    number = next(base + str(d) for d in range(10) if luhn_ok((base + str(d))[2:]))
    text = f"Ek, Anna\n{number[:8]}-{number[8:10]}\n{number[10:]}\nStorgatan 1"
    found = [(text[r.start : r.end], r.score) for r in SePersonnummerRecognizer().analyze(text, ["SE_PERSONNUMMER"])]
    assert found == [(f"{number[:8]}-{number[8:10]}\n{number[10:]}", 1.0)]
    # a wrapped tail that makes no valid number is not taken
    bad = f"Summa {number[:8]}-{number[8:10]}\n{(int(number[10:]) + 1) % 100:02d} st"
    assert [r for r in SePersonnummerRecognizer().analyze(bad, ["SE_PERSONNUMMER"]) if "\n" in bad[r.start : r.end]] == []


@pytest.mark.parametrize("number", ["8507099804", "8513099805"])  # a failed check, a failed date
def test_number_right_after_a_name_and_a_comma_is_masked_even_when_a_check_fails(number: str) -> None:
    text = f"§ 4 Ärende gällande Karin Holm, {number}. Ansökan om bostadsanpassning."
    [(_, span, score, _)] = found(text)
    assert span == number and score >= 0.4
    # without the name the bare run stays below the threshold
    assert all(sc < 0.4 for _, _, sc, _ in found(f"Se bilaga 4, {number}. Ansökan"))


def test_born_in_the_2000s_bare_after_a_name_is_no_phone_number() -> None:
    from recognizers.base import luhn_ok

    number = next(f"05041606{d}{e}" for d in range(10) for e in range(10) if luhn_ok(f"05041606{d}{e}"))
    text = f"§ 61 Ärende gällande Eva Holm, {number}. Ansökan om färdtjänst."
    assert [(span, score) for _, span, score, _ in found(text)] == [(number, 0.85)]


@pytest.mark.parametrize("written", ["811218 -'9876", "811218-,9876", "811218 .- 9876", "19811218´-9876"])
def test_speck_beside_the_hyphen_of_a_valid_number(written: str) -> None:
    # a scanned speck read as an apostrophe, comma or full stop next to the hyphen
    assert found(f"Beslutet gäller Anna Svensson ({written}).") == [
        (entities.SE_PERSONNUMMER, written, 1.0, "valid")
    ]


def test_speck_beside_the_hyphen_of_an_invalid_number_is_nothing() -> None:
    bad = "811218-98" + str((int("6") + 1) % 10)  # check digit off by one
    assert found(f"Beslutet gäller Anna Svensson ({bad.replace('-', ' -,')}).") == []
