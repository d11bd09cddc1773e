"""False PERSON detections on real prose: what the product masks as a person name in text that
holds no personal data besides named persons.

Three sources, each optional (a missing one is reported as absent, not as an error):

* **news** — the held-out dev split of the news NER corpus (:mod:`masking.evaluate_ner`, gold
  ``PER`` tags): PERSON tokens outside gold ``PER`` per 1,000 words, detections that touch no
  gold ``PER`` token, and ``PER`` recall (a gold PER token is found when every character of it is
  masked as PERSON; ``any_type``: masked as anything). Sentences are joined into documents of
  :data:`NEWS_DOC_SENTENCES` so that same-document propagation acts as it does in a case file.
* **talbanken** — the UD Swedish-Talbanken dev and test files (``# text =`` lines, one document
  per ``# newdoc``): no gold names, so the count is of all PERSON detections, and of those that
  touch no token the treebank tags ``PROPN`` (surely false); the rest are read by hand
  (``--show``).
* **prose** — a directory of ``.txt`` files of real agency prose (``eval/prose``; a first line
  ``# source: …`` is skipped): PERSON detections per 1,000 words, read by hand (``--show``).

Texts are masked as the product masks a document (:meth:`masking.pipeline.Masker.detect`: the
analyzer, the policy's thresholds and lists, propagation to every other occurrence), cut into
pages of about :data:`PAGE_CHARS` characters. Only automatic (masked) detections count.

    masking eval --prose [DIR] [--show] [--json FILE]

The result holds no text unless ``show`` is asked for (then the detected strings with a little
context, for reading by hand: these corpora are public texts).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from .evaluate_ner import REPO_ROOT, NerCorpusNotFoundError, corpus_path, load_news_split
from .model import Detection, PageText

PERSON = "PERSON"
DEFAULT_PROSE_DIR = REPO_ROOT / "eval" / "prose"
DEFAULT_TALBANKEN_DIR = REPO_ROOT.parent / "shared" / "data" / "ud-swedish-talbanken"
NEWS_DOC_SENTENCES = 40
PAGE_CHARS = 3000
CONTEXT = 30  # characters each side of a shown detection
_WORD = re.compile(r"\w+")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _pages(text: str, page_chars: int = PAGE_CHARS) -> list[str]:
    """``text`` cut at line ends into pieces of about ``page_chars`` characters."""
    pages: list[str] = []
    cur: list[str] = []
    size = 0
    for line in text.splitlines(keepends=True):
        if size + len(line) > page_chars and cur:
            pages.append("".join(cur))
            cur, size = [], 0
        cur.append(line)
        size += len(line)
    if cur:
        pages.append("".join(cur))
    return pages


def _page(text: str, number: int) -> PageText:
    return PageText(number=number, width=0.0, height=0.0, rotation=0, text=text, glyphs=[], char_glyph=[-1] * len(text))


class _Detector:
    """The product's detection for a list of page texts (one document)."""

    def __init__(self, policy: Optional[str] = None) -> None:
        from .pipeline import Masker

        self.masker = Masker(policy=policy)

    def __call__(self, pages: Sequence[str]) -> list[Detection]:
        return [d for d in self.masker.detect([_page(t, i) for i, t in enumerate(pages)]) if d.auto is not False]


def _shown(text: str, start: int, end: int, note: str = "") -> str:
    before = text[max(0, start - CONTEXT) : start].replace("\n", "⏎")
    after = text[end : end + CONTEXT].replace("\n", "⏎")
    return f"{before}[[{text[start:end]}]]{after}" + (f"  ({note})" if note else "")


def _per_1000(count: int, words: int) -> Optional[float]:
    return round(1000.0 * count / words, 3) if words else None


# -- news: gold PER tags ---------------------------------------------------------------------------


def evaluate_news_prose(
    detect: _Detector, path: str | Path | None = None, limit: Optional[int] = None, show: bool = False
) -> dict[str, Any]:
    """False PERSON tokens and detections per 1,000 words and PER recall on the news dev split."""
    dev = load_news_split(corpus_path(path)).dev
    if limit:
        dev = dev[:limit]
    words = false_tokens = false_dets = dets = 0
    gold_tokens = found_tokens = found_any = 0
    gold_entities = missed_entities = 0
    by_tag: dict[str, int] = {}
    shown: list[str] = []
    for i in range(0, len(dev), NEWS_DOC_SENTENCES):
        texts = [s.to_text() for s in dev[i : i + NEWS_DOC_SENTENCES]]
        parts: list[str] = []
        spans: list[tuple[int, int, str]] = []  # token (start, end, tag) in the document
        pos = 0
        for nt in texts:
            spans.extend((pos + a, pos + b, tag) for (a, b), tag in zip(nt.token_spans, nt.tags))
            parts.append(nt.text)
            pos += len(nt.text) + 1
        doc = " ".join(parts)
        found = detect([doc])  # one page: a news document is short
        person = [d for d in found if d.entity_type == PERSON]
        cover = bytearray(len(doc))
        masked = bytearray(len(doc))
        for d in found:
            for k in range(d.start, d.end):
                masked[k] = 1
                if d.entity_type == PERSON:
                    cover[k] = 1
        for a, b, tag in spans:
            tok = doc[a:b]
            if not any(ch.isalnum() for ch in tok):
                continue
            words += 1
            letters = [k for k in range(a, b) if doc[k].isalpha()]  # Sanden8: the 8 is no name
            if tag == "PER":
                gold_tokens += 1
                found_tokens += all(cover[k] for k in letters)
                found_any += all(masked[k] for k in letters)
            elif any(cover[a:b]):
                false_tokens += 1
                by_tag[tag] = by_tag.get(tag, 0) + 1
        # gold entities: runs of PER tokens within a sentence
        run: list[tuple[int, int]] = []
        for a, b, tag in spans + [(len(doc), len(doc), "O")]:
            if tag == "PER":
                run.append((a, b))
                continue
            if run:
                gold_entities += 1
                if not all(cover[k] for x, y in run for k in range(x, y) if doc[k].isalpha()):
                    missed_entities += 1
                    if show:
                        shown.append("MISSED " + _shown(doc, run[0][0], run[-1][1]))
                run = []
        gold_at = {k for a, b, tag in spans if tag == "PER" for k in range(a, b)}
        for d in person:
            dets += 1
            if not any(k in gold_at for k in range(d.start, d.end)):
                false_dets += 1
                if show:
                    shown.append("FALSE " + _shown(doc, d.start, d.end, d.recognizer))
    out: dict[str, Any] = {
        "sentences": len(dev),
        "words": words,
        "person_detections": dets,
        "false_person_detections": false_dets,
        "false_detections_per_1000_words": _per_1000(false_dets, words),
        "false_person_tokens": false_tokens,
        "false_tokens_per_1000_words": _per_1000(false_tokens, words),
        "false_tokens_by_gold_tag": dict(sorted(by_tag.items())),
        "per_tokens": gold_tokens,
        "per_token_recall": round(found_tokens / gold_tokens, 4) if gold_tokens else None,
        "per_token_recall_any_type": round(found_any / gold_tokens, 4) if gold_tokens else None,
        "per_entities": gold_entities,
        "per_entities_missed": missed_entities,
    }
    if show:
        out["shown"] = shown
    return out


# -- talbanken: no gold names, PROPN as a hint --------------------------------------------------------


def read_talbanken(directory: str | Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Documents of the CoNLL-U files in ``directory``: (text, [(start, end, upos)]) with one
    sentence per line, token offsets found in the ``# text`` line."""
    docs: list[tuple[str, list[tuple[int, int, str]]]] = []
    for path in sorted(Path(directory).glob("*.conllu")):
        lines: list[str] = []
        toks: list[tuple[int, int, str]] = []
        pos = 0
        sent = ""
        cursor = 0

        def flush() -> None:
            nonlocal lines, toks, pos
            if lines:
                docs.append(("\n".join(lines) + "\n", toks))
            lines, toks, pos = [], [], 0

        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.startswith("# newdoc"):
                flush()
            elif raw.startswith("# text = "):
                sent = raw[len("# text = ") :]
                cursor = 0
                lines.append(sent)
            elif raw and raw[0].isdigit():
                cols = raw.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                at = sent.find(cols[1], cursor)
                if at < 0:
                    continue
                toks.append((pos + at, pos + at + len(cols[1]), cols[3]))
                cursor = at + len(cols[1])
            elif not raw and sent:
                pos += len(sent) + 1
                sent = ""
        flush()
    return docs


def detect_document(detect: _Detector, text: str) -> list[tuple[int, int, Detection]]:
    """(start, end, detection) in ``text`` for the PERSON detections of ``text`` masked as one
    document cut into pages."""
    pages = _pages(text)
    starts = [0]
    for t in pages[:-1]:
        starts.append(starts[-1] + len(t))
    return [
        (starts[d.page] + d.start, starts[d.page] + d.end, d)
        for d in detect(pages)
        if d.entity_type == PERSON
    ]


def evaluate_talbanken(detect: _Detector, directory: str | Path | None = None, show: bool = False) -> dict[str, Any]:
    """PERSON detections per 1,000 words on the treebank, and those touching no PROPN token."""
    directory = Path(directory) if directory else DEFAULT_TALBANKEN_DIR
    if not directory.is_dir() or not any(directory.glob("*.conllu")):
        return {"absent": str(directory)}
    words = dets = no_propn = 0
    shown: list[str] = []
    for text, toks in read_talbanken(directory):
        words += sum(1 for _, _, upos in toks if upos not in ("PUNCT", "SYM"))
        propn = {k for a, b, upos in toks if upos == "PROPN" for k in range(a, b)}
        for start, end, d in detect_document(detect, text):
            dets += 1
            named = any(k in propn for k in range(start, end))
            no_propn += not named
            if show:
                shown.append(("PROPN " if named else "FALSE ") + _shown(text, start, end, d.recognizer))
    out: dict[str, Any] = {
        "words": words,
        "person_detections": dets,
        "detections_per_1000_words": _per_1000(dets, words),
        "without_propn": no_propn,
        "without_propn_per_1000_words": _per_1000(no_propn, words),
    }
    if show:
        out["shown"] = shown
    return out


# -- real agency prose: no gold at all ---------------------------------------------------------------


def read_prose(path: Path) -> str:
    """A prose file without its ``# source:`` line."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("# source:"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text


def evaluate_prose_dir(detect: _Detector, directory: str | Path | None = None, show: bool = False) -> dict[str, Any]:
    """PERSON detections per 1,000 words in each ``.txt`` file of ``directory``."""
    directory = Path(directory) if directory else DEFAULT_PROSE_DIR
    files = sorted(directory.glob("*.txt")) if directory.is_dir() else []
    if not files:
        return {"absent": str(directory)}
    per_file: dict[str, Any] = {}
    words = dets = 0
    shown: list[str] = []
    for path in files:
        text = read_prose(path)
        found = detect_document(detect, text)
        n = _words(text)
        words += n
        dets += len(found)
        per_file[path.name] = {"words": n, "person_detections": len(found), "per_1000_words": _per_1000(len(found), n)}
        if show:
            shown.extend(f"{path.name}: " + _shown(text, s, e, d.recognizer) for s, e, d in found)
    out: dict[str, Any] = {
        "words": words,
        "person_detections": dets,
        "detections_per_1000_words": _per_1000(dets, words),
        "files": per_file,
    }
    if show:
        out["shown"] = shown
    return out


# -- all three -----------------------------------------------------------------------------------------


def evaluate_prose(
    prose_dir: str | Path | None = None,
    policy: Optional[str] = None,
    news_limit: Optional[int] = None,
    show: bool = False,
    sources: Iterable[str] = ("news", "talbanken", "prose"),
) -> dict[str, Any]:
    """False PERSON detections on real prose from every source present (module doc)."""
    detect = _Detector(policy)
    sources = tuple(sources)
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    if "news" in sources:
        try:
            out["news"] = evaluate_news_prose(detect, limit=news_limit, show=show)
        except NerCorpusNotFoundError as exc:
            out["news"] = {"absent": str(exc)}
    if "talbanken" in sources:
        out["talbanken"] = evaluate_talbanken(detect, show=show)
    if "prose" in sources:
        out["prose"] = evaluate_prose_dir(detect, prose_dir, show=show)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def format_prose_eval(result: dict[str, Any]) -> str:
    """A short report of :func:`evaluate_prose` (shown detections last, when asked for)."""
    lines: list[str] = []
    news = result.get("news")
    if news and "absent" not in news:
        lines.append(
            f"news dev split: {news['words']} words, false PERSON detections "
            f"{news['false_person_detections']} ({news['false_detections_per_1000_words']} per 1,000 words), "
            f"false PERSON tokens {news['false_person_tokens']} ({news['false_tokens_per_1000_words']} per 1,000 words; "
            f"gold tags {news['false_tokens_by_gold_tag']})"
        )
        lines.append(
            f"  PER token recall {news['per_token_recall']} (masked as any type {news['per_token_recall_any_type']}), "
            f"PER entities missed {news['per_entities_missed']} of {news['per_entities']}"
        )
    elif news:
        lines.append(f"news: absent ({news['absent']})")
    tb = result.get("talbanken")
    if tb and "absent" not in tb:
        lines.append(
            f"talbanken: {tb['words']} words, PERSON detections {tb['person_detections']} "
            f"({tb['detections_per_1000_words']} per 1,000 words), on no PROPN token {tb['without_propn']} "
            f"({tb['without_propn_per_1000_words']} per 1,000 words)"
        )
    elif tb:
        lines.append(f"talbanken: absent ({tb['absent']})")
    pr = result.get("prose")
    if pr and "absent" not in pr:
        lines.append(
            f"agency prose: {pr['words']} words, PERSON detections {pr['person_detections']} "
            f"({pr['detections_per_1000_words']} per 1,000 words)"
        )
        for name, f in pr["files"].items():
            lines.append(f"  {name}: {f['words']} words, {f['person_detections']} ({f['per_1000_words']} per 1,000)")
    elif pr:
        lines.append(f"agency prose: absent ({pr['absent']})")
    lines.append(f"{result.get('seconds')} s")
    for key in ("news", "talbanken", "prose"):
        for item in (result.get(key) or {}).get("shown", []):
            lines.append(f"{key}: {item}")
    return "\n".join(lines)


def cmd_eval_prose(args: Any) -> int:
    """``masking eval --prose [DIR] [--show] [--policy P] [--json FILE]``: print the report."""
    import json

    result = evaluate_prose(prose_dir=args.prose or None, policy=args.policy, show=args.show)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(format_prose_eval(result))
    return 0
