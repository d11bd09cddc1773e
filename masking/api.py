"""Plain-text analysis with the same decisions as PDF masking (thresholds, lists, occurrences)."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .model import Detection, PageText


def text_page(text: str, number: int = 0) -> PageText:
    """A glyph-less page for plain text (offsets only)."""
    return PageText(number=number, width=0.0, height=0.0, rotation=0, text=text, glyphs=[], char_glyph=[-1] * len(text))


@lru_cache(maxsize=8)
def _masker(policy: Optional[str]):
    from .pipeline import Masker

    return Masker(policy=policy)


def analyze_text(text: str, policy: Optional[str] = None) -> list[Detection]:
    """Detections to mask in ``text`` under ``policy`` (default policy when None)."""
    return _masker(policy).detect([text_page(text)])


def entities_for_jsonl(detections: list[Detection]) -> list[dict]:
    return [
        {"start": d.start, "end": d.end, "type": d.entity_type, "score": round(d.score, 4), "recognizer": d.recognizer}
        for d in sorted(detections, key=lambda d: (d.start, d.end))
    ]


def mask_text(text: str, detections: list[Detection]) -> str:
    """``text`` with each detection replaced by ``[TYPE]`` (for display; holds no value)."""
    out = []
    pos = 0
    for d in sorted(detections, key=lambda d: d.start):
        if d.start < pos:
            continue
        out.append(text[pos : d.start])
        out.append(f"[{d.entity_type}]")
        pos = d.end
    out.append(text[pos:])
    return "".join(out)
