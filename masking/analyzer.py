"""The Swedish analyzer: Presidio built only from the project's configuration.

``AnalyzerEngine()`` with defaults would try to download an English model; here the engine,
the NLP pipeline (a local path) and every recognizer come from ``config/analyzer.yaml`` (or a
file given by the caller / ``MASKING_ANALYZER_CONFIG``). A config that cannot be read is an
error, never a silent fallback.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import logging
import os
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Collection, Iterable, Iterator, Optional, Sequence

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import yaml  # noqa: E402
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry  # noqa: E402
from presidio_analyzer import RecognizerResult  # noqa: E402
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from .entities import PRIORITY  # noqa: E402
from .errors import ConfigError  # noqa: E402
from .context import SwedishContextEnhancer  # noqa: E402
from .nlp import LocalSpacyNlpEngine  # noqa: E402
from .normalize import NormalizedText, normalize_text  # noqa: E402

log = logging.getLogger(__name__)

CONFIG_DIR = Path(__file__).parent / "config"
DEFAULT_CONFIG = CONFIG_DIR / "analyzer.yaml"


@dataclass(frozen=True)
class AnalyzerConfig:
    path: Path
    language: str
    model_path: Path
    ner_labels: dict[str, str]
    ner_score: float
    prefix_words: int
    suffix_words: int
    similarity_factor: float
    min_score_with_context: float
    recognizers: tuple[str, ...]
    sha256: str

    @classmethod
    def load(cls, path: str | Path | None = None) -> "AnalyzerConfig":
        p = Path(path or os.environ.get("MASKING_ANALYZER_CONFIG") or DEFAULT_CONFIG)
        try:
            raw_bytes = p.read_bytes()
            raw = yaml.safe_load(raw_bytes)
        except FileNotFoundError:
            raise ConfigError(f"analyzer configuration not found: {p}") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"analyzer configuration {p.name} is not valid YAML: {exc}") from None
        if not isinstance(raw, dict):
            raise ConfigError(f"analyzer configuration {p.name} must be a mapping")
        unknown = set(raw) - {"language", "model", "context", "recognizers"}
        if unknown:
            raise ConfigError(f"analyzer configuration {p.name}: unknown keys {sorted(unknown)}")
        model = raw.get("model") or {}
        ctx = raw.get("context") or {}
        recs = raw.get("recognizers")
        if not isinstance(recs, list) or not recs or not all(isinstance(r, str) for r in recs):
            raise ConfigError(f"analyzer configuration {p.name}: 'recognizers' must list classes")
        model_path = os.environ.get("MASKING_MODEL_PATH") or model.get("path")
        if not model_path:
            raise ConfigError(f"analyzer configuration {p.name}: model.path is required")
        mp = Path(model_path)
        if not mp.is_absolute():
            mp = (p.parent / mp).resolve()
        try:
            return cls(
                path=p,
                language=str(raw.get("language", "sv")),
                model_path=mp,
                ner_labels={str(k): str(v) for k, v in (model.get("labels") or {}).items()},
                ner_score=float(model.get("ner_score", 0.85)),
                prefix_words=int(ctx.get("prefix_words", 5)),
                suffix_words=int(ctx.get("suffix_words", 1)),
                similarity_factor=float(ctx.get("similarity_factor", 0.35)),
                min_score_with_context=float(ctx.get("min_score_with_context", 0.4)),
                recognizers=tuple(recs),
                sha256=hashlib.sha256(raw_bytes).hexdigest(),
            )
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"analyzer configuration {p.name}: bad value ({exc})") from None


def _import_recognizer(spec: str) -> type[EntityRecognizer]:
    module_name, _, class_name = spec.partition(":")
    if not class_name:
        module_name, _, class_name = spec.rpartition(".")
    try:
        module = importlib.import_module(module_name)
        cls = getattr(module, class_name)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"recognizer {spec!r} cannot be loaded: {exc}") from None
    return cls


@dataclass(frozen=True)
class Finding:
    """One resolved analyzer result on a text (offsets into that text)."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    validation: str = "unchecked"
    explanation: str = ""
    merged_types: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "type": self.entity_type,
            "score": round(self.score, 4),
            "recognizer": self.recognizer,
        }


def _result_to_finding(r: RecognizerResult) -> Finding:
    meta = r.recognition_metadata or {}
    recognizer = meta.get(RecognizerResult.RECOGNIZER_NAME_KEY) or "unknown"
    if recognizer in ("SpacyRecognizer", "SpacyNerRecognizer", "SeNerPersonRecognizer"):
        recognizer = "spacy_ner"
    expl = ""
    if r.analysis_explanation is not None:
        expl = r.analysis_explanation.textual_explanation or ""
        if r.analysis_explanation.supportive_context_word:
            expl = (expl + "; context word").strip("; ")
    return Finding(
        start=r.start,
        end=r.end,
        entity_type=r.entity_type,
        score=float(r.score),
        recognizer=str(recognizer),
        validation=str(meta.get("validation", "unchecked")),
        explanation=expl,
    )


class _Artifacts(NlpArtifacts):
    """Presidio's :class:`NlpArtifacts` of one spaCy doc, built without walking its tokens.

    Presidio's own constructor lists every token's lemma and offset and looks each lemma up in
    the vocabulary for its keywords (adding unseen words to the vocabulary, which then grows
    with every document a worker reads). Our recognizers read the entities and their scores
    only; the lemmas, offsets and keywords are computed on first use, for a recognizer that
    asks, with Presidio's own rule."""

    def __init__(self, doc: Doc, entities: list, scores: list[float], nlp_engine: Any, language: str) -> None:
        self.entities = entities
        self.tokens = doc
        self.scores = scores
        self.nlp_engine = nlp_engine
        self._language = language

    @cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]
        return [t.lemma_ for t in self.tokens]

    @cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        return [t.idx for t in self.tokens]

    @cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        return NlpArtifacts.set_keywords(self.nlp_engine, self.lemmas, self._language)


class _Registry(RecognizerRegistry):
    """Presidio's registry, answering in its own (configuration) order.

    Presidio collects the recognizers for the requested entities in a ``set`` of recognizer
    objects, so the order the engine runs them in, and with it which of two equal results
    (same span, type and score, e.g. the NER's name and the lexicon's) is kept as the
    representative, followed the objects' memory addresses: it changed from process to
    process. Here it is the configuration's order, and the answer for a request is computed
    once."""

    _answers: Optional[dict[tuple, list[EntityRecognizer]]] = None

    def get_recognizers(
        self,
        language: str,
        entities: Optional[list[str]] = None,
        all_fields: bool = False,
        ad_hoc_recognizers: Optional[list[EntityRecognizer]] = None,
    ) -> list[EntityRecognizer]:
        if ad_hoc_recognizers or language is None or (entities is None and not all_fields):
            return super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        if self._answers is None:
            self._answers = {}
        key = (language, all_fields, tuple(entities or ()), tuple(map(id, self.recognizers)))
        answer = self._answers.get(key)
        if answer is None:
            chosen = {id(r) for r in super().get_recognizers(language, entities, all_fields)}
            answer = self._answers[key] = [r for r in self.recognizers if id(r) in chosen]
        return list(answer)


class _Engine(AnalyzerEngine):
    """Presidio's engine with its per-recognizer context step done in one pass.

    Presidio splits the results into each recognizer's own and all the others once per
    recognizer (two scans of every result per recognizer and page), for
    ``EntityRecognizer.enhance_using_context``, which none of our recognizers overrides. Here the
    results are grouped by recognizer once, and the others are listed only for a recognizer that
    does override it. Same results in the same order: each recognizer's own, in registry order
    (a result of no listed recognizer is dropped, as there), then the context enhancer."""

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: Optional[list[str]] = None,
    ) -> list[RecognizerResult]:
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        by_recognizer: dict[Any, list[RecognizerResult]] = {}
        for result in raw_results:
            by_recognizer.setdefault(result.recognition_metadata[key], []).append(result)
        results: list[RecognizerResult] = []
        for recognizer in recognizers:
            own = list(by_recognizer.get(recognizer.id, ()))
            if type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context:
                others = [r for r in raw_results if r.recognition_metadata[key] != recognizer.id]
                own = recognizer.enhance_using_context(
                    text=text,
                    raw_recognizer_results=own,
                    other_raw_recognizer_results=others,
                    nlp_artifacts=nlp_artifacts,
                    context=context,
                )
            results.extend(own)
        return self.context_aware_enhancer.enhance_using_context(
            text=text, raw_results=results, nlp_artifacts=nlp_artifacts, recognizers=recognizers, context=context
        )


# Pages per spaCy batch (``nlp.pipe``): the network's working memory grows with the batch (~5 MB a
# dense page: 32 pages at once added ~170 MB to a worker's peak, 8 pages ~40 MB), while the speed
# is the same from 4 pages on (11.9k words/s at 4, 11.6k at 8 and 11.5k at 32, 10.5k one page at a
# time, on the bench's pages under load).
PIPE_BATCH = 8


# Type priority when overlapping findings are merged: identifiers with check digits first.
_TYPE_PRIORITY = PRIORITY  # masking/entities.py: the one table of entity types


def resolve_overlaps(findings: Iterable[Finding], min_score: float = 0.0) -> list[Finding]:
    """Merge overlapping findings into one span each (union), typed by the strongest member.

    Presidio's anonymizer drops a contained entity whatever its score; for masking, the safe
    answer is the union of the overlapping spans. Findings below ``min_score`` take no part, so
    a weak guess cannot widen a confident one. The representative is chosen by score, then type
    priority, then length.
    """
    items = sorted(
        (f for f in findings if f.score >= min_score and f.end > f.start),
        key=lambda f: (f.start, -f.end),
    )
    out: list[Finding] = []
    group: list[Finding] = []
    g_end = -1

    def flush() -> None:
        if not group:
            return
        # UNKNOWN_ID is the net for numbers nobody explains: a number another recognizer reports
        # (at or above min_score) is that recognizer's, with its score (a weak guess goes to
        # review, as that recognizer decided); the net only widens the span.
        typed = [f for f in group if f.entity_type != "UNKNOWN_ID"] or group
        best = max(
            typed,
            key=lambda f: (round(f.score, 3), _TYPE_PRIORITY.get(f.entity_type, 0), f.end - f.start),
        )
        types = tuple(sorted({f.entity_type for f in group}))
        out.append(
            Finding(
                start=min(f.start for f in group),
                end=max(f.end for f in group),
                entity_type=best.entity_type,
                score=best.score,
                recognizer=best.recognizer,
                validation=best.validation,
                explanation=best.explanation,
                merged_types=types if len(types) > 1 else (),
            )
        )

    for f in items:
        if group and f.start < g_end:
            group.append(f)
            g_end = max(g_end, f.end)
        else:
            flush()
            group = [f]
            g_end = f.end
    flush()
    return out


class TextAnalyzer:
    """Analyzes Swedish text for personal data; one instance per process, reused."""

    def __init__(self, config: AnalyzerConfig | None = None) -> None:
        self.config = config or AnalyzerConfig.load()
        cfg = self.config
        ner_conf = NerModelConfiguration(
            model_to_presidio_entity_mapping=dict(cfg.ner_labels) or {"PER": "PERSON"},
            default_score=cfg.ner_score,
            labels_to_ignore=[],
        )
        self.nlp_engine = LocalSpacyNlpEngine(cfg.model_path, cfg.language, ner_conf)
        self.nlp_engine.load()
        nlp = self.nlp_engine.nlp[cfg.language]
        self.has_ner = "ner" in nlp.pipe_names
        if self.has_ner:
            # the model's other labels (LOC, ORG, MISC) are not personal data here: drop them
            # quietly instead of letting Presidio warn once per entity
            self.nlp_engine.ner_model_configuration.labels_to_ignore = sorted(set(nlp.get_pipe("ner").labels) - set(cfg.ner_labels))
        registry = _Registry(supported_languages=[cfg.language])
        for spec in cfg.recognizers:
            cls = _import_recognizer(spec)
            registry.add_recognizer(cls(supported_language=cfg.language))
        self.registry = registry
        self.engine = _Engine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=[cfg.language],
            context_aware_enhancer=SwedishContextEnhancer(
                context_similarity_factor=cfg.similarity_factor,
                min_score_with_context_similarity=cfg.min_score_with_context,
                context_prefix_count=cfg.prefix_words,
                context_suffix_count=cfg.suffix_words,
            ),
        )
        self.entities = sorted({e for r in registry.recognizers for e in r.supported_entities})
        meta = nlp.meta or {}
        self.model_name = str(meta.get("name", cfg.model_path.name))
        self.model_version = str(meta.get("version", "unknown"))

    def analyze(self, text: str, min_score: float = 0.0, exclude: Collection[str] = ()) -> list[Finding]:
        """Resolved findings (overlaps merged) for ``text``, at or above ``min_score``.

        Types in ``exclude`` (those a policy ignores) are dropped *before* overlaps are merged,
        so an ignored type (an organisationsnummer-shaped tail of a bank account) can never
        absorb a finding that is to be masked.
        """
        return next(self.analyze_many([text], min_score=min_score, exclude=exclude))

    def analyze_many(
        self, texts: Iterable[str], min_score: float = 0.0, exclude: Collection[str] = ()
    ) -> Iterator[list[Finding]]:
        """:meth:`analyze` for each of ``texts`` (a document's pages), in order, with the same
        findings as one call per text: the texts go through the spaCy pipeline in batches
        (``nlp.pipe``, :data:`PIPE_BATCH` at a time), then every recognizer runs on each. A
        generator: a long document's pages are analysed as they are consumed."""
        for findings in self._findings_many(texts):
            if findings is None:
                yield []
                continue
            if exclude:
                findings = [f for f in findings if f.entity_type not in exclude]
            yield resolve_overlaps(findings, min_score=min_score)

    def analyze_raw(self, text: str) -> list[Finding]:
        """Unresolved findings (every recognizer's view), for debugging and evaluation."""
        return sorted(next(self._findings_many([text])) or [], key=lambda f: (f.start, f.end))

    def _findings_many(self, texts: Iterable[str]) -> Iterator[Optional[list[Finding]]]:
        """Every recognizer's findings on each text (None for a blank one), with offsets into
        that text itself.

        The recognizers run on the normalised text (:mod:`masking.normalize`: soft hyphens,
        Unicode hyphens and spaces, ligatures, full-width characters); each finding is mapped
        back, so its offsets index the caller's text (a page's glyph map), never the copy.
        """
        lang = self.config.language
        nlp = self.nlp_engine.nlp[lang]
        norms = (normalize_text(t) if t.strip() else None for t in texts)
        # blank texts pass through spaCy as empty strings (no tokens), keeping the order
        docs = nlp.pipe(((n.text if n is not None else "", n) for n in norms), as_tuples=True,
                        batch_size=PIPE_BATCH)
        for doc, norm in docs:
            if norm is None:
                yield None
                continue
            yield self._recognize(norm, self._artifacts(doc))

    def _artifacts(self, doc: Doc) -> _Artifacts:
        engine = self.nlp_engine
        entities, scores = engine._get_updated_entities(doc.ents, engine._get_scores_for_entities(doc))
        return _Artifacts(doc, entities, scores, engine, self.config.language)

    def _recognize(self, norm: NormalizedText, artifacts: NlpArtifacts) -> list[Finding]:
        results = self.engine.analyze(
            text=norm.text, language=self.config.language, entities=self.entities, score_threshold=0.0,
            nlp_artifacts=artifacts,
        )
        findings = [_result_to_finding(r) for r in results]
        if not norm.changed_offsets:
            return findings
        out = []
        for f in findings:
            start, end = norm.to_original(f.start, f.end)
            out.append(dataclasses.replace(f, start=start, end=end))
        return out


_shared: dict[str, TextAnalyzer] = {}
_lock = threading.Lock()


def get_analyzer(config_path: str | Path | None = None) -> TextAnalyzer:
    """A process-wide analyzer per configuration file (loading the model once)."""
    cfg = AnalyzerConfig.load(config_path)
    key = f"{cfg.path.resolve()}:{cfg.sha256}:{cfg.model_path}"
    with _lock:
        if key not in _shared:
            _shared[key] = TextAnalyzer(cfg)
        return _shared[key]
