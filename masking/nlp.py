"""spaCy side of the analyzer: the Swedish lemmatizer component and a no-download NLP engine.

Presidio's context enhancement matches context words against token *lemmas*; a blank pipeline
has empty lemmas, so context never fires. ``masking_lemmatizer`` fills ``token.lemma_`` with the
lower-cased form from spaCy's Swedish lookup table (spacy-lookups-data) when it has one, else
the lower-cased token, so Swedish context stems ("personnum", "tel") match in substring mode.

The lookup table costs ~2.5 s and ~150 MB to load per process and gives some wrong lemmas
("finns" → "finne"), while our context words are stems matched as substrings; so the shipped
pipelines use the lower-case form only (``use_lookup = false``). Set it to true in a model's
config.cfg to use the table.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Optional

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import spacy  # noqa: E402
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.attrs import LEMMA, LOWER, ORTH  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from thinc.api import NumpyOps  # noqa: E402

from .errors import ModelNotFoundError  # noqa: E402

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _sv_lemma_table():  # spacy.lookups.Table (keyed by string hash) or {}
    """spaCy's Swedish lemma lookup table, lower-cased keys (loaded once per process)."""
    try:
        from spacy.lookups import load_lookups

        return load_lookups("sv", ["lemma_lookup"], strict=False).get_table("lemma_lookup", {})
    except Exception:  # spacy-lookups-data missing: lower-case fallback only
        log.warning("Swedish lemma lookup table unavailable; using lower-case lemmas")
        return {}


class SwedishLemmatizer:
    def __init__(self, use_lookup: bool = False) -> None:
        self.table = _sv_lemma_table() if use_lookup else {}

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        if not table:  # every lemma is the lower-case form: one array copy, no loop over tokens
            doc.from_array([LEMMA], doc.to_array([LOWER]))
            return doc
        for token in doc:
            low = token.lower_
            lemma = table.get(low)
            token.lemma_ = lemma.lower() if lemma else low
        return doc


@Language.factory("masking_lemmatizer", default_config={"use_lookup": False})
def make_masking_lemmatizer(nlp: Language, name: str, use_lookup: bool) -> SwedishLemmatizer:
    return SwedishLemmatizer(use_lookup=use_lookup)


def drop_whitespace_special_cases(nlp: Language) -> None:
    """Remove the tokenizer's special cases for a bare space, tab or newline.

    spaCy's base exceptions list these (``{ORTH: "\\n"}``: the token as written, no other
    attribute), so they tokenize exactly as without the rule. But the tokenizer stops caching a
    document's words after its first special-case hit (the flag is per document), so with the
    newline rule nearly every page was tokenized word by word from its first line break on, at
    about twice the cost. Rules that set anything besides ORTH (no-break space: NORM) stay.
    """
    tokenizer = nlp.tokenizer
    rules = tokenizer.rules or {}
    drop = {key for key in ("\n", "\t", " ") if rules.get(key) == [{ORTH: key}]}
    if drop:
        tokenizer.rules = {key: value for key, value in rules.items() if key not in drop}


def use_numpy_blas(nlp: Language) -> None:
    """Run every layer's matrix products through numpy's BLAS (OpenBLAS, one thread: see
    masking/__init__) instead of thinc's default BLIS kernels: the same results (tested), about a
    quarter less CPU for the NER on this project's machines. Set on each node of each
    component's model, since a model keeps the ops it was built with."""
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = ops


def load_pipeline(path: str | Path) -> Language:
    """Load a spaCy pipeline from a local directory; never download."""
    p = Path(path)
    if not (p / "config.cfg").is_file():
        raise ModelNotFoundError(
            f"spaCy pipeline not found at {p} (expected a directory with config.cfg); "
            "run `make model` or set MASKING_MODEL_PATH"
        )
    nlp = spacy.load(p)
    use_numpy_blas(nlp)
    drop_whitespace_special_cases(nlp)
    return nlp


class LocalSpacyNlpEngine(SpacyNlpEngine):
    """A Presidio spaCy engine over a pipeline loaded by path (never downloads)."""

    def __init__(
        self,
        model_path: str | Path,
        language: str = "sv",
        ner_model_configuration: Optional[NerModelConfiguration] = None,
    ) -> None:
        super().__init__(
            models=[{"lang_code": language, "model_name": str(model_path)}],
            ner_model_configuration=ner_model_configuration,
        )
        self.model_path = Path(model_path)
        self.language = language

    def load(self) -> None:
        self.nlp = {self.language: load_pipeline(self.model_path)}
