"""NER evaluation of a spaCy pipeline: the news train/dev split and the numbers of the model card.

The news corpus (swedish-ner-corpus, Webbnyheter 2012, CC BY 4.0) is one token per line with a
bare tag (``PER``, ``LOC``, ``ORG``, ``MISC``, or ``0`` for outside), blank lines between
sentences, tab- or space-separated. :func:`read_news_corpus` reads it (soft hyphens U+00AD are
removed from tokens; a line with a token and no tag counts as outside) and :func:`split_news`
cuts it into a training part and a held-out **dev** part by a hash of each sentence's tokens,
so the split is deterministic, independent of file order, and disjoint (identical sentences
always fall on the same side). ``models/train.py`` trains on the training part only; the model
card is measured on the dev part.

:func:`evaluate_ner` measures a pipeline:

* per-label entity precision / recall / F (exact character spans) on the news dev split, and
  PERSON *token* recall / precision (a gold PER token is found when every character of it lies
  in a predicted PERSON entity; a token counts as predicted when a PERSON entity touches it);
* the same PERSON token recall / precision for the **layered** name recognition the product
  runs (:func:`evaluate_news_layered`: the analyzer with this model — NER weighed by the lexicon,
  gazetteers, context rules, same-text propagation — PERSON findings at or above the policy's
  masking threshold);
* NER-only PERSON recall on synthetic case text (:func:`masking.synth.text_corpus`, held-out
  name split, a seed not used in training) per name-origin group, PERSON precision there, and
  how often a predicted PERSON touches a value that must survive (agency names, dates …);
* words per second through ``nlp.pipe`` on synthetic page texts, pinned to one CPU core.

Results are plain dicts (JSON-ready) without any text from the documents.

    masking eval --ner [--model PATH] [--n 100] [--seed 2026] [--json FILE]
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from .errors import InputNotFoundError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "data" / "swedish-ner-corpus" / "train_corpus.txt"
CORPUS_ENV = "MASKING_NER_CORPUS"

NEWS_TAGS: tuple[str, ...] = ("PER", "LOC", "ORG", "MISC")
PERSON = "PERSON"
DEFAULT_PERSON_LABELS: frozenset[str] = frozenset({"PER", "PRS", "PERSON"})
DEV_PERCENT = 15
SPLIT_SALT = "masking.news-split.v1"
SOFT_HYPHEN = "\u00ad"

# Joining tokens the way Swedish is written: no space before closing punctuation, none after
# opening brackets; straight and typographic double quotes alternate open/close in a sentence.
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "...", "..", "....", ".....", "…"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{"})
_QUOTES = frozenset({'"', "”", "“"})


class NerCorpusNotFoundError(InputNotFoundError):
    """The news NER corpus is not where it was looked for (exit code 3)."""

    kind = "ner_corpus_not_found"


# -- the news corpus -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NewsText:
    """A sentence as running text: token character spans, their tags, and entity spans."""

    text: str
    token_spans: tuple[tuple[int, int], ...]
    tags: tuple[str, ...]
    entities: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class NewsSentence:
    """One sentence: tokens and their tags (``PER``, ``LOC``, ``ORG``, ``MISC`` or ``O``)."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    def to_text(self) -> NewsText:
        """Join the tokens into text; a run of tokens with the same tag is one entity (the
        corpus cannot separate adjacent entities of one type)."""
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        glue = True  # no space before the first token
        quote_open = False
        for tok in self.tokens:
            space = not glue
            next_glue = False
            if tok in _NO_SPACE_BEFORE:
                space = False
            elif tok in _QUOTES:
                if quote_open:
                    space = False
                else:
                    next_glue = True
                quote_open = not quote_open
            elif tok in _NO_SPACE_AFTER:
                next_glue = True
            if space:
                parts.append(" ")
                pos += 1
            parts.append(tok)
            spans.append((pos, pos + len(tok)))
            pos += len(tok)
            glue = next_glue
        entities: list[tuple[int, int, str]] = []
        i = 0
        while i < len(self.tags):
            tag = self.tags[i]
            if tag == "O":
                i += 1
                continue
            j = i
            while j + 1 < len(self.tags) and self.tags[j + 1] == tag:
                j += 1
            entities.append((spans[i][0], spans[j][1], tag))
            i = j + 1
        return NewsText("".join(parts), tuple(spans), self.tags, tuple(entities))


@dataclass(frozen=True)
class NewsSplit:
    train: list[NewsSentence]
    dev: list[NewsSentence]


def corpus_path(path: str | Path | None = None) -> Path:
    """The news corpus file: ``path``, else ``$MASKING_NER_CORPUS``, else the shared data dir."""
    return Path(path or os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS)


def read_news_corpus(path: str | Path | None = None) -> list[NewsSentence]:
    """All sentences of the news corpus (see the module docstring for the format)."""
    p = corpus_path(path)
    if not p.is_file():
        raise NerCorpusNotFoundError(
            f"news NER corpus not found: {p} (set {CORPUS_ENV} or put swedish-ner-corpus in ../shared/data)"
        )
    sentences: list[NewsSentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            sentences.append(NewsSentence(tuple(tokens), tuple(tags)))
        tokens.clear()
        tags.clear()

    with p.open(encoding="utf-8") as fh:
        for line in fh:
            fields = line.split()
            if not fields:
                flush()
                continue
            if len(fields) == 1:  # a token without a tag: outside
                tok, tag = fields[0], "O"
            else:
                tok, tag = "".join(fields[:-1]), fields[-1]
            tag = "O" if tag in ("0", "O") else tag
            if tag != "O" and tag not in NEWS_TAGS:  # an unknown tag: keep the token, outside
                tok, tag = "".join(fields), "O"
            tok = tok.replace(SOFT_HYPHEN, "")
            if not tok:
                continue
            tokens.append(tok)
            tags.append(tag)
    flush()
    return sentences


def _bucket(key: str, salt: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{salt}\x00{key}".encode("utf-8")).digest()[:8], "big") % 100


def is_dev(sentence: NewsSentence, dev_percent: int = DEV_PERCENT) -> bool:
    """Whether a sentence belongs to the held-out dev split (a hash of its tokens)."""
    return _bucket(sentence.key, SPLIT_SALT) < dev_percent


def split_news(sentences: Iterable[NewsSentence], dev_percent: int = DEV_PERCENT) -> NewsSplit:
    """Deterministic, disjoint train/dev split of news sentences (order kept within each part)."""
    train: list[NewsSentence] = []
    dev: list[NewsSentence] = []
    for s in sentences:
        (dev if is_dev(s, dev_percent) else train).append(s)
    return NewsSplit(train, dev)


def load_news_split(path: str | Path | None = None, dev_percent: int = DEV_PERCENT) -> NewsSplit:
    return split_news(read_news_corpus(path), dev_percent)


# -- scoring helpers -------------------------------------------------------------------------------


@dataclass
class Score:
    """Counts for precision / recall (``tp_pred`` may differ from ``tp_gold`` for overlap scores)."""

    gold: int = 0
    pred: int = 0
    tp_gold: int = 0
    tp_pred: int = 0

    @property
    def recall(self) -> Optional[float]:
        return self.tp_gold / self.gold if self.gold else None

    @property
    def precision(self) -> Optional[float]:
        return self.tp_pred / self.pred if self.pred else None

    @property
    def f1(self) -> Optional[float]:
        p, r = self.precision, self.recall
        if not p or not r:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, Any]:
        def rnd(v: Optional[float]) -> Optional[float]:
            return None if v is None else round(v, 4)

        return {
            "precision": rnd(self.precision),
            "recall": rnd(self.recall),
            "f1": rnd(self.f1),
            "gold": self.gold,
            "predicted": self.pred,
        }


def _label(label: str, person_labels: frozenset[str]) -> str:
    return PERSON if label in person_labels else label


def _covered(cover: Sequence[bool], text: str, start: int, end: int) -> bool:
    return all(cover[i] for i in range(start, end) if not text[i].isspace())


def _person_cover(n: int, spans: Iterable[tuple[int, int]]) -> list[bool]:
    cover = [False] * n
    for s, e in spans:
        for i in range(s, e):
            cover[i] = True
    return cover


def model_labels(nlp) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """The entity labels a pipeline can predict (empty without an ``ner`` component)."""
    if "ner" not in nlp.pipe_names:
        return ()
    return tuple(nlp.get_pipe("ner").labels)


# -- news ------------------------------------------------------------------------------------------


def evaluate_news(
    nlp, sentences: Sequence[NewsSentence], person_labels: frozenset[str] = DEFAULT_PERSON_LABELS
) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Entity P/R/F per label (exact spans; gold PER and the model's person labels are both
    PERSON) and PERSON token recall/precision of ``nlp`` on news sentences."""
    texts = [s.to_text() for s in sentences]
    labels = sorted({_label(lab, person_labels) for lab in model_labels(nlp)})
    per_label: dict[str, Score] = {lab: Score() for lab in labels}
    overall = Score()
    tokens = Score()
    for nt, doc in zip(texts, nlp.pipe([t.text for t in texts], batch_size=256)):
        gold = {(s, e, _label(t, person_labels)) for s, e, t in nt.entities}
        gold = {g for g in gold if g[2] in per_label}
        pred = {(ent.start_char, ent.end_char, _label(ent.label_, person_labels)) for ent in doc.ents}
        hits = gold & pred
        for lab, score in per_label.items():
            g = sum(1 for x in gold if x[2] == lab)
            p = sum(1 for x in pred if x[2] == lab)
            h = sum(1 for x in hits if x[2] == lab)
            score.gold += g
            score.pred += p
            score.tp_gold += h
            score.tp_pred += h
        overall.gold += len(gold)
        overall.pred += len(pred)
        overall.tp_gold += len(hits)
        overall.tp_pred += len(hits)
        cover = _person_cover(len(nt.text), ((s, e) for s, e, lab in pred if lab == PERSON))
        for (s, e), tag in zip(nt.token_spans, nt.tags):
            is_gold = _label(tag, person_labels) == PERSON
            found = _covered(cover, nt.text, s, e)
            touched = any(cover[s:e])
            tokens.gold += is_gold
            tokens.tp_gold += is_gold and found
            tokens.pred += touched
            tokens.tp_pred += touched and is_gold
    return {
        "sentences": len(texts),
        "words": sum(len(s.tokens) for s in sentences),
        "entities": {lab: sc.to_dict() for lab, sc in per_label.items()},
        "entities_all": overall.to_dict(),
        "person_tokens": tokens.to_dict(),
    }


def evaluate_news_layered(analyzer, sentences: Sequence[NewsSentence], threshold: float) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """PERSON token recall / precision of the whole analyzer (every PERSON recognizer, context,
    overlap merging) on news sentences: a token is predicted when a PERSON finding scored at
    or above ``threshold`` touches it; the counting is :func:`evaluate_news`'s."""
    tokens = Score()
    t0 = time.process_time()
    for s in sentences:
        nt = s.to_text()
        found = [(f.start, f.end) for f in analyzer.analyze(nt.text, min_score=threshold) if f.entity_type == PERSON]
        cover = _person_cover(len(nt.text), found)
        for (a, b), tag in zip(nt.token_spans, nt.tags):
            is_gold = tag == "PER"
            touched = any(cover[a:b])
            tokens.gold += is_gold
            tokens.tp_gold += is_gold and _covered(cover, nt.text, a, b)
            tokens.pred += touched
            tokens.tp_pred += touched and is_gold
    return {
        "threshold": threshold,
        "person_tokens": tokens.to_dict(),
        "cpu_seconds": round(time.process_time() - t0, 2),
    }


# -- synthetic case text ---------------------------------------------------------------------------


def evaluate_synthetic(
    nlp,  # type: ignore[no-untyped-def]
    n: int = 100,
    seed: int = 2026,
    name_split: str = "heldout",
    person_labels: frozenset[str] = DEFAULT_PERSON_LABELS,
) -> dict[str, Any]:
    """NER-only PERSON recall per name-origin group on synthetic pages (a true name counts as
    found when each of its characters lies in a predicted PERSON entity), PERSON precision
    (predicted entities that overlap a true name), and the share of values to keep (agency
    names, dates …) that a predicted PERSON touches."""
    from .synth import generate_documents, text_corpus

    records = text_corpus(n, seed, name_split)
    keeps = [page_keep for d in generate_documents(n, seed, name_split) for page_keep in d.keep]
    by_origin: dict[str, Score] = defaultdict(Score)
    total = Score()
    keep_by_type: dict[str, Score] = defaultdict(Score)
    other_pd = 0
    words = 0
    docs = nlp.pipe([r["text"] for r in records], batch_size=64)
    for rec, keep, doc in zip(records, keeps, docs):
        text = rec["text"]
        words += len(text.split())
        pred = [(e.start_char, e.end_char) for e in doc.ents if _label(e.label_, person_labels) == PERSON]
        cover = _person_cover(len(text), pred)
        persons = [e for e in rec["entities"] if e["type"] == PERSON]
        for e in persons:
            ok = _covered(cover, text, e["start"], e["end"])
            for sc in (by_origin[e.get("origin") or "unknown"], total):
                sc.gold += 1
                sc.tp_gold += ok
        gold_cover = _person_cover(len(text), ((e["start"], e["end"]) for e in persons))
        other_cover = _person_cover(
            len(text), ((e["start"], e["end"]) for e in rec["entities"] if e["type"] != PERSON)
        )
        for s, e in pred:
            total.pred += 1
            if any(gold_cover[s:e]):
                total.tp_pred += 1
            elif any(other_cover[s:e]):
                other_pd += 1
        for k in keep:
            sc = keep_by_type[k.type]
            sc.gold += 1
            sc.tp_gold += any(cover[k.start : k.end])
    return {
        "documents": n,
        "pages": len(records),
        "words": words,
        "seed": seed,
        "name_split": name_split,
        "person": total.to_dict(),
        "person_by_origin": {o: by_origin[o].to_dict() for o in sorted(by_origin)},
        "person_on_other_personal_data": other_pd,
        "keep_touched": {t: {"rate": sc.to_dict()["recall"], "values": sc.gold} for t, sc in sorted(keep_by_type.items())},
    }


# -- speed -----------------------------------------------------------------------------------------


def measure_speed(nlp, texts: Sequence[str], rounds: int = 3, batch_size: int = 64) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Words per second of ``nlp.pipe`` over ``texts`` (best of ``rounds``), pinned to one CPU
    core where the OS allows it (words are whitespace-separated, as in ``make bench``).

    Both wall-clock and process CPU time are reported; on a machine shared with other work the
    CPU-time figure is the steadier measure of what one core does."""
    words = sum(len(t.split()) for t in texts)
    old_affinity = None
    if hasattr(os, "sched_getaffinity"):
        try:
            old_affinity = os.sched_getaffinity(0)
            os.sched_setaffinity(0, {min(old_affinity)})
        except OSError:
            old_affinity = None
    try:
        list(nlp.pipe(texts[:8], batch_size=batch_size))  # warm-up
        best_wall = best_cpu = float("inf")
        for _ in range(max(1, rounds)):
            w0, c0 = time.perf_counter(), time.process_time()
            for _doc in nlp.pipe(texts, batch_size=batch_size):
                pass
            best_wall = min(best_wall, time.perf_counter() - w0)
            best_cpu = min(best_cpu, time.process_time() - c0)
    finally:
        if old_affinity is not None:
            os.sched_setaffinity(0, old_affinity)
    return {
        "words": words,
        "seconds": round(best_wall, 3),
        "words_per_second": round(words / best_wall) if best_wall > 0 else None,
        "cpu_seconds": round(best_cpu, 3),
        "words_per_cpu_second": round(words / best_cpu) if best_cpu > 0 else None,
        "cores": 1 if old_affinity is not None else None,
        "batch_size": batch_size,
        "rounds": max(1, rounds),
    }


# -- the whole evaluation --------------------------------------------------------------------------


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


@dataclass
class NerEvalOptions:
    model_path: Path
    person_labels: frozenset[str] = DEFAULT_PERSON_LABELS
    n: int = 100
    seed: int = 2026
    name_split: str = "heldout"
    corpus: Optional[Path] = None
    speed_rounds: int = 3
    layered: bool = True  # also measure the analyzer's layered name recognition on the news dev split
    policy: Optional[str] = None  # whose PERSON threshold the layered measure uses (default policy)
    extra: dict[str, Any] = field(default_factory=dict)


def evaluate_ner(opts: NerEvalOptions) -> dict[str, Any]:
    """News dev split + synthetic held-out text + speed for the pipeline at ``opts.model_path``."""
    from .nlp import load_pipeline

    split = load_news_split(opts.corpus)  # fails early (typed) when the corpus is missing
    nlp = load_pipeline(opts.model_path)
    meta = nlp.meta or {}
    news = evaluate_news(nlp, split.dev, opts.person_labels)
    synth = evaluate_synthetic(nlp, opts.n, opts.seed, opts.name_split, opts.person_labels)
    from .synth import text_corpus

    speed_texts = [r["text"] for r in text_corpus(opts.n, opts.seed, opts.name_split)]
    speed = measure_speed(nlp, speed_texts, rounds=opts.speed_rounds)
    layered = None
    if opts.layered:
        import dataclasses

        from .analyzer import AnalyzerConfig, TextAnalyzer
        from .policy import load_policy

        cfg = dataclasses.replace(AnalyzerConfig.load(), model_path=opts.model_path)
        threshold = load_policy(opts.policy).rule(PERSON).threshold
        layered = {
            "analyzer_config": cfg.path.name,
            "policy": opts.policy or "default",
            **evaluate_news_layered(TextAnalyzer(cfg), split.dev, threshold),
        }
    return {
        "model": {
            "path": str(opts.model_path),
            "name": str(meta.get("name", opts.model_path.name)),
            "version": str(meta.get("version", "unknown")),
            "pipeline": list(nlp.pipe_names),
            "labels": list(model_labels(nlp)),
            "person_labels": sorted(opts.person_labels & set(model_labels(nlp))),
            "size_bytes": _dir_size(opts.model_path),
        },
        "news_dev": {
            "corpus": corpus_path(opts.corpus).name,
            "dev_percent": DEV_PERCENT,
            **news,
        },
        "news_dev_layered": layered,
        "synthetic": synth,
        "speed": speed,
        **opts.extra,
    }


def _fmt(v: Optional[float]) -> str:
    return "  n/a " if v is None else f"{v:.4f}"


def format_ner_eval(r: dict[str, Any]) -> str:
    """A short human-readable summary (numbers only, never text from the documents)."""
    m, news, syn, sp = r["model"], r["news_dev"], r["synthetic"], r["speed"]
    lines = [
        f"model {m['name']} {m['version']}  pipeline {'+'.join(m['pipeline'])}  labels {','.join(m['labels']) or '-'}"
        f"  size {m['size_bytes'] / 1e6:.1f} MB",
        f"news dev split ({news['sentences']} sentences, {news['words']} tokens):",
    ]
    for lab, sc in news["entities"].items():
        lines.append(
            f"  {lab:<8} P {_fmt(sc['precision'])}  R {_fmt(sc['recall'])}  F {_fmt(sc['f1'])}  (gold {sc['gold']})"
        )
    pt = news["person_tokens"]
    lines.append(f"  PERSON tokens  recall {_fmt(pt['recall'])}  precision {_fmt(pt['precision'])}  (gold {pt['gold']})  NER alone")
    lay = r.get("news_dev_layered")
    if lay:
        lt = lay["person_tokens"]
        lines.append(
            f"  PERSON tokens  recall {_fmt(lt['recall'])}  precision {_fmt(lt['precision'])}  (gold {lt['gold']})"
            f"  layered analyzer, threshold {lay['threshold']}"
        )
    ps = syn["person"]
    lines.append(
        f"synthetic case text ({syn['pages']} pages, {syn['name_split']} names, seed {syn['seed']}): "
        f"PERSON recall {_fmt(ps['recall'])}  precision {_fmt(ps['precision'])}  (gold {ps['gold']})"
    )
    for origin, sc in syn["person_by_origin"].items():
        lines.append(f"  {origin:<15} recall {_fmt(sc['recall'])}  (gold {sc['gold']})")
    touched = ", ".join(f"{t} {v['rate']:.3f}" for t, v in syn["keep_touched"].items() if v["rate"])
    lines.append(f"  values to keep touched by PERSON: {touched or 'none'}")
    lines.append(
        f"speed: {sp['words_per_second']} words/s wall, {sp['words_per_cpu_second']} words per CPU-second, "
        f"one core ({sp['words']} words, nlp.pipe, best of {sp['rounds']})"
    )
    return "\n".join(lines)
