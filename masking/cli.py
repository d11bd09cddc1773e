"""Command line: ``masking redact|batch|analyze|inspect|eval``.

The contract (commands, options, exit codes, JSON shapes) is relied on by other tools; change
it only compatibly. Exit codes are :class:`masking.errors.ExitCode` (listed in README.md): each
error class owns its code, and :func:`masking.errors.exit_code_for` is what ``main`` returns.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from . import __version__  # noqa: E402
from .errors import ExitCode, InspectionFindings, MaskingError, exit_code_for  # noqa: E402


def _err(msg: str) -> None:
    print(f"masking: {msg}", file=sys.stderr)


def cmd_redact(args: argparse.Namespace) -> int:
    # A missing input or an unknown policy is answered before the pipeline and the model load:
    # `masking redact missing.pdf -o x.pdf` took 3.3 s and 410 MB before, 0.33 s and 55 MB after;
    # `--policy unknown` 1.6 s / 139 MB before, 0.31 s / 55 MB after (2026-12-03, loaded 2-core
    # machine; what is left is mostly pymupdf, imported by masking.pdf: 0.13 s).
    from .pdf import check_input
    from .policy import load_policy

    check_input(args.input)
    if Path(args.output).is_dir():
        _err(f"-o/--output names a directory ({args.output}); give the output file's name")
        return ExitCode.usage
    policy = load_policy(args.policy)

    import uuid

    from .ocr import OcrSettings
    from .pdf import Limits
    from .pipeline import Masker
    from .review_cli import _actor, _audit
    from .stages import Recorder, run

    masker = Masker(policy=policy, ocr=OcrSettings(searchable=args.searchable),
                    limits=Limits(allow_repaired=args.allow_repaired))
    document_id = str(uuid.uuid4())
    with _audit(args) as audit:
        recorder = None if audit is None else Recorder(audit, _actor(args), args.role, document_id, channel="cli")
        result = run(Path(args.input), masker, sink=args.output, report_path=args.report, recorder=recorder,
                     append_list=args.append_list, document_id=document_id)
    s = result.report["summary"]
    print(
        f"masked {s['masked_areas']} areas on {result.report['input']['pages']} pages; "
        f"verification passed; policy {masker.policy.name}"
        + (f"; audit document id {document_id}" if not args.no_audit else ""),
        file=sys.stderr,
    )
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import run_batch, write_summary

    in_dir, out_dir = Path(args.in_dir), Path(args.out_dir)
    if not in_dir.is_dir():
        raise MaskingError(f"input directory not found: {in_dir}")

    def show(o):
        if not o.ok:
            _err(f"{o.relpath}: {o.error_kind}: {o.error}")

    def plan(p):
        d = p.to_dict()
        print(
            f"plan: {d['files']} files ({d['pages']} pages): {d['to_process']} to process "
            f"({d['pages_to_process']} pages), {d['already_done']} already done",
            file=sys.stderr,
        )

    from .review_cli import _actor, _audit

    args.no_audit = args.no_audit or args.dry_run  # a dry run changes nothing, the log included
    with _audit(args) as audit:
        summary = run_batch(
            in_dir, out_dir, workers=args.workers, policy=args.policy, reports=args.reports, on_outcome=show,
            ledger_url=args.ledger, scheduler=args.scheduler, dry_run=args.dry_run, searchable=args.searchable,
            on_plan=plan, audit=audit, actor=_actor(args), role=args.role,
        )
    if args.dry_run:
        return 0
    d = summary.to_dict()
    if args.summary:
        write_summary(summary, Path(args.summary))
    print(
        f"{d['succeeded']}/{d['files']} files ({d['skipped']} already done), {d['pages']} pages in {d['seconds']} s "
        f"({d['pages_per_second']} pages/s); {d['failed']} failed",
        file=sys.stderr,
    )
    return ExitCode.ok if summary.ok else ExitCode.failure


def cmd_analyze(args: argparse.Namespace) -> int:
    from .api import analyze_text, entities_for_jsonl, mask_text

    if args.jsonl:
        src = open(args.text, encoding="utf-8") if args.text else sys.stdin
        out = sys.stdout
        for lineno, line in enumerate(src, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                text = rec["text"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise MaskingError(f"line {lineno}: expected a JSON object with 'id' and 'text'") from None
            dets = analyze_text(text, policy=args.policy)
            out.write(json.dumps({"id": rec.get("id"), "entities": entities_for_jsonl(dets)}, ensure_ascii=False) + "\n")
        out.flush()
        return 0
    text = args.text if args.text is not None else sys.stdin.read()
    dets = analyze_text(text, policy=args.policy)
    if args.json:
        print(json.dumps({"entities": entities_for_jsonl(dets)}, ensure_ascii=False))
        return 0
    for e in entities_for_jsonl(dets):
        print(f"{e['start']:>6}-{e['end']:<6} {e['type']:<22} {e['score']:.2f}  {e['recognizer']}")
    print()
    print(mask_text(text, dets))
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    from .inspect import inspect_pdf

    result = inspect_pdf(args.input, check_personal_data=not args.no_personal_data)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for f in result.findings:
            where = f"page {f.page}" if f.page else "document"
            print(f"{f.check:<20} {where:<10} {f.detail}")
        print(f"{'clean' if result.clean else str(len(result.findings)) + ' finding(s)'}: {result.pages} pages")
    if not result.clean:
        raise InspectionFindings(f"{len(result.findings)} finding(s) in {Path(args.input).name}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.anonymize:  # pseudonymised text scored (masking/anonymize/evaluate.py)
        from .anonymize.evaluate import cmd_eval_anonymize

        return cmd_eval_anonymize(args)
    if args.prose is not None:  # false PERSON detections on real prose (masking/evaluate_prose.py)
        from .evaluate_prose import cmd_eval_prose

        return cmd_eval_prose(args)
    if args.ner:
        from .analyzer import AnalyzerConfig
        from .evaluate_ner import DEFAULT_PERSON_LABELS, NerEvalOptions, evaluate_ner, format_ner_eval

        if args.corpus:
            _err("eval --ner takes no CORPUS_DIR (the news corpus comes from MASKING_NER_CORPUS)")
            return ExitCode.usage
        cfg = AnalyzerConfig.load()
        person = frozenset(k for k, v in cfg.ner_labels.items() if v == "PERSON") or DEFAULT_PERSON_LABELS
        opts = NerEvalOptions(
            model_path=Path(args.model).resolve() if args.model else cfg.model_path,
            person_labels=person,
            n=args.n,
            seed=args.seed,
            name_split=args.split,
        )
        ner_result = evaluate_ner(opts)
        if args.json == "-":
            print(json.dumps(ner_result, indent=2, ensure_ascii=False))
            return 0
        if args.json:
            Path(args.json).write_text(json.dumps(ner_result, indent=2, ensure_ascii=False), encoding="utf-8")
        print(format_ner_eval(ner_result))
        return 0

    if args.scanned:  # generated documents rendered to noisy 200-dpi scans, masked through OCR
        from .evaluate import evaluate_scanned, format_scanned_eval

        if args.corpus:
            _err("eval --scanned takes no CORPUS_DIR (documents are generated)")
            return ExitCode.usage
        runs = {}
        gens = _generators(args)
        for gen in gens:
            out = None if not args.out else Path(args.out) / gen if len(gens) > 1 else Path(args.out)
            runs[gen] = evaluate_scanned(
                n=args.n, seed=args.seed, split=args.split, policy=args.policy, out_dir=out, generator=gen
            )
        return _eval_output(args, runs, format_scanned_eval)

    from .evaluate import evaluate_corpus, format_eval

    if args.corpus:
        gens = ["corpus"]
    else:
        gens = _generators(args)
    runs = {}
    for gen in gens:
        runs[gen] = evaluate_corpus(
            Path(args.corpus) if args.corpus else None,
            n=args.n,
            seed=args.seed,
            split=args.split,
            policy=args.policy,
            out_dir=Path(args.out) if args.out else None,
            generator="own" if gen == "corpus" else gen,
        )
    return _eval_output(args, runs, format_eval)


def _generators(args: argparse.Namespace) -> list[str]:
    return ["own", "independent"] if args.generator == "both" else [args.generator]


def _eval_output(args: argparse.Namespace, runs: dict, fmt) -> int:
    """One run: as before (its JSON, its table). Several: each table, then the side-by-side view."""
    from .evaluate import format_side_by_side

    single = next(iter(runs.values())) if len(runs) == 1 else None
    if args.json:
        Path(args.json).write_text(json.dumps(single or runs, indent=2, ensure_ascii=False), encoding="utf-8")
    for gen, result in runs.items():
        if single is None:
            print(f"== generator: {gen}")
        print(fmt(result))
        if single is None:
            print()
    if single is None:
        print("== side by side")
        print(format_side_by_side(runs))
    leaks = sum(r["leaks"] for r in runs.values())
    return ExitCode.ok if leaks == 0 else ExitCode.failure


def _audit_options(p: argparse.ArgumentParser) -> None:
    """Who runs an automatic masking, for its audit events (analysis, application, verification)."""
    p.add_argument("--actor", help="who runs it, for the audit log (default $MASKING_ACTOR or the login name)")
    p.add_argument("--role", default="registrar", help="the actor's role in the audit log (default registrar)")
    p.add_argument("--no-audit", action="store_true",
                   help="write no audit events (default: MASKING_AUDIT_URL, or SQLite under the user's data directory)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="masking", description="Mask Swedish personal data in PDFs (true redaction).")
    p.add_argument("--version", action="version", version=f"masking {__version__}")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more logging (never personal data)")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("redact", help="mask one PDF (or scanned TIFF/PNG/JPEG; the output is a PDF)")
    r.add_argument("input", help="input PDF, TIFF, PNG or JPEG")
    r.add_argument("-o", "--output", required=True, help="output PDF (written only if verification passes)")
    r.add_argument("--policy", help="policy name (general, social-insurance) or YAML file")
    r.add_argument("--report", help="write the JSON report here")
    r.add_argument("--searchable", action=argparse.BooleanOptionalAction, default=True,
                   help="scanned pages: invisible OCR text of the words that remain (default: on)")
    r.add_argument("--allow-repaired", action="store_true",
                   help="mask a damaged PDF that had to be repaired (pages may be missing; the report says so)")
    r.add_argument("--append-disclosure", "--append-list", dest="append_list", action="store_true",
                   help="append the maskeringsförteckning (every masked area: page, place, type, ground) as the "
                        "last page(s); verified with the rest")
    _audit_options(r)
    r.set_defaults(func=cmd_redact)

    b = sub.add_parser("batch", help="mask every PDF and scanned image under a directory (resumable)")
    b.add_argument("in_dir")
    b.add_argument("out_dir")
    b.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 1)), help="worker processes")
    b.add_argument("--policy")
    b.add_argument("--reports", action="store_true", help="write OUT.pdf.report.json next to each output")
    b.add_argument("--summary", help="write a JSON summary of the batch here")
    b.add_argument("--ledger", help="job ledger: SQLite path or postgresql://... (default: OUT_DIR/.masking-ledger.sqlite3)")
    b.add_argument("--scheduler", help="run on a Dask cluster, e.g. tcp://host:8786 (shared storage)")
    b.add_argument("--dry-run", action="store_true", help="print the plan (files, pages, already done); change nothing")
    b.add_argument("--searchable", action=argparse.BooleanOptionalAction, default=True,
                   help="scanned pages: invisible OCR text of the words that remain (default: on)")
    _audit_options(b)
    b.set_defaults(func=cmd_batch)

    a = sub.add_parser("analyze", help="print detections for text")
    a.add_argument("text", nargs="?", help="text (default: stdin); with --jsonl a JSONL file (default: stdin)")
    a.add_argument("--jsonl", action="store_true", help='read {"id","text"} lines, write {"id","entities"} lines')
    a.add_argument("--json", action="store_true", help="print one JSON object")
    a.add_argument("--policy")
    a.set_defaults(func=cmd_analyze)

    i = sub.add_parser("inspect", help="check any PDF for bad redactions and leftover personal data")
    i.add_argument("input")
    i.add_argument("--json", action="store_true")
    i.add_argument("--no-personal-data", action="store_true", help="skip the analyzer on document strings")
    i.set_defaults(func=cmd_inspect)

    from .audit_cli import add_audit_parser

    add_audit_parser(sub)

    from .review_cli import add_review_parsers

    add_review_parsers(sub)

    from .anonymize.cli import add_anonymize_parsers  # anonymize, deanonymize, anonymize-key

    add_anonymize_parsers(sub)

    from service.cli import add_service_parsers  # serve, keys (the web stack loads only when run)

    add_service_parsers(sub)

    e = sub.add_parser("eval", help="score masking against annotated synthetic documents")
    e.add_argument("corpus", nargs="?", help="directory of NAME.pdf + NAME.truth.json (default: generate)")
    e.add_argument("--n", type=int, default=100, help="documents to generate when no corpus is given")
    e.add_argument("--seed", type=int, default=2026)
    e.add_argument("--split", default="heldout", choices=["train", "heldout"])
    e.add_argument("--policy")
    e.add_argument("--out", help="keep masked outputs here")
    e.add_argument(
        "--scanned",
        action="store_true",
        help="scanned corpus: generated documents as noisy 200-dpi image PDFs, masked through OCR (slow: use --n 40)",
    )
    e.add_argument(
        "--generator",
        default="own",
        choices=["own", "independent", "both"],
        help="which generated documents: own (masking.synth, default), independent (masking.indep, written "
        "apart from the recognizers, for measuring only) or both, reported side by side",
    )
    e.add_argument("--json", help="write the full result as JSON here (with --ner, '-' prints it)")
    e.add_argument(
        "--ner",
        action="store_true",
        help="score the spaCy NER pipeline alone: news dev split, synthetic names per origin, words/s on one core",
    )
    e.add_argument("--model", help="with --ner: spaCy pipeline directory (default: model.path of the analyzer config)")
    e.add_argument(
        "--prose",
        nargs="?",
        const="",
        metavar="DIR",
        help="false PERSON detections per 1,000 words on real prose: news dev split, Talbanken, and the .txt "
        "files in DIR (default eval/prose); --show lists the detections",
    )
    e.add_argument("--show", action="store_true", help="with --prose: print each detection with its context")
    e.add_argument("--anonymize", action="store_true",
                   help="score masking anonymize on generated documents (leaks, consistency, surrogate validity, "
                        "surrogate names found as names) for each operator; use --n 30")
    e.set_defaults(func=cmd_eval)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("presidio-analyzer").setLevel(max(level, logging.ERROR))
    try:
        return int(args.func(args) or 0)
    except MaskingError as exc:
        _err(exc.message)
        return int(exit_code_for(exc))
    except KeyboardInterrupt as exc:
        _err("interrupted")
        return int(exit_code_for(exc))
    except BrokenPipeError:
        return int(ExitCode.failure)
    except Exception as exc:  # no traceback reaches a user: the error's type only, never content
        if args.verbose >= 2:
            raise
        _err(f"internal error ({type(exc).__name__}); nothing was written")
        return int(ExitCode.failure)


if __name__ == "__main__":
    sys.exit(main())
