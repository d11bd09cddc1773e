"""Build ``tests/regression/cases/<category>.json`` from the marked-up sources.

Cases are written in ``case_sources.py`` as text with inline marks, ``Hej [Anna Svensson|P],``,
so that no offset is ever counted by hand. This script turns each mark into a span with exact
offsets, numbers the cases per category (``homographs-001`` ...), marks the words of each PERSON
span that are in neither gazetteer (``recognizers/data/first_names.txt``, ``surnames.txt``) as
``out_of_gazetteer``, and writes one JSON file per category.

    .venv/bin/python -m tests.regression.build_cases          # rewrite the JSON files
    .venv/bin/python -m tests.regression.build_cases --check  # exit 1 if they are out of date

Case ids follow source order: add new cases at the *end* of a category so that existing ids
(and ``known_failures.json``) stay valid.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, Iterable

from .compare import ALL_GROUPS, CASES_DIR, group_of
from .case_sources import CATEGORIES, TYPE_ALIASES

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "recognizers" / "data"

MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z0-9_]+)\]")
PARTICLES = frozenset(
    "von af van der den ter ten al el bin ibn abu ben di da dos das del della du le la de".split()
)


class MarkupError(ValueError):
    pass


def parse_markup(source: str) -> tuple[str, list[dict[str, Any]]]:
    """``"Hej [Anna|P]!"`` → ``("Hej Anna!", [{"start": 4, "end": 8, "type": "PERSON", ...}])``."""
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(source):
        before = source[pos : m.start()]
        out.append(before)
        length += len(before)
        value, alias = m.group(1), m.group(2)
        etype = TYPE_ALIASES.get(alias, alias)
        group_of(etype)  # raises on an unknown type
        spans.append({"start": length, "end": length + len(value), "type": etype, "text": value})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(source[pos:])
    text = "".join(out)
    if "|" in text and re.search(r"\[[^\]]*\|", text):
        raise MarkupError(f"unparsed mark in {source!r}")
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]
    return text, spans


# --- gazetteer status (an independent, simple fold; the recognizer's own lookup may differ) ----
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "’": "'"})


def fold(word: str) -> str:
    low = word.lower().translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


def _read_names(path: Path) -> frozenset[str]:
    keys: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        key = fold(name)
        keys.add(key)
        if key.endswith("sson"):
            keys.add(key[:-4] + "son")
        elif key.endswith("son"):
            keys.add(key[:-3] + "sson")
    return frozenset(keys)


def load_gazetteer_keys(data_dir: Path = DATA_DIR) -> frozenset[str]:
    return _read_names(data_dir / "first_names.txt") | _read_names(data_dir / "surnames.txt")


def out_of_gazetteer(name: str, keys: frozenset[str]) -> list[str]:
    """Words of ``name`` in neither gazetteer (particles and initials are not names)."""
    missing = []
    name = re.sub(r"-\n", "", name)  # a name hyphenated over a line end is one word
    words: list[str] = []
    for token in name.split():
        token = token.strip(".,;:()'’~")
        whole = fold(token)
        if "-" in token and (whole in keys or whole.replace("-", "") in keys):
            continue  # a double name listed as one entry (Lise-Lotte, Per-Olof)
        words.extend(token.split("-"))
    for word in words:
        word = word.strip(".,;:()'’")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if len(word) <= 1 or word.lower() in PARTICLES or "." in word:
            continue
        if word.isupper() and len(word) <= 2:  # initials such as PO
            continue
        if fold(word) not in keys and fold(word.replace("'", "")) not in keys:
            missing.append(word)
    return missing


# --- building -----------------------------------------------------------------------------------
def build(keys: frozenset[str] | None = None) -> dict[str, dict[str, Any]]:
    """Category name → the JSON document for it."""
    keys = load_gazetteer_keys() if keys is None else keys
    docs: dict[str, dict[str, Any]] = {}
    for name, cat in CATEGORIES.items():
        checked = list(cat["checked"])
        for g in checked:
            if g not in ALL_GROUPS:
                raise MarkupError(f"{name}: unknown type group {g!r}")
        cases = []
        for n, src in enumerate(cat["cases"], start=1):
            text, spans = parse_markup(src["markup"])
            for s in spans:
                if s["type"] == "PERSON":
                    oog = out_of_gazetteer(s["text"], keys)
                    if oog:
                        s["out_of_gazetteer"] = oog
            case: dict[str, Any] = {"id": f"{name}-{n:03d}", "text": text, "spans": spans}
            for key in ("origin", "note"):
                if src.get(key):
                    case[key] = src[key]
            cases.append(case)
        texts = [c["text"] for c in cases]
        dupes = sorted({t for t in texts if texts.count(t) > 1})
        if dupes:
            raise MarkupError(f"{name}: duplicate texts {dupes}")
        docs[name] = {
            "category": name,
            "description": cat["description"],
            "checked": checked,
            "cases": cases,
        }
    return docs


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def dump(doc: dict[str, Any]) -> str:
    """The JSON text of a category: one line per case head and one per span, for readable diffs."""
    lines = ["{"]
    lines += [f" {_j(k)}: {_j(doc[k])}," for k in ("category", "description", "checked")]
    lines.append(' "cases": [')
    for i, case in enumerate(doc["cases"]):
        head = _j({k: v for k, v in case.items() if k != "spans"})[1:-1]
        spans = case["spans"]
        if not spans:
            lines.append(f'  {{{head}, "spans": []}}')
        else:
            lines.append(f'  {{{head}, "spans": [')
            lines += [f"   {_j(s)}" + ("," if j < len(spans) - 1 else "") for j, s in enumerate(spans)]
            lines.append("  ]}")
        if i < len(doc["cases"]) - 1:
            lines[-1] += ","
    lines += [" ]", "}"]
    text = "\n".join(lines) + "\n"
    if json.loads(text) != doc:  # the hand-made layout must be the same JSON
        raise MarkupError(f"{doc['category']}: JSON layout error")
    return text


def write(docs: dict[str, dict[str, Any]], out_dir: Path = CASES_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, doc in docs.items():
        path = out_dir / f"{name}.json"
        path.write_text(dump(doc), encoding="utf-8")
        paths.append(path)
    return paths


def stale(docs: dict[str, dict[str, Any]], out_dir: Path = CASES_DIR) -> list[str]:
    """Categories whose JSON file differs from what the sources build."""
    bad = []
    for name, doc in docs.items():
        path = out_dir / f"{name}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != dump(doc):
            bad.append(name)
    extra = {p.stem for p in out_dir.glob("*.json")} - set(docs)
    return bad + sorted(extra)


def summary(docs: dict[str, dict[str, Any]]) -> Iterable[str]:
    total = 0
    for name, doc in docs.items():
        cases = doc["cases"]
        total += len(cases)
        persons = [s for c in cases for s in c["spans"] if s["type"] == "PERSON"]
        oog = sum(1 for s in persons if s.get("out_of_gazetteer"))
        yield f"{name:26} {len(cases):4} cases  {len(persons):4} PERSON spans ({oog} with out-of-gazetteer words)"
    yield f"{'total':26} {total:4} cases"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the JSON files are out of date")
    args = ap.parse_args(argv)
    docs = build()
    if args.check:
        bad = stale(docs)
        if bad:
            print("out of date: " + ", ".join(bad), file=sys.stderr)
            return 1
        return 0
    write(docs)
    for line in summary(docs):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
