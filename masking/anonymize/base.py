"""What the operators share: a presidio-anonymizer :class:`Operator` that replaces a value
through the :class:`~masking.anonymize.scope.Scope` of its document (consistency)."""

from __future__ import annotations

from typing import Dict

from presidio_anonymizer.entities import InvalidParamError
from presidio_anonymizer.operators import Operator, OperatorType

from .scope import Mention, Scope

SCOPE = "scope"
DOCUMENT = "document"


class ScopedOperator(Operator):
    """Subclasses give ``NAME`` and :meth:`replace`; presidio's engine calls :meth:`operate` for
    each value with the params of the run (the scope, the document's number, the entity type)."""

    NAME = ""

    def replace(self, scope: Scope, mention: Mention, params: Dict) -> str:  # pragma: no cover
        raise NotImplementedError

    def prepare(self, scope: Scope, mention: Mention, params: Dict) -> None:
        """Called for every value of the scope in text order before any replacement (presidio
        replaces from the end of a text backwards): numbering, the forms of a value."""

    def operate(self, text: str = None, params: Dict = None) -> str:
        params = params or {}
        scope: Scope = params[SCOPE]
        mention = scope.mention(params[DOCUMENT], params["entity_type"], text)
        scope.count(params["entity_type"])
        out = self.replace(scope, mention, params)
        scope.replaced.append((params[DOCUMENT], params["entity_type"], text, out))
        return out

    def validate(self, params: Dict = None) -> None:
        if not params or not isinstance(params.get(SCOPE), Scope) or not isinstance(params.get(DOCUMENT), int):
            raise InvalidParamError(f"{self.NAME}: params need the scope and the document number")

    def operator_name(self) -> str:
        return self.NAME

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


def raw_stem(mention: Mention) -> str:
    """The value as written, without its genitive suffix (exactly, line breaks and all)."""
    n = len(mention.surface_form.suffix)
    return mention.surface[: len(mention.surface) - n] if n else mention.surface
