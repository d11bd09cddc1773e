"""Read-only sequences over packed arrays: a page's glyphs (:class:`PackedGlyphs`) and an OCR
page's word spans (:class:`PackedSpans`), built item by item on access. About 50 bytes a
character instead of about 300 as tuples of floats. Used by the text-layer reader
(:mod:`masking.pdf`) and by OCR (:mod:`masking.ocr.pages`); a module of their own, so neither
imports the other for them."""

from __future__ import annotations

from array import array
from typing import Sequence

from .model import Box, Glyph


class _PackedSequence(Sequence):
    """A read-only sequence over packed arrays that builds each item on access (subclasses give
    ``__len__``, ``_item`` and ``_state``, the tuple of their arrays)."""

    __slots__ = ()
    _ITEM = "item"

    def _item(self, i: int):  # pragma: no cover - abstract
        raise NotImplementedError

    def _state(self) -> tuple:  # pragma: no cover - abstract
        raise NotImplementedError

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._item(j) for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"{self._ITEM} index out of range")
        return self._item(i)

    def __iter__(self):
        for i in range(len(self)):
            yield self._item(i)

    def __eq__(self, other) -> bool:
        if type(other) is type(self):
            return self._state() == other._state()
        try:
            return len(self) == len(other) and all(a == self._coerce(b) for a, b in zip(self, other))
        except TypeError:
            return NotImplemented

    @staticmethod
    def _coerce(b):
        return b

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} {self._ITEM}s)"

    def __getstate__(self):
        return self._state()


class PackedGlyphs(_PackedSequence):
    """Glyphs packed into arrays: a read-only sequence of :class:`~masking.model.Glyph` that
    builds each on access. About 50 bytes a character instead of about 300 as tuples of
    floats; every page's text and boxes are held until the document is written, so for a long
    scan of dense pages (3,000 characters each) this is most of the memory that grows with the
    page count."""

    __slots__ = ("_chars", "_boxes", "_lines", "_sizes")

    def __init__(self, glyphs: Sequence[Glyph] = ()) -> None:
        chars = [g.char for g in glyphs]
        # one character per glyph (always so for OCR); else keep the strings as they are
        self._chars: str | tuple[str, ...] = "".join(chars) if all(len(c) == 1 for c in chars) else tuple(chars)
        self._boxes = array("d", [v for g in glyphs for v in g.box])
        self._lines = array("i", [g.line for g in glyphs])
        self._sizes = array("d", [g.size for g in glyphs])

    @classmethod
    def from_arrays(cls, chars: Sequence[str], boxes: array, lines: array, sizes: array) -> "PackedGlyphs":
        """Glyphs from arrays built by the caller (four box values per glyph), without making a
        :class:`~masking.model.Glyph` for each first (the text extraction's loop)."""
        self = cls.__new__(cls)
        self._chars = "".join(chars) if all(map((1).__eq__, map(len, chars))) else tuple(chars)
        self._boxes, self._lines, self._sizes = boxes, lines, sizes
        return self

    def __len__(self) -> int:
        return len(self._lines)

    _ITEM = "glyph"

    def _item(self, i: int) -> Glyph:
        b = self._boxes
        k = 4 * i
        return Glyph(self._chars[i], (b[k], b[k + 1], b[k + 2], b[k + 3]), self._lines[i], self._sizes[i])

    def _state(self) -> tuple:
        return (self._chars, self._boxes, self._lines, self._sizes)

    def __setstate__(self, state) -> None:
        self._chars, self._boxes, self._lines, self._sizes = state


class PackedSpans(_PackedSequence):
    """``(start, end, box)`` triples packed into arrays (the OCR words of a page)."""

    __slots__ = ("_starts", "_ends", "_boxes")

    def __init__(self, spans: Sequence[tuple[int, int, Box]] = ()) -> None:
        self._starts = array("i", [s for s, _, _ in spans])
        self._ends = array("i", [e for _, e, _ in spans])
        self._boxes = array("d", [v for _, _, b in spans for v in b])

    def __len__(self) -> int:
        return len(self._starts)

    _ITEM = "span"

    def _item(self, i: int) -> tuple[int, int, Box]:
        b = self._boxes
        k = 4 * i
        return (self._starts[i], self._ends[i], (b[k], b[k + 1], b[k + 2], b[k + 3]))

    def _state(self) -> tuple:
        return (self._starts, self._ends, self._boxes)

    @staticmethod
    def _coerce(b):
        return tuple(b)

    def __setstate__(self, state) -> None:
        self._starts, self._ends, self._boxes = state
