"""Context enhancement for Swedish: the rule of Presidio's lemma enhancer, without its cost.

Presidio's ``LemmaContextAwareEnhancer`` deep-copies every result and walks the spaCy tokens to
find the words around each match. Our pipelines' lemmas are the lower-cased word forms (see
:mod:`masking.nlp`), so the same words can be read straight from the text: the last
``prefix_words`` non-stop words before a match and the first ``suffix_words`` after it, split on
colons as Presidio does. A recognizer context word found as a substring of one of them (Presidio's
default "substring" mode, which also catches Swedish compounds: "personnum" in
"personnummer") raises the score by ``similarity_factor`` to at least ``min_score_with_context``,
capped at 1.0; the explanation records the supporting word.
"""

from __future__ import annotations

from typing import List, Optional

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.sv.stop_words import STOP_WORDS

_WORD = re.compile(r"[\p{L}\p{N}][\p{L}\p{N}\-]*")
_WINDOW_CHARS = 24  # characters per context word looked at (bounded scan)


class SwedishContextEnhancer(ContextAwareEnhancer):
    def __init__(
        self,
        context_similarity_factor: float = 0.35,
        min_score_with_context_similarity: float = 0.4,
        context_prefix_count: int = 5,
        context_suffix_count: int = 0,
    ) -> None:
        super().__init__(
            context_similarity_factor=context_similarity_factor,
            min_score_with_context_similarity=min_score_with_context_similarity,
            context_prefix_count=context_prefix_count,
            context_suffix_count=context_suffix_count,
        )

    @staticmethod
    def _words(chunk: str) -> list[str]:
        return [w for w in (m.group(0).lower() for m in _WORD.finditer(chunk)) if w not in STOP_WORDS]

    def surrounding_words(self, text: str, start: int, end: int) -> list[str]:
        before = self._words(text[max(0, start - _WINDOW_CHARS * self.context_prefix_count) : start])
        words = before[-self.context_prefix_count :] if self.context_prefix_count else []
        if self.context_suffix_count:
            after = self._words(text[end : end + _WINDOW_CHARS * self.context_suffix_count])
            words.extend(after[: self.context_suffix_count])
        return words

    def enhance_using_context(
        self,
        text: str,
        raw_results: List[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: List[EntityRecognizer],
        context: Optional[List[str]] = None,
    ) -> List[RecognizerResult]:
        by_id = {r.id: r for r in recognizers}
        extra = [w.lower() for w in context or []]
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        for result in raw_results:  # fresh objects from this analysis: updated in place
            meta = result.recognition_metadata or {}
            recognizer = by_id.get(meta.get(key))
            if recognizer is None or not recognizer.context:
                continue
            if meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            words = self.surrounding_words(text, result.start, result.end) + extra
            # a context word inside one of the words: the words joined by a character no context
            # word holds, so a match cannot span two of them
            joined = "\0".join(words)
            support = next((c for c in recognizer.context if words and c.lower() in joined), "")
            if support:
                result.score = min(
                    max(result.score + self.context_similarity_factor, self.min_score_with_context_similarity),
                    ContextAwareEnhancer.MAX_SCORE,
                )
                if result.analysis_explanation is not None:
                    result.analysis_explanation.set_supportive_context_word(support)
                    result.analysis_explanation.set_improved_score(result.score)
        return raw_results
