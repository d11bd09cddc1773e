"""Synthetic Swedish case documents with ground truth.

Used for the committed samples, for ``masking eval``, for benchmarks and for training and
measuring a NER model. Every person is synthetic: a random combination of hand-written given
names and surnames from one of fifteen name-origin groups, each group cut into two disjoint name
splits (``"train"`` and ``"heldout"``) so that a model can be measured on names it never saw.

Public API::

    generate_documents(n, seed, name_split="train") -> list[SynthDoc]
    render_pdf(doc) -> bytes
    render_scanned_pdf(doc, seed, style=ScanStyle()) -> (bytes, skews)   # noisy 200-dpi image PDF
    write_corpus(out_dir, n, seed, name_split="train") -> list[Path]
    text_corpus(n, seed, name_split="train") -> list[dict]
"""

from __future__ import annotations

from .context import KEEP_TYPES
from .corpus import KIND_ORDER, generate_document, generate_documents, text_corpus, write_corpus
from .model import SynthDoc, SynthEntity
from .names import ORIGINS, SPLITS, name_pool
from .render import render_pdf
from .scan import ScanStyle, render_scanned_pdf, scan_matrix, write_tiff

KINDS: tuple[str, ...] = KIND_ORDER

__all__ = [
    "KEEP_TYPES",
    "KINDS",
    "ScanStyle",
    "ORIGINS",
    "SPLITS",
    "SynthDoc",
    "SynthEntity",
    "generate_document",
    "generate_documents",
    "name_pool",
    "render_pdf",
    "render_scanned_pdf",
    "scan_matrix",
    "text_corpus",
    "write_corpus",
    "write_tiff",
]
