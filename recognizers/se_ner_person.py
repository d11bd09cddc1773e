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
  shipped policies but above their review threshold, so the official sees it as a proposal;
  so is a span that is, word for word, a city or country of the world
  (``data/world_places.txt``, GeoNames, without any name of the gazetteers) and has no given
  name, surname or title before it, and a span inside a quoted title after a noun for a work
  (``tv-serien "Will & Grace"``, :mod:`recognizers.names.titles`).

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
from recognizers.names.flags import (
    ENG, FN, GEN, HOMO, INITIAL, LEX, MORPH, MULTI, ORG, OTHER, PARTICLE, PLACE, SN, STOP, STRONG, TITLE, UNK, UPPER,
)
from recognizers.names.fold import WORD_RE, fold, lookup_key
from recognizers.names.gazetteer import place_key, read_entries
from recognizers.names.layout import ROW_ID_RE
from recognizers.names.recognizer import GazetteerRecognizer, person_result
from recognizers.names.spans import split_word_end, with_ocr_glue
from recognizers.names.titles import quoted_title
from recognizers.names.tokenizer import SENTENCE_END_CHARS
from recognizers.names.triggers import GREETINGS, TITLES
from recognizers.names.wordlists import (
    IMPERATIVES, INSTITUTION_HEADS, INSTITUTION_NOUNS, ORGANISATION_APPOSITIVES, SALUTATIONS, VENUE_WORDS,
    authority_word, label_word, vehicle_make, vehicle_model_at,
)

SCORE_NER = 0.85  # the model's PER span with a name-like word in it (model.ner_score)
SCORE_NOT_A_NAME = 0.3  # ... where no word is name-like (words, places, agencies)

_NAME_LIKE = FN | SN | MORPH | UNK | INITIAL | GEN
_NOT_NAME = LEX | PLACE | STOP
# Spans that are surely no name are dropped, not proposed for review: in the analyzer's merge a
# proposal would widen an overlapping name found by the rules (GitHub → [Edit Profile]).
NOT_PROPOSED = frozenset({"code", "organisation", "heading", "common_word_here", "vehicle"})
SHORT_WORD = 7  # a capitalised common word mid-sentence up to this length may be a name
_LAST_WORD = re.compile(r"(\w+)[ \t\u00a0]*[,:]?[ \t\u00a0]*$")
# the word right before a span, or right after it, on the same line with only spaces between
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*)[ \u00a0]+$")
_WORD_AFTER_LINE = re.compile(r"\s*\n[ \t\u00a0]*([^\W\d_]+)")
_WORD_AFTER = re.compile(r"[ \u00a0]+([^\W\d_]+(?:-[^\W\d_]+)*)")
# a word listed right after a span, or right before it (", ", " och ", " eller ", " samt ")
_LIST_SEP = r"(?:[ \u00a0]*,[ \u00a0]*|[ \u00a0]+(?:och|eller|samt)[ \u00a0]+)"
_LISTED_AFTER = re.compile(_LIST_SEP + r"([^\W\d_]+(?:-[^\W\d_]+)*)")
_LISTED_BEFORE = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*)" + _LIST_SEP + "$")
# characters that never stand in a person's name: code, markup, paths (digits may: OCR)
_CODE = re.compile(r"[:_/\\\[\]{}<>=#@|]")
HEADING_WORDS = 6  # a heading line has at most this many words


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
        # uninflected Swedish words (adverbs, conjunctions): no genitive of a name
        path = self._data_dir / "swedish_words.txt"
        self._uninflected: FrozenSet[str] = frozenset(read_entries(path)) if path.is_file() else frozenset()
        # ... and the title and role words that are never part of a name (taken off its ends)
        self._title_words: FrozenSet[str] = frozenset(self.gaz.triggers.role_words) | frozenset(
            w.lower() for w in TITLES
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
                span = self.refine(text, ent.start_char, ent.end_char)
                if span is None:
                    continue  # only title or role words
                start, end = span
                score, signal = self.assess(text, start, end, float(model_score))
                if signal in NOT_PROPOSED:
                    continue  # surely no name: not even a proposal (it would widen a real name)
                # the rest of a word OCR broke (a piece cut off, a letter read as a digit or symbol)
                start, end = with_ocr_glue(start, split_word_end(self.gaz, text, end), text)
                results.append(person_result(self, start, end, score, "ner_person", f"ner+{signal}"))
        return results

    def refine(self, text: str, start: int, end: int) -> Optional[Tuple[int, int]]:
        """The model's span without title and role words at its ends (``Berg Enhetschef``:
        a title after a name ends the name), and with the given names written right before it
        on the same line (``Karin [Berg]``: the model sometimes takes only the surname).
        None when nothing but title or role words is left."""
        words = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text, start, end)]
        while words and self._title_word(words[-1][2]):
            words.pop()
        while words and self._title_word(words[0][2]):
            words.pop(0)
        if len(words) > 1 and words[0][2].lower() in IMPERATIVES and self._sentence_start(text, words[0][0]):
            words.pop(0)  # Ring Elsa Borg i morgon: the imperative verb opening the sentence
        while len(words) > 1 and words[0][2].lower() in SALUTATIONS:
            words.pop(0)  # Mvh Oskar: the sign-off, not part of the name
        for i in range(1, len(words)):
            gap = text[words[i - 1][1] : words[i][0]]
            if (
                gap.strip(" \u00a0") == ""
                and self._owned_word(words[i - 1][2], words[i][2])
                and all(w.islower() for _, _, w in words[i:])
            ):
                del words[i:]  # Jennings brev, Oualis gamla brev: what the person owns, not the name
                break
        if not words:
            return None
        start = words[0][0] if words[0][0] > start else start
        end = words[-1][1] if words[-1][1] < end else end
        first = self.classify(words[0][2])[1]
        if first & FN or not first & (SN | MORPH | UNK):
            return start, end
        for _ in range(2):  # at most two given names
            m = _WORD_BEFORE.search(text, max(0, start - 60), start)
            if m is None:
                break
            shape, f = self.classify(m.group(1))
            if shape != TITLE or f & (STOP | PLACE | PARTICLE | ENG | ORG) or self._title_word(m.group(1)):
                break
            at_start = self._sentence_start(text, m.start(1))
            if not (f & FN or (f & UNK and not at_start)):
                break
            start = m.start(1)
            if at_start:
                break
        return start, end

    def _owned_word(self, before: str, word: str) -> bool:
        """``word`` (a lower-case Swedish word, no English word, no particle) follows a
        capitalised word in the genitive, with or without an extra s (``Jennings brev``,
        ``Lindhs bok``, ``Lars' hus``): what the person owns. Not an institution after a place
        or a name (``Lunds kommun``, ``Astrid Lindgrens barnsjukhus``: the guards of the whole
        span judge those)."""
        flags = self.classify(word)[1]
        if not word.islower() or flags & (PARTICLE | ENG) or word not in self.gaz.lexicon or not before[:1].isupper():
            return False  # a Swedish word only (not 'Textkeys have')
        if word in INSTITUTION_NOUNS or word.endswith(INSTITUTION_HEADS) or self.classify(before)[1] & PLACE:
            return False
        return before.endswith(("s", "x", "z", "'", "’"))

    def _title_word(self, word: str) -> bool:
        """A title, role or relation word, or a form label (Förhörsperson, Bostadsort), that is
        not also a known name (Enhetschef, Handläggare)."""
        low = word.lower()
        if self.classify(word)[1] & (FN | SN):
            return False
        return low in self._title_words or label_word(low, self.gaz.lexicon.__contains__)

    def assess(self, text: str, start: int, end: int, model_score: float = SCORE_NER) -> Tuple[float, str]:
        """(score, signal) for a PER span ``text[start:end]`` from the classes of its words;
        ``model_score`` is what the NLP engine gives the entity (``model.ner_score`` in the
        analyzer configuration, as the model has no confidence of its own)."""
        words = [m.group() for m in WORD_RE.finditer(text, start, end)]
        if not words:
            return SCORE_NOT_A_NAME, "no_word"
        kinds = [self.classify(w) for w in words]
        flags = [f for _, f in kinds]
        known = any(f & (FN | SN) for f in flags)
        if any(authority_word(w) and not f & (FN | SN) for w, f in zip(words, flags)):
            # Kurator, Förvaltningsrätten; handläggare Försäkringskassan: an agency or a court
            # is no person, whatever role word stands before it
            return SCORE_NOT_A_NAME, "organisation"
        if self._vehicle(text, start, end):
            return SCORE_NOT_A_NAME, "vehicle"  # en Toyota Corolla, Volvo V70: a car
        if self._trigger_before(text, start) and not (
            not known and all(w.islower() and f & (LEX | ENG) for w, f in zip(words, flags))
        ):
            # Min dotter kurdistan, handläggaren Berg; not 'make sure' (make is a Swedish husband)
            return model_score, "context"
        if len(words) == 2 and words[0] == words[1] and not flags[0] & FN:
            return SCORE_NOT_A_NAME, "repeated_word"  # Talk Talk: a band's name (not Mohamed Mohamed)
        first = flags[0]
        if quoted_title(text, start, end):
            return SCORE_NOT_A_NAME, "quoted_title"  # tv-serien "Will & Grace": a work's title
        if _CODE.search(text, start, end) or any(shape == OTHER for shape, _ in kinds):
            return SCORE_NOT_A_NAME, "code"  # vue:FButton, TestPlugin, v2_name
        if len(words) > 1 and words[0].lower() in VENUE_WORDS and words[0][:1].isupper():
            return SCORE_NOT_A_NAME, "venue"  # Villa Solbacken, Hotell Gripen: a house's name
        if not known and self._world_place(words):
            # Ostrava, Kuala Lumpur, Newcastles: a city or country of the world, alone and
            # without a name word; a title or role before it (above) still makes it a name
            return SCORE_NOT_A_NAME, "world_place"
        if len(words) == 1 and first & PLACE and first & HOMO and not first & FN:
            # Mora, Lund, Berg alone: a place and a word before a surname; the person's other
            # occurrences (Anna Berg) and a title or label before it still make it a name
            return SCORE_NOT_A_NAME, "place_word"
        if first & PLACE and not first & (FN | SN) and len(words) > 1:
            if not any(f & (SN | MORPH) and not f & PLACE for f in flags[1:]):
                return SCORE_NOT_A_NAME, "place_led"  # Umeå Mark, Eskilstuna GF
        if self._organisation(text, start, end, flags):
            return SCORE_NOT_A_NAME, "organisation"  # Research Institutes, Region Uppsala
        if flags[0] & MULTI and self._multiword_stop(text, start):
            return SCORE_NOT_A_NAME, "multiword_stop"  # Förenta staterna, Röda Korset
        if not any(self._plain_name(w, f) for w, f in zip(words, flags)) and self._organisation_before(text, start):
            return SCORE_NOT_A_NAME, "organisation"  # klädföretaget Kvarnby, Mjölby-bolaget Tralvex
        if any(w.islower() and not f & (FN | SN | PARTICLE) for w, f in zip(words, flags)):
            return SCORE_NOT_A_NAME, "lower_case_word"  # Övertorneå kommun, Placera popup
        if not known and self._heading(text, start, end, flags):
            return SCORE_NOT_A_NAME, "heading"  # Status, Kolumntyp radrubrik i tabell
        eng = [bool(f & ENG and not f & STRONG) for f in flags]
        if len(words) > 1 and not known and (eng[0] or sum(eng) >= 2):
            return SCORE_NOT_A_NAME, "english_phrase"  # Public Code, Augmented Generation
        english = [w.lower().rstrip("'’") in self.gaz.english for w in words]
        if (
            len(words) > 1
            and english[0]
            and sum(english) >= 2
            and not flags[0] & FN
            and not any(self._plain_name(w, f) for w, f in zip(words, flags))
        ):
            # Page Up, Developing More Secure, Returns An: English words, the first no given
            # name, none a name only (Page, More, An are English words too; not Will Smith,
            # Charlene Lamb)
            return SCORE_NOT_A_NAME, "english_phrase"
        common = [bool(f & (LEX | ENG) and not f & (FN | SN)) for f in flags]
        if len(words) > 1 and not known and sum(common) >= 2:
            return SCORE_NOT_A_NAME, "common_words"  # Kvarnby Aktiverad Skapar
        if len(words) == 1 and not known and self._written_in_lower_case(text, words[0]):
            return SCORE_NOT_A_NAME, "common_word_here"  # Popup … en popup: a word in this text
        if any(self._name_like(shape, f) for shape, f in kinds):
            return model_score, "name_word"
        if len(words) == 1 and flags[0] & UNK and kinds[0][0] != UPPER and self._after_swedish_word(text, start):
            return model_score, "english_word_in_swedish"  # om Thatcher: a name inside a sentence
        if not all(
            (f & (_NOT_NAME | ENG) and (f & ENG or self._surely_a_word(w, f))) or shape == UPPER
            for w, (shape, f) in zip(words, kinds)
        ):
            return model_score, "model"
        if self._table_cell(text, start, end) and ROW_ID_RE.search(self._line(text, start, end)):
            return model_score, "table_cell"  # SAKAR HAMA<TAB>600721-…: a cell value, not a heading
        word = words[0]
        if (
            len(words) == 1
            and flags[0] & LEX
            and not flags[0] & (PLACE | STOP | ENG)
            and len(word) <= SHORT_WORD
            and word.lower() not in self._uninflected  # Således, Nåväl: never a name's genitive
            and (self._after_swedish_word(text, start) or (word.endswith("s") and self._sentence_start(text, start)))
        ):
            # A common word capitalised inside a Swedish sentence is a proper noun: Swedish does
            # not capitalise nouns. Short ones are names as often as not (Olas, Pilars, Maks),
            # and so is a short genitive at the start of a sentence (Nasirs skola, Edens
            # telefon); long ones are compounds with a proper-noun head (Sverigebesök,
            # Palmemordet). Not after a heading, a code word or an English word (warning Tänk).
            return model_score, "capitalised_word"
        return SCORE_NOT_A_NAME, "no_name_word"

    @staticmethod
    def _vehicle(text: str, start: int, end: int) -> bool:
        """The span opens with a car make followed by a model (Honda Civic, Volvo V70), is a
        make listed with another make (Ford och Volvo), or is a model word right after a make
        (Toyota [Corolla])."""
        m = WORD_RE.match(text, start)
        if m is not None and vehicle_make(m.group()) and vehicle_model_at(text, m.end()):
            return True
        if m is not None and m.end() == end and vehicle_make(m.group()):
            # Ford och Volvo, Saab, Volvo: car makes listed together are the makes, no persons
            after = _LISTED_AFTER.match(text, end)
            before = _LISTED_BEFORE.search(text, max(0, start - 60), start)
            if (after and vehicle_make(after.group(1))) or (before and vehicle_make(before.group(1))):
                return True
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        return before is not None and vehicle_make(before.group(1)) and vehicle_model_at(text, before.end(1))

    def _world_place(self, words: List[str]) -> bool:
        """The span is a city or country of ``world_places.txt`` (or its genitive), word for
        word. Names in the gazetteers were left out of that list when it was built."""
        places = self.gaz.world_places
        key = place_key(" ".join(words))
        if key in places:
            return True
        return len(words) == 1 and len(key) > 4 and key.endswith("s") and key[:-1] in places

    def _plain_name(self, word: str, flags: int) -> bool:
        """A known name that is no Swedish word and no English function word, and, for a surname,
        no English word (Anna, Edit, Eriksson; not Page, More, An, Hook)."""
        low = word.lower().rstrip("'’")
        if not flags & (FN | SN) or flags & HOMO or low in self.gaz.english_stop_words:
            return False
        return bool(flags & FN) or low not in self.gaz.english

    @staticmethod
    def _written_in_lower_case(text: str, word: str) -> bool:
        """The word (or, for a genitive, its stem) is written in lower case elsewhere in the
        text: there it is a common word, and a person's name is never written so in prose."""
        low = word.lower().rstrip("'’")
        forms = [low] + ([low[:-1]] if low.endswith("s") and len(low) > 3 else [])
        for form in forms:
            if len(form) < 3 or not form.isalpha():
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                if m.group() == form:
                    return True
        return False

    @staticmethod
    def _name_like(shape: int, f: int) -> bool:
        """A word that makes the span a name: a known name, surname morphology, an unknown
        capitalised word (not in capitals: acronyms such as GF, USA; not an English word: Usage,
        Returns, unless it has a distinctive surname ending)."""
        if f & (FN | SN):
            return True
        if not f & _NAME_LIKE or (f & UNK and shape == UPPER):
            return False
        return not (f & ENG and not f & STRONG)

    def _organisation(self, text: str, start: int, end: int, flags: List[int]) -> bool:
        """An organisation word in the span, or right after it, or capitalised right before it on
        the same line (``Research Institutes``, ``Lunds kommun``, ``Region Uppsala``)."""
        if any(f & ORG for f in flags):
            return True
        m = _WORD_AFTER.match(text, end)
        if m and self.classify(m.group(1))[1] & ORG:
            return True
        m = _WORD_BEFORE.search(text, max(0, start - 60), start)
        return bool(m) and m.group(1)[:1].isupper() and bool(self.classify(m.group(1))[1] & ORG)

    def _multiword_stop(self, text: str, start: int) -> bool:
        """The span opens a known multi-word non-name (``Förenta staterna``, ``Röda Korset``)."""
        words = tuple(fold(w) for w in WORD_RE.findall(text, start, min(len(text), start + 80)))
        return any(words[: len(seq)] == seq for seq in self.gaz.multiword_stops.get(words[0] if words else "", ()))

    def _organisation_before(self, text: str, start: int) -> bool:
        """A lower-case noun naming an organisation in definite form right before the span, on the
        same line (``utbildningsföretaget``, ``Mjölby-bolaget``, ``tidningen``): the span is its
        name, not a person's."""
        m = _WORD_BEFORE.search(text, max(0, start - 60), start)
        head = m.group(1).rsplit("-", 1)[-1] if m else ""
        return head.islower() and head.endswith(ORGANISATION_APPOSITIVES)

    def _heading(self, text: str, start: int, end: int, flags: List[int]) -> bool:
        """The span starts a heading line: a short line (at most :data:`HEADING_WORDS` words)
        without sentence punctuation at its end and not a table row (no tab), and the span is
        one word, or opens with a common Swedish or English word, or holds one among three or
        more words (``Status``, ``Kolumntyp radrubrik i tabell``, ``Public Code``, ``Typ
        Release Changelog``).
        A line with an unknown word among others, or above a title or role word, is left to the
        model (a name alone on a line: ``Charlene Lamb``, ``Samir\nHandläggare``)."""
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip(" \t\u00a0#*•-–>|!["):
            return False
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        if not line or "\t" in line or line[-1] in ".!?;," or len(WORD_RE.findall(line)) > HEADING_WORDS:
            return False
        nxt = _WORD_AFTER_LINE.match(text, line_end) if line_end >= 0 else None
        if nxt and nxt.group(1).lower() in self._title_words:
            return False  # Samir\nHandläggare: a name above its title
        common = [bool((f & (LEX | STOP | PLACE) and not f & (UNK | MORPH)) or f & ENG) for f in flags]
        # one word; or all common words; or three or more with one; or two opening with one
        return len(flags) == 1 or all(common) or (len(flags) >= 3 and any(common)) or common[0]

    def _after_swedish_word(self, text: str, start: int) -> bool:
        """The word right before ``start`` on the same line is a lower-case Swedish word."""
        m = _WORD_BEFORE.search(text, max(0, start - 60), start)
        if not m or not m.group(1).islower():
            return False
        low = m.group(1)
        return low in self.gaz.lexicon and not (low in self.gaz.english and low not in self.gaz.stop_words)

    @staticmethod
    def _line(text: str, start: int, end: int) -> str:
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        return text[lo : hi if hi >= 0 else len(text)]

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

