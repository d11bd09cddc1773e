"""Pseudonymised text (``masking anonymize``): the masking pipeline's analysis and policy,
replacement by presidio-anonymizer with Swedish operators.

    from masking.anonymize import Anonymizer
    a = Anonymizer(operator="surrogate")                 # tag | surrogate | hmac | encrypt
    a.anonymize_text("Anna Svensson, 811218-9876, ringde. Annas bil …")

One operator per module: :mod:`.tag`, :mod:`.surrogate`, :mod:`.hmac_operator`,
:mod:`.encrypt`; consistency in :mod:`.scope`; keys in :mod:`.keys`; files and the mapping
report in :mod:`.io`, :mod:`.run` and :mod:`.report`; evaluation in :mod:`.evaluate`. Names are
imported on first use, so the CLI's parser does not load presidio or the model.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Analysed": "engine", "Anonymized": "engine", "Anonymizer": "engine", "OPERATORS": "engine",
    "SCOPES": "engine", "DIAGNOSIS_MODES": "engine", "decrypt_text": "encrypt", "AnonymizeKey": "keys",
    "create_key_file": "keys", "read_key_file": "keys", "anonymize_files": "run", "deanonymize_files": "run",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)
