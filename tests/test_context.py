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


def test_context_word_is_not_found_across_two_words() -> None:
    # "kund" ends one word and "num" starts the next: no word holds "kundnum"
    assert _enhance("Ange kund nummer 12345678") == 0.3
    assert _enhance("Ange kund-nummer 12345678") == 0.3  # one word, but not "kundnum"
    assert _enhance("Ange kundnumret 12345678") == 0.65


def test_engine_context_step_equals_presidios() -> None:
    """The analyzer's engine groups results by recognizer in one pass; Presidio's own step gives
    the same results in the same order, also for a recognizer that adjusts its own results."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from masking.analyzer import _Engine

    class Doubter(PatternRecognizer):
        def enhance_using_context(self, text, raw_recognizer_results, other_raw_recognizer_results, nlp_artifacts, context=None):
            for r in raw_recognizer_results:  # halves its own score when another recognizer found something
                r.score = r.score / 2 if other_raw_recognizer_results else r.score
            return raw_recognizer_results

    text = "Kundnummer 12345678, kod AB12 och 87654321."

    def run(engine_class):
        recs = [
            _recognizer(),
            Doubter(supported_entity="CODE", patterns=[Pattern("code", r"\b[A-Z]{2}\d{2}\b", 0.5)], supported_language="sv"),
        ]
        registry = RecognizerRegistry(supported_languages=["sv"])
        for rec in recs:
            registry.add_recognizer(rec)
        engine = engine_class(registry=registry, nlp_engine=_NoNlp(), supported_languages=["sv"],
                              context_aware_enhancer=SwedishContextEnhancer(0.35, 0.4, 5, 0))
        artifacts = NlpArtifacts([], [], [], [], None, "sv")
        results = []
        for rec in recs:
            results.extend(rec.analyze(text, rec.supported_entities))
            for r in results:
                r.recognition_metadata.setdefault(r.RECOGNIZER_IDENTIFIER_KEY, rec.id)
        out = engine._enhance_using_context(text, results, artifacts, recs)
        return [(r.entity_type, r.start, r.end, round(r.score, 3)) for r in out]

    ours = run(_Engine)
    assert ours == run(AnalyzerEngine)
    assert ("CODE", 25, 29, 0.25) in ours and ("NUMBER8", 11, 19, 0.65) in ours


class _NoNlp:
    """An NLP engine that is never asked for anything (the results come ready-made)."""

    def get_supported_languages(self):
        return ["sv"]

    def is_loaded(self):
        return True
