"""The surrogate value makers of masking/anonymize/values.py and the surface forms of forms.py
(no model needed): validity, notation, what is kept, and that the input never comes back."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from masking.anonymize.forms import Surface, case_of, split_marked_suffix
from masking.anonymize.values import (
    digits_of,
    fake_address,
    fake_iban,
    fake_luhn,
    fake_phone,
    fake_pnr,
    fake_postal,
    iban_valid,
    icd10_chapter,
    luhn_ok,
    phone_valid,
    pnr_valid,
)
from masking.synth.values import luhn_digit

TODAY = dt.date(2026, 12, 3)


def _random_pnr(rng: random.Random) -> str:
    year = rng.randrange(1920, 2024)
    body = f"{year % 100:02d}{rng.randrange(1, 13):02d}{rng.randrange(1, 29) + rng.choice([0, 60]):02d}{rng.randrange(0, 1000):03d}"
    full = body + luhn_digit(body)
    return rng.choice([f"{full[:6]}-{full[6:]}", f"{year // 100}{full[:6]}-{full[6:]}", f"{year // 100}{full}", full])


@pytest.mark.parametrize("seed", range(5))
def test_fake_pnr_keeps_century_decade_gender_kind_and_notation(seed) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        pnr = _random_pnr(rng)
        fake = fake_pnr(pnr, rng, TODAY)
        d, f = digits_of(pnr), digits_of(fake)
        assert pnr_valid(fake, TODAY) and fake != pnr
        assert re.sub(r"\d", "9", fake) == re.sub(r"\d", "9", pnr)  # the same notation
        if len(d) == 12:
            assert f[:3] == d[:3]  # century and decade
        else:
            assert f[0] == d[0]  # decade
        assert int(f[-2]) % 2 == int(d[-2]) % 2  # gender digit
        assert (int(f[-6:-4]) > 60) == (int(d[-6:-4]) > 60)  # samordningsnummer stays one


def test_fake_pnr_is_never_in_the_future() -> None:
    rng = random.Random(1)
    for _ in range(300):
        fake = fake_pnr("20250101-0008", rng, TODAY)
        assert int(digits_of(fake)[:4]) <= 2026 and pnr_valid(fake, TODAY)


@pytest.mark.parametrize("phone", ["070-123 45 67", "+46 70 123 45 67", "08-123 456 78", "0046 31 123 45 67",
                                   "+46 (0)8-123 45 67", "0498-12 34 56", "0701234567", "010-123 45 67"])
def test_fake_phone_same_notation_and_area(phone) -> None:
    rng = random.Random(2)
    for _ in range(50):
        fake = fake_phone(phone, rng)
        assert phone_valid(phone, fake) and fake != phone


def test_luhn_iban_postal_icd() -> None:
    rng = random.Random(3)
    for bg in ("5050-1055", "123-4567", "4111 1111 1111 1111"):
        assert all(luhn_ok(digits_of(fake_luhn(bg, rng))) for _ in range(50))
    iban = "SE45 5000 0000 0583 9825 7466"
    for _ in range(50):
        f = fake_iban(iban, rng)
        assert iban_valid(f) and f != iban and re.sub(r"\w", "x", f) == re.sub(r"\w", "x", iban)
    assert re.fullmatch(r"\d{3} \d{2} \S.*", fake_postal("123 45 Stockholm", rng))
    assert icd10_chapter("F32.1") == "F00–F99" and icd10_chapter("T14") == "S00–T98" and icd10_chapter("Z73.0") == "Z00–Z99"


def test_fake_address_keeps_the_kind() -> None:
    rng = random.Random(4)
    out = fake_address("Storgatan 12, lgh 1102", rng, lambda n: "X")
    assert re.fullmatch(r"\w+gatan \d{2}, lgh \d{4}", out) and out != "Storgatan 12, lgh 1102"
    assert re.fullmatch(r"Box \d{3}", fake_address("Box 123", rng, lambda n: "X"))
    assert fake_address("c/o Anna Svensson", rng, lambda n: "Eva Lind") == "c/o Eva Lind"


def test_surface_forms() -> None:
    assert case_of("ANNA") == "u" and case_of("anna") == "l" and case_of("Anna") == "t"
    assert split_marked_suffix("Anna's") == Surface("Anna", "'s")
    assert Surface("Anna", "s").render("Karin") == "Karins"
    assert Surface("Anna", "s").render("Lars") == "Lars"  # no genitive s after -s
    assert Surface("ANNA", "S").render("Karin") == "KARINS"
    assert Surface("Anna", "s").render("[PERSON_1]", case="k") == "[PERSON_1]:s"


@pytest.mark.parametrize("seed", range(3))
def test_fake_bank_account_keeps_the_clearing_and_passes_its_ranges_rule(seed) -> None:
    from masking.anonymize.values import bank_account_valid, fake_bank_account
    from masking.synth.values import bank_account

    rng = random.Random(seed)
    for _ in range(300):
        acc = bank_account(rng).text  # SEB, Nordea, Danske, ICA (type 1.1), LF, Skandia (1.2), SHB, Swedbank
        assert bank_account_valid(acc)
        fake = fake_bank_account(acc, rng)
        assert bank_account_valid(fake) and fake != acc
        assert re.sub(r"\d", "9", fake) == re.sub(r"\d", "9", acc)  # the same notation
        assert digits_of(fake)[:4] == digits_of(acc)[:4]


def test_bank_account_rules_by_clearing_range() -> None:
    from masking.anonymize.values import bank_account_valid, bank_rule, fake_bank_account

    assert bank_rule("5123") == "1.1" and bank_rule("9025") == "1.2" and bank_rule("6123") == "2.2"
    assert bank_rule("8327") == "2.3" and bank_rule("3300") == "pnr" and bank_rule("9185") == "2.1"
    # a wrong check digit fails, one digit changed
    good = fake_bank_account("5123-1234567", random.Random(3))
    d = digits_of(good)
    assert bank_account_valid(good) and not bank_account_valid(d[:-1] + str((int(d[-1]) + 1) % 10))
    # Nordea personkonto: the account part is a surrogate personnummer
    fake = fake_bank_account("3300-8112189876", random.Random(4))
    assert fake.startswith("3300-") and pnr_valid(fake[5:]) and fake != "3300-8112189876"
    # Swedbank's five-digit clearing (with its check digit) stays whole
    acc = "8327-9, 123 456 789-5"
    fake = fake_bank_account(acc, random.Random(5))
    assert fake.startswith("8327-9, ") and luhn_ok(digits_of(fake)[5:])


def test_fake_postal_never_keeps_the_input_postnummer() -> None:
    rng = random.Random(0)
    for text in ("123 45 Stockholm", "12345", "411 03 GÖTEBORG", "981 31 Kiruna"):
        for _ in range(500):
            assert digits_of(fake_postal(text, rng))[:5] != digits_of(text)[:5]
