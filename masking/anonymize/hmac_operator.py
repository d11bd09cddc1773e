"""Operator ``hmac``: a keyed pseudonym, ``[PERSON_3f9a2c1b7e0d]``. HMAC-SHA256 under the run's
key of the value's type group and linking key (an identity number: its last ten digits), so the
same value gets the same pseudonym in every document and every run with that key, and nothing
maps back without it (48 bits shown).

Names: in scope ``document`` a person's pseudonym is the HMAC of the sorted words of their full
name, and a part written alone (``Svensson``, ``Annas``) gets the full name's pseudonym where the
full name stands in the same document. In scope ``corpus`` every name word gets its own keyed
pseudonym, in the order written (``Anna Svensson`` → ``[PERSON_3f9a2c1b7e0d 8e41d07c5b2a]``,
``Svensson`` alone → ``[PERSON_8e41d07c5b2a]``), so a surname alone maps like the surname of the
full name in every document and every run, whatever the other inputs are (initials and particles
are left out). What this shows without the key beyond whole-name pseudonyms: that two people
share a given name or surname (a family link), and how often each word occurs — the same as the
``surrogate`` operator shows (one surrogate per name word); a word still maps back only by its key.
"""

from __future__ import annotations

from typing import Dict

from presidio_anonymizer.entities import InvalidParamError

from ..synth.names import fold
from . import names as _names
from .base import ScopedOperator
from .forms import KEEP
from .keys import AnonymizeKey
from .scope import PERSON, Mention, Scope, group, label

KEY = "key"
DIGITS = 12
_PART = "name-word"


def pseudonym(key: AnonymizeKey, entity_type: str, linking_key: str) -> str:
    return f"[{label(group(entity_type))}_{key.mac(group(entity_type) + chr(0) + linking_key)[:DIGITS]}]"


def name_word_pseudonyms(key: AnonymizeKey, words: tuple[str, ...]) -> list[str]:
    """The keyed pseudonym of each name word (folded: ``ANNA``, ``Anna``, ``Änna`` one word);
    initials and particles (``von``, ``al``) have none."""
    return [key.mac(PERSON + chr(0) + _PART + chr(0) + fold(w))[:DIGITS]
            for w in words if len(w) > 1 and not _names.is_particle(w)]


class HmacOperator(ScopedOperator):
    NAME = "se_hmac"

    def validate(self, params: Dict = None) -> None:
        super().validate(params)
        if not isinstance((params or {}).get(KEY), AnonymizeKey):
            raise InvalidParamError("se_hmac needs a key")

    def replace(self, scope: Scope, mention: Mention, params: Dict) -> str:
        if mention.entity_type == PERSON and scope.kind == "corpus":
            parts = name_word_pseudonyms(params[KEY], mention.words)
            if parts:
                return mention.surface_form.render(f"[{label(PERSON)}_{' '.join(parts)}]", case=KEEP)
        ident = mention.person.canonical if mention.entity_type == PERSON and mention.person else mention.key
        ck = ("hmac", group(mention.entity_type), ident)
        if ck not in scope.cache:
            scope.cache[ck] = pseudonym(params[KEY], mention.entity_type, ident)
        return mention.surface_form.render(scope.cache[ck], case=KEEP)
