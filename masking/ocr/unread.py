"""Ink that OCR did not read: found on the page image and read a second time.

Tesseract's page layout analysis now and then drops a small block of perfectly clear text (a
signature ``mvh`` / ``Ksenia`` under a letter, a short line between a paragraph and a rule):
no word comes back for it, so nothing there can be found, and the name stays unmasked in the
output, readable by anyone (and by a later OCR). :func:`reread_unread_ink` looks for text-sized
ink that no word box covers and reads each such place again on its own (sparse text), adding
the words it finds in reading order.

Where the ink is looked for: a quarter-resolution copy of the page (darkest pixel of each 4×4
cell), without ruling lines (dark runs longer than any character, across or down) and without
everything within half a line's height of a word that was read. What is left is split into
text lines by its row profile and into pieces by blank columns; a piece the size of text (at
least about 0.06 inch high, at most about half an inch, wider than a speck) is read again,
cropped with a margin. At most :data:`MAX_REGIONS` pieces per page are read (the largest), so
a page of graphics cannot run up the cost.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

import numpy as np
import pymupdf

from .engine import OcrEngine, OcrWord

DARK = 140
CELL = 4  # pixels per side of a cell of the quarter-resolution copy
MIN_HEIGHT_INCH = 0.06  # an x-height of small print at 200 dpi is about 14 px
MAX_HEIGHT_INCH = 0.5
MIN_WIDTH_INCH = 0.06
RULE_V_INCH = 0.35  # vertical dark runs longer than this are ruling lines
RULE_H_INCH = 0.6
MIN_INK_CELLS = 6  # a piece needs this many inked cells (specks have one or two)
MAX_REGIONS = 12


def _min_pool(a: np.ndarray, k: int) -> np.ndarray:
    """The darkest pixel of each k×k cell (the image's edge rows and columns that fill no cell
    are left out). Taken as k - 1 element-wise minima of strided rows, then of strided columns:
    the same values as a reduction over a (h/k, k, w/k, k) view, at a twentieth of the cost
    (numpy's reduction over two non-adjacent axes walks the page pixel by pixel)."""
    h, w = (a.shape[0] // k) * k, (a.shape[1] // k) * k
    rows = a[0:h:k, :w].copy()
    for i in range(1, k):
        np.minimum(rows, a[i:h:k, :w], out=rows)
    out = rows[:, 0::k].copy()
    for j in range(1, k):
        np.minimum(out, rows[:, j::k], out=out)
    return out


def _long_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """Cells of ``mask`` in a vertical run of at least ``length`` cells."""
    h, w = mask.shape
    if h < length or length < 2:
        return np.zeros_like(mask)
    c = np.zeros((h + 1, w), dtype=np.int32)
    np.cumsum(mask, axis=0, out=c[1:])
    full = (c[length:] - c[:-length]) == length
    f = np.zeros((full.shape[0] + 1, w), dtype=np.int32)
    np.cumsum(full, axis=0, out=f[1:])
    ys = np.arange(h)
    lo = np.clip(ys - length + 1, 0, full.shape[0])
    hi = np.clip(ys + 1, 0, full.shape[0])
    return ((f[hi] - f[lo]) > 0) & mask


def _runs_1d(flags: np.ndarray, max_gap: int = 0) -> list[tuple[int, int]]:
    """(start, end) of runs of True in ``flags``, bridging gaps of at most ``max_gap``."""
    idx = np.nonzero(flags)[0]
    if idx.size == 0:
        return []
    breaks = np.nonzero(np.diff(idx) > max_gap + 1)[0]
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist()))


def ink_cells(grey: np.ndarray, dpi: int) -> np.ndarray:
    """The page's ink without ruling lines, a cell per :data:`CELL` × :data:`CELL` pixels
    (what :func:`unread_regions` starts from; the same whatever words were read, so it can be
    made while the engine reads the page)."""
    small = _min_pool(grey, CELL) < DARK
    if not small.any():
        return small
    cells_per_inch = dpi / CELL
    rules = _long_runs(small, max(2, round(RULE_V_INCH * cells_per_inch)))
    rules |= _long_runs(small.T, max(2, round(RULE_H_INCH * cells_per_inch))).T
    return small & ~rules


def unread_regions(grey: np.ndarray, words: Sequence[OcrWord], dpi: int, cells: Optional[np.ndarray] = None
                   ) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (x0, y0, x1, y1) of text-sized ink that no word covers, largest first.
    ``cells``: :func:`ink_cells` of ``grey``, when the caller made it already."""
    unread = (ink_cells(grey, dpi) if cells is None else cells).copy()
    if not unread.any():
        return []
    cells_per_inch = dpi / CELL
    hs = sorted(w.box[3] - w.box[1] for w in words if len(w.text) > 1)
    line_h = hs[len(hs) // 2] if hs else dpi * 0.15
    pad = line_h / 2
    for w in words:
        x0, y0, x1, y1 = w.box
        unread[
            max(0, int((y0 - pad) // CELL)) : int((y1 + pad) // CELL) + 1,
            max(0, int((x0 - pad) // CELL)) : int((x1 + pad) // CELL) + 1,
        ] = False
    min_h = max(2, round(MIN_HEIGHT_INCH * cells_per_inch))
    max_h = round(MAX_HEIGHT_INCH * cells_per_inch)
    min_w = max(2, round(MIN_WIDTH_INCH * cells_per_inch))
    word_gap = max(2, round(line_h / CELL))  # blank columns that still belong to one piece
    regions: list[tuple[int, int, int, int, int]] = []
    for r0, r1 in _runs_1d(unread.sum(axis=1) >= 1):
        if not min_h <= r1 - r0 <= max_h:
            continue
        band = unread[r0:r1]
        for c0, c1 in _runs_1d(band.any(axis=0), max_gap=word_gap):
            ink = int(band[:, c0:c1].sum())
            if c1 - c0 < min_w or ink < MIN_INK_CELLS:
                continue
            regions.append((ink, c0 * CELL, r0 * CELL, c1 * CELL, r1 * CELL))
    regions.sort(reverse=True)
    return [r[1:] for r in regions[:MAX_REGIONS]]


def _crop(grey: np.ndarray, box: tuple[int, int, int, int], margin: int) -> tuple[pymupdf.Pixmap, int, int]:
    x0, y0 = max(0, box[0] - margin), max(0, box[1] - margin)
    x1, y1 = min(grey.shape[1], box[2] + margin), min(grey.shape[0], box[3] + margin)
    part = np.ascontiguousarray(grey[y0:y1, x0:x1])
    return pymupdf.Pixmap(pymupdf.csGRAY, x1 - x0, y1 - y0, part.tobytes(), False), x0, y0


def reread_unread_ink(words: Sequence[OcrWord], pix, dpi: int, engine: OcrEngine,
                      cells: Optional[np.ndarray] = None) -> list[OcrWord]:
    """``words`` plus the words read again from text-sized ink that none of them covers (see
    the module text), each inserted after the line of the last word above it in the same
    column (never inside a line). ``cells``: :func:`ink_cells` of the page, when made already."""
    if pix.n != 1 or pix.alpha:
        return list(words)
    grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
    regions = unread_regions(grey, words, dpi, cells)
    if not regions:
        return list(words)
    out = list(words)
    next_line = max((w.line for w in words), default=0) + 1
    for box in sorted(regions, key=lambda b: (b[1], b[0])):
        crop, ox, oy = _crop(grey, box, margin=max(8, (box[3] - box[1]) // 2))
        found = [w for w in engine.recognize(crop, dpi, sparse=True) if any(c.isalnum() for c in w.text)]
        if not found:
            continue
        lines: dict[int, int] = {}
        new = []
        for w in found:
            if w.line not in lines:
                lines[w.line] = next_line
                next_line += 1
            x0, y0, x1, y1 = w.box
            new.append(replace(w, box=(x0 + ox, y0 + oy, x1 + ox, y1 + oy), line=lines[w.line]))
        top, left, right = box[1], box[0], box[2]
        at = len(out)
        for i in range(len(out) - 1, -1, -1):
            b = out[i].box
            if b[3] <= top + 2 and b[0] < right and left < b[2]:
                at = i + 1
                while at < len(out) and out[at].line == out[i].line:
                    at += 1  # after the rest of that line: never inside a line ("076-117 05 45")
                break
        out[at:at] = new
    return out
