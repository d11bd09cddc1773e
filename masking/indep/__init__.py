"""An independent evaluation corpus: a second document generator, written apart from ``masking.synth``.

It exists only to *measure* (``masking eval --generator independent``): other document kinds
(citizens' appeals in informal Swedish, social services' investigations, police reports with
interviews, school documents, e-mail threads with quoted replies, forms, two-column layouts,
lists, minutes …), other layouts and fonts (DejaVu, DejaVu Condensed, Liberation Sans/Serif),
values in many written forms (Nordic identity numbers, every account form, cards, IBANs,
phone notations, addresses in every layout, property designations) and health data in words.
Each true value carries its written ``form`` and the ``ctx`` it sits in, so misses can be listed
by class. A miss it shows is fixed by class with a hand-written regression case, never by tuning
to its sentences, names or numbers.

Public API::

    generate_documents(n, seed) -> list[IndepDoc]     # SynthDoc subclass; same truth format
    render_pdf(doc) -> bytes
    write_corpus(out_dir, n, seed) -> list[Path]
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from .doc import IndepDoc, finish
from .kinds import KINDS, Ctx
from .people import ORIGINS
from .render import available_fonts, render_pdf

KIND_ORDER: tuple[str, ...] = tuple(KINDS)


def generate_document(index: int, seed: int, kind: str | None = None) -> IndepDoc:
    kind = kind or KIND_ORDER[index % len(KIND_ORDER)]
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    rng = random.Random(f"masking.indep|{seed}|{index}|{kind}")
    today = date(2023, 2, 1) + timedelta(days=rng.randrange(3 * 365))
    c = Ctx(rng, today)
    KINDS[kind](c)
    fonts = ("dejavu", "dejavu", "dejavu-condensed", "liberation-sans", "liberation-serif")
    font = rng.choice(fonts)
    from .fonts import has_glyph

    text = "".join(t for blocks in c.w.pages for b in blocks for t, _ in b.text_frag().parts)
    if any(not has_glyph(font, ch) for ch in set(text) if not ch.isspace()):
        font = "dejavu"  # office software falls back to a font that has the glyph
    unicode_forms = rng.random() < 0.2
    metadata = {"title": c.title}
    meta_values: list[str] = []
    if rng.random() < 0.2:  # the author's name left in the document information
        names = [t for b in c.w.pages[0] for t, g in b.text_frag().parts if g is not None and g.type == "PERSON"]
        if names:
            metadata["author"] = names[-1]
            meta_values.append(names[-1])
    return finish(f"indep-{seed}-{index:04d}-{kind}", kind, seed, c.w, font, unicode_forms, metadata, meta_values)


def generate_documents(n: int, seed: int) -> list[IndepDoc]:
    return [generate_document(i, seed) for i in range(n)]


def write_corpus(out_dir: str | Path, n: int, seed: int) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for doc in generate_documents(n, seed):
        p = out / f"{doc.id}.pdf"
        p.write_bytes(render_pdf(doc))
        (out / f"{doc.id}.truth.json").write_text(json.dumps(doc.truth(), ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
        paths.append(p)
    return paths


__all__ = ["KIND_ORDER", "ORIGINS", "IndepDoc", "available_fonts", "generate_document", "generate_documents",
           "render_pdf", "write_corpus"]
