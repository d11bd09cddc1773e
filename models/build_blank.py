"""Build the blank Swedish pipeline used until a trained one exists.

    python models/build_blank.py [OUT_DIR]

It holds spaCy's Swedish tokenizer and the project's ``masking_lemmatizer`` (lemma lookup with a
lower-case fallback), saved with a fully filled config.cfg.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

import masking.nlp  # noqa: F401  (registers the masking_lemmatizer factory)


def build(out: Path) -> Path:
    nlp = spacy.blank("sv")
    nlp.add_pipe("masking_lemmatizer")
    nlp.meta["name"] = "sv_blank"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = "Blank Swedish pipeline (tokenizer + lookup lemmatizer) for masking"
    nlp.meta["license"] = "MIT (spaCy tokenizer rules, spacy-lookups-data lemma table)"
    nlp.meta["sources"] = [
        {"name": "spaCy Swedish language data", "url": "https://spacy.io", "license": "MIT"},
        {"name": "spacy-lookups-data sv_lemma_lookup", "license": "MIT"},
    ]
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "sv_blank"
    print(build(target))
