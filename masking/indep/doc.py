"""An independent document: blocks laid out by :mod:`masking.indep.render`, with its ground truth.

Blocks are ``para`` (wrapped text), ``field`` (label and value at two tab stops), ``table`` (rows of
cells inside a grid), ``cols`` (two columns of paragraphs side by side) and ``rule``. The page text
of the truth is the blocks' text joined by newlines (cells and fields joined by tabs); each span's
offsets are computed from the fragments, so a span always matches its text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Union

from ..synth.model import SynthDoc, SynthEntity
from .fonts import has_glyph
from .frag import Frag, P, as_frag


@dataclass
class Block:
    kind: str  # para | field | table | cols | rule
    frag: Frag = field(default_factory=Frag)
    label: str = ""
    rows: list[list[Frag]] = field(default_factory=list)
    left: list["Block"] = field(default_factory=list)
    right: list["Block"] = field(default_factory=list)
    size: float = 10.0
    bold: bool = False
    indent: float = 0.0
    header: bool = False

    def text_frag(self) -> Frag:
        if self.kind == "para":
            return self.frag
        if self.kind == "field":
            return P(self.label + "\t") + self.frag
        if self.kind == "table":
            out = Frag()
            for i, row in enumerate(self.rows):
                if i:
                    out = out + "\n"
                for j, cell in enumerate(row):
                    out = out + ("\t" if j else "") + cell
            return out
        if self.kind == "cols":
            out = Frag()
            for i, b in enumerate(self.left + self.right):
                out = out + ("\n" if i else "") + b.text_frag()
            return out
        return P("")


@dataclass
class IndepEntity(SynthEntity):
    form: str = ""
    ctx: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["form"] = self.form
        d["ctx"] = self.ctx
        return d


@dataclass
class IndepDoc(SynthDoc):
    blocks: list[list[Block]] = field(default_factory=list)
    font: str = "dejavu"
    unicode_forms: bool = False


class Writer:
    """Collects blocks page by page; every value placed gets the context of its block."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pages: list[list[Block]] = [[]]

    def _add(self, b: Block, ctx: str) -> None:
        if b.kind == "para" or b.kind == "field":
            b.frag = b.frag.with_ctx(ctx)
        elif b.kind == "table":
            b.rows = [[as_frag(c).with_ctx(ctx) for c in row] for row in b.rows]
        self.pages[-1].append(b)

    def para(self, f: Union[Frag, str], ctx: str = "prose", **kw) -> None:
        self._add(Block("para", as_frag(f), **kw), ctx)

    def heading(self, f: Union[Frag, str], size: float = 13) -> None:
        self._add(Block("para", as_frag(f), size=size, bold=True), "heading")

    def field(self, label: str, f: Union[Frag, str], ctx: str = "field") -> None:
        self._add(Block("field", as_frag(f), label=label), ctx)

    def table(self, rows: list[list[Union[Frag, str]]], header: bool = True, ctx: str = "table-cell") -> None:
        self._add(Block("table", rows=[[as_frag(c) for c in r] for r in rows], header=header), ctx)

    def cols(self, left: list[Union[Frag, str]], right: list[Union[Frag, str]], ctx: str = "column") -> None:
        lb = [Block("para", as_frag(f).with_ctx(ctx)) for f in left]
        rb = [Block("para", as_frag(f).with_ctx(ctx)) for f in right]
        self.pages[-1].append(Block("cols", left=lb, right=rb))

    def quote(self, f: Union[Frag, str], width: int = 68, prefix: str = "> ") -> None:
        """A quoted e-mail reply: wrapped at ``width`` characters, never inside a value, ``> `` on each line."""
        lines: list[Frag] = []
        cur = Frag()
        n = 0
        for text, tag in as_frag(f).with_ctx("email-quote").parts:
            if tag is not None:
                if n + len(text) > width and n:
                    lines.append(cur)
                    cur, n = Frag(), 0
                cur = cur + Frag(((text, tag),))
                n += len(text)
                continue
            for k, word in enumerate(text.split(" ")):
                piece = (" " if k else "") + word
                if n + len(piece) > width and n:
                    lines.append(cur)
                    cur, n = P(word), len(word)
                else:
                    cur = cur + piece
                    n += len(piece)
        if n:
            lines.append(cur)
        out = Frag()
        for i, line in enumerate(lines):
            out = out + ("\n" if i else "") + prefix + line
        self._add(Block("para", out, size=9.5), "email-quote")

    def rule(self) -> None:
        self.pages[-1].append(Block("rule"))

    def page_break(self) -> None:
        self.pages.append([])


def _unicode(text: str, rng: random.Random, has_glyph) -> str:
    hy = rng.choice([c for c in ("\u00ad", "\u2013", "\u2011", "\u2010") if has_glyph(c)] or ["-"])
    sp = rng.choice([c for c in ("\u00a0", "\u202f", "\u2009") if has_glyph(c)] or [" "])
    return text.replace("-", hy).replace(" ", sp) if not text.isalpha() else text


def finish(
    doc_id: str, kind: str, seed: int, w: Writer, font: str, unicode_forms: bool, metadata: dict[str, str],
    metadata_values: list[str],
) -> IndepDoc:
    pages_text: list[str] = []
    ents: list[list[SynthEntity]] = []
    keeps: list[list[SynthEntity]] = []
    urng = random.Random(f"{doc_id}:unicode")
    def glyph(ch: str) -> bool:
        return has_glyph(font, ch)

    for blocks in w.pages:
        if unicode_forms:  # office fonts: hyphens and spaces of numbers come out as look-alikes
            for b in blocks:
                _unicode_block(b, urng, glyph)
        pe: list[SynthEntity] = []
        pk: list[SynthEntity] = []
        parts: list[str] = []
        pos = 0
        for bi, b in enumerate(blocks):
            f = b.text_frag()
            if bi:
                parts.append("\n")
                pos += 1
            for text, tag in f.parts:
                if tag is not None:
                    ent = IndepEntity(tag.type, pos, pos + len(text), text, tag.origin, form=tag.form, ctx=tag.ctx)
                    (pk if tag.keep else pe).append(ent)
                parts.append(text)
                pos += len(text)
        pages_text.append("".join(parts))
        ents.append(pe)
        keeps.append(pk)
    return IndepDoc(
        id=doc_id, kind=kind, pages=pages_text, entities=ents, keep=keeps, seed=seed, name_split="independent",
        metadata=metadata, metadata_values=metadata_values, blocks=w.pages, font=font, unicode_forms=unicode_forms,
    )


def _uf(f: Frag, rng: random.Random, glyph) -> Frag:
    out = []
    for text, tag in f.parts:
        if tag is not None and not tag.keep and tag.type != "PERSON" and any(c.isdigit() for c in text):
            new = _unicode(text, rng, glyph)
            if new != text:
                from dataclasses import replace

                tag = replace(tag, form=tag.form + "+unicode")
            text = new
        out.append((text, tag))
    return Frag(tuple(out))


def _unicode_block(b: Block, rng: random.Random, glyph) -> None:
    b.frag = _uf(b.frag, rng, glyph)
    b.rows = [[_uf(c, rng, glyph) for c in row] for row in b.rows]
    for s in b.left + b.right:
        _unicode_block(s, rng, glyph)


