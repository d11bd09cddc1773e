"""The base of the PERSON recognizers that classify words with the shared gazetteers (the
rule-based name recognizer and the NER layer), and the PERSON result they both return."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from presidio_analyzer import LocalRecognizer, RecognizerResult

from masking import entities
from recognizers.base import make_result
from recognizers.names.classifier import Classifier
from recognizers.names.gazetteer import DATA_DIR, load_gazetteer


def person_result(
    recognizer: LocalRecognizer, start: int, end: int, score: float, pattern_name: str, signals: str
) -> RecognizerResult:
    """A PERSON result whose explanation names the signals only (never the text)."""
    return make_result(
        recognizer,
        entities.PERSON,
        start,
        end,
        score,
        pattern_name=pattern_name,
        original_score=score,
        explanation=f"{recognizer.name}: {signals}",
    )


class GazetteerRecognizer(LocalRecognizer):
    """A PERSON recognizer that classifies words with the shared gazetteers and lexicon."""

    ENTITY = entities.PERSON
    NAME = "GazetteerRecognizer"

    def __init__(
        self,
        supported_language: str = "sv",
        name: Optional[str] = None,
        data_dir: Optional[Path] = None,
        use_lexicon: bool = True,
    ) -> None:
        self._data_dir = Path(data_dir) if data_dir else DATA_DIR
        self._use_lexicon = use_lexicon
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name=name or self.NAME,
            context=[],  # context is handled by the recognizer or the analyzer's Swedish enhancer
        )

    def load(self) -> None:
        self.gaz = load_gazetteer(self._data_dir, self._use_lexicon)
        self.classify = Classifier(self.gaz)
