"""Person names from the trained NER model, weighed against the lexicon and the gazetteers.

The trained pipeline (``models/sv_masking``) tags ``PER`` spans but gives no confidence per
entity, and on news text about one in six of its PER spans is not a person: a party
(``Vänsterpartiet``), a country (``Palestina``), a sentence-initial noun (``Snus``), a club
(``Eskilstuna GF``). This recognizer is the NER layer of the layered name recognition: it reads
the model's PER entities from the NLP artifacts Presidio already computed and scores each one
from what the words of the span are (the same word classifier as
:mod:`recognizers.se_person_name`, from :mod:`recognizers.names`):

* the span holds a known first name or surname (``Anna``, ``Eriksson``, ``Karimis``), a word
  with surname morphology (``Hirvonen``, ``Petrović``), or a capitalised word that is neither a
  Swedish word nor a place (``Vrieling``): the model's score (``model.ner_score`` in the analyzer
  configuration, :data:`SCORE_NER` by default);
* every word of the span is a common Swedish word, a place, an agency or another never-a-name
  word, or the span starts with a place (``Umeå Mark``) or holds a lower-case institution word
  (``Övertorneå kommun``): :data:`SCORE_NOT_A_NAME`, below the masking threshold of the
  shipped policies but above their review threshold, so the official sees it as a proposal.

Context words around the span (``handläggare``, ``maken`` …) still raise the score through the
context enhancer, and the rule-based recognizer finds names the model missed; overlapping
findings are merged by the analyzer, so a demoted NER span that the rules call a name is still
masked. Nothing here logs or reports the text.
"""

from __future__ import annotations

from typing import FrozenSet, List, Optional, Tuple

import regex as re
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.names.classifier import compound_head
from recognizers.names.flags import FN, GEN, INITIAL, LEX, MORPH, PLACE, SN, STOP, UNK, UPPER
from recognizers.names.fold import WORD_RE, lookup_key
from recognizers.names.recognizer import GazetteerRecognizer, person_result
from recognizers.names.tokenizer import SENTENCE_END_CHARS
from recognizers.names.triggers import GREETINGS, TITLES

SCORE_NER = 0.85  # the model's PER span with a name-like word in it (model.ner_score)
SCORE_NOT_A_NAME = 0.3  # ... where no word is name-like (words, places, agencies)

_NAME_LIKE = FN | SN | MORPH | UNK | INITIAL | GEN
_NOT_NAME = LEX | PLACE | STOP
SHORT_WORD = 7  # a capitalised common word mid-sentence up to this length may be a name
_LAST_WORD = re.compile(r"(\w+)[ \t\u00a0]*[,:]?[ \t\u00a0]*$")


class SeNerPersonRecognizer(GazetteerRecognizer):
    """The model's PER entities, scored by the lexicon and gazetteer signals (module doc)."""

    NAME = "SeNerPersonRecognizer"
    MODEL_LABELS = ("PERSON",)  # after Presidio's label mapping (PER, PRS → PERSON)

    def load(self) -> None:
        super().load()
        # role, relation, title and greeting words that make the span after them a person
        self._triggers: FrozenSet[str] = frozenset(self.gaz.triggers.role_words) | frozenset(
            w.lower() for w in TITLES + GREETINGS
        )

    def analyze(
        self,
        text: str,
        entities: List[str],
        nlp_artifacts: Optional[NlpArtifacts] = None,
    ) -> List[RecognizerResult]:
        if (entities and self.ENTITY not in entities) or nlp_artifacts is None:
            return []
        scores = nlp_artifacts.scores or [SCORE_NER] * len(nlp_artifacts.entities)
        results = []
        for ent, model_score in zip(nlp_artifacts.entities, scores):
            if ent.label_ in self.MODEL_LABELS:
                score, signal = self.assess(text, ent.start_char, ent.end_char, float(model_score))
                results.append(person_result(self, ent.start_char, ent.end_char, score, "ner_person", f"ner+{signal}"))
        return results

    def assess(self, text: str, start: int, end: int, model_score: float = SCORE_NER) -> Tuple[float, str]:
        """(score, signal) for a PER span ``text[start:end]`` from the classes of its words;
        ``model_score`` is what the NLP engine gives the entity (``model.ner_score`` in the
        analyzer configuration, as the model has no confidence of its own)."""
        words = [m.group() for m in WORD_RE.finditer(text, start, end)]
        if not words:
            return SCORE_NOT_A_NAME, "no_word"
        kinds = [self.classify(w) for w in words]
        flags = [f for _, f in kinds]
        if self._trigger_before(text, start):
            return model_score, "context"  # Min dotter kurdistan, handläggaren Berg
        first = flags[0]
        if first & PLACE and not first & (FN | SN) and len(words) > 1:
            if not any(f & (SN | MORPH) and not f & PLACE for f in flags[1:]):
                return SCORE_NOT_A_NAME, "place_led"  # Umeå Mark, Eskilstuna GF
        if any(w.islower() and f & STOP for w, f in zip(words, flags)):
            return SCORE_NOT_A_NAME, "institution_word"  # Övertorneå kommun
        if any(f & _NAME_LIKE and not (f & UNK and shape == UPPER) for shape, f in kinds):
            return model_score, "name_word"  # (UNK in capitals: acronyms such as GF, USA)
        if not all((f & _NOT_NAME and self._surely_a_word(w, f)) or shape == UPPER for w, (shape, f) in zip(words, kinds)):
            return model_score, "model"
        if self._table_cell(text, start, end):
            return model_score, "table_cell"  # SAKAR HAMA<TAB>600721-…: a cell value, not a heading
        word = words[0]
        if len(words) == 1 and flags[0] & LEX and not flags[0] & (PLACE | STOP) and len(word) <= SHORT_WORD:
            # A common word capitalised inside a sentence is a proper noun: Swedish does not
            # capitalise nouns. Short ones are names as often as not (Olas, Pilars, Maks), and so
            # is a short genitive at the start of a sentence (Nasirs skola, Edens telefon); long
            # ones are compounds with a proper-noun head (Sverigebesök, Palmemordet).
            if not self._sentence_start(text, start) or word.endswith("s"):
                return model_score, "capitalised_word"
        return SCORE_NOT_A_NAME, "no_name_word"

    def _surely_a_word(self, word: str, flags: int) -> bool:
        """A place, a never-a-name word, a word of the lexicon (or its genitive), or a compound
        whose guessed head is long or whose first part is itself a word or a place
        (``Sverigebesök``, ``Hollywoodkarriär``) — but not a foreign name that merely ends in a
        short Swedish word (``Tesfa|lidet``)."""
        if flags & (PLACE | STOP):
            return True
        gaz = self.gaz
        low = word.lower().rstrip("'’")
        if low in gaz.lexicon or (low.endswith("s") and low[:-1] in gaz.lexicon):
            return True
        i = compound_head(low, gaz.lexicon)
        if i is None:
            return False
        head, prefix = low[i:], low[:i]
        return len(head) >= 6 or prefix in gaz.lexicon or lookup_key(prefix) in gaz.places

    @staticmethod
    def _table_cell(text: str, start: int, end: int) -> bool:
        return text[start - 1 : start] == "\t" or text[end : end + 1] == "\t"

    @staticmethod
    def _sentence_start(text: str, start: int) -> bool:
        """First word of the text, of a line, or after . ! ? : ; a dash, a bullet or a quote."""
        before = text[max(0, start - 40) : start].rstrip(" \t\u00a0")
        return not before or before[-1] == "\n" or before[-1] in SENTENCE_END_CHARS

    def _trigger_before(self, text: str, start: int) -> bool:
        """A role, relation, title or greeting word right before the span (``maken``, ``dr``)."""
        m = _LAST_WORD.search(text, max(0, start - 40), start)
        return bool(m) and m.group(1).lower() in self._triggers

