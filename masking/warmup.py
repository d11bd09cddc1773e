"""Warm-up: what a masking process loads on first use, loaded before its first real document.

Loading the model (:func:`masking.analyzer.get_analyzer`) is not all: the name gazetteers and
lexicon (read when a name is first decided on), the OCR engine (started by the first check of
pixels), spaCy's and MuPDF's first-call allocations are paid by the first document a process
masks (~1 s on a 2-core machine). A worker that serves requests (the service) or files (batch)
calls :func:`warm_up` once at start, so that cost is not in any request's latency.

The warm-up masks a small one-page letter built here (fictitious values: a name, a personnummer
with a valid check digit, an address, a phone number) in memory through the one pipeline path,
and discards the output. Nothing is written, logged or recorded.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

_LINES = (
    "Beslut om bostadsbidrag",
    "Sökande: Karin Lindqvist, personnummer 811218-9876",
    "Adress: Storgatan 12, 114 18 Stockholm",
    "Telefon: 070-123 45 67",
    "Handläggare Per Olof Svensson beslutar att bidrag beviljas från och med den 1 mars.",
)


def warm_up_pdf() -> bytes:
    """The one-page letter masked by :func:`warm_up`."""
    import pymupdf

    doc = pymupdf.open()
    try:
        page = doc.new_page()
        for k, line in enumerate(_LINES):
            page.insert_text((72, 90 + 18 * k), line, fontsize=11, fontname="helv")
        return doc.tobytes()
    finally:
        doc.close()


def warm_up(setup: Any) -> bool:
    """Mask :func:`warm_up_pdf` with ``setup`` (a :class:`masking.stages.run.Setup` or
    :class:`masking.pipeline.Masker`); True when it went through. A failure is logged by its
    type only and costs nothing but the head start: the first document then loads what it needs."""
    from .stages.run import run

    try:
        run(warm_up_pdf(), setup, name="warm-up")
        return True
    except Exception as exc:  # noqa: BLE001 - a warm-up must never stop a worker from starting
        log.warning("warm-up did not complete (%s); the first document loads what it needs", type(exc).__name__)
        return False
