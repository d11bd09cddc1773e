"""Swedish person names from raw text: gazetteers, name morphology and context rules.

This recognizer works on the text alone, so it can run beside a trained NER model and be
combined with it; from ``nlp_artifacts``, when given, it reads only the model's place and
organisation entities, which lower a single word found by a weak signal alone to a proposal
(:func:`model_disagrees`). It aims at precision on official
Swedish documents and at comparable recall for names of every origin common in Sweden.

How a span is found
-------------------
1. The text is split into word tokens (letters, with inner ``-`` and ``'``; a trailing ``'``
   after s/x/z is the genitive ``Lars'``). Each distinct word is classified once and cached:
   known first name, known surname, surname morphology (``-sson``, ``-ström``, ``-ović``,
   ``-zadeh``, ``-nen`` ...), common Swedish word (a lexicon), place, never-a-name (agencies,
   headings, legal terms, weekdays, context words), street name, particle (``von``, ``af``,
   ``al`` ...), initial (``A.``, ``P-O``), genitive (``Anderssons``, ``Karimis``).
2. Consecutive capitalised name-like tokens on one line (Title Case or ALL CAPS, with particles
   and initials inside) form a *run*; common words, places and stop words end a run.
3. A run is scored from its signals (the ``SCORE_*`` constants): a known first name beside a
   known or surname-like token is sure; a known name beside an unknown capitalised word is
   likely; a single known name alone is unsure; a name that is also a common word (Björn, Bo,
   Per, Hans, Berg, Lund ...) never fires alone at sentence start, in lower case or next to a
   preposition of place (``i Lund``), nor inside street and institution names
   (``Gustav Adolfs torg``, ``Lunds kommun``) or company names (``Svensson AB``).
4. Context raises the score and lets even an unknown capitalised word be a name: salutations
   (``Hej``), labels (``Namn:``), relation and role words (``maken``, ``handläggaren``,
   ``god man``), titles (``herr``, ``dr``), ``c/o``, sign-offs (``Med vänliga hälsningar`` with
   the name on a following line), and a role word right after the name (``Anna Berg,
   handläggare``).
5. A word of a sure name elsewhere in the same text is that person when it appears alone
   (``Anders Svensson ... Svensson uppger ... Anders har``).
6. ``Surname, Firstname`` list forms become one span; lower-case ``anna andersson`` (e-mail
   style) fires at a lower score when the words are known names.

The parts live in :mod:`recognizers.names`: ``fold`` and ``lexicon`` (word keys, Swedish words),
``gazetteer`` (the word lists in ``recognizers/data``), ``triggers`` and ``context`` (context
phrases and where they stand), ``classifier`` and ``tokenizer`` (step 1), ``runs`` (step 2 and the
list form of step 6), ``scoring`` (steps 3-4), ``document`` (step 5), ``layout`` (table cells,
label values, ages), ``lowercase`` (step 6) and ``spans`` (given names and initials before a
surname, one span per name). This module only puts them in order.

Nothing here logs or reports the text: explanations name the signals only.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.names.context import context_positions
from recognizers.names.document import document_names, lone_word, same_document
from recognizers.names.fold import fold, fold_sv
from recognizers.names.gazetteer import DATA_DIR, read_entries
from recognizers.names.layout import aged_names, cell_names, label_values
from recognizers.names.lowercase import lowercase_names
from recognizers.names.mail import display_names
from recognizers.names.recognizer import GazetteerRecognizer, person_result
from recognizers.names.runs import find_runs, merge_list_form
from recognizers.names.scores import SCORE_SAME_DOCUMENT, SCORE_SINGLE, SURE
from recognizers.names.scoring import score_run
from recognizers.names.spans import drop_contained, with_given_names, with_initials, with_ocr_glue, with_split_word
from recognizers.names.tokenizer import Run, Span, tokenize

__all__ = ["DATA_DIR", "SePersonNameRecognizer", "fold", "fold_sv", "read_entries"]

# the single-word signals too weak to stand against the model's word that it is a place or an
# organisation (Chelsea, Ikeas, Palermos): a given name inside a sentence, a genitive owner
WEAK_SIGNALS = frozenset({"mid_sentence", "genitive_owner"})
OTHER_LABELS = frozenset({"LOC", "ORG"})


def model_disagrees(spans: List[Span], doc: object) -> List[Span]:
    """``spans`` with a single word found only by a weak signal (:data:`WEAK_SIGNALS`) lowered to
    :data:`SCORE_SINGLE` (a proposal for review) where the trained model tags that word a place
    or an organisation (``om Chelsea kan``, ``Ikeas ledning``). Everything else as found: the
    model's word never removes a name with stronger evidence, and without a model (``doc`` not
    a spaCy document) nothing changes."""
    ents = getattr(doc, "ents", None)
    if not ents:
        return spans
    other = [(e.start_char, e.end_char) for e in ents if e.label_ in OTHER_LABELS]
    if not other:
        return spans
    out: List[Span] = []
    for start, end, score, signals in spans:
        if score < SURE and WEAK_SIGNALS.intersection(signals) and any(a < end and start < b for a, b in other):
            score = min(score, SCORE_SINGLE)
            signals = signals + ["model_other"]
        out.append((start, end, score, signals))
    return out


class SePersonNameRecognizer(GazetteerRecognizer):
    """Person names in Swedish text from gazetteers, morphology and context (see module doc)."""

    NAME = "SePersonNameRecognizer"

    def analyze(
        self,
        text: str,
        entities: List[str],
        nlp_artifacts: Optional[NlpArtifacts] = None,
    ) -> List[RecognizerResult]:
        """Find person names in ``text``; of ``nlp_artifacts`` only the model's place and
        organisation entities are read (:func:`model_disagrees`)."""
        if entities and self.ENTITY not in entities:
            return []
        spans = self.find_spans(text)
        if nlp_artifacts is not None:
            spans = model_disagrees(spans, getattr(nlp_artifacts, "tokens", None))
        return [
            person_result(self, start, end, score, "person_name", "+".join(signals))
            for start, end, score, signals in spans
        ]

    def find_spans(self, text: str) -> List[Span]:
        """(start, end, score, signals) for every name found, sorted by start."""
        gaz = self.gaz
        toks = tokenize(self.classify, text)
        if not toks:
            return []
        context_at = context_positions(gaz.triggers, toks)
        spans: List[Span] = []
        lone: List[Tuple[Run, Optional[Span]]] = []  # single-word runs, for the second pass
        for item in merge_list_form(gaz.triggers, find_runs(toks, context_at), toks):
            scored = item if isinstance(item, tuple) else score_run(gaz, item, toks, text)
            if isinstance(item, Run) and lone_word(item) is not None:
                lone.append((item, scored))
            elif scored:
                spans.append(scored)
        spans.extend(cell_names(toks, text))
        spans.extend(label_values(toks, context_at, text))
        spans.extend(aged_names(toks, text))
        known = document_names(self.classify, spans + [sc for _, sc in lone if sc], text)
        for run, scored in lone:
            if known and (scored is None or scored[2] < SCORE_SAME_DOCUMENT):
                same = same_document(run, toks, text, known)
                if same and scored and scored[1] > same[1]:  # keep a wider span (Anna Svan)
                    same = (scored[0], scored[1], max(scored[2], same[2]), scored[3] + same[3])
                scored = same or scored
            if scored:
                spans.append(scored)
        spans.extend(lowercase_names(gaz.stop_words, toks, context_at))
        if "@" in text:
            spans.extend(display_names(self.classify, text))
        spans = [with_split_word(gaz, with_given_names(gaz.stop_words, sp, toks), toks) for sp in spans]
        spans = [(*with_ocr_glue(sp[0], sp[1], text), sp[2], sp[3]) for sp in spans]
        return [with_initials(sp, text) for sp in drop_contained(spans)]
