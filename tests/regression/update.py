"""Run every regression case, rewrite ``known_failures.json`` and print a summary.

    .venv/bin/python -m tests.regression.update            # rewrite the list
    .venv/bin/python -m tests.regression.update --dry-run  # only report
    .venv/bin/python -m tests.regression.update --show ID  # the diff of one or more cases

The list is rewritten with the cases that fail now: existing reasons are kept, new failures get
"unexplained" (replace it with a short reason). The summary gives, per category, the number of
cases, how many pass, and span recall / precision (expected spans found / predicted spans that
are right, in the checked type groups); for PERSON spans also recall per origin group and for
names in / out of the gazetteers. Then the difference against the previous list: cases that
now pass (improvements) and cases that now fail (regressions). Nothing here prints case text
unless --show is given (the texts are synthetic, but summaries stay free of values anyway).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from typing import Iterable, Sequence

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from .compare import (  # noqa: E402
    CaseResult,
    KNOWN_FAILURES,
    load_cases,
    load_known_failures,
    run_all,
    write_known_failures,
)

UNEXPLAINED = "unexplained"


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def category_table(results: Sequence[CaseResult]) -> list[str]:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for r in results:
        row = rows[r.case.category]
        row[0] += 1
        row[1] += r.passed
        row[2] += r.expected_found
        row[3] += r.expected_total
        row[4] += r.predicted_ok
        row[5] += len(r.predicted)
    total = [sum(col) for col in zip(*rows.values())] if rows else [0] * 6
    lines = [f"{'category':26} {'cases':>5} {'pass':>5} {'recall':>7} {'precision':>9}"]
    for name, (n, ok, found, exp, right, pred) in sorted(rows.items()) + [("TOTAL", total)]:
        lines.append(f"{name:26} {n:5} {ok:5} {_ratio(found, exp):>7} {_ratio(right, pred):>9}")
    return lines


def person_recall(results: Sequence[CaseResult]) -> list[str]:
    """PERSON span recall by origin group and by gazetteer membership (as marked in the cases)."""
    by_origin: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_gaz: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        if "PERSON" not in r.case.checked:
            continue
        missed = {id(s) for s, _ in r.missed}
        for s in r.case.spans:
            if s.type != "PERSON":
                continue
            hit = id(s) not in missed
            origin = r.case.origin or "(untagged)"
            gaz = "out of gazetteer" if s.out_of_gazetteer else "in gazetteer"
            for table, key in ((by_origin, origin), (by_gaz, gaz)):
                table[key][0] += hit
                table[key][1] += 1
    lines = ["PERSON recall by gazetteer: " + ", ".join(
        f"{k} {_ratio(h, n)} ({h}/{n})" for k, (h, n) in sorted(by_gaz.items())
    )]
    lines.append("PERSON recall by origin:")
    lines += [f"  {k:20} {_ratio(h, n)} ({h}/{n})" for k, (h, n) in sorted(by_origin.items())]
    return lines


def diff_lists(old: dict[str, str], new: dict[str, str]) -> list[str]:
    fixed = sorted(set(old) - set(new))
    broken = sorted(set(new) - set(old))
    lines = [f"known failures: {len(old)} before, {len(new)} now"]
    lines.append("now passing (removed from the list): " + (", ".join(fixed) if fixed else "none"))
    lines.append("now failing (added as 'unexplained'): " + (", ".join(broken) if broken else "none"))
    return lines


def new_list(results: Iterable[CaseResult], old: dict[str, str]) -> dict[str, str]:
    return {r.case.id: old.get(r.case.id, UNEXPLAINED) for r in results if not r.passed}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run the regression cases and refresh known_failures.json")
    ap.add_argument("--dry-run", action="store_true", help="report only, do not rewrite the list")
    ap.add_argument("--show", nargs="*", metavar="ID", help="print the diff of these cases (all failures if none given)")
    args = ap.parse_args(argv)

    cases = load_cases()
    results = run_all(cases)
    old = load_known_failures()
    new = new_list(results, old)

    if args.show is not None:
        wanted = set(args.show)
        for r in results:
            if (r.case.id in wanted) or (not wanted and not r.passed):
                print(r.diff(), end="\n\n")

    for line in category_table(results) + [""] + person_recall(results) + [""] + diff_lists(old, new):
        print(line)
    unexplained = sorted(k for k, v in new.items() if v == UNEXPLAINED)
    if unexplained:
        print(f"{len(unexplained)} failures without a reason in {KNOWN_FAILURES.name}")
    if not args.dry_run:
        write_known_failures(new)
        print(f"wrote {KNOWN_FAILURES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
