"""``make bench``: throughput of the masking pipeline on text PDFs, against plain PyMuPDF.

In the same run, on the same synthetic documents, it measures:

* the whole pipeline (open, extract, analyse, redact, sanitise, verify) in pages/s;
* plain PyMuPDF: open, ``rawdict`` extraction, ``search_for`` + redaction of the same values,
  ``apply_redactions`` and a full save, in pages/s; and the ratio of the two;
* the analysis path alone (NLP + all recognizers) in words/s on one core.

    python -m masking.bench [--docs N] [--seed S] [--json FILE]

Times are CPU seconds of this process (``time.process_time``) with numeric libraries held to
one thread: the work is single-threaded, so this is the one-core rate, and other load on the
machine (a model training next to it, CI neighbours) does not skew the ratio. Wall-clock
seconds are reported alongside.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import pymupdf  # noqa: E402

_clock = time.process_time


def _plain_pymupdf(pdfs: list[bytes], values: list[list[str]]) -> float:
    t0 = _clock()
    for data, vals in zip(pdfs, values):
        doc = pymupdf.open(stream=data, filetype="pdf")
        for page in doc:
            page.get_text("rawdict")
            tp = page.get_textpage()
            for v in vals:
                for r in page.search_for(v, textpage=tp):
                    page.add_redact_annot(r, fill=(0, 0, 0))
            page.apply_redactions()
        doc.tobytes(garbage=4, deflate=True)
        doc.close()
    return _clock() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="masking.bench")
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=99)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", default=".bench/text_pdf.json")
    args = ap.parse_args(argv)

    from .analyzer import get_analyzer
    from .pipeline import Masker
    from .synth import generate_documents, render_pdf

    docs = generate_documents(args.docs, seed=args.seed, name_split="heldout")
    pdfs = [render_pdf(d) for d in docs]
    values = [sorted({e.text for page in d.entities for e in page}) for d in docs]
    pages = sum(pymupdf.open(stream=p, filetype="pdf").page_count for p in pdfs)
    words = sum(len(t.split()) for d in docs for t in d.pages)

    masker = Masker()
    analyzer = get_analyzer()
    masker.mask_bytes(pdfs[0])  # warm-up (model load, caches)

    pipe_times, plain_times, analysis_times = [], [], []
    wall0 = time.perf_counter()
    for _ in range(args.rounds):
        t0 = _clock()
        for p in pdfs:
            masker.mask_bytes(p)
        pipe_times.append(_clock() - t0)
        plain_times.append(_plain_pymupdf(pdfs, values))
        t0 = _clock()
        for d in docs:
            for text in d.pages:
                analyzer.analyze(text)
        analysis_times.append(_clock() - t0)

    wall = time.perf_counter() - wall0
    pipe = min(pipe_times)
    plain = min(plain_times)
    ana = min(analysis_times)
    result = {
        "documents": len(pdfs),
        "pages": pages,
        "words": words,
        "pipeline_pages_per_s": round(pages / pipe, 2),
        "plain_pymupdf_pages_per_s": round(pages / plain, 2),
        "ratio_pipeline_to_plain": round(plain / pipe, 3),
        "analysis_words_per_s": round(words / ana, 0),
        "rounds": args.rounds,
        "pipeline_s_median": round(statistics.median(pipe_times), 3),
        "clock": "process CPU time, one thread",
        "wall_s_all_rounds": round(wall, 2),
        "model": f"{analyzer.model_name} {analyzer.model_version}",
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, python {platform.python_version()}",
    }
    print("text PDFs (whole pipeline vs plain PyMuPDF extract + redact + save, same pages, one process)")
    print(f"  pipeline        {result['pipeline_pages_per_s']:>8} pages/s")
    print(f"  plain PyMuPDF   {result['plain_pymupdf_pages_per_s']:>8} pages/s")
    print(f"  ratio           {result['ratio_pipeline_to_plain']:>8} (goal >= 0.25)")
    print(f"  analysis alone  {result['analysis_words_per_s']:>8} words/s (NLP + all recognizers, one core)")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
