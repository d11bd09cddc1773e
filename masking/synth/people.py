"""Synthetic people and the written forms of their names.

A :class:`Person` is drawn from one origin group of one name split. Its name can be written in
the forms that occur in case files: full name, given name alone, surname alone, genitive,
ALL CAPS (address blocks), lower case (typed e-mail), inverted (``Svensson, Anna``), with an
initial, with all given names. Each form is returned as parts ready for the layout, the name
itself tagged as PERSON with the person's origin.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from masking import entities

from .layout import Part, Tag
from .names import ORIGINS, OriginNames, fold, name_pool
from .values import IdNumber, birth_date

# Groups whose names are often written without their diacritics in Swedish registers.
_ASCII_PRONE = frozenset({"turkish", "balkan", "polish", "latin_american", "kurdish", "vietnamese"})


def _ascii(text: str) -> str:
    """Drop diacritics but keep case (``Hodžić`` -> ``Hodzic``); å/ä/ö are kept."""
    out = []
    for ch in text:
        if ch in "åäöÅÄÖ":
            out.append(ch)
            continue
        folded = fold(ch)
        out.append(folded.upper() if ch.isupper() else folded)
    return "".join(out)


def _feminine(surname: str, origin: str) -> str:
    """Polish and Russian surnames take a feminine form (Kowalski -> Kowalska, Ivanov -> Ivanova)."""
    if origin == "polish":
        for masc, fem in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
            if surname.endswith(masc):
                return surname[: -len(masc)] + fem
    if origin == "russian":
        for masc in ("ov", "ev", "in", "yn"):
            if surname.endswith(masc):
                return surname + "a"
    return surname


@dataclass
class Person:
    """A synthetic person."""

    origin: str
    female: bool
    given: list[str]
    called: str
    surname: str
    born: date
    family: str = ""  # the family name's base (masculine) form, shared with relatives
    idnr: IdNumber | None = None
    street: str | None = None
    postcode: str | None = None
    town: str | None = None
    phone: str | None = None
    email: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    # -- plain strings (for metadata, e-mail addresses) --------------------------------------------
    @property
    def full_name(self) -> str:
        return f"{self.called} {self.surname}"

    # -- tagged forms ---------------------------------------------------------------------------
    def tag(self, text: str) -> Tag:
        return Tag(text=text, type=entities.PERSON, origin=self.origin)

    def name(self, form: str = "full") -> Tag:
        """The name in one written form, tagged.

        Forms: ``full`` (called name + surname), ``all`` (all given names + surname), ``first``,
        ``last``, ``caps`` (FULL NAME), ``caps_all``, ``lower`` (full name typed in lower case),
        ``lower_first``, ``inverted`` (``Svensson, Anna``), ``caps_inverted``, ``initial``
        (``A. Svensson``), ``initials_all`` (``Anna M. Svensson``).
        """
        given_all = " ".join(self.given)
        text = {
            "full": f"{self.called} {self.surname}",
            "all": f"{given_all} {self.surname}",
            "first": self.called,
            "last": self.surname,
            "caps": f"{self.called} {self.surname}".upper(),
            "caps_all": f"{given_all} {self.surname}".upper(),
            "lower": f"{self.called} {self.surname}".lower(),
            "lower_first": self.called.lower(),
            "inverted": f"{self.surname}, {self.called}",
            "caps_inverted": f"{self.surname}, {given_all}".upper(),
            "initial": f"{self.called[0]}. {self.surname}",
            "initials_all": " ".join([self.given[0]] + [g[0] + "." for g in self.given[1:]] + [self.surname]),
        }[form]
        return self.tag(text)

    def gen(self, form: str = "full", apostrophe: bool = True) -> list[Part]:
        """Genitive: ``Anderssons``, ``Karimis``; a name ending in s, x or z takes no ending or
        an apostrophe (outside the tag)."""
        base = self.name(form).text
        if base[-1:].lower() in ("s", "x", "z"):
            return [self.tag(base), "'"] if apostrophe and base[-1:].islower() else [self.tag(base)]
        suffix = "S" if base.isupper() else "s"
        return [self.tag(base + suffix)]

    @property
    def pronoun(self) -> str:
        return "hon" if self.female else "han"

    @property
    def object_pronoun(self) -> str:
        return "henne" if self.female else "honom"

    @property
    def possessive(self) -> str:
        return "hennes" if self.female else "hans"


class PersonFactory:
    """Draws people from one name split, origins uniformly unless asked."""

    def __init__(self, rng: random.Random, split: str, today: date) -> None:
        self.rng = rng
        self.pool: dict[str, OriginNames] = name_pool(split)
        self.today = today

    def origin(self) -> str:
        return self.rng.choice(ORIGINS)

    def _given(self, names: OriginNames, female: bool) -> str:
        return self.rng.choice(names.female if female else names.male)

    def make(
        self,
        origin: str | None = None,
        female: bool | None = None,
        surname: str | None = None,
        min_age: int = 19,
        max_age: int = 88,
    ) -> Person:
        """A new person; ``surname`` (a family name's base form) makes relatives share it."""
        rng = self.rng
        origin = origin or self.origin()
        female = rng.random() < 0.5 if female is None else female
        names = self.pool[origin]
        given = [self._given(names, female)]
        r = rng.random()
        if origin == "nordic" and r < 0.14:
            second = self._given(names, female)
            if second != given[0]:
                given = [f"{given[0]}-{second}"]
        elif r < 0.42:
            second = self._given(names, female)
            if second != given[0]:
                given.append(second)
        called = given[0] if rng.random() < 0.85 or len(given) == 1 else given[1]
        if surname is None:
            surname = rng.choice(names.surnames)
            if origin in _ASCII_PRONE and rng.random() < 0.25:
                surname = _ascii(surname)
            double_rate = {"latin_american": 0.5, "nordic": 0.06}.get(origin, 0.03)
            if rng.random() < double_rate:
                other = rng.choice(names.surnames)
                if other != surname and " " not in other and " " not in surname:
                    surname = f"{surname} {other}" if rng.random() < 0.8 else f"{surname}-{other}"
        family = surname
        if female:
            surname = " ".join(_feminine(part, origin) for part in surname.split(" "))
        if origin in _ASCII_PRONE and rng.random() < 0.25:
            given = [_ascii(g) for g in given]
            called = _ascii(called)
        born = birth_date(rng, self.today, min_age, max_age)
        return Person(origin, female, given, called, surname, born, family=family)

    def child(self, parent: Person, min_age: int = 0, max_age: int = 17) -> Person:
        """A child of ``parent`` (same origin and surname)."""
        return self.make(origin=parent.origin, surname=parent.family, min_age=min_age, max_age=max_age)
