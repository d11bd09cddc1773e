"""Generate synthetic Swedish case documents (PDF + truth JSON).

    python samples/generate.py --out DIR --n N --seed S [--split train|heldout]

With no arguments it regenerates the committed samples: one document of each kind (seed 7,
held-out name split) in ``samples/pdf/``. All people in them are synthetic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's package first

from masking.synth import write_corpus  # noqa: E402

SAMPLES_DIR = Path(__file__).resolve().parent / "pdf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="output folder (default: samples/pdf)")
    parser.add_argument("--n", type=int, help="number of documents (default: 5)")
    parser.add_argument("--seed", type=int, help="random seed (default: 7)")
    parser.add_argument("--split", choices=["train", "heldout"],
                        help="name split (default: heldout for the samples, else train)")
    args = parser.parse_args(argv)
    samples = all(v is None for v in (args.out, args.n, args.seed, args.split))
    out = args.out or SAMPLES_DIR
    n = 5 if args.n is None else args.n
    seed = 7 if args.seed is None else args.seed
    split = args.split or ("heldout" if samples else "train")
    paths = write_corpus(out, n, seed, split)
    print(f"wrote {len(paths)} documents ({split} names, seed {seed}) to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
