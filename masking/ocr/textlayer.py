"""The searchable layer of a scanned page: invisible text (render mode 3) of the words that remain.

Written into the page *before* the redactions are applied, and only for OCR words that overlap
no masked span and lie under no reviewer-drawn box: a masked word is never written, so no OCR
text of a masked value can reach the output. (Applying the redactions afterwards may also drop a
kept word that touches a box; that loses a search hit, never leaks.) Verification then reads the
output's text layer like any other and fails closed if a masked value is found in it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import pymupdf

from ..model import Detection, ManualBox
from ..redact import label_font_path
from .pages import OcrPageText


@lru_cache(maxsize=1)
def _font() -> pymupdf.Font:
    return pymupdf.Font(fontfile=str(label_font_path()))


@lru_cache(maxsize=4096)
def _advance(ch: str) -> float:
    """The advance of one character in :func:`_font` at size 1 (as ``Font.text_length``, which
    looks up every character of every word through MuPDF's fallback encoding: most of the cost
    of the searchable layer)."""
    return _font().text_length(ch, fontsize=1.0)


def text_width(text: str) -> float:
    """``_font().text_length(text, fontsize=1.0)``, from the advances of its characters (the
    same sum in the same order)."""
    return sum(_advance(c) for c in text)


def kept_words(pt: OcrPageText, detections: Sequence[Detection], manual_boxes: Sequence[ManualBox] = ()):
    """``(start, end, box)`` of the OCR words on ``pt`` that are not masked in any part."""
    return [pt.words[i] for i in _kept_indices(pt, detections, manual_boxes)]


def _kept_indices(pt: OcrPageText, detections: Sequence[Detection], manual_boxes: Sequence[ManualBox]) -> list[int]:
    spans = sorted((d.start, d.end) for d in detections if d.page == pt.number)
    boxes = [mb.box for mb in manual_boxes if mb.page == pt.number]
    solid = getattr(pt, "solid", ())
    out = []
    for i, (start, end, box) in enumerate(pt.words):
        if any(s < end and start < e for s, e in spans):
            continue
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in solid):
            continue  # a filled box read as characters: not searchable text
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        out.append(i)
    return out


def _runs(pt: OcrPageText, kept: list[int]) -> list[tuple[int, int, tuple]]:
    """Consecutive kept words of one line as ``(start, end, box)``: one piece of text each."""
    runs: list[tuple[int, int, tuple]] = []
    prev = -2
    for i in kept:
        start, end, box = pt.words[i]
        if runs and i == prev + 1 and "\n" not in pt.text[runs[-1][1] : start]:
            s0, _, b0 = runs[-1]
            runs[-1] = (s0, end, (min(b0[0], box[0]), min(b0[1], box[1]), max(b0[2], box[2]), max(b0[3], box[3])))
        else:
            runs.append((start, end, box))
        prev = i
    return runs


def add_text_layer(
    page: pymupdf.Page,
    pt: OcrPageText,
    detections: Sequence[Detection],
    manual_boxes: Sequence[ManualBox] = (),
) -> int:
    """Write the kept words of ``pt`` as invisible text on ``page``, one piece per run of kept
    words on a line (so a reader's search finds phrases); returns how many words."""
    font = _font()
    writer = pymupdf.TextWriter(page.rect)
    kept = _kept_indices(pt, detections, manual_boxes)
    to_page = page.rotation_matrix  # word boxes are unrotated; the writer works on the visible page
    n = 0
    for start, end, box in _runs(pt, kept):
        text = pt.text[start:end]
        if not text.strip():
            continue
        r = pymupdf.Rect(box)
        if page.rotation:
            r = r * to_page
        height = r.height
        unit = text_width(text)
        if unit <= 0 or height <= 0:
            continue
        size = min(r.width / unit, height * 0.9)
        if size < 1.0:
            continue
        baseline = r.y1 - max(0.0, (height - size) / 2) - size * 0.1
        writer.append((r.x0, baseline), text, font=font, fontsize=size)
        n += len(text.split())
    if n:
        writer.write_text(page, render_mode=3)
    return n
