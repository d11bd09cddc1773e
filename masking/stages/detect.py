"""Stage *detect*: the analyzer's findings on each page, as detections.

Input: the pages (:class:`masking.model.PageText`), the analyzer and what the policy needs
looked for (its lowest threshold, the types it ignores: :class:`~masking.stages.decide.Decider`).
Output: per page, a list of :class:`masking.model.Detection` with offsets into that page's text.
Words hyphenated over a line end are joined for analysis and the offsets mapped back. A
document's pages are analysed together (:meth:`~masking.analyzer.TextAnalyzer.analyze_many`: the
spaCy pipeline runs over a batch of pages at once), with the findings of one call per page.
Nothing is decided here: stage *decide* does that.
"""

from __future__ import annotations

from collections import deque
from typing import Iterator, Sequence

from ..analyzer import Finding, TextAnalyzer
from ..model import Detection, PageText
from ..textmatch import dehyphenate, map_span
from .decide import Decider


def detect_page(analyzer: TextAnalyzer, page: PageText, decider: Decider) -> list[Detection]:
    """All analyzer detections on a page at or above the policy's lowest threshold."""
    return detect(analyzer, [page], decider)[0]


def detect(analyzer: TextAnalyzer, pages: Sequence[PageText], decider: Decider) -> list[list[Detection]]:
    """The detections of every page, in page order (the pages analysed in batches)."""
    maps: deque[list[int]] = deque()  # offset maps of the pages read ahead by the batch

    def texts() -> Iterator[str]:
        for page in pages:
            atext, amap = dehyphenate(page.text)
            maps.append(amap)
            yield atext

    found = analyzer.analyze_many(texts(), min_score=decider.min_score, exclude=decider.excluded_types)
    return [_detections(page, maps.popleft(), findings) for page, findings in zip(pages, found)]


def _detections(page: PageText, amap, findings: list[Finding]) -> list[Detection]:
    out = []
    for f in findings:
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
