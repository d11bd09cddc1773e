"""Operator ``hmac``: a keyed pseudonym, ``[PERSON_3f9a2c1b7e0d]``. HMAC-SHA256 under the run's
key of the value's type group and linking key (a person: the sorted words of the name; an
identity number: its last ten digits), so the same value gets the same pseudonym in every
document and every run with that key, and nothing maps back without it (48 bits shown)."""

from __future__ import annotations

from typing import Dict

from presidio_anonymizer.entities import InvalidParamError

from .base import ScopedOperator
from .forms import KEEP
from .keys import AnonymizeKey
from .scope import PERSON, Mention, Scope, group, label

KEY = "key"
DIGITS = 12


def pseudonym(key: AnonymizeKey, entity_type: str, linking_key: str) -> str:
    return f"[{label(group(entity_type))}_{key.mac(group(entity_type) + chr(0) + linking_key)[:DIGITS]}]"


class HmacOperator(ScopedOperator):
    NAME = "se_hmac"

    def validate(self, params: Dict = None) -> None:
        super().validate(params)
        if not isinstance((params or {}).get(KEY), AnonymizeKey):
            raise InvalidParamError("se_hmac needs a key")

    def replace(self, scope: Scope, mention: Mention, params: Dict) -> str:
        ident = mention.person.canonical if mention.entity_type == PERSON and mention.person else mention.key
        ck = ("hmac", group(mention.entity_type), ident)
        if ck not in scope.cache:
            scope.cache[ck] = pseudonym(params[KEY], mention.entity_type, ident)
        return mention.surface_form.render(scope.cache[ck], case=KEEP)
