"""Operator ``tag``: ``[PERSON_1]``, ``[PNR_2]`` — numbered in order of first appearance per
type, the same number for every occurrence of a value within the scope (a name's parts and
inflected forms included: ``Annas`` is ``[PERSON_1]:s``)."""

from __future__ import annotations

from typing import Dict

from .base import ScopedOperator
from .forms import KEEP
from .scope import PERSON, Mention, Scope, group, label


def tag_for(scope: Scope, mention: Mention) -> str:
    ident = mention.person.id if mention.entity_type == PERSON and mention.person else mention.key
    ck = ("tag", group(mention.entity_type), ident)
    if ck not in scope.cache:
        lab = label(mention.entity_type)
        scope.cache[ck] = f"[{lab}_{scope.next_number(lab)}]"
    return scope.cache[ck]


class TagOperator(ScopedOperator):
    NAME = "se_tag"

    def prepare(self, scope: Scope, mention: Mention, params: Dict) -> None:
        tag_for(scope, mention)  # numbers in order of first appearance

    def replace(self, scope: Scope, mention: Mention, params: Dict) -> str:
        return mention.surface_form.render(tag_for(scope, mention), case=KEEP)
