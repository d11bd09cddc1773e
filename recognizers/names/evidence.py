"""Is a lone capitalised word a name in this document? Asked per value when the occurrences of
the document's person names are linked (stage *decide*), with every page in view.

A recognizer sees one page; some errors only show across the whole document. A lone word that
is no known first name or surname (``Changelog``, ``Tänk``, a product or agency name) is not a
person's name in a document when

* it is no word of the Swedish or English lexicon and is written in lower case somewhere in the
  document (``changelog``, ``vue-router``): a person's name is never written so in prose (a
  known name may be: ``björk``, ``anna``, so known names are not judged here, nor common words:
  ``Vinter`` of Elsa Vinter beside ``i vinter``); or
* it recurs (:data:`RECURS` or more capitalised occurrences, genitives included) and no
  occurrence stands beside name evidence: a title, role, relation, greeting or label word right
  before it (``handläggaren``, ``Namn:``), or a known first name or surname that is not also a
  common word right before or after it (``Anna``, ``Eriksson``), or a capitalised word that is
  no word at all (``Wrya`` of Wrya Raouf), or an initial (``A.``). A
  person in a document is introduced once at least; an agency, a product or a heading word is
  named over and over without any of that.

Nothing here logs or returns the text; the answer is a yes or no per word.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

import regex as re

from recognizers.names.classifier import Classifier
from recognizers.names.common import is_common_word
from recognizers.names.flags import ENG, FN, HOMO, LEX, MORPH, ORG, PLACE, SN, STOP, TITLE, UNK
from recognizers.names.fold import WORD_RE, lookup_key
from recognizers.names.gazetteer import Gazetteer, load_gazetteer

RECURS = 3  # capitalised occurrences without evidence that make a lone word no name
_WORD = re.compile(r"[^\W\d_]+")
_BEFORE = re.compile(r"(?:([^\W\d_]+)|\b([A-ZÅÄÖ])\.)[ \t\u00a0]*:?[ \t\u00a0]*$")
PHRASE_WORDS = 3  # the longest trigger phrase looked for before a word
_DOTTED = re.compile(r"[^\W_]\.[^\W\d_]")  # anna.berg, www.example
_AFTER = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")


class DocumentEvidence:
    """The page texts of one document, asked word by word (module doc)."""

    def __init__(
        self,
        texts: Sequence[str],
        gaz: Gazetteer | None = None,
        named: Sequence[Sequence[Tuple[int, int]]] = (),
    ) -> None:
        """``texts``: the pages; ``named``: per page, the spans already found as person names
        (a lower-case occurrence there is a name written in lower case, not a common word)."""
        self.texts = list(texts)
        self._lower = [t.lower() for t in self.texts]  # to skip pages without the word quickly
        self._named = [list(spans) for spans in named] + [[] for _ in range(len(self.texts) - len(named))]
        self.gaz = gaz or load_gazetteer()
        self.classify = Classifier(self.gaz)
        self._answers: Dict[str, bool] = {}
        # whole trigger phrases (handläggaren, god man, signerat av), not their single words
        self._phrases = frozenset(
            (head,) + rest for head, entries in self.gaz.triggers.by_head.items() for rest, _ in entries
        )

    def known_name(self, word: str) -> bool:
        """A known first name or surname (or its genitive)."""
        for form in _forms(word.lower()):
            key = lookup_key(form)
            if key in self.gaz.first or key in self.gaz.surnames:
                return True
        return False

    def not_a_name(self, word: str) -> bool:
        """``word`` (one word as written, genitive or not) is, in this document, no person's name
        (module doc). False for known names, for anything but one capitalised word, and for a
        word that is rare and never written in lower case."""
        word = word.strip().rstrip("'’")
        if word in self._answers:
            return self._answers[word]
        answer = self._judge(word)
        self._answers[word] = answer
        return answer

    def phrase_not_a_name(self, phrase: str) -> bool:
        """A value of several words, none a name only and one a common Swedish or English word
        (``Kvarnby Central``), that recurs (:data:`RECURS` or more times as written) and never
        stands beside name evidence is, in this document, no person's name. A value of unknown
        words only (``Wrya Raouf``) is never judged so."""
        words = WORD_RE.findall(phrase)
        if len(words) < 2 or any(self.plain_name(w) for w in words) or not all(w[:1].isupper() for w in words):
            return False
        if not any(is_common_word(w) or (w.lower() in self.gaz.english and not self.known_name(w)) for w in words):
            return False
        key = "phrase:" + " ".join(words)
        if key not in self._answers:
            pattern = re.compile(r"(?<![^\W\d_])" + r"\s+".join(map(re.escape, words)) + r"s?(?![^\W\d_])")
            count = 0
            evidence = False
            for _, text in self._holding(words[0]):
                for m in pattern.finditer(text):
                    count += 1
                    evidence = evidence or self._evidence(text, m.start(), m.end())
            self._answers[key] = count >= RECURS and not evidence
        return self._answers[key]

    def _judge(self, word: str) -> bool:
        if not word.isalpha() or not word[0].isupper() or len(word) < 3 or self.known_name(word):
            return False
        forms = _forms(word.lower())
        base = forms[-1]
        # every form of the word: base and genitive, any case; letters may not continue it
        pattern = re.compile(rf"(?<![^\W\d_]){re.escape(base)}s?(?![^\W\d_])", re.IGNORECASE)
        common = any(is_common_word(f) for f in forms)  # lower case says nothing of a word
        capitalised = 0
        evidence = False
        for page, text in self._holding(base):
            for m in pattern.finditer(text):
                found = m.group()
                if found.islower() and not common and self._a_word_here(page, m.start(), m.end()):
                    return True  # written as a common word here
                if not found[0].isupper():
                    continue
                capitalised += 1
                if not evidence and self._evidence(text, m.start(), m.end()):
                    evidence = True
        return capitalised >= RECURS and not evidence

    def _evidence(self, text: str, start: int, end: int) -> bool:
        """Name evidence right beside one occurrence (module doc)."""
        m = _BEFORE.search(text, max(0, start - 40), start)
        if m:
            if m.group(2):
                return True  # an initial: A. Xhakaj
            if self._name_word(m.group(1)) or self._trigger_before(text, start):
                return True
        m = _AFTER.match(text, end)
        return bool(m) and self._name_word(m.group(1))

    def _name_word(self, word: str) -> bool:
        """A word that makes its neighbour part of a name: a known name that is no common word
        (:meth:`plain_name`), or a capitalised word with a surname's ending that is no word of
        either language, no place and no organisation word (``Hirvonen``, ``Petrović``). An
        unknown word is not enough: headings and product names are full of them."""
        if self.plain_name(word):
            return True
        shape, flags = self.classify(word)
        return shape == TITLE and bool(flags & MORPH) and not flags & (LEX | ENG | PLACE | STOP | ORG)

    def given_name(self, word: str) -> bool:
        """A capitalised known given name, also one the Swedish lexicon holds as a word (Eva, Axel,
        Linnea, Ebba), but no English word or function word (not Will, Page, Mark): beside it, a
        surname that is a common word (Vinter, Berg, Holm) is that person's name."""
        if not word[:1].isupper() or len(word) < 2:
            return False
        shape, flags = self.classify(word)
        low = word.lower().rstrip("'’")
        return (shape == TITLE and bool(flags & FN) and low not in self.gaz.english_stop_words
                and low not in self.gaz.english)

    def name_like(self, word: str) -> bool:
        """A known name that is no common word, or a capitalised word that is no word of either
        language, no place and no organisation word (``Wrya``; not ``Router``, ``Central``)."""
        if self.plain_name(word):
            return True
        shape, flags = self.classify(word)
        return shape == TITLE and bool(flags & (UNK | MORPH)) and not flags & (LEX | ENG | PLACE | STOP | ORG)

    def written_in_lower_case(self, word: str) -> bool:
        """``word`` is no known name and no common word, and is written in lower case somewhere in
        the document (``changelog``)."""
        word = word.strip().rstrip("'’")
        if not word.isalpha() or self.known_name(word):
            return False
        forms = _forms(word.lower())
        if any(is_common_word(f) for f in forms):
            return False
        pattern = re.compile(rf"(?<![^\W\d_]){re.escape(forms[-1])}s?(?![^\W\d_])")
        return any(
            self._a_word_here(page, m.start(), m.end())
            for page, text in self._holding(forms[-1])
            for m in pattern.finditer(text)
        )

    def _a_word_here(self, page: int, start: int, end: int) -> bool:
        """A lower-case occurrence that reads as a word: not in an address, not found as a name."""
        if in_address(self.texts[page], start, end):
            return False
        return not any(s < end and start < e for s, e in self._named[page])

    def _holding(self, word: str) -> List[Tuple[int, str]]:
        """(page index, text) of the pages that hold ``word`` in any case."""
        low = word.lower()
        return [(i, t) for i, (t, lowered) in enumerate(zip(self.texts, self._lower)) if t and low in lowered]

    def _trigger_before(self, text: str, start: int) -> bool:
        """A trigger phrase ends right before ``start`` on the same line (``Namn:``, ``god man``)."""
        lo = max(0, start - 120)
        line = text[text.rfind("\n", lo, start) + 1 or lo : start]
        if line.rstrip(" \t\u00a0:")[-1:] in (",", ".", ";", ")"):
            return False
        words = tuple(w.lower() for w in WORD_RE.findall(line)[-PHRASE_WORDS:])
        return any(words[i:] in self._phrases for i in range(len(words)))

    def plain_name(self, word: str) -> bool:
        """A capitalised known name that is no Swedish word and no English function word, and,
        for a surname, no English word (Anna, Edit, Eriksson; not Berg, An, Will, Hook: those
        stand beside anything)."""
        if not word[:1].isupper() or len(word) < 2:
            return False
        shape, flags = self.classify(word)
        low = word.lower().rstrip("'’")
        if shape != TITLE or not flags & (FN | SN) or flags & HOMO or low in self.gaz.english_stop_words:
            return False
        return bool(flags & FN) or low not in self.gaz.english


def in_address(text: str, start: int, end: int) -> bool:
    """The occurrence stands in an e-mail or web address or a file name, where names are written
    in lower case (``anna.berg@…``, ``…/berg/``)."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    token = text[lo:hi]
    return "@" in token or "/" in token or bool(_DOTTED.search(token))


def _forms(low: str) -> Tuple[str, ...]:
    """The word and, for a genitive, its base (``diggs`` → diggs, digg); the base last."""
    return (low, low[:-1]) if low.endswith("s") and len(low) > 3 else (low,)
