"""Surrogate names keep gender and name origin for every origin the name lists know (equal
protection: no origin falls back to Nordic names), a name of unknown origin gets names of a
randomly drawn origin, and a surrogate is never the input (no model needed)."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from masking.anonymize import AnonymizeKey, Anonymizer
from masking.anonymize import names as N
from masking.anonymize.engine import Analysed
from masking.anonymize.name_lists import EXTRA_GIVEN
from masking.anonymize.scope import PERSON, Scope
from masking.anonymize.surrogate import person_surrogate
from masking.synth.names import fold


def _surrogate(name: str, seed: int) -> str:
    scope = Scope(rng=random.Random(seed))
    scope.register(0, [(PERSON, name)])
    return person_surrogate(scope, scope.mention(0, PERSON, name))


def _typical(origin: str, gender: str) -> tuple[str, str]:
    """A given name of that origin and gender and a surname of that origin, as the lookup knows them."""
    p = N.pools()
    given = next(n for n in (p.female if gender == N.FEMALE else p.male)[origin]
                 if (i := N.lookup(n)) and i.origin == origin and i.gender == gender and not i.surname)
    surname = next(n for n in p.surnames[origin] if (i := N.lookup(n)) and i.origin == origin and not i.given)
    return given, surname


@pytest.mark.parametrize("origin", N.ORIGINS)
@pytest.mark.parametrize("gender", [N.FEMALE, N.MALE])
def test_surrogate_name_keeps_origin_and_gender(origin, gender) -> None:
    p = N.pools()
    given, surname = _typical(origin, gender)
    for seed in range(5):
        out = _surrogate(f"{given} {surname}", seed)
        new_given, new_surname = out.split(" ")
        assert new_given in (p.female if gender == N.FEMALE else p.male)[origin], (given, out)
        assert new_surname in p.surnames[origin], (surname, out)
        assert fold(new_given) != fold(given) and fold(new_surname) != fold(surname)


def test_every_origin_of_the_name_data_has_lists() -> None:
    """Each origin section of the gazetteer maps to a group with names of both genders and surnames."""
    text = open(N._DATA / "first_names.txt", encoding="utf-8").read() + open(N._DATA / "surnames.txt", encoding="utf-8").read()
    for head in re.findall(r"^# --- (.*) ---$", text, flags=re.M):
        origin = next((o for key, o in N._SECTION_ORIGIN if key in head.lower()), None)
        assert origin in N.ORIGINS, head
    p = N.pools()
    for origin in N.ORIGINS:
        assert len(p.female[origin]) >= 40 and len(p.male[origin]) >= 40 and len(p.surnames[origin]) >= 40, origin


def test_extra_given_names_are_in_their_gazetteer_section() -> None:
    """The gendered lists of the extra origins hold only names the recognizers list under that origin."""
    listed = {}
    for name, origin in N._section_names(N._DATA / "first_names.txt"):
        listed.setdefault(origin, set()).add(name)
    for origin, (female, male) in EXTRA_GIVEN.items():
        assert set(female.split()) <= listed[origin] and set(male.split()) <= listed[origin], origin
        assert not set(female.split()) & set(male.split())


def test_unknown_origin_draws_from_a_mixed_pool() -> None:
    p = N.pools()
    seen = Counter()
    for seed in range(60):
        out = _surrogate("Zqwyrt Xqvolm", seed)  # no list knows either word
        surname = out.split(" ")[1]
        seen.update(o for o in N.ORIGINS if surname in p.surnames[o])
        assert "Zqwyrt" not in out and "Xqvolm" not in out
    assert len(seen) >= 8 and seen["nordic"] < 30  # many origins, not always Nordic


def test_surrogate_never_returns_an_input_name_word() -> None:
    p = N.pools()
    for origin in N.ORIGINS:
        pool = p.female[origin]
        # a document holding many names of one origin: none of them may come back
        names = [f"{g} {s}" for g, s in zip(pool[:30], p.surnames[origin][:30])]
        scope = Scope(rng=random.Random(3))
        scope.register(0, [(PERSON, n) for n in names])
        inputs = {fold(w) for n in names for w in n.split()}
        for n in names:
            out = person_surrogate(scope, scope.mention(0, PERSON, n))
            assert not {fold(w) for w in out.split()} & inputs, (n, out)


# -- a name part written alone, across the documents of a corpus ---------------------------------

KEY = AnonymizeKey.from_secret(b"p" * 32)


def _doc(i: int, text: str, *names: str) -> Analysed:
    """A document whose decided values are the given names (the analyzer is not needed here)."""
    vals, pos = [], 0
    for n in names:
        s = text.index(n, pos)
        vals.append((s, s + len(n), PERSON))
        pos = s + len(n)
    return Analysed(str(i), [text], [vals])


def _run(operator: str, scope: str, docs: list[Analysed], seed: int = 1) -> list[str]:
    a = Anonymizer(object(), operator=operator, scope=scope, key=KEY, seed=seed)
    return [d.parts[0] for d in a.anonymize(docs)]


def test_corpus_tag_links_a_lone_part_to_the_one_full_name() -> None:
    docs = [_doc(0, "Svensson skrev.", "Svensson"), _doc(1, "Anna Svensson ringde.", "Anna Svensson"),
            _doc(2, "Annas brev kom.", "Annas")]
    assert _run("tag", "corpus", docs) == ["[PERSON_1] skrev.", "[PERSON_1] ringde.", "[PERSON_1]:s brev kom."]
    # two people hold the part: it is not guessed
    docs = [_doc(0, "Anna Svensson ringde.", "Anna Svensson"), _doc(1, "Per Svensson svarade.", "Per Svensson"),
            _doc(2, "Svensson skrev.", "Svensson")]
    assert _run("tag", "corpus", docs) == ["[PERSON_1] ringde.", "[PERSON_2] svarade.", "[PERSON_3] skrev."]
    # scope document: each document on its own
    docs = [_doc(0, "Anna Svensson ringde.", "Anna Svensson"), _doc(1, "Svensson skrev.", "Svensson")]
    assert _run("tag", "document", docs) == ["[PERSON_1] ringde.", "[PERSON_1] skrev."]


def test_corpus_surrogate_gives_a_lone_part_the_full_names_surrogate_word() -> None:
    docs = [_doc(0, "Svensson skrev.", "Svensson"), _doc(1, "Anna Svensson ringde.", "Anna Svensson")]
    lone, full = _run("surrogate", "corpus", docs)
    new_surname = full.split(" ")[1]
    assert lone == f"{new_surname} skrev." and "Svensson" not in lone + full


def test_corpus_hmac_is_one_pseudonym_per_name_word_in_every_run() -> None:
    docs = [_doc(0, "Anna Svensson ringde.", "Anna Svensson"), _doc(1, "Svensson skrev.", "Svensson"),
            _doc(2, "SVENSSONS brev till Per Svensson.", "SVENSSONS", "Per Svensson")]
    out = _run("hmac", "corpus", docs)
    m = re.fullmatch(r"\[PERSON_([0-9a-f]{12}) ([0-9a-f]{12})\] ringde\.", out[0])
    assert m, out[0]
    anna, svensson = m.groups()
    assert out[1] == f"[PERSON_{svensson}] skrev."
    assert out[2].startswith(f"[PERSON_{svensson}]S brev till [PERSON_") and out[2].endswith(f" {svensson}].")
    assert anna not in out[2]  # Per is another given name
    # another run with other documents: the same word, the same pseudonym (the key decides, not the corpus)
    assert _run("hmac", "corpus", [_doc(0, "Svensson skrev.", "Svensson")]) == [out[1]]
    # without the key, another key gives other pseudonyms
    other = Anonymizer(object(), operator="hmac", scope="corpus", key=AnonymizeKey.from_secret(b"q" * 32))
    assert other.anonymize([_doc(0, "Svensson skrev.", "Svensson")])[0].parts[0] != out[1]
    # scope document keeps whole-name pseudonyms: a lone part in another document is not linked
    doc_scope = _run("hmac", "document", docs[:2])
    assert re.fullmatch(r"\[PERSON_[0-9a-f]{12}\] ringde\.", doc_scope[0]) and doc_scope[1] != doc_scope[0].replace(" ringde.", " skrev.")
