"""Stage *detect*: the analyzer's findings on each page, as detections.

Input: the pages (:class:`masking.model.PageText`), the analyzer and what the policy needs
looked for (its lowest threshold, the types it ignores: :class:`~masking.stages.decide.Decider`).
Output: per page, a list of :class:`masking.model.Detection` with offsets into that page's text.
Words hyphenated over a line end are joined for analysis and the offsets mapped back. Nothing is
decided here: stage *decide* does that.
"""

from __future__ import annotations

from typing import Sequence

from ..analyzer import TextAnalyzer
from ..model import Detection, PageText
from ..textmatch import dehyphenate, map_span
from .decide import Decider


def detect_page(analyzer: TextAnalyzer, page: PageText, decider: Decider) -> list[Detection]:
    """All analyzer detections on a page at or above the policy's lowest threshold."""
    atext, amap = dehyphenate(page.text)
    out = []
    for f in analyzer.analyze(atext, min_score=decider.min_score, exclude=decider.excluded_types):
        start, end = map_span(amap, f.start, f.end)
        out.append(
            Detection(
                entity_type=f.entity_type,
                page=page.number,
                start=start,
                end=end,
                score=f.score,
                recognizer=f.recognizer,
                validation=f.validation,
                explanation=f.explanation,
            )
        )
    return out


def detect(analyzer: TextAnalyzer, pages: Sequence[PageText], decider: Decider) -> list[list[Detection]]:
    """``detect_page`` for every page, in page order."""
    return [detect_page(analyzer, page, decider) for page in pages]
