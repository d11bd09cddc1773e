"""Build ``medications.txt`` (product and substance names) from FASS product names.

Source: the CSV ``fass_lakemedelsnamn_*.csv`` shipped in the PyPI package ``domherre``
(MIT licence, copyright (c) 2026 Alexander Koutakis; see ``LICENSE-domherre.txt``). The
package is not a dependency: download it once and run this script on the CSV::

    pip download --no-deps domherre -d /tmp/dh && unzip -o /tmp/dh/domherre-*.whl -d /tmp/dh/x
    .venv/bin/python -m recognizers.data.health.build_medications /tmp/dh/x/domherre/fass_lakemedelsnamn_*.csv

A product name's first word (and each part of ``A/B`` combinations) is kept: ``Sertralin
Accord`` gives ``sertralin``; the manufacturer words after it are dropped. A word is left out
when it is an ordinary Swedish or English word (spaCy's lemma lookup tables), a first name, a
surname or a place in the project's lists, shorter than four letters, or has no letter: such a
name would mask ordinary prose. The hand-written lexicon (``terms.txt``) lists the common
substances that are also dictionary words (``insulin``, ``morfin``).
"""

from __future__ import annotations

import csv
import glob
import gzip
import json
import sys
from pathlib import Path

import regex as re

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
OUT = HERE / "medications.txt"


# Product names that are also the names of well-known companies or brands in Swedish prose.
EXCLUDE = {"fortum"}


def _lookup_words(lang: str) -> set[str]:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lemma_lookup.json.gz"
    table = json.loads(gzip.open(path).read())
    return {w.lower() for w in table} | {w.lower() for w in table.values()}


def _list(name: str) -> set[str]:
    words = set()
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            words.update(w.lower() for w in line.split())
    return words


def build(csv_paths: list[str]) -> list[str]:
    common = _lookup_words("sv") | _lookup_words("en")
    people = _list("first_names.txt") | _list("surnames.txt") | _list("places.txt")
    names: set[str] = set()
    for path in csv_paths:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                first = row["namn"].strip().split()[0] if row["namn"].strip() else ""
                for part in first.split("/"):
                    word = part.strip(".,()®™").lower()
                    if len(word) < 4 or not re.fullmatch(r"\p{L}[\p{L}\-]*\p{L}", word):
                        continue
                    if word in common or word in people or word in EXCLUDE:
                        continue
                    names.add(word)
    return sorted(names)


HEADER = """\
# Medication names (FASS product names and substances), one lower-case word per line.
#
# Source: fass_lakemedelsnamn_2026-09-23.csv from the PyPI package domherre 0.1.3,
# MIT licence, Copyright (c) 2026 Alexander Koutakis (full text: LICENSE-domherre.txt).
# Built by build_medications.py: first word of each product name; ordinary Swedish/English
# words, first names, surnames, places, company names and words under four letters removed.
"""


def main(argv: list[str]) -> int:
    paths = [p for a in argv for p in glob.glob(a)]
    if not paths:
        print("usage: build_medications.py fass_lakemedelsnamn_*.csv", file=sys.stderr)
        return 2
    words = build(paths)
    OUT.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
