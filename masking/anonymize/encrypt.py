"""Operator ``encrypt`` and its inverse: reversible only with the agency's key.

Each value is encrypted with presidio-anonymizer's ``encrypt`` operator (AES-CBC with a random
IV, a 256-bit key derived from the key file) and written as a token
``[ENC:PERSON:k:<base64>]``; every occurrence of a value within the scope gets the same token.
The case letter (``k`` as first written, ``u`` upper, ``l`` lower) and a genitive ending
outside the token let ``ANNA`` and ``Annas`` share Anna's token and still come back exactly.
:func:`decrypt_text` finds the tokens and decrypts them with presidio's ``decrypt`` operator
through its :class:`DeanonymizeEngine`; with another key it fails and nothing is returned.
"""

from __future__ import annotations

import re
from typing import Dict

from presidio_anonymizer import DeanonymizeEngine
from presidio_anonymizer.entities import InvalidParamError, OperatorConfig, OperatorResult
from presidio_anonymizer.operators import Decrypt, Encrypt, Operator, OperatorType

from ..textmatch import normalise_value
from .base import ScopedOperator, raw_stem
from .errors import DeanonymizeError
from .keys import AnonymizeKey
from .scope import Mention, Scope, group, label

KEY = "key"
TOKEN = re.compile(r"\[ENC:([A-Z0-9_]+):([kul]):([A-Za-z0-9+/_-]+={0,2})\]")


class EncryptOperator(ScopedOperator):
    NAME = "se_encrypt"

    def validate(self, params: Dict = None) -> None:
        super().validate(params)
        key = (params or {}).get(KEY)
        if not isinstance(key, AnonymizeKey) or key.aes_key is None:
            raise InvalidParamError("se_encrypt needs a key from a key file")

    def prepare(self, scope: Scope, mention: Mention, params: Dict) -> None:
        """The form a value is encrypted in: one written in mixed case where there is one (so
        ``ANNA`` and ``anna`` are its case variants), else the first."""
        stem = raw_stem(mention)
        ck = ("enc-plain", group(mention.entity_type), normalise_value(stem))
        plain = scope.cache.get(ck)
        if plain is None or (plain in (plain.upper(), plain.lower()) and stem not in (stem.upper(), stem.lower())):
            scope.cache[ck] = stem

    def replace(self, scope: Scope, mention: Mention, params: Dict) -> str:
        stem = raw_stem(mention)
        suffix = mention.surface[len(stem):]
        g = group(mention.entity_type)
        plain = scope.cache.setdefault(("enc-plain", g, normalise_value(stem)), stem)
        flag = "k" if stem == plain else "u" if stem == plain.upper() else "l" if stem == plain.lower() else None
        ck: tuple = ("enc", g, normalise_value(stem))
        if flag is None:  # written in a way the case letters cannot restore: its own token
            plain, flag, ck = stem, "k", ("enc-exact", g, stem)
        if ck not in scope.cache:
            scope.cache[ck] = Encrypt().operate(plain, {"key": params[KEY].aes_key})
        return f"[ENC:{label(mention.entity_type)}:{flag}:{scope.cache[ck]}]{suffix}"


class DecryptToken(Operator):
    """Deanonymize operator: one ``[ENC:…]`` token back to the value as written (presidio's
    ``decrypt`` on the ciphertext, then the case letter)."""

    def operate(self, text: str = None, params: Dict = None) -> str:
        m = TOKEN.fullmatch(text or "")
        if m is None:
            raise InvalidParamError("not an encrypted token")
        plain = Decrypt().operate(m.group(3), {"key": params[KEY]})
        return plain.upper() if m.group(2) == "u" else plain.lower() if m.group(2) == "l" else plain

    def validate(self, params: Dict = None) -> None:
        Decrypt().validate({"key": (params or {}).get(KEY)})

    def operator_name(self) -> str:
        return "se_decrypt_token"

    def operator_type(self) -> OperatorType:
        return OperatorType.Deanonymize


def decrypt_text(text: str, key: AnonymizeKey) -> tuple[str, int]:
    """``text`` with every encrypted token decrypted, and how many there were. A token that does
    not decrypt under ``key`` raises :class:`DeanonymizeError` (no partial result)."""
    if key.aes_key is None:
        raise DeanonymizeError("decryption needs the key file the values were encrypted with")
    found = [OperatorResult(m.start(), m.end(), m.group(1), m.group(0), "se_encrypt") for m in TOKEN.finditer(text)]
    if not found:
        return text, 0
    engine = DeanonymizeEngine()
    engine.add_deanonymizer(DecryptToken)
    try:
        result = engine.deanonymize(text, found, {"DEFAULT": OperatorConfig("se_decrypt_token", {KEY: key.aes_key})})
    except Exception as exc:  # wrong key: bad padding or undecodable bytes; never show content
        raise DeanonymizeError(f"the encrypted values do not decrypt with this key ({type(exc).__name__})") from None
    return result.text, len(found)
