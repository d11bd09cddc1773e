"""Typed errors of pseudonymisation (their exit codes and HTTP statuses come from
:mod:`masking.errors`). Messages never hold a value, a key or a file's content."""

from __future__ import annotations

from ..errors import ConfigError, ExitCode, MaskingError


class AnonymizeKeyError(ConfigError):
    """A key file that is missing, unreadable, too open, too short or malformed (exit 30)."""

    kind = "key"


class AnonymizeInputError(MaskingError):
    """An input the command cannot read as text, JSONL or PDF (a JSONL line without the text
    field, a file of another kind): exit 2, HTTP 422."""

    exit_code = ExitCode.usage
    http_status = 422
    kind = "input"


class DeanonymizeError(MaskingError):
    """Encrypted values that cannot be decrypted with the key given (wrong key, damaged token)
    or a role that may not decrypt: nothing is written (exit 1, HTTP 403/422)."""

    exit_code = ExitCode.failure
    http_status = 422
    kind = "deanonymize"
