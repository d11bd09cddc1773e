"""Operator ``surrogate``: realistic Swedish fake values that keep what analysis needs.

* names: each name word gets one surrogate word for the scope — a given name of the same
  gender and name origin, a surname of the same origin (lists: :mod:`.names`; a name of unknown
  origin gets names of one origin drawn at random for the person), never one of the input's name
  words; particles (von, al) are kept; case and a genitive are re-applied
  (``ANNAS`` → ``KARINS``, ``Annas`` → ``Karins``, ``Lars`` → ``Nils``);
* personnummer / samordningsnummer: same century, birth decade, gender digit and kind, a valid
  date and Luhn digit, same notation; never an input value;
* phone numbers: same notation and area code, new subscriber number;
* addresses: street of the same kind (same ending: -gatan, -vägen …), Box, c/o a surrogate
  name, postnummer and post town of the same kind of place (a big city's for a big city's);
* diagnoses: kept, or generalised to their ICD-10 chapter (``F32.1`` → ``F00–F99``), as the
  run's ``diagnoses`` option says (words about health: kept, or ``[hälsouppgift]``);
* bank accounts: the clearing number kept, a new account number valid by the clearing range's
  rule (Bankgirot's type 1/2, mod 10/mod 11);
* other identifiers: new digits in the same notation with a valid check digit (Luhn, mod 97).
"""

from __future__ import annotations

import random
import re
from typing import Callable, Dict

from ..entities import (
    EMAIL_ADDRESS,
    HEALTH,
    ICD10_CODE,
    IBAN_CODE,
    PAYMENT_CARD,
    PERSON,
    PHONE_NUMBER,
    SE_ADDRESS,
    SE_BANKGIRO,
    SE_ORGANISATIONSNUMMER,
    SE_PERSONNUMMER,
    SE_PLUSGIRO,
    SE_POSTAL_CODE,
    SE_SAMORDNINGSNUMMER,
    SE_VEHICLE_PLATE,
)
from ..synth.names import fold
from ..synth.values import email_local
from . import names as _names
from . import values as v
from .base import ScopedOperator
from .forms import apply_case, case_of
from .scope import _WORD, Mention, Scope, group

DIAGNOSES = "diagnoses"  # param: "chapter" (default) or "keep"
HEALTH_WORDS = "[hälsouppgift]"
_TRIES = 200

_FAKERS: dict[str, Callable[[str, random.Random], str]] = {
    SE_PERSONNUMMER: v.fake_pnr,
    SE_SAMORDNINGSNUMMER: v.fake_pnr,
    PHONE_NUMBER: v.fake_phone,
    SE_POSTAL_CODE: v.fake_postal,
    SE_BANKGIRO: v.fake_luhn,
    SE_PLUSGIRO: v.fake_luhn,
    PAYMENT_CARD: lambda t, r: v.fake_luhn(t, r, keep_first=1),
    SE_ORGANISATIONSNUMMER: v.fake_orgnr,
    IBAN_CODE: v.fake_iban,
    SE_VEHICLE_PLATE: v.fake_plate,
    "SE_BANK_ACCOUNT": v.fake_bank_account,  # the clearing number (it names a bank) kept
}


def surrogate_word(scope: Scope, word: str, kind: str, gender: str | None, origin: str | None) -> str:
    """The one surrogate of a name word in this scope (drawn on first use)."""
    key = fold(word)
    ck = ("sur-word", key)
    if ck in scope.cache:
        return scope.cache[ck]
    if len(word) == 1:  # an initial: another letter
        letters = [c for c in "ABDEFGHIJKLMNOPRSTUVÅ" if c != word.upper()]
        out = scope.rng.choice(letters)
    else:
        info = _names.lookup(word)
        if info is not None:
            origin = info.origin or origin
            gender = info.gender or gender
        taken = {fold(x) for x in scope.used.get("name-words", set())} | scope.name_words
        out = None
        for pool in _names.candidates(kind, origin, gender if kind == "given" else None):
            free = [n for n in pool if fold(n) not in taken]
            if free:
                out = scope.rng.choice(free)
                break
        if out is None:  # every listed name is taken: a made-up one
            out = "Namn" + "".join(scope.rng.choice("bdfgklmnprstv") for _ in range(3))
    scope.used.setdefault("name-words", set()).add(out)
    scope.cache[ck] = out
    return out


def _roles(words: tuple[str, ...], comma: bool) -> list[str]:
    """given / surname per word: from the lists where they are clear, else by position (the
    last word of ``Anna Svensson`` and the first of ``Svensson, Anna`` are surnames)."""
    out = []
    n = len(words)
    for i, w in enumerate(words):
        info = _names.lookup(w)
        if info and info.given and not info.surname:
            out.append("given")
        elif info and info.surname and not info.given:
            out.append("surname")
        elif n == 1:
            out.append("given" if info and info.given else "surname")
        else:
            out.append("surname" if (i == 0 if comma else i == n - 1) else "given")
    return out


def person_surrogate(scope: Scope, mention: Mention) -> str:
    form = mention.surface_form
    stem = form.stem
    words = list(_WORD.finditer(stem))
    roles = _roles(tuple(m.group() for m in words), "," in stem)
    person = mention.person
    gender = person.gender if person else None
    origin = person.origin if person else None
    if origin is None:  # no word of the name tells its origin: one drawn for the person
        ck = ("sur-origin", person.id if person else fold(stem))
        if ck not in scope.cache:
            scope.cache[ck] = _names.draw_origin(scope.rng)
        origin = scope.cache[ck]
    out, pos = [], 0
    for m, role in zip(words, roles):
        w = m.group()
        out.append(stem[pos : m.start()])
        if _names.is_particle(w):
            out.append(w)
        else:
            new = surrogate_word(scope, w, role, gender, origin)
            case = case_of(w)
            out.append(apply_case(new, case) if case in ("u", "l") else new)
        pos = m.end()
    out.append(stem[pos:])
    return form.render("".join(out), case="k")


def email_surrogate(scope: Scope, text: str) -> str:
    """Name words in the local part become their surrogates (so a mail address still matches
    the surrogate name); other words and digits are renewed; a public mail domain is kept,
    anyone else's becomes ``exempel.se``."""
    local, _, domain = text.rpartition("@")

    def word(m: re.Match) -> str:
        w = m.group()
        if fold(w) in scope.name_words or _names.lookup(w) is not None:
            return email_local(surrogate_word(scope, w, "given" if (_names.lookup(w) or _names.NameInfo(True, False, None, None)).given else "surname", None, None))
        return email_local(surrogate_word(scope, w.capitalize(), "surname", None, None))

    new_local = re.sub(r"[^\W\d_]{2,}", word, local)
    new_local = re.sub(r"\d", lambda _: scope.rng.choice("0123456789"), new_local)
    new_domain = domain if domain.lower() in v.PUBLIC_MAIL_DOMAINS else "exempel.se"
    return f"{new_local}@{new_domain}"


def value_surrogate(scope: Scope, mention: Mention, params: Dict) -> str:
    t = mention.entity_type
    text = mention.surface
    if t == ICD10_CODE:
        return text if params.get(DIAGNOSES) == "keep" else (v.icd10_chapter(text) or "[diagnos]")
    if t == HEALTH:
        return text if params.get(DIAGNOSES) == "keep" else HEALTH_WORDS
    if t == EMAIL_ADDRESS:
        return email_surrogate(scope, text)
    if t == SE_ADDRESS:
        fake = lambda s, r: v.fake_address(s, r, lambda name: person_surrogate(scope, scope.mention(-1, PERSON, name)))  # noqa: E731
    else:
        fake = _FAKERS.get(t, v.fake_digits)
    out = text
    for _ in range(_TRIES):
        out = fake(text, scope.rng)
        if out != text and scope.claim(t, out):
            return out
    return out


def renotate(entity_type: str, surface: str, first: tuple[str, str]) -> str:
    """The surrogate drawn for a value written as ``first[0]`` (it became ``first[1]``), in the
    notation of another occurrence ``surface`` (``19811218-9876`` and ``811218-9876``)."""
    written, fake = first
    if surface == written:
        return fake
    if entity_type in (SE_PERSONNUMMER, SE_SAMORDNINGSNUMMER):
        d, f = v.digits_of(surface), v.digits_of(fake)
        if len(d) == 12 and len(f) == 10:
            f = d[:2] + f
        elif len(d) == 10 and len(f) == 12:
            f = f[2:]
        return v.put_digits(surface, f) if len(d) == len(f) else fake
    if entity_type == PHONE_NUMBER:
        d, nat = v.digits_of(surface), v.phone_key(fake)
        n = len(v.phone_key(surface)) - 1
        if 0 < n == len(nat) - 1 <= len(d):
            return v.put_digits(surface, d[: len(d) - n] + nat[1:])
        return fake
    return fake


class SurrogateOperator(ScopedOperator):
    NAME = "se_surrogate"

    def replace(self, scope: Scope, mention: Mention, params: Dict) -> str:
        if mention.entity_type == PERSON:
            return person_surrogate(scope, mention)
        ck = ("sur", group(mention.entity_type), mention.key)
        if ck not in scope.cache:
            scope.cache[ck] = (mention.surface, value_surrogate(scope, mention, params))  # type: ignore[assignment]
        return renotate(mention.entity_type, mention.surface, scope.cache[ck])  # type: ignore[arg-type]
