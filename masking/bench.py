"""``make bench``: throughput of the masking pipeline on text PDFs, against plain PyMuPDF.

In the same run, on the same synthetic documents, it measures:

* the whole pipeline (open, extract, analyse, redact, sanitise, verify) in pages/s;
* plain PyMuPDF: open, ``rawdict`` extraction, ``search_for`` + redaction of the same values,
  ``apply_redactions`` and a full save, in pages/s; and the ratio of the two;
* the analysis path alone (NLP + all recognizers) in words/s on one core;
* where the pipeline's time goes: CPU ms per page and share for each stage (read, detect,
  decide, redact, verify, visual, record; :class:`StageClock`).

Batch scaling (:func:`bench_batch`): ``masking batch`` with 1 and 2 workers on the same text
PDFs, pages/s each and the ratio (goal >= 1.8 on 2 cores); then the command line's cold start
(:func:`bench_cold_start`): a one-page ``masking redact`` in a fresh process (goal <= 1.5 s).

Scanned documents (section 2, :func:`bench_scanned`), on generated documents rendered to noisy
200-dpi image PDFs:

* end to end (open, OCR, analyse, pixel redaction, searchable layer, text and pixel
  verification) in pages/s, as a run of documents (:meth:`masking.pipeline.Masker.mask_many`:
  the next document's OCR runs while this one is analysed, redacted and verified), and right
  after it **Tesseract alone** on the same pages: the engine's recognition of the very page
  images the pipeline reads (rendered beforehand, not timed); the ratio end-to-end / Tesseract
  alone (goal >= 0.9). Before that, one document at a time (``mask_bytes``), each followed by
  Tesseract alone on its pages and by the ``tesseract`` program on them as PNM files (ratio
  reported too). Wall-clock seconds, one process, one OCR thread.
* peak memory of a fresh process masking a scanned input of 50 and of 500 pages file to file,
  as ``masking redact`` does (:func:`bench_memory`): the max RSS of the process (model loading
  included) and the peak RSS while masking (reset after loading). Pages are OCR'd one at a time
  and redacted into the output file a chunk at a time, and the output is verified page by page
  from its file, so the peak must not grow with the page count (goal: 500 pages within 15 % of
  50 pages).

    python -m masking.bench [--docs N] [--seed S] [--json FILE] [--skip-batch] [--batch-docs N]
                            [--skip-text] [--skip-scanned] [--scanned-docs N] [--skip-memory] [--memory-pages N]
                            [--skip-service] [--service-requests N]

The HTTP service (section 3, :func:`bench_service`): ``masking serve`` with 2 masking workers
and default settings under N (50) concurrent one-shot redactions of a 3-page text PDF: answers
by status (no 5xx, no connection errors), p50/p95 latency against the ideal p95 (requests x
pages / throughput), throughput against ``masking batch --workers 2`` on the same PDFs right
after, peak memory of the service's processes; then 4 concurrent clients (p95 latency); then
(unless ``--skip-memory``) the service's peak memory while it masks one text PDF of 50 and of
``--memory-pages`` pages (:func:`_service_memory`).

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


class StageClock:
    """Process CPU time per pipeline stage, measured on the one pipeline path
    (:func:`masking.stages.run.run`) by wrapping the stage functions it calls (bench only; the
    wrappers are removed on exit). Time is exclusive: a stage called inside another (the visual
    check inside *verify*) is counted for itself only; what no wrapped stage covers is ``other``
    (source checks, hashing, the boxes of each detection, the report's bookkeeping). A target
    the pipeline no longer has is skipped (listed in ``missing``; its time counts in the stage
    that calls it)."""

    # (module, attribute, stage): the functions run() calls, in stage order
    TARGETS = (
        ("masking.stages.run", "intake", "read"),
        ("masking.stages.read", "Reading.__init__", "read"),  # the text layer, the first page for OCR
        ("masking.stages.read", "Reading.finish", "read"),  # the rest of OCR
        ("masking.stages.run", "detect", "detect"),
        ("masking.stages.decide", "Decider.decide", "decide"),
        ("masking.stages.run", "mask_regions", "visual"),
        ("masking.stages.verify", "check_regions", "visual"),
        ("masking.stages.verify", "verify_regions", "visual"),
        ("masking.stages.run", "redact", "redact"),
        ("masking.stages.run", "verify", "verify"),
        ("masking.stages.run", "build_report", "record"),
        ("masking.stages.redact", "Redacted.release_to", "record"),
        ("masking.stages.run", "atomic_write", "record"),
    )
    STAGES = ("read", "detect", "decide", "redact", "verify", "visual", "record")

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {s: 0.0 for s in self.STAGES}
        self._stack: list[list[float]] = []
        self._undo: list[tuple[object, str, object]] = []
        self.missing: list[str] = []

    def _wrap(self, fn, stage: str):
        def timed(*args, **kwargs):
            frame = [0.0]  # time of nested stages
            self._stack.append(frame)
            t0 = _clock()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = _clock() - t0
                self._stack.pop()
                self.seconds[stage] += elapsed - frame[0]
                if self._stack:
                    self._stack[-1][0] += elapsed

        return timed

    def __enter__(self) -> "StageClock":
        import importlib

        for module, attr, stage in self.TARGETS:
            owner: object = importlib.import_module(module)
            *path, name = attr.split(".")
            for part in path:
                owner = getattr(owner, part)
            fn = owner.__dict__.get(name) if isinstance(owner, type) else getattr(owner, name, None)
            if fn is None:
                self.missing.append(f"{module}.{attr}")
                continue
            self._undo.append((owner, name, fn))
            setattr(owner, name, self._wrap(fn, stage))
        return self

    def __exit__(self, *exc) -> None:
        for owner, name, fn in reversed(self._undo):
            setattr(owner, name, fn)
        self._undo.clear()


def stage_split(masker, pdfs: list[bytes], pages: int) -> dict:
    """One pass of the pipeline over ``pdfs`` with :class:`StageClock`: per stage, CPU ms per page
    and share of the whole."""
    with StageClock() as clock:
        t0 = _clock()
        for p in pdfs:
            masker.mask_bytes(p)
        total = _clock() - t0
    split = dict(clock.seconds)
    split["other"] = max(0.0, total - sum(split.values()))
    return {
        "total_ms_per_page": round(1000 * total / pages, 2),
        "ms_per_page": {k: round(1000 * v / pages, 2) for k, v in split.items()},
        "share": {k: round(v / total, 3) for k, v in split.items()},
    }


def print_split(split: dict) -> None:
    parts = "  ".join(f"{k} {v:.1f}" for k, v in split["ms_per_page"].items())
    print(f"  per stage       {split['total_ms_per_page']:>8} ms/page CPU: {parts}")
    print("                  share: " + "  ".join(f"{k} {round(100 * v)}%" for k, v in split["share"].items()))


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
    ap.add_argument("--skip-text", action="store_true", help="skip the text-PDF section")
    ap.add_argument("--skip-scanned", action="store_true", help="skip the scanned throughput section (slow)")
    ap.add_argument("--scanned-docs", type=int, default=12)
    ap.add_argument("--skip-memory", action="store_true", help="skip the 500-page memory measurements (slow)")
    ap.add_argument("--memory-pages", type=int, default=500)
    ap.add_argument("--scanned-json", default=".bench/scanned.json")
    ap.add_argument("--skip-batch", action="store_true", help="skip the batch scaling section (1 vs 2 workers)")
    ap.add_argument("--batch-docs", type=int, default=200,
                    help="documents in the batch scaling section (an archive: the start-up both runs pay once is small beside the work)")
    ap.add_argument("--skip-service", action="store_true", help="skip the HTTP service load test (service.loadtest)")
    ap.add_argument("--service-requests", type=int, default=50, help="concurrent one-shot redactions in the load test")
    ap.add_argument("--service-json", default=".bench/service_load.json")
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)  # internal: mask this file, print max RSS
    args = ap.parse_args(argv)
    if args.memory_child:
        return _memory_child(Path(args.memory_child))
    if not args.skip_text:
        bench_text(args)
    if not args.skip_batch:
        bench_batch(args)
    if not args.skip_scanned:
        bench_scanned(args)
    if not args.skip_memory:
        bench_memory(args)
    if not args.skip_service:
        bench_service(args)
    return 0


def bench_service(args) -> None:
    """Section 3: the HTTP service under load (see :mod:`service.loadtest`): N concurrent
    one-shot redactions of a 3-page text PDF; no 5xx but the deliberate 503s, p50/p95, peak memory."""
    from service.loadtest import batch_baseline, print_result, run_load_test

    res = run_load_test(requests=args.service_requests)
    print_result(res)
    # the same PDFs through `masking batch --workers 2` right after (goal: service >= 0.9 x batch)
    res["batch"] = batch_baseline(args.service_requests, workers=2)
    ratio = res["pages_per_s"] / res["batch"]["pages_per_s"] if res["pages_per_s"] and res["batch"]["pages_per_s"] else None
    res["throughput_over_batch"] = round(ratio, 2) if ratio else None
    print(f"  masking batch -w 2   {res['batch']['pages_per_s']:>8} pages/s on the same PDFs: service / batch "
          f"{res['throughput_over_batch']} (goal >= 0.9); p95 / ideal {res['p95_over_ideal']} (goal <= 1.2)")
    # a few clients: latency when the service is not saturated (goal p95 <= 1.0 s)
    small = run_load_test(requests=20, clients=4)
    res["four_clients"] = small
    print(f"  4 concurrent clients p50 {small['latency_end_to_end_s']['p50']} s, p95 {small['latency_end_to_end_s']['p95']} s "
          f"(goal p95 <= 1.0 s); {small['completed_200']}/20 masked, {small['connection_errors']} connection errors")
    if not args.skip_memory:
        res["memory"] = _service_memory(args)
    if args.service_json:
        Path(args.service_json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.service_json).write_text(json.dumps(res, indent=2), encoding="utf-8")


def _service_memory(args) -> dict:
    """Peak memory of the service (HTTP process, fork server and 2 workers, PSS) while it masks
    one text PDF of 50 and of ``--memory-pages`` dense pages by the one-shot path (goal: within
    15 %). The job time limit is raised for the long document; the rest is default."""
    from service.loadtest import run_load_test

    out: dict = {}
    for n in sorted({50, args.memory_pages}):
        r = run_load_test(requests=1, clients=1, document=(_text_pages(n), ["811218-9876"]), time_limit_s=3600,
                          extra_env={"MASKING_SERVICE_JOB_TIMEOUT_S": "3600"}, memory_interval_s=0.05)
        out[str(n)] = {"peak_pss_mb": r["peak_pss_mb"], "idle_pss_mb": r["idle_pss_mb"], "completed": r["completed_200"],
                       "seconds": r["wall_s"], "values_left": r["values_left_in_outputs"]}
    print("peak memory, service one-shot masking of a text PDF (HTTP process + fork server + 2 workers, PSS)")
    for n, r in out.items():
        print(f"  {n:>4} pages   peak {r['peak_pss_mb']:>7} MB PSS (idle {r['idle_pss_mb']} MB), {r['completed']}/1 masked "
              f"in {r['seconds']} s, {r['values_left']} values left")
    if len(out) == 2:
        small, large = (out[k] for k in sorted(out, key=int))
        if small["peak_pss_mb"] and large["peak_pss_mb"]:
            out["ratio"] = round(large["peak_pss_mb"] / small["peak_pss_mb"], 3)
            print(f"  peak {args.memory_pages} / 50 pages: {out['ratio']} (goal <= 1.15)")
    return out


def bench_text(args) -> None:

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
        for d in docs:  # as stage detect does: a document's pages in one batch
            for _ in analyzer.analyze_many(d.pages):
                pass
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
    print(f"  ratio           {result['ratio_pipeline_to_plain']:>8} (goal >= 0.5)")
    print(f"  analysis alone  {result['analysis_words_per_s']:>8} words/s (NLP + all recognizers, one core; goal >= 30000)")
    result["analysis_scaling"] = _analysis_scaling(analyzer, [t for d in docs for t in d.pages])
    print(f"  analysis scaling {result['analysis_scaling']:>7} (CPU per word on one page 10 x as long / "
          f"on the page as generated; goal <= 1.5: no pattern grows faster than the text)")
    result["stages"] = stage_split(masker, pdfs, pages)
    print_split(result["stages"])
    result["visual_verification"] = _bench_visual(masker, pdfs, pages, pipe, args.rounds)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")


def _analysis_scaling(analyzer, pages: list[str]) -> float:
    """CPU time per word for one page made of ten copies of the bench's page text, over the time
    per word on those pages analysed one by one (1.0: linear in the page length). A recognizer
    whose pattern or context scan backtracks over the whole page shows here, on pages as long
    as a real annex, instead of in a timed test."""
    sample = pages[:8]
    long_page = "\n\n".join(sample * 10)

    def best(fn) -> float:
        times = []
        for _ in range(3):
            t0 = _clock()
            fn()
            times.append(_clock() - t0)
        return min(times)

    short = best(lambda: [None for p in sample for _ in analyzer.analyze_many([p])])
    long = best(lambda: list(analyzer.analyze_many([long_page])))
    return round(long / (10 * short), 2) if short else 0.0


def _bench_visual(masker, pdfs: list[bytes], pages: int, pipe: float, rounds: int) -> dict:
    """The cost of visual verification (:mod:`masking.stages.visual`): the same text documents
    with it switched off (their ink is all explained by text: the two should be about equal),
    and the time of a one-page text document with an image that shows a name and a
    personnummer (its region rendered and OCR'd before redaction and again in verify)."""
    from .stages import visual

    visual.ENABLED = False
    try:
        off = []
        for _ in range(rounds):
            t0 = _clock()
            for p in pdfs:
                masker.mask_bytes(p)
            off.append(_clock() - t0)
    finally:
        visual.ENABLED = True
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Beslutet gäller från och med första dagen i nästa månad.", fontsize=11)
    tmp = pymupdf.open()
    tp = tmp.new_page(width=400, height=40)
    tp.insert_text((8, 27), "Anna Andersson 811218-9876", fontsize=14)
    page.insert_image(pymupdf.Rect(72, 300, 472, 340), pixmap=tp.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY))
    with_image = doc.tobytes()
    image_s = []
    for _ in range(3):
        t0 = time.perf_counter()
        r = masker.mask_bytes(with_image)
        image_s.append(time.perf_counter() - t0)
    res = {
        "pipeline_pages_per_s_with": round(pages / pipe, 2),
        "pipeline_pages_per_s_without": round(pages / min(off), 2),
        "image_page_s": round(min(image_s), 3),
        "image_page_visual_s": round(r.timings.get("visual_s", 0.0), 3),
    }
    print(f"  visual check    {res['pipeline_pages_per_s_with']:>8} pages/s with, "
          f"{res['pipeline_pages_per_s_without']} without (clean text pages are not rendered)")
    print(f"  image page      {res['image_page_s']:>8} s wall for a text page with an image of a value "
          f"(of it {res['image_page_visual_s']} s reading the region before redaction)")
    return res


# -- batch scaling ---------------------------------------------------------------------------------
def _run_batch_cli(src: Path, out: Path, workers: int) -> dict:
    """``masking batch SRC OUT --workers N`` in a fresh process: wall seconds, the CPU seconds of
    the whole process tree (coordinator, fork server and workers) and the summary's pages/s."""
    wall, cpu = _run_cli(["batch", str(src), str(out), "--workers", str(workers), "--summary", str(out / "summary.json")])
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    busy = summary.get("worker_seconds") or 0.0
    return {"workers": workers, "wall_s": round(wall, 2), "succeeded": summary.get("succeeded"),
            "pages": summary.get("pages"), "pages_per_s": summary.get("pages_per_second"),
            "steady_pages_per_s": round(summary["pages"] * workers / busy, 2) if busy else None,
            "cpu_s": round(cpu, 2)}


def _run_cli(argv: list[str]) -> tuple[float, float]:
    """``masking ARGV`` in a fresh process: (wall seconds, CPU seconds of the process and its
    children)."""
    import resource
    import subprocess
    import sys

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "masking", *argv], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_cold_start(pdf: bytes, root: Path) -> dict:
    """The command line's start: ``masking redact`` of a one-page PDF in a fresh process (import,
    model and gazetteer load, the page masked and verified, written; goal <= 1.5 s), and
    ``masking --help`` (the light path: no model loaded)."""
    src = root / "one-page.pdf"
    src.write_bytes(pdf)
    wall, cpu = _run_cli(["redact", str(src), "-o", str(root / "one-page.masked.pdf")])
    help_wall, help_cpu = _run_cli(["--help"])
    return {"redact_one_page_wall_s": round(wall, 2), "redact_one_page_cpu_s": round(cpu, 2),
            "help_wall_s": round(help_wall, 2), "help_cpu_s": round(help_cpu, 2)}


def bench_batch(args) -> dict:
    """``masking batch`` with 1 and with 2 workers on the same text PDFs (goal: 2 workers >= 1.8 x
    1 worker on 2 cores). Wall-clock pages/s as the batch's summary gives them (process start
    and model loading included); the CPU seconds of each run say how much of a difference is
    other load on the machine (the ratio is only meaningful where 2 cores are free). The steady
    state divides the pages by the wall time the workers spent on files (per worker), so process
    start and model loading, which an archive pays once, are left out."""
    import shutil
    import tempfile

    from .synth import generate_documents, render_pdf

    docs = generate_documents(args.batch_docs, seed=args.seed + 2, name_split="heldout")
    root = Path(tempfile.mkdtemp(prefix="masking-bench-batch-"))
    try:
        src = root / "in"
        src.mkdir()
        for i, d in enumerate(docs):
            (src / f"doc-{i:03d}.pdf").write_bytes(render_pdf(d))
        runs = [_run_batch_cli(src, root / f"out{w}", w) for w in (1, 2)]
        one_page = next(b for b in (render_pdf(d) for d in docs) if pymupdf.open(stream=b).page_count == 1)
        cold = bench_cold_start(one_page, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    one, two = runs
    ratio = round(two["pages_per_s"] / one["pages_per_s"], 3) if one["pages_per_s"] and two["pages_per_s"] else None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    steady = (round(two["steady_pages_per_s"] / one["steady_pages_per_s"], 3)
              if one["steady_pages_per_s"] and two["steady_pages_per_s"] else None)
    res = {"documents": len(docs), "runs": runs, "ratio_2_to_1": ratio, "steady_ratio_2_to_1": steady,
           "cpus": os.cpu_count(), "load_average": load, "cold_start": cold}
    print(f"masking batch, {len(docs)} text PDFs ({one['pages']} pages), {os.cpu_count()} cpu, load average {load}")
    for r in runs:
        print(f"  --workers {r['workers']}     {r['pages_per_s']:>8} pages/s  ({r['wall_s']} s wall, {r['cpu_s']} s CPU, "
              f"{r['succeeded']} masked; steady state {r['steady_pages_per_s']} pages/s)")
    print(f"  ratio 2 / 1 workers {ratio!s:>5} (goal >= 1.8); steady state {steady} (pages over the time the workers "
          f"spent on files: start-up and idle excluded)")
    print(f"  cold start: masking redact, one page {cold['redact_one_page_wall_s']} s wall (goal <= 1.5), "
          f"{cold['redact_one_page_cpu_s']} s CPU; masking --help {cold['help_wall_s']} s wall, {cold['help_cpu_s']} s CPU")
    _write_json(args.json, {"batch": res})
    return res


# -- scanned documents ---------------------------------------------------------------------------
def _tesseract_cli_seconds(pnm_paths: list[tuple[Path, int]]) -> float:
    import shutil
    import subprocess

    exe = shutil.which("tesseract")
    if not exe:
        return float("nan")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0 = time.perf_counter()
    for p, dpi in pnm_paths:
        subprocess.run([exe, str(p), "-", "-l", "swe", "--dpi", str(dpi), "tsv"], capture_output=True, env=env, check=True)
    return time.perf_counter() - t0


def bench_scanned(args) -> dict:
    import tempfile

    from .ocr import get_engine
    from .ocr.pages import render_for_ocr
    from .pipeline import Masker
    from .synth import generate_documents
    from .synth.scan import render_scanned_pdf

    docs = generate_documents(args.scanned_docs, seed=args.seed + 1, name_split="heldout")
    scans = [render_scanned_pdf(d, seed=args.seed)[0] for d in docs]
    masker = Masker()
    engine = get_engine(masker.ocr.engine)
    dpis: set[int] = set()
    masker.mask_bytes(scans[0])  # warm-up: model load, OCR engine start
    one = alone = cli = 0.0
    pages = 0
    images: list[tuple] = []  # every page image the pipeline reads, rendered beforehand (not timed)
    with tempfile.TemporaryDirectory(prefix="masking-bench-", dir=str(Path(args.scanned_json).parent)
                                     if Path(args.scanned_json).parent.exists() else None) as tmp:
        for i, scan in enumerate(scans):
            # the page images the pipeline reads (rendered and deskewed the same way; not timed)
            with pymupdf.open(stream=scan, filetype="pdf") as doc:
                # the resolution the pipeline picks for each page (the scan's own, see OcrSettings)
                doc_images = [(r.pixmap, r.dpi) for r in (render_for_ocr(p, masker.ocr.page_resolution(p)) for p in doc)]
            dpis.update(d for _, d in doc_images)
            pnm = []
            for j, (pix, pdpi) in enumerate(doc_images):
                f = Path(tmp) / f"d{i}p{j}.pnm"
                pix.save(str(f))
                pnm.append((f, pdpi))
            t0 = time.perf_counter()
            masker.mask_bytes(scan)  # one document at a time
            one += time.perf_counter() - t0
            t0 = time.perf_counter()
            for pix, pdpi in doc_images:
                engine.recognize(pix, pdpi)
            alone += time.perf_counter() - t0
            cli += _tesseract_cli_seconds(pnm)
            pages += len(doc_images)
            images.extend(doc_images)
            del doc_images
        # the run of documents (Masker.mask_many: the next document's OCR while this one is
        # redacted and verified), then Tesseract alone on the same page images once more
        t0 = time.perf_counter()
        for _ in masker.mask_many(scans):
            pass
        e2e = time.perf_counter() - t0
        t0 = time.perf_counter()
        for pix, pdpi in images:
            engine.recognize(pix, pdpi)
        alone_run = time.perf_counter() - t0
        del images
    result = {
        "documents": len(scans),
        "pages": pages,
        "ocr_dpi": sorted(dpis),
        "engine": f"{engine.name} {engine.version}",
        "end_to_end_pages_per_s": round(pages / e2e, 3),
        "one_document_at_a_time_pages_per_s": round(pages / one, 3),
        "tesseract_alone_pages_per_s": round(pages / alone_run, 3),
        "tesseract_alone_per_document_pages_per_s": round(pages / alone, 3),
        "tesseract_cli_pages_per_s": round(pages / cli, 3) if cli == cli else None,
        "ratio_end_to_end_to_tesseract_alone": round(alone_run / e2e, 3),
        "ratio_one_at_a_time_to_tesseract_alone": round(alone / one, 3),
        "ratio_end_to_end_to_tesseract_cli": round(cli / e2e, 3) if cli == cli else None,
        "clock": "wall seconds, one process, OMP_THREAD_LIMIT=1",
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, python {platform.python_version()}",
    }
    print("scanned PDFs (200-dpi noisy scans; end to end vs Tesseract alone on the same page images)")
    print(f"  end to end          {result['end_to_end_pages_per_s']:>8} pages/s  ({pages} pages, OCR at {'/'.join(map(str, sorted(dpis)))} dpi; "
          f"a run of documents, Masker.mask_many)")
    print(f"  one at a time       {result['one_document_at_a_time_pages_per_s']:>8} pages/s  (Masker.mask_bytes per document; "
          f"ratio {result['ratio_one_at_a_time_to_tesseract_alone']} to Tesseract alone right after each)")
    print(f"  Tesseract alone     {result['tesseract_alone_pages_per_s']:>8} pages/s  (same engine, in process, the same page images)")
    print(f"  tesseract program   {result['tesseract_cli_pages_per_s']!s:>8} pages/s  (tesseract IMAGE - -l swe tsv)")
    print(f"  ratio               {result['ratio_end_to_end_to_tesseract_alone']:>8} (goal >= 0.9; vs program: "
          f"{result['ratio_end_to_end_to_tesseract_cli']})")
    _write_json(args.scanned_json, result)
    return result


def _write_json(path: str, data: dict) -> None:
    if path:
        p = Path(path)
        prev = json.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}
        prev.update(data)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(prev, indent=2), encoding="utf-8")


def _sparse_scan(pages: int) -> bytes:
    """A scanned input of ``pages`` A5 pages, each a short letter (name, personnummer) with its
    own grain: every page holds its own JPEG, as a real scan does (no image shared by pages)."""
    import numpy as np

    from .synth.scan import ScanStyle, scan_page_image

    style = ScanStyle(dpi=200, noise=0.0, blur=0.5, max_skew_deg=0.0, speckles=0)
    src = pymupdf.open()
    page = src.new_page(width=420, height=595)
    for k, line in enumerate(["Beslut om bostadsbidrag", "Sökande: Karin Lindqvist", "Personnummer: 811218-9876",
                              "Adress: Storgatan 12, 114 18 Stockholm"]):
        page.insert_text((40, 60 + 20 * k), line, fontsize=11, fontname="helv")
    base = np.frombuffer(scan_page_image(page, 0.0, np.random.default_rng(1), style).samples, dtype=np.uint8)
    h, w = int(round(595 * 200 / 72)), int(round(420 * 200 / 72))
    base = base.reshape(h, w).astype(np.int16)
    rng = np.random.default_rng(2)
    grain = rng.normal(0, 4, (h + 64, w + 64)).astype(np.int16)
    out = pymupdf.open()
    for _ in range(pages):
        dy, dx = int(rng.integers(0, 64)), int(rng.integers(0, 64))
        a = np.clip(base + grain[dy : dy + h, dx : dx + w], 0, 255).astype(np.uint8)
        img = pymupdf.Pixmap(pymupdf.csGRAY, w, h, a.tobytes(), 0)
        p = out.new_page(width=420, height=595)
        p.insert_image(p.rect, stream=img.tobytes("jpeg", jpg_quality=75))
    return out.tobytes(garbage=4, deflate=True)


def _status_mb(field: str) -> float | None:
    """A memory figure of this process from /proc/self/status (Linux), in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset this process's peak RSS (VmHWM) to its current RSS (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _memory_child(path: Path) -> int:
    """Mask ``path`` as ``masking redact`` does (file to file) in this fresh process; print the
    max RSS of the whole process (model loading included), the RSS with the models loaded and
    the peak RSS while masking (the figure that must not grow with the page count)."""
    import resource
    import tempfile

    from .pipeline import Masker

    from .warmup import warm_up

    masker = Masker()
    warm_up(masker)  # what the first document loads (gazetteers, OCR engine) counts as loaded
    loaded = _status_mb("VmRSS")
    # The process's own high-water mark so far (loading included). getrusage's ru_maxrss is not
    # used: Linux carries it over exec from the parent, so a child of a large bench process would
    # report the parent's peak.
    loading_hwm = _status_mb("VmHWM")
    reset = _reset_peak()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="masking-bench-", dir=str(path.parent)) as tmp:
        out = Path(tmp) / "out.pdf"
        r = masker.mask_file(path, out)
        output_mb = round(out.stat().st_size / 2**20, 1)
    secs = time.perf_counter() - t0
    peak = _status_mb("VmHWM")
    if loading_hwm is None or peak is None:  # no /proc: getrusage, which may include the parent's
        max_rss = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    else:
        max_rss = max(loading_hwm, peak)
    print(json.dumps({"pages": r.report["input"]["pages"], "max_rss_mb": max_rss,
                      "loaded_rss_mb": loaded, "masking_peak_mb": peak if reset else None,
                      "seconds": round(secs, 1), "output_mb": output_mb}))
    return 0


def _text_pages(pages: int) -> bytes:
    """A text input of ``pages`` A4 pages, each a dense case page (44 lines: a name, a
    personnummer, an address, a phone number and ordinary prose, varied per page)."""
    first = ["Karin", "Anders", "Fatima", "Mehmet", "Sara", "Johan", "Leila", "Erik"]
    last = ["Lindqvist", "Berg", "Hassan", "Yilmaz", "Nyström", "Karlsson", "Ahmadi", "Sjöberg"]
    prose = ("Nämnden har tagit del av utredningen och bedömer att sökanden uppfyller villkoren för "
             "bistånd enligt socialtjänstlagen under den tid som anges i beslutet.")
    doc = pymupdf.open()
    for k in range(pages):
        page = doc.new_page()
        who = f"{first[k % 8]} {last[(k // 8) % 8]}"
        lines = [f"Ärende {k + 1}: beslut om ekonomiskt bistånd", f"Sökande: {who}, personnummer 811218-9876",
                 f"Adress: Storgatan {k % 90 + 1}, 114 18 Stockholm", f"Telefon: 070-123 {k % 90 + 10:02d} 67"]
        while len(lines) < 44:
            lines.append(prose[(len(lines) * 7) % 40:][:90])
        y = 50.0
        for line in lines:
            page.insert_text((50, y), line, fontsize=10, fontname="helv")
            y += 17
    data = doc.tobytes(garbage=4, deflate=True)
    doc.close()
    return data


def bench_memory(args) -> dict:
    """Peak memory of a fresh process masking an input of 50 and of ``--memory-pages`` (500)
    pages file to file (``masking redact``'s path): a scanned input and a text input."""
    import subprocess
    import sys

    base = Path(args.scanned_json).parent
    base.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    for kind, make, what in (("scanned", _sparse_scan, "analyzer + OCR model + document"),
                             ("text", _text_pages, "analyzer + document")):
        out: dict = {}
        for n in sorted({50, args.memory_pages}):
            f = base / f"memory-{kind}-{n}.pdf"
            f.write_bytes(make(n))
            try:
                proc = subprocess.run([sys.executable, "-m", "masking.bench", "--memory-child", str(f)],
                                      capture_output=True, text=True, check=True)
                out[n] = json.loads(proc.stdout.strip().splitlines()[-1])
                out[n]["input_mb"] = round(f.stat().st_size / 2**20, 1)
            finally:
                f.unlink()
        print(f"peak memory, {kind} input masked file to file (fresh process: {what})")
        for n, r in out.items():
            peak = f"masking peak {r['masking_peak_mb']:>7} MB" if r.get("masking_peak_mb") else "masking peak       ?"
            print(f"  {n:>4} pages   max RSS {r['max_rss_mb']:>7} MB   {peak}   (models loaded {r['loaded_rss_mb']} MB)   "
                  f"input {r['input_mb']} MB, output {r['output_mb']} MB, {r['seconds']} s "
                  f"({round(n / r['seconds'], 2)} pages/s)")
        if len(out) == 2:
            small, large = (out[k] for k in sorted(out))
            for key, label in (("max_rss_mb", "max RSS"), ("masking_peak_mb", "masking peak")):
                if small.get(key) and large.get(key):
                    print(f"  {label} {max(out)} / {min(out)} pages: {round(large[key] / small[key], 3)} (goal <= 1.15)")
        results[kind] = {str(k): v for k, v in out.items()}
    _write_json(args.scanned_json, {"memory": results})
    return results


if __name__ == "__main__":
    raise SystemExit(main())
