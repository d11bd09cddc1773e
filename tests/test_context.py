"""The Swedish context enhancer: words around a match raise its score."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from masking.context import SwedishContextEnhancer


def _recognizer() -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity="NUMBER8",
        patterns=[Pattern("eight digits", r"\b\d{8}\b", 0.3)],
        context=["kundnum"],
        supported_language="sv",
    )


def _enhance(text: str, prefix: int = 5, suffix: int = 0) -> float:
    rec = _recognizer()
    results = rec.analyze(text, ["NUMBER8"])
    enhancer = SwedishContextEnhancer(0.35, 0.4, prefix, suffix)
    (out,) = enhancer.enhance_using_context(text, results, None, [rec])
    return round(out.score, 2)


def test_context_word_before_raises_score_with_substring_match() -> None:
    assert _enhance("Ange ditt kundnummer: 12345678") == 0.65  # "kundnum" inside "kundnummer"


def test_no_context_keeps_score() -> None:
    assert _enhance("Ange siffrorna 12345678") == 0.3


def test_context_too_far_before_is_ignored() -> None:
    text = "Kundnummer står i brevet som handläggaren skickade förra veckan, skriv siffrorna 12345678"
    assert _enhance(text) == 0.3


def test_stop_words_do_not_use_up_the_window() -> None:
    # "och", "är", "det", "på" are stop words: the context word is still within five words
    assert _enhance("Kundnumret och det är på 12345678") == 0.65


def test_suffix_words() -> None:
    assert _enhance("12345678 (kundnummer)", prefix=5, suffix=1) == 0.65
    assert _enhance("12345678 (kundnummer)", prefix=5, suffix=0) == 0.3


def test_surrounding_words_are_lower_case_and_split_on_colon() -> None:
    e = SwedishContextEnhancer(0.35, 0.4, 3, 0)
    text = "Tel:Mobil Personnr:19121212-1212"
    assert e.surrounding_words(text, text.index("1912"), len(text)) == ["tel", "mobil", "personnr"]
