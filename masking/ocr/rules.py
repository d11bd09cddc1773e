"""Table borders and specks read as characters: a ruling line at the edge of an OCR word is no
glyph, a dot far smaller than its line is no letter.

Tesseract finds table lines for its layout analysis, but recognises each text line from the
image itself: a cell border just left of a value is read as a character, so ``271 11 YSTAD``
becomes ``1271 11 YSTAD``, ``891127-0497`` becomes ``1891127-0497`` and ``915-4907`` may become
``9915-4907``. The recognizers then see a wrong number (a personnummer with 11 digits is none)
and the value stays unmasked.

:func:`strip_rule_glyphs` looks at the pixels at both ends of every word: a column that is dark
far above and below the word (a line longer than any character) is a ruling line. The
character it produced is removed when the ink beside the line, split at blank columns, holds
exactly as many pieces as the word has characters left; when the pieces do not tell (touching
glyphs, specks), the word is kept as read. A one-character word lying on a line (``|``,
``1``) is dropped, and so is a one-character letter or digit far smaller than the other words
of its line (a speck read as ``1``: ``1 8696-7`` for ``8696-7``). A ``|`` (or bracket) that
the engine put before a word without ink of its own (``|4676-5814``, the pieces tell) is
dropped too. Words beyond a cell border start a line of their own, as cells do in a text
layer, so two neighbouring cells (``0046 76 412 32 01`` and ``8546-4, 553 740 276-9``) are not
read as one number. The word box is cut back to the ink beside the line, so the character
boxes derived from it fit the remaining characters. The page layout is not changed (removing
the lines from the image would make Tesseract read a table column by column). The wrapped rest
of a table cell (a second line under one cell only) is moved right after the cell's first line,
so ``591`` / ``14`` is read as one postnummer and not as ``591 MOTALA 14``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np

from .engine import OcrWord

DARK = 140  # grey level below which a pixel is ink (paper is about 240, print under 100)
RULE_FRACTION = 0.9  # a ruling line is dark over this share of twice the word's height
_MIN_HEIGHT = 6  # pixels: smaller words are left alone


class _Ink:
    """The page's ink, found once for all the words of a page (each word looks at a few small
    windows of it, hundreds of times a page): ``dark`` the pixels darker than :data:`DARK`,
    ``wide`` those with a dark pixel at most one column away in their row (a line of a slightly
    skewed page drifts by a column)."""

    def __init__(self, grey: np.ndarray) -> None:
        self.shape = grey.shape
        self.dark = grey < DARK
        wide = self.dark.copy()
        wide[:, 1:] |= self.dark[:, :-1]
        wide[:, :-1] |= self.dark[:, 1:]
        self.wide = wide


def _ink(pix) -> _Ink | None:
    if pix.n != 1 or pix.alpha:
        return None
    return _Ink(np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width])


def _rule_columns(a: _Ink, x0: int, x1: int, y0: int, y1: int) -> np.ndarray:
    """Indices (absolute) of columns in [x0, x1) that are dark over [y0, y1) almost entirely,
    allowing a drift of one column (a line of a slightly skewed page)."""
    x0, x1 = max(0, x0), min(a.shape[1], x1)
    if x1 <= x0 or y1 <= y0:
        return np.empty(0, dtype=int)
    wide = a.wide[y0:y1, x0:x1]
    if wide.shape[0] == 0:
        return np.empty(0, dtype=int)
    frac = np.count_nonzero(wide, axis=0) / wide.shape[0]
    return np.nonzero(frac >= RULE_FRACTION)[0] + x0


def _thin_rule(a: _Ink, x0: int, x1: int, y0: int, y1: int, max_width: int) -> tuple[int, int] | None:
    """The ruling line in columns [x0, x1) as (first, last) column: a run of dark columns (see
    :func:`_rule_columns`) at most ``max_width`` wide with paper on both sides, so that the
    edge of a filled area (a box, a photo) is no line. None when there is none."""
    cols = _rule_columns(a, x0 - max_width - 1, x1 + max_width + 1, y0, y1)
    if cols.size == 0:
        return None
    runs = np.split(cols, np.nonzero(np.diff(cols) > 1)[0] + 1)
    lo, hi = max(0, x0 - max_width - 1), min(a.shape[1], x1 + max_width + 1)
    for run in runs:
        first, last = int(run[0]), int(run[-1])
        if last < x0 or first >= x1:
            continue  # outside the place looked at
        if last - first + 1 > max_width or first <= lo or last >= hi - 1:
            continue  # too wide, or reaching beyond what was looked at: an area
        return first, last
    return None


def _pieces(a: _Ink, x0: int, x1: int, y0: int, y1: int) -> tuple[int, int, int]:
    """(pieces of ink, first inked column, last inked column + 1) in the box, pieces being
    runs of columns with ink separated by blank columns; (0, x0, x0) when there is no ink."""
    x0, x1 = max(0, x0), min(a.shape[1], x1)
    if x1 <= x0:
        return 0, x0, x0
    ink = np.count_nonzero(a.dark[y0:y1, x0:x1], axis=0) >= 2
    idx = np.nonzero(ink)[0]
    if idx.size == 0:
        return 0, x0, x0
    pieces = 1 + int(np.count_nonzero(np.diff(idx) > 1))
    return pieces, x0 + int(idx[0]), x0 + int(idx[-1]) + 1


def _strip(w: OcrWord, a: _Ink) -> OcrWord | None:
    text = w.text
    x0, y0, x1, y1 = (int(round(v)) for v in w.box)
    h = y1 - y0
    if h < _MIN_HEIGHT or not text:
        return w
    ey0, ey1 = max(0, y0 - h // 2), min(a.shape[0], y1 + h // 2)
    if ey1 - ey0 < 2 * h - 2:
        return w  # at the image's edge: cannot tell a line from a glyph
    cw = max(2, (x1 - x0) // max(1, len(text)))
    max_width = max(5, h // 2)
    if len(text) == 1:
        if _thin_rule(a, x0, x1, ey0, ey1, max_width) and _pieces(a, x0, x1, y0, y1)[0] <= 1:
            return None  # the line itself, read as "|" or "1"
        return w
    # a "|" near a line is the line (no value has one: looked for a little further out);
    # any other character only right at the line and when the pieces of ink say it had none
    # of its own
    if len(text) > 2 and text[1] == "|" and text[2].isalnum():
        # "J|Alingsås", "'|EKBACKSGATAN": the border read as a character and a bar; no value
        # has a bar inside, so both go when a line is there or the first is no letter either
        rule = _thin_rule(a, x0 - max(2, h // 2), x0 + 2 * cw + 1, ey0, ey1, max_width)
        if rule or not text[0].isalnum():
            n, first, _ = _pieces(a, rule[1] + 2 if rule else x0 + 2 * cw, x1, y0, y1)
            if n > 0:
                text, x0 = text[2:], first
    phantom = text[0] in _PHANTOM
    left = _thin_rule(a, x0 - (max(2, h // 2) if phantom else 2), x0 + cw // 2 + 1, ey0, ey1, max_width)
    if left:
        start = left[1] + 2  # past the line and its blurred edge
        n, first, _ = _pieces(a, start, x1, y0, y1)
        if n > 0 and (n == len(text) - 1 or phantom):
            text, x0 = text[1:], first
    elif text[0] in _PHANTOM:
        n, first, _ = _pieces(a, x0, x1, y0, y1)
        if n == len(text) - 1 and n > 0:  # no ink of its own: "|4676-5814" for "4676-5814"
            text, x0 = text[1:], first
    if len(text) > 1:
        phantom = text[-1] in _PHANTOM
        right = _thin_rule(a, x1 - cw // 2 - 1, x1 + (max(2, h // 2) if phantom else 2), ey0, ey1, max_width)
        if right:
            end = right[0] - 1
            n, _, last = _pieces(a, x0, end, y0, y1)
            if n > 0 and (n == len(text) - 1 or phantom):
                text, x1 = text[:-1], last
    if text == w.text:
        return w
    return replace(w, text=text, box=(float(x0), w.box[1], float(x1), w.box[3]))


# Characters the engine prefixes to a word without ink of their own ("|4676-5814"): not digits
# or letters, so dropping one can never shorten a value.
_PHANTOM = frozenset("|[]!")


def _rule_between(a: _Ink, left: OcrWord, right: OcrWord) -> bool:
    """A vertical ruling line in the gap between two words of a line (a table's cell border)."""
    x0, x1 = int(round(left.box[2])), int(round(right.box[0]))
    y0 = int(round(min(left.box[1], right.box[1])))
    y1 = int(round(max(left.box[3], right.box[3])))
    h = y1 - y0
    if x1 - x0 < 3 or h < _MIN_HEIGHT:
        return False
    ey0, ey1 = max(0, y0 - h // 2), min(a.shape[0], y1 + h // 2)
    if ey1 - ey0 < 2 * h - 2:
        return False
    return _thin_rule(a, x0 + 1, x1 - 1, ey0, ey1, max(5, h // 2)) is not None


def _split_at_rules(words: list[OcrWord], a: _Ink) -> list[OcrWord]:
    """Words after a cell border start a line of their own (a new ``line`` id), as table cells
    do in a text layer: ``0046 76 412 32 01 | 8546-4, …`` is two values, not one number."""
    next_id = max((w.line for w in words), default=0) + 1
    out: list[OcrWord] = []
    moved: dict[int, int] = {}  # original line id → the id its words now get
    for w in words:
        prev = out[-1] if out else None
        line = moved.get(w.line, w.line)
        if prev is not None and prev.line == line and _rule_between(a, prev, w):
            line = moved[w.line] = next_id
            next_id += 1
        out.append(w if line == w.line else replace(w, line=line))
    return out


SPECK = 0.35  # a one-character word under this share of its line's height (both ways) is a speck
# Marks a speck is read as besides letters and digits ("073-720 94 :" / "95": the colon kept the
# wrapped phone number apart). Not "." or ",", which stand between the groups of numbers.
_SPECK_MARKS = frozenset(":;'`´\"")


def _specks(words: Sequence[OcrWord]) -> set[int]:
    """Indices of one-character letters, digits or marks (:data:`_SPECK_MARKS`) far smaller than
    the words of their line."""
    heights: dict[int, list[float]] = {}
    for w in words:
        if len(w.text) > 1:
            heights.setdefault(w.line, []).append(w.box[3] - w.box[1])
    out = set()
    for i, w in enumerate(words):
        if len(w.text) != 1 or not (w.text.isalnum() or w.text in _SPECK_MARKS) or w.line not in heights:
            continue
        hs = sorted(heights[w.line])
        limit = SPECK * hs[len(hs) // 2]
        if w.box[3] - w.box[1] < limit and w.box[2] - w.box[0] < limit:
            out.add(i)
    return out


CELL_GAP = 2.5  # gap between words, in line heights, that separates table columns (as in pages)
WRAP_GAP = 0.9  # at most this many line heights between a cell's line and its wrapped rest
ALIGN = 0.8  # a wrapped rest starts within this many line heights of its cell's first line


@dataclass
class _Segment:
    """Consecutive words of one line without a column gap: a table cell's line, or a line."""

    idx: list[int]
    x0: float
    y0: float
    x1: float
    y1: float
    tops: list[float] = field(default_factory=list)  # of its words: y0, y1 are their medians
    bottoms: list[float] = field(default_factory=list)

    @property
    def h(self) -> float:
        return self.y1 - self.y0


def _segments(words: Sequence[OcrWord]) -> list[_Segment]:
    out: list[_Segment] = []
    prev: OcrWord | None = None
    for i, w in enumerate(words):
        h = max(1.0, w.box[3] - w.box[1])
        if h < _MIN_HEIGHT and out:  # a speck (":", "'") goes with what precedes it
            out[-1].idx.append(i)
            continue
        if prev is not None and prev.line == w.line and w.box[0] - prev.box[2] <= CELL_GAP * h:
            seg = out[-1]
            seg.idx.append(i)
            seg.x1 = max(seg.x1, w.box[2])
            seg.tops.append(w.box[1])
            seg.bottoms.append(w.box[3])
            seg.y0, seg.y1 = sorted(seg.tops)[len(seg.tops) // 2], sorted(seg.bottoms)[len(seg.bottoms) // 2]
        else:
            out.append(_Segment([i], *w.box, tops=[w.box[1]], bottoms=[w.box[3]]))
        prev = w
    return out


def _bands(segs: list[_Segment]) -> list[list[_Segment]]:
    """Segments grouped into visual lines (vertically overlapping by half a height at least),
    top to bottom, each left to right, whatever order the engine read them in."""
    bands: list[list[_Segment]] = []
    for seg in sorted(segs, key=lambda g: (g.y0 + g.y1) / 2):
        if bands:
            band = bands[-1]
            y0, y1 = min(g.y0 for g in band), max(g.y1 for g in band)
            apart = all(seg.x0 >= g.x1 or seg.x1 <= g.x0 for g in band)  # cells side by side
            if apart and min(seg.y1, y1) - max(seg.y0, y0) >= 0.5 * min(seg.h, y1 - y0):
                band.append(seg)
                continue
        bands.append([seg])
    return [sorted(band, key=lambda g: g.x0) for band in bands]


def _row_rule(a: _Ink | None, x0: float, x1: float, y0: float, y1: float) -> bool:
    """A horizontal ruling line across [x0, x1) somewhere in the rows [y0, y1) (a row border)."""
    if a is None:
        return False
    r0, r1 = max(0, int(y0)), min(a.shape[0], int(y1) + 1)
    c0, c1 = max(0, int(x0)), min(a.shape[1], int(x1))
    if r1 <= r0 or c1 - c0 < 3:
        return False
    return bool((np.count_nonzero(a.dark[r0:r1, c0:c1], axis=1) / (c1 - c0) >= RULE_FRACTION).any())


def _junk(seg: _Segment, words: Sequence[OcrWord], h: float) -> bool:
    """A narrow piece of one or two characters that are not all letters or digits ("i;", "|"):
    a border's end or a speck, which neither is a cell's rest nor stops one from being found."""
    text = "".join(words[i].text for i in seg.idx)
    return len(text) <= 2 and not text.isalnum() and seg.x1 - seg.x0 < 0.5 * h


def _wrapped_cells_together(words: list[OcrWord], a: _Ink | None) -> list[OcrWord]:
    """``words`` reordered so that the wrapped rest of a table cell follows the cell's first line.

    OCR reads a table row by row, line by line: a cell whose value wraps onto a second line
    (``591`` / ``14`` under Postnr beside ``MOTALA`` under Ort) comes out as ``591 MOTALA 14``,
    and the postnummer is no longer one value. A visual line right below a row of two or more
    cells (closer than a row's spacing, no row border between them) holds the rest of those
    cells when each of its pieces starts where a cell above starts and stays within that
    cell's column, and its first column is empty or it has fewer pieces than the row (a new
    row fills its columns): each piece is moved right after its cell, and so is a third line.
    The same holds for a line of a right-hand column whose wrapped rest was read after the
    left-hand column's line beside it."""
    segs = _segments(words)
    bands = _bands(segs)
    after: dict[int, list[_Segment]] = {}  # id of a cell's segment → its wrapped rest, in order
    moved: set[int] = set()
    r = 0
    while r < len(bands) - 1:
        row = bands[r]
        r += 1
        if len(row) < 2:
            continue
        h = sorted(g.h for g in row)[len(row) // 2]
        bottom = max(g.y1 for g in row)
        while r < len(bands):
            nxt = bands[r]
            top = min(g.y0 for g in nxt)
            first_filled = nxt[0].x0 < row[0].x1
            if not -0.2 * h <= top - bottom <= WRAP_GAP * h or (first_filled and len(nxt) >= len(row)):
                break
            owners = []
            pieces = [t for t in nxt if not _junk(t, words, h)]  # "i;" read from a border's end
            for t in pieces:
                owner = next(
                    (c for j, c in enumerate(row)
                     if abs(t.x0 - c.x0) <= ALIGN * h and (j + 1 == len(row) or t.x1 <= row[j + 1].x0)),
                    None,
                )  # fmt: skip
                if owner is None or _row_rule(a, t.x0, t.x1, bottom, top):
                    owners = []
                    break
                owners.append(owner)
            if not owners:
                break
            for t, owner in zip(pieces, owners):
                after.setdefault(id(owner), []).append(t)
                moved.add(id(t))
            bottom = max(g.y1 for g in nxt)
            r += 1
    # a column beside another (a letter's two address blocks): a line alone in its band whose
    # wrapped rest lies below it, beside a line of the other column that was read first
    for r in range(len(bands) - 1):
        row, nxt = bands[r], bands[r + 1]
        if len(row) != 1 or len(nxt) < 2 or id(row[0]) in moved:
            continue
        (c,) = row
        if not 0 <= min(g.y0 for g in nxt) - c.y1 <= WRAP_GAP * c.h:
            continue
        below = [t for t in nxt if abs(t.x0 - c.x0) <= ALIGN * c.h and t.x1 <= c.x1 + c.h]
        others = [t for t in nxt if t not in below]
        if len(below) == 1 and all(u.x1 < c.x0 for u in others) and id(below[0]) not in moved:
            if not _row_rule(a, below[0].x0, below[0].x1, c.y1, below[0].y0):
                after.setdefault(id(c), []).append(below[0])
                moved.add(id(below[0]))
    if not after:
        return words
    out: list[OcrWord] = []
    for seg in segs:
        if id(seg) in moved:
            continue
        out.extend(words[i] for i in seg.idx)
        for t in after.get(id(seg), ()):
            out.extend(words[i] for i in t.idx)
    return out


def page_ink(pix) -> "_Ink | None":
    """The ink of the grey pixmap ``pix`` as :func:`strip_rule_glyphs` looks at it (None for
    other pixmaps); the same whatever words were read, so it can be made while the engine
    reads the page."""
    return _ink(pix)


def strip_rule_glyphs(words: Sequence[OcrWord], pix, ink: "_Ink | None | bool" = False) -> list[OcrWord]:
    """``words`` read from the grey pixmap ``pix``, without specks read as characters, without
    characters that are ruling lines (or phantoms) at a word's ends, and with a new line after
    each cell border (see the module text). Other pixmaps: only the specks are dropped.
    ``ink``: :func:`page_ink` of ``pix``, when made already."""
    specks = _specks(words)
    a = _ink(pix) if ink is False else ink
    out = []
    for i, w in enumerate(words):
        if i in specks:
            continue
        s = _strip(w, a) if a is not None else w
        if s is not None:
            out.append(s)
    out = _split_at_rules(out, a) if a is not None else out
    return _wrapped_cells_together(out, a)
