"""The library call: analyse documents with the masking pipeline's own stages, then replace
every decided value through presidio-anonymizer with one of the operators.

Analysis is the pipeline's: stage *intake* and *read* for PDFs (text layer or OCR, as
``masking redact``), then stage *detect* and *decide* (:meth:`masking.pipeline.Masker.detect`:
the policy's thresholds, allow and deny lists, every occurrence of a value). Nothing here
decides what is personal data. Replacing is presidio's :class:`AnonymizerEngine` with this
package's operators registered (``tag``, ``surrogate``, ``hmac``) or wrapping presidio's own
(``encrypt``).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from ..entities import PERSON
from ..model import Detection, PageText
from .base import DOCUMENT, SCOPE
from .encrypt import EncryptOperator
from .errors import AnonymizeKeyError
from .hmac_operator import HmacOperator
from .keys import AnonymizeKey
from .scope import Scope
from .surrogate import DIAGNOSES, SurrogateOperator
from .tag import TagOperator

OPERATORS = {"tag": TagOperator, "surrogate": SurrogateOperator, "hmac": HmacOperator, "encrypt": EncryptOperator}
SCOPES = ("document", "corpus")
DIAGNOSIS_MODES = ("chapter", "keep")


@dataclass
class Analysed:
    """One document as analysed: its parts' texts (pages of a PDF, fields of a JSONL record, or
    one text) and the decided values per part as ``(start, end, entity_type)``."""

    name: str
    parts: list[str]
    values: list[list[tuple[int, int, str]]]
    input_sha256: str = ""
    ocr_pages: int = 0


@dataclass
class Anonymized:
    name: str
    parts: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    # (type, as written, replacement) per value replaced: in memory, for evaluation; never written
    replaced: list[tuple[str, str, str]] = field(default_factory=list, repr=False)


def _spans(page: PageText, detections: Sequence[Detection]) -> list[tuple[int, int, str]]:
    """Decided detections of a page, overlaps resolved (the longer wins), and the words of one
    name next to each other on a line joined (``Anna`` ``Svensson`` → one value)."""
    dets = sorted(((d.start, d.end, d.entity_type) for d in detections), key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str]] = []
    for s, e, t in dets:
        if out and s < out[-1][1]:
            ps, pe, pt = out[-1]
            if e > pe:
                out[-1] = (ps, e, pt) if pt == t else (ps, pe, pt)
            continue
        if (out and t == PERSON and out[-1][2] == PERSON
                and page.text[out[-1][1]:s].strip(" ") == "" and out[-1][1] < s and "\n" not in page.text[out[-1][1]:s]):
            out[-1] = (out[-1][0], e, PERSON)
            continue
        out.append((s, e, t))
    return out


class Anonymizer:
    """Load once, pseudonymise many documents. ``masker``: a :class:`masking.pipeline.Masker`
    (policy, analyzer, limits, OCR settings); ``key``: for ``hmac`` and ``encrypt``; ``seed``:
    fixes the surrogates' draws (tests), else they come from the system's random source."""

    def __init__(self, masker=None, *, operator: str = "tag", scope: str = "document",  # type: ignore[no-untyped-def]
                 key: Optional[AnonymizeKey] = None, diagnoses: str = "chapter", seed: Optional[int] = None,
                 policy: Optional[str] = None) -> None:
        if operator not in OPERATORS:
            raise ValueError(f"unknown operator {operator!r}")
        if scope not in SCOPES or diagnoses not in DIAGNOSIS_MODES:
            raise ValueError("unknown scope or diagnoses mode")
        if operator in ("hmac", "encrypt") and key is None:
            raise AnonymizeKeyError(f"operator {operator} needs a key")
        if operator == "encrypt" and key is not None and key.aes_key is None:
            raise AnonymizeKeyError("operator encrypt needs a key file (the audit key does not encrypt)")
        if masker is None:
            from ..pipeline import Masker

            masker = Masker(policy=policy)
        self.masker = masker
        self.operator = operator
        self.scope_kind = scope
        self.key = key
        self.diagnoses = diagnoses
        self.seed = seed
        self.engine = AnonymizerEngine()
        self.engine.add_anonymizer(OPERATORS[operator])
        self.counts: dict[str, int] = {}
        self.documents = 0
        self.persons = 0

    # -- analysis: the pipeline's stages ------------------------------------------------------
    def analyse_parts(self, name: str, parts: Sequence[str]) -> Analysed:
        from ..api import text_page

        pages = [text_page(t, i) for i, t in enumerate(parts)]
        return self._analyse(name, pages, hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest())

    def analyse_pdf(self, path: Path) -> Analysed:
        from ..pdf import sha256_file

        doc, pages = self.masker.open_document(Path(path), name=Path(path).name)
        try:
            a = self._analyse(Path(path).name, pages, sha256_file(Path(path)))
            a.ocr_pages = sum(1 for p in pages if type(p).__name__ == "OcrPageText")
            return a
        finally:
            doc.close()

    def _analyse(self, name: str, pages: Sequence[PageText], sha: str) -> Analysed:
        decided = self.masker.detect(list(pages))
        by_page: dict[int, list[Detection]] = {}
        for d in decided:
            by_page.setdefault(d.page, []).append(d)
        return Analysed(name, [p.text for p in pages], [_spans(p, by_page.get(p.number, [])) for p in pages], sha)

    # -- replacement: presidio-anonymizer -------------------------------------------------------
    def new_scope(self) -> Scope:
        rng = random.Random(self.seed) if self.seed is not None else random.Random(random.SystemRandom().random())
        return Scope(kind=self.scope_kind, rng=rng)

    def anonymize(self, docs: Sequence[Analysed]) -> list[Anonymized]:
        """Each document replaced; one scope per document, or one for all (``corpus``), whose
        values are all learnt before the first replacement."""
        if self.scope_kind == "corpus":
            scope = self.new_scope()
            for i, d in enumerate(docs):
                scope.register(i, self._items(d))
            scope.link_parts_across_documents()
            self._prepare(scope, list(enumerate(docs)))
            out = [self._replace(scope, i, d) for i, d in enumerate(docs)]
            self._tally(scope)
            return out
        out = []
        for i, d in enumerate(docs):
            scope = self.new_scope()
            scope.register(i, self._items(d))
            self._prepare(scope, [(i, d)])
            out.append(self._replace(scope, i, d))
            self._tally(scope)
        return out

    def _tally(self, scope: Scope) -> None:
        for t, n in scope.counts.items():
            self.counts[t] = self.counts.get(t, 0) + n
        self.persons += len(scope.persons)

    @staticmethod
    def _items(d: Analysed) -> list[tuple[str, str]]:
        return [(t, text[s:e]) for text, vals in zip(d.parts, d.values) for s, e, t in vals]

    def _params(self, scope: Scope, index: int) -> dict:
        params: dict = {SCOPE: scope, DOCUMENT: index}
        if self.key is not None:
            params["key"] = self.key
        params[DIAGNOSES] = self.diagnoses
        return params

    def _prepare(self, scope: Scope, docs: Sequence[tuple[int, Analysed]]) -> None:
        op = OPERATORS[self.operator]()
        for index, d in docs:
            params = self._params(scope, index)
            for text, vals in zip(d.parts, d.values):
                for s, e, t in vals:
                    op.prepare(scope, scope.mention(index, t, text[s:e]), params)

    def _replace(self, scope: Scope, index: int, d: Analysed) -> Anonymized:
        self.documents += 1
        before = dict(scope.counts)
        name = OPERATORS[self.operator].NAME
        parts = []
        for text, vals in zip(d.parts, d.values):
            if not vals:
                parts.append(text)
                continue
            results = [RecognizerResult(t, s, e, 1.0) for s, e, t in vals]
            config = OperatorConfig(name, self._params(scope, index))
            operators = {t: config for _, _, t in vals}
            parts.append(self.engine.anonymize(text, results, operators, merge_entities_with_spaces=False).text)
        counts = {t: n - before.get(t, 0) for t, n in scope.counts.items() if n - before.get(t, 0)}
        replaced = [(t, s, r) for i, t, s, r in scope.replaced if i == index]
        return Anonymized(d.name, parts, counts, replaced)

    # -- convenience ----------------------------------------------------------------------------
    def anonymize_text(self, text: str, name: str = "text") -> str:
        return self.anonymize([self.analyse_parts(name, [text])])[0].parts[0]
