"""Text layout for synthetic documents: tagged text, line wrapping and pagination.

Documents are composed from *parts*: plain strings and :class:`Tag` objects (a value that is
personal data, or a value that must survive masking). :class:`DocBuilder` wraps paragraphs into
lines that fit the A4 text width of the renderer (measured with the embedded DejaVu fonts), never
breaking inside a tag, and cuts the lines into pages. The page texts it returns are the ground
truth: the renderer draws them line by line without changing a character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence, Union

# -- page geometry (points) -------------------------------------------------------------------------

PAGE_WIDTH = 595.0  # A4
PAGE_HEIGHT = 842.0
MARGIN_LEFT = 62.0
MARGIN_RIGHT = 62.0
MARGIN_TOP = 56.0
MARGIN_BOTTOM = 50.0
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
CELL_PADDING = 4.0
CELL_SEPARATOR = "\t"  # joins the cells of a table row in the page text

FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"  # masking/fonts


@dataclass(frozen=True)
class Style:
    """How one line is drawn."""

    bold: bool
    size: float
    leading: float
    align: str = "left"  # "left" | "right"
    table: bool = False
    footer: bool = False


STYLES: dict[str, Style] = {
    "normal": Style(False, 10.0, 14.0),
    "bold": Style(True, 10.0, 14.0),
    "title": Style(True, 13.0, 19.0),
    "letterhead": Style(True, 15.0, 21.0),
    "small": Style(False, 8.5, 12.0),
    "right": Style(False, 10.0, 14.0, align="right"),
    "footer": Style(False, 7.5, 10.0, footer=True),
    "table_header": Style(True, 8.0, 16.0, table=True),
    "table_row": Style(False, 8.0, 16.0, table=True),
}


@lru_cache(maxsize=None)
def font_bytes(bold: bool) -> bytes:
    """The embedded DejaVu Sans font file (regular or bold) shipped in ``masking/fonts``."""
    return (FONT_DIR / FONT_FILES[bold]).read_bytes()


@lru_cache(maxsize=None)
def _font(bold: bool):  # -> pymupdf.Font
    import pymupdf

    return pymupdf.Font(fontbuffer=font_bytes(bold))


_ADVANCES: dict[bool, dict[str, float]] = {False: {}, True: {}}


def char_advance(ch: str, bold: bool) -> float:
    """Advance width of one character at font size 1."""
    table = _ADVANCES[bold]
    width = table.get(ch)
    if width is None:
        width = float(_font(bold).glyph_advance(ord(ch)))
        table[ch] = width
    return width


def text_width(text: str, style: Style) -> float:
    """Width of ``text`` in points when drawn in ``style``."""
    return sum(char_advance(ch, style.bold) for ch in text) * style.size


# -- tagged parts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    """A value in the text: personal data (``keep=False``) or a value that must survive."""

    text: str
    type: str
    keep: bool = False
    origin: str | None = None


Part = Union[str, Tag]
Parts = Sequence[Part]


@dataclass(frozen=True)
class Span:
    """A tag placed at character offsets."""

    start: int
    end: int
    tag: Tag


def flatten(parts: Parts | Part) -> tuple[str, list[Span]]:
    """Concatenate parts into one string and the spans of its tags."""
    if isinstance(parts, (str, Tag)):
        parts = [parts]
    chunks: list[str] = []
    spans: list[Span] = []
    pos = 0
    for part in parts:
        if isinstance(part, Tag):
            spans.append(Span(pos, pos + len(part.text), part))
            chunks.append(part.text)
            pos += len(part.text)
        else:
            chunks.append(part)
            pos += len(part)
    return "".join(chunks), spans


_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, **slots: Part | Parts) -> list[Part]:
    """Fill ``{name}`` slots of a template with strings, tags or part lists."""
    out: list[Part] = []
    pos = 0
    for m in _SLOT.finditer(template):
        if m.start() > pos:
            out.append(template[pos : m.start()])
        value = slots[m.group(1)]
        if isinstance(value, (str, Tag)):
            out.append(value)
        else:
            out.extend(value)
        pos = m.end()
    if pos < len(template):
        out.append(template[pos:])
    return out


# -- lines and pages ----------------------------------------------------------------------------


@dataclass
class Line:
    """One line of a page: its text, style, tags and (for tables) the table it belongs to."""

    text: str
    style: str
    spans: list[Span] = field(default_factory=list)
    table: int | None = None


@dataclass
class Page:
    """A finished page: text, tags at page offsets and the style of each line."""

    text: str
    spans: list[Span]
    styles: list[str]


def _wrap(text: str, spans: list[Span], style: Style, width: float) -> list[tuple[int, int]]:
    """Cut ``text`` at spaces outside tags so that each piece fits ``width``."""
    if text_width(text, style) <= width:
        return [(0, len(text))]
    inside = [False] * len(text)
    for span in spans:
        for i in range(span.start, span.end):
            inside[i] = True
    prefix = [0.0]
    for ch in text:
        prefix.append(prefix[-1] + char_advance(ch, style.bold) * style.size)
    breaks = [i for i, ch in enumerate(text) if ch == " " and not inside[i]]
    pieces: list[tuple[int, int]] = []
    start = 0
    while prefix[len(text)] - prefix[start] > width:
        best = None
        for b in breaks:
            if b <= start:
                continue
            if prefix[b] - prefix[start] <= width:
                best = b
            else:
                if best is None:
                    best = b  # a single piece wider than the line: let it overflow
                break
        if best is None:
            break
        pieces.append((start, best))
        start = best + 1
    pieces.append((start, len(text)))
    return [(a, b) for a, b in pieces if b > a]


HeaderFn = Callable[[int], Sequence[tuple[Parts, str]]]


class DocBuilder:
    """Collects paragraphs, lines and tables, then wraps and paginates them."""

    def __init__(
        self,
        header: HeaderFn | None = None,
        footer: Sequence[tuple[Parts, str]] = (),
    ) -> None:
        self._flow: list[Line | None] = []  # None = forced page break
        self._header = header
        self._footer = [self._single(parts, style) for parts, style in footer]
        self._table_headers: dict[int, Line] = {}
        self._tables = 0

    # -- composing --------------------------------------------------------------------------------
    @staticmethod
    def _single(parts: Parts | Part, style: str) -> Line:
        text, spans = flatten(parts)
        return Line(text, style, spans)

    def par(self, parts: Parts | Part, style: str = "normal") -> None:
        """A paragraph, wrapped to the text width."""
        text, spans = flatten(parts)
        st = STYLES[style]
        for a, b in _wrap(text, spans, st, TEXT_WIDTH):
            inner = [Span(s.start - a, s.end - a, s.tag) for s in spans if s.start >= a and s.end <= b]
            self._flow.append(Line(text[a:b], style, inner))

    def line(self, parts: Parts | Part, style: str = "normal") -> None:
        """One line (wrapped all the same if it does not fit)."""
        self.par(parts, style)

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self._flow.append(Line("", "normal"))

    def page_break(self) -> None:
        self._flow.append(None)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Parts | Part]]) -> None:
        """A table: one line per row, cells joined by a tab; the renderer draws the grid."""
        self._tables += 1
        tid = self._tables
        head = self._row([[h] for h in header], "table_header", tid)
        self._table_headers[tid] = head
        self._flow.append(head)
        for row in rows:
            self._flow.append(self._row(row, "table_row", tid))

    @staticmethod
    def _row(cells: Sequence[Parts | Part], style: str, tid: int) -> Line:
        parts: list[Part] = []
        for i, cell in enumerate(cells):
            if i:
                parts.append(CELL_SEPARATOR)
            if isinstance(cell, (str, Tag)):
                parts.append(cell)
            else:
                parts.extend(cell)
        text, spans = flatten(parts)
        return Line(text, style, spans, table=tid)

    # -- finishing --------------------------------------------------------------------------------
    def pages(self) -> list[Page]:
        """Paginate the flow; each page gets the header (from page 2) and the footer."""
        footer_height = sum(STYLES[l.style].leading for l in self._footer)
        capacity = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - footer_height - 6.0
        pages: list[list[Line]] = []
        current: list[Line] = []
        used = 0.0

        def start_page() -> None:
            nonlocal current, used
            if current:
                pages.append(current)
            current = []
            used = 0.0
            if self._header is not None and pages:
                for parts, style in self._header(len(pages) + 1):
                    line = self._single(parts, style)
                    current.append(line)
                    used += STYLES[style].leading

        content_on_page = False
        for item in self._flow:
            if item is None:
                start_page()
                content_on_page = False
                continue
            height = STYLES[item.style].leading
            if used + height > capacity and content_on_page:
                start_page()
                content_on_page = False
                if item.table is not None and item.style == "table_row":
                    head = self._table_headers[item.table]
                    current.append(head)
                    used += STYLES[head.style].leading
            if not content_on_page and item.text == "":
                continue  # no blank lines at the top of a page
            current.append(item)
            used += height
            content_on_page = True
        if current:
            pages.append(current)
        while pages and all(l.text == "" for l in pages[-1]):
            pages.pop()
        return [self._assemble(lines + self._footer) for lines in pages] or [self._assemble(self._footer)]

    @staticmethod
    def _assemble(lines: list[Line]) -> Page:
        texts: list[str] = []
        spans: list[Span] = []
        styles: list[str] = []
        pos = 0
        for line in lines:
            for s in line.spans:
                spans.append(Span(pos + s.start, pos + s.end, s.tag))
            texts.append(line.text)
            styles.append(line.style)
            pos += len(line.text) + 1
        return Page("\n".join(texts), spans, styles)
