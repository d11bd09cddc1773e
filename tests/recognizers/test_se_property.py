"""Tests for the property designation (fastighetsbeteckning) recognizer."""

from __future__ import annotations

import pytest

from masking import entities
from recognizers.se_property import SePropertyRecognizer

REC = SePropertyRecognizer()
ADDR = entities.SE_ADDRESS


def found(text: str) -> list[tuple[str, float]]:
    results = sorted(REC.analyze(text, [ADDR]), key=lambda r: r.start)
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Han äger fastigheten Uppsala Kåbo 5:12 sedan 2019.", "Uppsala Kåbo 5:12"),
        ("Fastighet: Sjöbotten 1:23", "Sjöbotten 1:23"),
        ("Fastighetsbeteckning: Näsby 12:345", "Näsby 12:345"),
        ("Fastigheten Norrtälje Stora Mellby 3:4 är såld.", "Norrtälje Stora Mellby 3:4"),
        ("Fastighetsbeteckning: UPPSALA KÅBO 5:12", "UPPSALA KÅBO 5:12"),
        ("Vallentuna Rickeby 1:123 har lagfart för sökanden.", "Vallentuna Rickeby 1:123"),
        ("Sökanden bor på Övre-Gärdet 4:7 i Lit.", "Övre-Gärdet 4:7"),
        ("Lagfart söktes för Kåbo 5:12.", "Kåbo 5:12"),
    ],
)
def test_designation_with_property_context(text: str, span: str) -> None:
    assert found(text) == [(span, 0.85)]


def test_designation_without_context() -> None:
    # kommun + trakt is a designation's own shape; a lone "Trakt N:M" is weaker but masked (>= 0.4)
    assert found("Ärendet gäller Uppsala Kåbo 5:12 och inget annat.") == [("Uppsala Kåbo 5:12", 0.85)]
    assert found("Ärendet gäller Sörby Kåbo 5:12 och inget annat.") == [("Sörby Kåbo 5:12", 0.6)]
    assert found("Ärendet gäller Sjöbotten 1:23 och inget annat.") == [("Sjöbotten 1:23", 0.45)]


@pytest.mark.parametrize(
    "text",
    [
        "Beslutet fattades med stöd av OSL 21:7 och 28 kap. 1 § OSL.",
        "Se SFS 2009:400 och prop. 2008/09:111 samt SOU 2020:12.",
        "Enligt Socialtjänstlagen 4:1 och Föräldrabalken 6:2 ska nämnden pröva frågan.",
        "Förvaltningslagen (2017:900) gäller.",
        "Mötet börjar kl. 10:30 och slutar kl 12:15.",
        "Klockan 10:30 ringde hon.",
        "Måndag 10:30 har vi möte.",
        "Kartan är i Skala 1:500.",
        "Johannes 3:16 lästes upp.",
        "Se Bilaga 2:3 och Tabell 4:1.",
        "Fastighetsbeteckning saknas: KAP 5:12 och OSL 21:7.",
        "Mål T 1234-20, Svea hovrätt 2:14",
        "SOSFS 2011:9 om ledningssystem",
        "Resultatet blev 2:1 i matchen.",
        "Lunch 12:30 i matsalen, Fika 14:30, Frukost 7:30.",
        "Se Fråga 2:3 och Uppgift 4:2 i Kurs 1:2.",
    ],
)
def test_not_designations(text: str) -> None:
    assert found(text) == []


def test_ratio_after_lower_case_word_not_taken() -> None:
    assert found("blandas i förhållandet 1:3 med vatten") == []


def test_property_word_right_before_the_designation_and_a_wrapped_number() -> None:
    # the property word is a lead-in word of the match: it still counts as context
    assert ("Berga 4:17", 0.85) in found("Hyresvärd 551234-5678. Fastighet Berga 4:17.")
    # a line wrap between the trakt and its number, after a property word
    assert ("Berga\n4:17", 0.85) in found("Fastighet Berga\n4:17.\nNästa rad")
    assert found("Mötet hölls i Stora salen\n10:30 och") == []
