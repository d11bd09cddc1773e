"""Consistency within a scope (one document, or a whole corpus): every occurrence of a value
gets the same replacement.

A :class:`Scope` learns every value of its documents first (:meth:`Scope.register`), then the
operators ask it for replacements (:meth:`Scope.mention`). Values are linked by a key per kind
(an identity number by its last ten digits, a phone number in national form, anything else by
:func:`masking.textmatch.normalise_value`); a name by its words: ``Anna Svensson``, ``Anna``,
``Annas``, ``ANNA`` and ``Svensson, Anna`` are one person, and each name word has one
surrogate, so parts and inflected forms stay consistent too. In scope ``corpus`` a part
written alone in a document without the full name links to the one person of the corpus whose
name holds it (:meth:`Scope.link_parts_across_documents`). Knowing all input values first also
means a surrogate is never one of them.

The scope holds values in memory only for the run; it is never written anywhere.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Optional

from ..entities import (
    PERSON,
    PHONE_NUMBER,
    SE_PERSONNUMMER,
    SE_SAMORDNINGSNUMMER,
)
from ..synth.names import fold
from ..textmatch import normalise_value
from . import names as _names
from .forms import Surface, split_marked_suffix
from .values import phone_key, pnr_key

# short labels for tags and pseudonyms
LABELS: dict[str, str] = {
    PERSON: "PERSON",
    SE_PERSONNUMMER: "PNR",
    SE_SAMORDNINGSNUMMER: "SAMNR",
    "SE_ORGANISATIONSNUMMER": "ORGNR",
    "SE_BANKGIRO": "BANKGIRO",
    "SE_PLUSGIRO": "PLUSGIRO",
    "SE_BANK_ACCOUNT": "KONTO",
    "IBAN_CODE": "IBAN",
    PHONE_NUMBER: "TELEFON",
    "EMAIL_ADDRESS": "EPOST",
    "SE_ADDRESS": "ADRESS",
    "SE_POSTAL_CODE": "POSTORT",
    "SE_VEHICLE_PLATE": "REGNR",
    "SE_ID_DOCUMENT": "IDHANDLING",
    "ICD10_CODE": "DIAGNOS",
    "HEALTH": "HALSA",
    "NORDIC_ID": "NORDISKT_ID",
    "PAYMENT_CARD": "KORT",
    "UNKNOWN_ID": "ID",
    "WORKPLACE": "ARBETSPLATS",
    "MANUAL": "UPPGIFT",
}
# types linked with each other (a personnummer written once as a samordningsnummer stays one value)
_GROUP = {SE_SAMORDNINGSNUMMER: SE_PERSONNUMMER}

_WORD = re.compile(r"[^\W\d_]+")


def label(entity_type: str) -> str:
    return LABELS.get(entity_type, entity_type)


def group(entity_type: str) -> str:
    return _GROUP.get(entity_type, entity_type)


def value_key(entity_type: str, text: str) -> str:
    if entity_type in (SE_PERSONNUMMER, SE_SAMORDNINGSNUMMER):
        return pnr_key(text)
    if entity_type == PHONE_NUMBER:
        return phone_key(text)
    return normalise_value(text)


@dataclass
class Person:
    """One person of the scope: the (folded) words of their name, and their gender and origin."""

    id: int
    tokens: frozenset[str]
    document: int
    gender: Optional[str] = None
    origin: Optional[str] = None

    @property
    def canonical(self) -> str:
        return " ".join(sorted(self.tokens))


@dataclass
class Mention:
    """A value as written at one place: its surface, split into stem and genitive suffix, and
    what it links to (``key`` within the type's group; ``person`` for names)."""

    entity_type: str
    surface: str
    surface_form: Surface
    key: str
    person: Optional[Person] = None
    words: tuple[str, ...] = ()  # name words of the stem, as written (PERSON)


@dataclass
class Scope:
    """The consistency state of one scope. ``rng`` draws surrogates (a secret seed unless a
    test fixes it); operators keep their own caches here (``cache``)."""

    kind: str = "document"  # or "corpus"
    rng: random.Random = field(default_factory=lambda: random.Random(random.SystemRandom().random()))
    persons: list[Person] = field(default_factory=list)
    mentions: dict[tuple[int, str, str], Mention] = field(default_factory=dict)  # (doc, type, surface)
    inputs: dict[str, set[str]] = field(default_factory=dict)  # group → input keys
    name_words: set[str] = field(default_factory=set)  # every folded input name word
    cache: dict[tuple, str] = field(default_factory=dict)  # (operator, group, key …) → replacement
    counters: dict[str, int] = field(default_factory=dict)  # tag numbering per label
    used: dict[str, set[str]] = field(default_factory=dict)  # group → surrogate keys handed out
    counts: dict[str, int] = field(default_factory=dict)  # replacements per type (the report)
    # (document, type, as written, replacement): kept for the evaluation of this run only
    replaced: list[tuple[int, str, str, str]] = field(default_factory=list)

    # -- learning the values --------------------------------------------------------------------
    def register(self, document: int, items: list[tuple[str, str]]) -> None:
        """All values ``(entity_type, surface)`` of one document, in text order."""
        raw_names = [s for t, s in items if t == PERSON]
        words_here = {fold(w) for s in raw_names for w in _WORD.findall(s)}
        self.name_words |= words_here
        for t, s in items:
            if t != PERSON:
                self.inputs.setdefault(group(t), set()).add(value_key(t, s))
        # names: longest first, so that a part (Anna) finds the full name (Anna Svensson)
        people = sorted(dict.fromkeys(raw_names), key=lambda s: -len(_WORD.findall(s)))
        for s in people:
            self._register_name(document, s)
        for t, s in items:
            if t != PERSON:
                self._mention(document, t, s)

    def _split_name(self, surface: str) -> tuple[Surface, tuple[str, ...]]:
        form = split_marked_suffix(surface)
        stem = re.sub(r"(?<=\w)-\s*\n\s*(?=[a-zåäö])", "", form.stem)  # a name hyphenated over a line
        words = tuple(_WORD.findall(stem))
        suffix = form.suffix
        if not suffix and words:
            last = words[-1]
            base = last[:-1]
            # a bare genitive -s: the word is no name of its own (Lars, Jonas stay) and its stem
            # is one (Annas → Anna)
            if (len(last) > 2 and last[-1] in "sS" and stem.endswith(last) and _names.lookup(last) is None
                    and (fold(base) in self.name_words or _names.lookup(base) is not None)):
                stem, suffix, words = stem[:-1], last[-1], words[:-1] + (base,)
        return Surface(stem, suffix), words

    def _register_name(self, document: int, surface: str) -> Mention:
        form, words = self._split_name(surface)
        tokens = frozenset(fold(w) for w in words if len(w) > 1 and not _names.is_particle(w))
        person = None
        if tokens:
            here = [p for p in self.persons if p.document == document and tokens <= p.tokens]
            there = [p for p in self.persons if p.tokens == tokens]
            person = (here or there or [None])[0]
        if person is None:
            person = Person(len(self.persons) + 1, tokens, document)
            for w in words:
                info = _names.lookup(w)
                if info and info.given and info.gender and person.gender is None:
                    person.gender = info.gender
                if info and info.origin and person.origin is None:
                    person.origin = info.origin
            self.persons.append(person)
        m = Mention(PERSON, surface, form, person.canonical or normalise_value(form.stem), person, words)
        self.mentions[(document, PERSON, surface)] = m
        return m

    def link_parts_across_documents(self) -> None:
        """Scope ``corpus``, after every document is registered: a person known by part of a name
        only (``Svensson`` in a document without the full name) becomes the one person of the
        corpus whose name holds those words (``Anna Svensson``), as within a document. When more
        than one person holds them (``Anna Svensson``, ``Per Svensson``), it stays a person of its
        own: an ambiguous part is not guessed."""
        merged: dict[int, Person] = {}

        def final(q: Person) -> Person:
            while q.id in merged:
                q = merged[q.id]
            return q

        for p in sorted(self.persons, key=lambda q: -len(q.tokens)):  # the longest names settle first
            if not p.tokens:
                continue
            holders = {final(q).id: final(q) for q in self.persons if p.tokens < q.tokens}
            if len(holders) == 1:
                merged[p.id] = next(iter(holders.values()))
        if not merged:
            return
        for m in self.mentions.values():
            if m.person is not None and m.person.id in merged:
                m.person = final(m.person)
                m.key = m.person.canonical
        self.persons = [p for p in self.persons if p.id not in merged]

    def _mention(self, document: int, entity_type: str, surface: str) -> Mention:
        m = Mention(entity_type, surface, Surface(surface), value_key(entity_type, surface))
        self.mentions[(document, entity_type, surface)] = m
        return m

    # -- asking -------------------------------------------------------------------------------
    def mention(self, document: int, entity_type: str, surface: str) -> Mention:
        """The registered mention (one the operator meets unregistered is learnt now)."""
        m = self.mentions.get((document, entity_type, surface))
        if m is None:
            if entity_type == PERSON:
                self.name_words |= {fold(w) for w in _WORD.findall(surface)}
                m = self._register_name(document, surface)
            else:
                self.inputs.setdefault(group(entity_type), set()).add(value_key(entity_type, surface))
                m = self._mention(document, entity_type, surface)
        return m

    def count(self, entity_type: str) -> None:
        self.counts[entity_type] = self.counts.get(entity_type, 0) + 1

    def next_number(self, lab: str) -> int:
        self.counters[lab] = self.counters.get(lab, 0) + 1
        return self.counters[lab]

    def is_input(self, entity_type: str, text: str) -> bool:
        return value_key(entity_type, text) in self.inputs.get(group(entity_type), set())

    def claim(self, entity_type: str, text: str) -> bool:
        """Reserve a surrogate; False when it is an input value or handed out already."""
        key = value_key(entity_type, text)
        used = self.used.setdefault(group(entity_type), set())
        if key in used or key in self.inputs.get(group(entity_type), set()):
            return False
        used.add(key)
        return True
