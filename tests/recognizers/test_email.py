"""Tests for the e-mail recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.base import UNCHECKED, VALID
from recognizers.email import EmailRecognizer

REC = EmailRecognizer()
EMAIL = entities.EMAIL_ADDRESS


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [EMAIL]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "address",
    [
        "anna.andersson@exempel.se",
        "a-b_c+tag@sub.domain.com",
        "åsa.öberg@kommun.se",
        "Åsa.Öberg@Kommun.SE",
        "ANNA.ANDERSSON@EXEMPEL.SE",
        "kalle_2@företag.se",
        "per.o'neil@example.org",
        "registrator@forsakringskassan.se",
        "x@y.museum",
    ],
)
def test_plain_addresses(address: str) -> None:
    assert found(f"Skriv till {address} senast fredag") == [(address, 1.0)]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Kontakta mig på anna@x.se.", "anna@x.se"),
        ("mailto:anna@x.se", "anna@x.se"),
        ("<anna@x.se>", "anna@x.se"),
        ("(anna@x.se)", "anna@x.se"),
        ("E-post: anna@x.se, tel 08-12 34 56", "anna@x.se"),
        ("\"anna@x.se\";", "anna@x.se"),
        ("skickat till anna@exempel.se.Ring oss", "anna@exempel.se"),
        ("anna@exempel.se\nNästa rad", "anna@exempel.se"),
    ],
)
def test_span_excludes_surroundings(text: str, address: str) -> None:
    assert found(text) == [(address, 1.0)]


def test_several_addresses() -> None:
    text = "Kopia: a.b@x.se; c.d@y.org och e@f.nu"
    assert [s for s, _ in found(text)] == ["a.b@x.se", "c.d@y.org", "e@f.nu"]


@pytest.mark.parametrize(
    "address",
    [
        "anna.andersson(at)exempel.se",
        "anna.andersson[at]exempel.se",
        "anna.andersson [at] exempel.se",
        "anna (at) exempel (dot) se",
        "anna[AT]exempel[dot]se",
        "anna(snabel-a)exempel.se",
    ],
)
def test_obfuscated(address: str) -> None:
    assert found(f"Mejla {address} för svar") == [(address, 0.8)]


def test_validation_metadata() -> None:
    [plain] = REC.analyze("anna@x.se", [EMAIL])
    assert plain.recognition_metadata["validation"] == VALID
    [obf] = REC.analyze("anna(at)x.se", [EMAIL])
    assert obf.recognition_metadata["validation"] == UNCHECKED


@pytest.mark.parametrize(
    "text",
    [
        "a@b.c",  # one-letter TLD
        "anna@localhost",
        "följ oss @myndigheten",
        "user@123.45",
        "anna@.se",
        "anna@exempel.",
        "@exempel.se",
        "priset @ 20 kr",
        "anna at exempel se",
        "Dnr 2024/12345",
        "anna..b@x.se",
    ],
)
def test_not_addresses(text: str) -> None:
    assert found(text) == []
