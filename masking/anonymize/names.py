"""Name pools for surrogate names: gender and origin of a name, and names to draw from.

Three sources, all written by this project (AGPL-3.0-or-later, no data set of people used):
:mod:`masking.synth.names` (given names by origin and gender, surnames by origin; both splits),
:mod:`.name_lists` (given names by gender for the origins the generator has no list of: Greek
and Italian, German/Dutch/French, English, African and Hebrew) and
``recognizers/data/first_names.txt`` / ``surnames.txt`` (larger lists grouped by origin section;
they give the origin of names the other lists lack, and the surnames of the extra origins). A
surrogate is drawn from the lists of the same origin (and gender, for given names), so it is a
name the project's own recognizers are built to find; a name of unknown origin gets a surrogate
of an origin drawn at random (:func:`draw_origin`), not always a Nordic one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..synth.names import ORIGINS as SYNTH_ORIGINS
from ..synth.names import PARTICLES, SPLITS, fold, name_pool
from .name_lists import EXTRA_GIVEN, EXTRA_SECTIONS

FEMALE, MALE = "f", "m"
ORIGINS: tuple[str, ...] = SYNTH_ORIGINS + tuple(EXTRA_GIVEN)

# section headers of recognizers/data/*.txt → origin groups (first match wins)
_SECTION_ORIGIN = (
    ("swedish", "nordic"),
    ("norwegian", "nordic"),
    ("finnish", "finnish"),
    ("somali", "somali"),
    ("arabic", "arabic"),
    ("persian", "persian"),
    ("kurdish", "kurdish"),
    ("turkish", "turkish"),
    ("balkan", "balkan"),
    ("polish", "polish"),
    ("baltic", "polish"),
    ("russian", "russian"),
    ("vietnamese", "vietnamese"),
    ("eritrean", "eritrean"),
    ("afghan", "afghan"),
    ("spanish", "latin_american"),
) + EXTRA_SECTIONS
_DATA = Path(__file__).resolve().parents[2] / "recognizers" / "data"


@dataclass(frozen=True)
class NameInfo:
    given: bool  # listed as a given name
    surname: bool  # listed as a surname
    gender: str | None  # FEMALE, MALE or None (unknown or both)
    origin: str | None  # one of ORIGINS, or None


@dataclass(frozen=True)
class Pools:
    female: dict[str, tuple[str, ...]]
    male: dict[str, tuple[str, ...]]
    surnames: dict[str, tuple[str, ...]]
    info: dict[str, NameInfo]  # folded name token → what is known of it


def _section_entries(path: Path) -> list[tuple[str, str, str | None]]:
    """(name as written, origin, gender from the section header or None) of every listed name
    under a known section header (``# --- … (female) …``) of a gazetteer file."""
    out: list[tuple[str, str, str | None]] = []
    origin, gender = None, None
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("# ---"):
            head = line.lower()
            origin = next((o for key, o in _SECTION_ORIGIN if key in head), None)
            gender = FEMALE if "(female" in head else MALE if "(male" in head else None
        elif line and not line.startswith("#") and origin is not None:
            out.append((line, origin, gender))
    return out


def _sections(path: Path) -> dict[str, tuple[str, str | None]]:
    """folded name → (origin, gender from the section header or None); the first listing wins."""
    out: dict[str, tuple[str, str | None]] = {}
    for name, origin, gender in _section_entries(path):
        out.setdefault(fold(name), (origin, gender))
    return out


def _section_names(path: Path) -> list[tuple[str, str]]:
    """(name as written, origin) of every listed name under a known section header."""
    return [(name, origin) for name, origin, _ in _section_entries(path)]


@lru_cache(maxsize=1)
def pools() -> Pools:
    female: dict[str, list[str]] = {o: [] for o in ORIGINS}
    male: dict[str, list[str]] = {o: [] for o in ORIGINS}
    surnames: dict[str, list[str]] = {o: [] for o in ORIGINS}
    given_gender: dict[str, set[str]] = {}
    given_origin: dict[str, str] = {}
    sur_origin: dict[str, str] = {}
    for split in SPLITS:
        for origin, names in name_pool(split).items():
            for lst, g in ((names.female, FEMALE), (names.male, MALE)):
                for n in lst:
                    (female if g == FEMALE else male)[origin].append(n)
                    given_gender.setdefault(fold(n), set()).add(g)
                    given_origin.setdefault(fold(n), origin)
            for n in names.surnames:
                surnames[origin].append(n)
                sur_origin.setdefault(fold(n), origin)
    extra_given = _sections(_DATA / "first_names.txt")
    extra_sur = _sections(_DATA / "surnames.txt")
    for origin, (fem, mal) in EXTRA_GIVEN.items():
        for lst, g in ((fem.split(), FEMALE), (mal.split(), MALE)):
            for n in lst:
                (female if g == FEMALE else male)[origin].append(n)
                given_gender.setdefault(fold(n), set()).add(g)
                given_origin.setdefault(fold(n), origin)
    # the extra origins' surnames: their sections of surnames.txt (the generator has none)
    for path in (_DATA / "surnames.txt",):
        for name, origin in _section_names(path):
            if origin in EXTRA_GIVEN:
                surnames[origin].append(name)
    info: dict[str, NameInfo] = {}
    for key in set(given_gender) | set(given_origin) | set(sur_origin) | set(extra_given) | set(extra_sur):
        genders = set(given_gender.get(key, ()))
        if not genders and key in extra_given and extra_given[key][1]:
            genders = {extra_given[key][1]}
        origin = given_origin.get(key) or sur_origin.get(key) or (extra_given.get(key) or extra_sur.get(key) or (None,))[0]
        info[key] = NameInfo(
            given=key in given_gender or key in extra_given,
            surname=key in sur_origin or key in extra_sur,
            gender=genders.pop() if len(genders) == 1 else None,
            origin=origin,
        )
    # only names of one word and without particles are drawn (particles are kept from the input)
    def clean(d: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        return {o: tuple(dict.fromkeys(n for n in v if " " not in n and "-" not in n and n[:1].isupper()))
                for o, v in d.items()}
    return Pools(clean(female), clean(male), clean(surnames), info)


def lookup(token: str) -> NameInfo | None:
    return pools().info.get(fold(token))


def is_particle(token: str) -> bool:
    return token.islower() and token in PARTICLES


def draw_origin(rng: random.Random) -> str:
    """An origin group for a name of unknown origin: every group equally likely (a mixed pool)."""
    return rng.choice(ORIGINS)


def candidates(kind: str, origin: str | None, gender: str | None) -> list[tuple[str, ...]]:
    """Lists to draw from, best first: same origin (and gender; both genders in one list when
    the gender is unknown), then every origin of that kind."""
    p = pools()
    if kind == "surname":
        table = p.surnames
        by_origin = {o: table[o] for o in ORIGINS}
    elif gender in (FEMALE, MALE):
        table = p.female if gender == FEMALE else p.male
        by_origin = {o: table[o] for o in ORIGINS}
    else:
        by_origin = {o: p.female[o] + p.male[o] for o in ORIGINS}
    out = [by_origin[origin]] if origin in by_origin else []
    out.append(tuple(n for o in ORIGINS for n in by_origin[o]))
    return out
