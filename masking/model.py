"""The document model: one coordinate system (PDF points, unrotated page space) for all.

Boxes are ``(x0, y0, x1, y1)`` in PDF points in the page's *unrotated* coordinate space, which
is what PyMuPDF's text extraction and redaction annotations use (``page.rect`` before rotation).
Text, detections, review, report and audit all share it.

Nothing in this module that is written to a report or log holds matched text: a
:class:`Detection` carries offsets and boxes; the value stays in the page text in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, NamedTuple, Optional, Sequence

Box = tuple[float, float, float, float]


def box_union(boxes: Sequence[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def box_area(b: Box) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def box_intersection(a: Box, b: Box) -> float:
    return box_area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def round_box(b: Box, ndigits: int = 2) -> list[float]:
    return [round(v, ndigits) for v in b]


class Glyph(NamedTuple):
    """One character on a page with its box; ``line`` indexes the text line it belongs to.

    A named tuple rather than a dataclass: pages hold thousands of glyphs and this is built in
    the extraction loop, where construction cost matters.
    """

    char: str
    box: Box
    line: int
    size: float = 0.0


class GeometryReleased(RuntimeError):
    """A page's glyph boxes were released after reading and are used without
    :meth:`PageText.geometry` (a programming error: fail closed, never an empty box list)."""


class _Released(Sequence):
    """Stands for the glyphs, offset map and line boxes of a page whose geometry was released
    (:meth:`PageText.released`): any use raises :class:`GeometryReleased`."""

    __slots__ = ()

    def _refuse(self, *_args):
        raise GeometryReleased("this page's glyph boxes were released; use PageText.geometry()")

    __len__ = __getitem__ = __iter__ = __bool__ = _refuse  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "<released>"


RELEASED: Sequence = _Released()


@dataclass
class PageText:
    """The text of one page and a character-offset → glyph map.

    ``text[i]`` was produced by ``glyphs[char_glyph[i]]`` when ``char_glyph[i] >= 0``; separators
    that the extractor inserted (line breaks, gaps) map to -1.

    A page of a long document may hold its text only (:meth:`released`, stage *read*: the glyph
    boxes are most of the memory that grows with the page count); :meth:`geometry` then reads
    its glyphs again, and :meth:`boxes_for_span` and :meth:`glyphs_for_span` do so themselves.
    """

    number: int  # 0-based page index
    width: float
    height: float
    rotation: int
    text: str
    glyphs: list[Glyph]
    char_glyph: list[int]
    line_boxes: list[Box] = field(default_factory=list)
    unreliable: bool = False  # U+FFFD / unmapped glyphs: the text layer cannot be trusted
    # for a page whose geometry was released: reads the whole page again (its text the same)
    reread: Optional[Callable[[], "PageText"]] = field(default=None, repr=False, compare=False)

    @property
    def holds_geometry(self) -> bool:
        return self.reread is None

    def released(self, reread: Callable[[], "PageText"]) -> "PageText":
        """This page with its text only; ``reread`` gives the whole page again when its glyphs
        are needed (:meth:`geometry`)."""
        return replace(self, glyphs=RELEASED, char_glyph=RELEASED, line_boxes=RELEASED, reread=reread)

    def geometry(self) -> "PageText":
        """The page with its glyphs: itself, or read again (see :meth:`released`)."""
        return self if self.reread is None else self.reread()

    def boxes_for_span(self, start: int, end: int) -> list[Box]:
        """One box per text line covered by ``text[start:end]`` (union of its glyph boxes)."""
        per_line: dict[int, list[Box]] = {}
        for g in self.glyphs_for_span(start, end):
            per_line.setdefault(g.line, []).append(g.box)
        return [box_union(v) for _, v in sorted(per_line.items())]

    def glyphs_for_span(self, start: int, end: int) -> list[Glyph]:
        """The glyphs (not spaces) that produced ``text[start:end]``, in text order."""
        page = self.geometry()
        char_glyph, glyphs = page.char_glyph, page.glyphs
        out = []
        for i in range(max(0, start), min(end, len(char_glyph))):
            gi = char_glyph[i]
            if gi >= 0:
                g = glyphs[gi]
                if not g.char.isspace():
                    out.append(g)
        return out


@dataclass
class Document:
    """An opened input: identity, pages' text, and file-level facts (no content kept on disk)."""

    path: Optional[str]
    sha256: str
    page_count: int
    pages: list[PageText]
    metadata_keys: list[str] = field(default_factory=list)


@dataclass
class Detection:
    """One piece of personal data found on a page.

    ``start``/``end`` are offsets into that page's :class:`PageText` text. ``boxes`` are filled
    in when the detection is mapped to glyphs. ``value_key`` is an in-memory normalised form of
    the value used to mask every occurrence; it is never serialised.
    """

    entity_type: str
    page: int
    start: int
    end: int
    score: float
    recognizer: str
    validation: str = "unchecked"
    explanation: str = ""
    boxes: list[Box] = field(default_factory=list)
    source: str = "analyzer"  # analyzer | propagated | deny_list | manual
    value_key: str = field(default="", repr=False, compare=False)
    ground: Optional[str] = None  # a reviewer's choice; None: the policy's ground for the type
    decided_by: Optional[str] = None  # who decided (review); None: automatic by policy
    auto: bool = True  # the policy masks it without review (False: an official must decide)

    def to_public_dict(self) -> dict:
        """Serialisable form without any text."""
        return {
            "page": self.page + 1,
            "start": self.start,
            "end": self.end,
            "type": self.entity_type,
            "score": round(self.score, 4),
            "recognizer": self.recognizer,
            "validation": self.validation,
            "source": self.source,
            "explanation": self.explanation,
            "boxes": [round_box(b) for b in self.boxes],
        }


@dataclass
class MaskedArea:
    """One redaction box as applied to the output, with its legal ground."""

    page: int
    box: Box
    entity_type: str
    ground: str
    score: float
    recognizer: str
    label_drawn: bool = True
    decided_by: Optional[str] = None

    def to_dict(self) -> dict:
        return {
            "page": self.page + 1,
            "box": round_box(self.box),
            "type": self.entity_type,
            "ground": self.ground,
            "score": round(self.score, 4),
            "recognizer": self.recognizer,
            "label_drawn": self.label_drawn,
            "decided_by": self.decided_by,
        }


@dataclass
class ManualBox:
    """A box to mask on a page (PDF points, page coordinates), as it is.

    ``area``: drawn by an official. Every glyph whose box meets it is removed (not only those
    MuPDF's redaction takes) and stage *verify* checks the area itself (no glyph meets it, its
    pixels are the fill); the words under it are checked everywhere only with
    ``all_occurrences`` (then they are masked everywhere too). Without ``area`` (a value only
    the pixels show, :mod:`masking.stages.visual`) the words under the box are checked
    everywhere."""

    page: int  # 0-based
    box: Box
    entity_type: str = "MANUAL"
    ground: Optional[str] = None
    decided_by: Optional[str] = None
    area: bool = False
    all_occurrences: bool = False
