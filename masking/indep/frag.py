"""Text fragments that carry their own ground truth.

A document is written as fragments: plain text, *values* (personal data, with entity type, the
written form and — filled in when the fragment is placed — the context pattern) and *keeps*
(non-personal look-alikes that must survive masking). Fragments concatenate with ``+``; a page
joins them and computes every span's offsets itself, so a span always matches its text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Optional, Union


@dataclass(frozen=True)
class Tag:
    type: str
    form: str = ""
    ctx: str = ""
    origin: Optional[str] = None
    keep: bool = False


@dataclass(frozen=True)
class Frag:
    parts: tuple[tuple[str, Optional[Tag]], ...] = ()

    def __add__(self, other: Union["Frag", str]) -> "Frag":
        o = other if isinstance(other, Frag) else P(other)
        return Frag(self.parts + o.parts)

    def __radd__(self, other: str) -> "Frag":
        return P(other) + self

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.parts)

    def with_ctx(self, ctx: str, force: bool = False) -> "Frag":
        return Frag(tuple((t, replace(g, ctx=ctx) if g is not None and (force or not g.ctx) else g) for t, g in self.parts))

    def values(self) -> list[tuple[str, Tag]]:
        return [(t, g) for t, g in self.parts if g is not None and not g.keep]

    def map_plain(self, fn) -> "Frag":
        """Apply ``fn`` to the plain (untagged) text only."""
        return Frag(tuple((fn(t) if g is None else t, g) for t, g in self.parts))


def P(text: str) -> Frag:
    return Frag(((text, None),)) if text else Frag()


def V(text: str, type_: str, form: str = "", origin: Optional[str] = None, ctx: str = "") -> Frag:
    return Frag(((text, Tag(type_, form, ctx, origin)),))


def K(text: str, type_: str) -> Frag:
    return Frag(((text, Tag(type_, keep=True)),))


def join(frags: Iterable[Union[Frag, str]], sep: str = " ") -> Frag:
    out = Frag()
    first = True
    for f in frags:
        if not first and sep:
            out = out + sep
        out = out + f
        first = False
    return out


def as_frag(x: Union[Frag, str]) -> Frag:
    return x if isinstance(x, Frag) else P(x)
