"""Document generation and corpus writing (PDF + truth JSON, or plain-text records)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .context import Ctx
from .layout import Page
from .model import SynthDoc, SynthEntity
from .names import SPLITS
from .templates import KINDS

KIND_ORDER: tuple[str, ...] = tuple(KINDS)

_FIRST_DAY = date(2022, 1, 3)
_SPAN_DAYS = 4 * 365


def _spans(page: Page, keep: bool) -> list[SynthEntity]:
    out: list[SynthEntity] = []
    for span in page.spans:
        if span.tag.keep != keep:
            continue
        text = page.text[span.start : span.end]
        if text != span.tag.text:  # pragma: no cover - a layout bug, never data
            raise AssertionError(f"span text mismatch for type {span.tag.type}")
        out.append(SynthEntity(span.tag.type, span.start, span.end, text, span.tag.origin))
    return out


def generate_document(index: int, seed: int, name_split: str = "train", kind: str | None = None) -> SynthDoc:
    """Document number ``index`` of the corpus given by ``seed`` and ``name_split``.

    The kind rotates with the index (decision_letter, case_note, medical_certificate, email,
    people_table) unless given. The result depends only on the arguments.
    """
    if name_split not in SPLITS:
        raise ValueError(f"unknown name split {name_split!r}; expected one of {SPLITS}")
    kind = kind or KIND_ORDER[index % len(KIND_ORDER)]
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    rng = random.Random(f"masking.synth:{seed}:{name_split}:{index}:{kind}")
    today = _FIRST_DAY + timedelta(days=rng.randrange(_SPAN_DAYS))
    ctx = Ctx(rng, name_split, today)
    builder, meta = KINDS[kind](ctx)
    pages = builder.pages()
    metadata = {"title": meta.title, "author": meta.author}
    if meta.subject:
        metadata["subject"] = meta.subject
    return SynthDoc(
        id=f"{name_split}-{seed}-{index:04d}-{kind}",
        kind=kind,
        pages=[p.text for p in pages],
        entities=[_spans(p, keep=False) for p in pages],
        keep=[_spans(p, keep=True) for p in pages],
        styles=[p.styles for p in pages],
        seed=seed,
        name_split=name_split,
        metadata=metadata,
        outline=list(meta.outline),
        metadata_values=list(meta.values),
    )


def generate_documents(n: int, seed: int, name_split: str = "train") -> list[SynthDoc]:
    """``n`` documents, kinds rotating; deterministic given ``seed`` (and ``name_split``)."""
    return [generate_document(i, seed, name_split) for i in range(n)]


def write_corpus(out_dir: str | Path, n: int, seed: int, name_split: str = "train") -> list[Path]:
    """Write ``NAME.pdf`` and ``NAME.truth.json`` for each of ``n`` documents; returns the PDF paths.

    The truth files hold the synthetic values on purpose: they are test data.
    """
    from .render import render_pdf

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for doc in generate_documents(n, seed, name_split):
        pdf_path = out / f"{doc.id}.pdf"
        pdf_path.write_bytes(render_pdf(doc))
        (out / f"{doc.id}.truth.json").write_text(
            json.dumps(doc.truth(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        paths.append(pdf_path)
    return paths


def text_corpus(n: int, seed: int, name_split: str = "train") -> list[dict[str, Any]]:
    """Plain-text records for NER training/evaluation, one per page of ``n`` documents.

    Each record is ``{"id", "text", "entities": [{"start", "end", "type", "origin"}]}``
    (personal-data spans only; the keep spans are not entities).
    """
    records: list[dict[str, Any]] = []
    for doc in generate_documents(n, seed, name_split):
        for i, text in enumerate(doc.pages):
            records.append(
                {
                    "id": f"{doc.id}-p{i + 1}",
                    "text": text,
                    "entities": [
                        {"start": e.start, "end": e.end, "type": e.type, "origin": e.origin}
                        for e in doc.entities[i]
                    ],
                }
            )
    return records
