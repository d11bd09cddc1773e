"""Rewrite the measured block of the model card (models/README.md) from ``masking eval --ner``.

    python models/model_card.py [--model models/sv_masking] [--n 100] [--seed 2026]

Runs ``python -m masking eval --ner --model MODEL --json FILE`` and replaces the text between
``<!-- eval:begin -->`` and ``<!-- eval:end -->`` in models/README.md with tables built from
that JSON and from the model's meta.json (training data counts and time). No number in the block
is typed by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = HERE / "README.md"
BEGIN = "<!-- eval:begin -->"
END = "<!-- eval:end -->"


def _eval_json(*args: str) -> dict:
    """Run ``python -m masking eval ARGS --json FILE`` (one thread, no network) and read FILE."""
    with tempfile.TemporaryDirectory(dir=HERE / ".build" if (HERE / ".build").is_dir() else None) as tmp:
        out = Path(tmp) / "eval.json"
        env = dict(os.environ, OMP_NUM_THREADS="1", TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
        cmd = [sys.executable, "-m", "masking", "eval", *args, "--json", str(out)]
        # exit 1 = the evaluation ran and a goal is not met (the card reports it); anything else failed
        done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        if done.returncode not in (0, 1) or not out.is_file():
            raise subprocess.CalledProcessError(done.returncode, cmd)
        return json.loads(out.read_text("utf-8"))


def run_eval(model: Path, n: int, seed: int) -> dict:
    return _eval_json("--ner", "--model", str(model), "--n", str(n), "--seed", str(seed))


def run_document_eval(n: int, seed: int) -> dict:
    """``masking eval`` on generated held-out documents: the layered analyzer with the default
    configuration (whose model is the shipped one), whole PDFs, per-origin name recall."""
    return _eval_json("--n", str(n), "--seed", str(seed))


def render_documents(d: dict) -> str:
    rec = d["recall"]
    lines = [
        "",
        f"**Layered analyzer on whole synthetic documents** (`masking eval --n {d['documents']} --seed "
        f"{d.get('seed', '?')}`: {d['documents']} generated PDFs, {d['pages']} pages, held-out name lists; the "
        f"analyzer as configured, i.e. this model + gazetteer and context rules + propagation; policy "
        f"{d['policy'].get('name', d['policy']) if isinstance(d['policy'], dict) else d['policy']}): names recall **{_f(rec.get('PERSON'))}**, Nordic {_f(d['person_recall_nordic'])} "
        f"vs non-Nordic {_f(d['person_recall_non_nordic'])}; word precision {_f(d['word_precision'])}; "
        f"values still extractable from the output: {d['leaks']}.",
        "",
        "| name origin | recall (layered) |",
        "| --- | --- |",
    ]
    for origin, r in sorted(d["person_recall_by_origin"].items()):
        lines.append(f"| {origin} | {_f(r)} |")
    return "\n".join(lines)


def _n(v) -> str:  # type: ignore[no-untyped-def]
    return "–" if v is None else f"{v:,}".replace(",", "\u2009")


def _f(v) -> str:  # type: ignore[no-untyped-def]
    return "–" if v is None else f"{v:.3f}"


def render(r: dict, meta: dict) -> str:
    m, news, syn, sp = r["model"], r["news_dev"], r["synthetic"], r["speed"]
    tr = meta.get("training", {})
    lines = [
        f"Measured with `masking eval --ner --model models/{Path(m['path']).name} --n {syn['documents']} "
        f"--seed {syn['seed']}` (written by `models/model_card.py`; do not edit by hand).",
        "",
        f"**News dev split** (held out from swedish-ner-corpus by `masking.evaluate_ner.split_news`, "
        f"{news['dev_percent']} %: {news['sentences']} sentences, {news['words']} tokens; exact entity spans):",
        "",
        "| label | precision | recall | F1 | gold entities |",
        "| --- | --- | --- | --- | --- |",
    ]
    for lab, sc in news["entities"].items():
        lines.append(f"| {lab} | {_f(sc['precision'])} | {_f(sc['recall'])} | {_f(sc['f1'])} | {sc['gold']} |")
    pt = news["person_tokens"]
    lines += [
        f"| PERSON tokens, NER alone | {_f(pt['precision'])} | **{_f(pt['recall'])}** | {_f(pt['f1'])} | {pt['gold']} tokens |",
    ]
    lay = r.get("news_dev_layered")
    if lay:
        lt = lay["person_tokens"]
        lines.append(
            f"| PERSON tokens, layered analyzer (what masks documents: NER weighed by lexicon and "
            f"gazetteers + name rules + context; findings ≥ {lay['threshold']}, the {lay['policy']} policy's "
            f"threshold) | {_f(lt['precision'])} | **{_f(lt['recall'])}** | {_f(lt['f1'])} | {lt['gold']} tokens |"
        )
    lines += [
        "",
        f"**Synthetic case text** (`text_corpus({syn['documents']}, seed={syn['seed']}, "
        f"name_split=\"{syn['name_split']}\")`: {syn['pages']} pages, {syn['words']} words, names never seen "
        f"in training; NER alone, no gazetteer): PERSON recall **{_f(syn['person']['recall'])}**, precision "
        f"{_f(syn['person']['precision'])} ({syn['person']['gold']} names; a name counts as found when all "
        f"its characters are inside predicted PERSON entities).",
        "",
        "| name origin | recall | names |",
        "| --- | --- | --- |",
    ]
    for origin, sc in syn["person_by_origin"].items():
        lines.append(f"| {origin} | {_f(sc['recall'])} | {sc['gold']} |")
    touched = [f"{t} {v['rate']:.3f}" for t, v in syn["keep_touched"].items() if v["rate"]]
    lines += [
        "",
        f"Values to keep touched by a predicted PERSON: {', '.join(touched) if touched else 'none'}; "
        f"predicted PERSON on other personal data (addresses, e-mail …): {syn['person_on_other_personal_data']}.",
        "",
        "| property | value |",
        "| --- | --- |",
        f"| speed (`nlp.pipe` over the synthetic pages, pinned to one core, best of {sp['rounds']}) | "
        f"{_n(sp['words_per_second'])} words/s wall clock; {_n(sp['words_per_cpu_second'])} words per CPU-second |",
        f"| size on disk | {m['size_bytes'] / 1e6:.1f} MB |",
        f"| pipeline | {' → '.join(m['pipeline'])} |",
        f"| labels | {', '.join(m['labels'])} |",
    ]
    if tr:
        lines += [
            f"| training time (`models/train.py` in `make model`, {tr.get('cpu_count', '?')}-core machine, "
            f"one thread) | {tr.get('seconds', 0) / 60:.1f} min |",
            f"| training data | {tr.get('news_sentences')} news sentences (+{tr.get('news_docs_with_swapped_names')} "
            f"with swapped names), {tr.get('synthetic_pages')} synthetic pages "
            f"(+{sum(tr.get('augmented_pages', {}).values())} augmented), {tr.get('case_sentences', 0)} short case "
            f"sentences; {tr.get('train_tokens')} tokens |",
            f"| PER bias shift (validation F2) | {tr.get('calibration', {}).get('per_open_bias_shift')} |",
        ]
    return "\n".join(lines)


def rewrite_readme(block: str, readme: Path = README) -> None:
    text = readme.read_text("utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{readme} has no {BEGIN} … {END} block")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{BEGIN}\n{block}\n{END}{tail}", encoding="utf-8")


def main(argv=None) -> int:  # type: ignore[no-untyped-def]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=HERE / "sv_masking")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    result = run_eval(args.model.resolve(), args.n, args.seed)
    meta = json.loads((args.model / "meta.json").read_text("utf-8"))
    block = render(result, meta)
    if args.model.resolve() == (HERE / "sv_masking").resolve():  # the analyzer's default model
        block += "\n" + render_documents({**run_document_eval(args.n, args.seed), "seed": args.seed})
    rewrite_readme(block)
    print(f"{README} updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
