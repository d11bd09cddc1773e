"""Typed errors. Each carries the CLI exit code, so the CLI and batch jobs report them uniformly.

Messages never contain personal data: only file-level facts, types, pages and counts.
"""

from __future__ import annotations


class MaskingError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with."""

    exit_code = 1
    kind = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputNotFoundError(MaskingError):
    exit_code = 3
    kind = "not_found"


class NotAPdfError(MaskingError):
    exit_code = 10
    kind = "not_pdf"


class EncryptedPdfError(MaskingError):
    exit_code = 11
    kind = "encrypted"


class CorruptPdfError(MaskingError):
    exit_code = 12
    kind = "corrupt"


class EmptyPdfError(MaskingError):
    exit_code = 13
    kind = "empty"


class ResourceLimitError(MaskingError):
    """The input exceeds a configured limit (pages, page size, image pixels, time)."""

    exit_code = 14
    kind = "limit"


class ConfigError(MaskingError):
    """Policy or analyzer configuration is missing or invalid."""

    exit_code = 30
    kind = "config"


class ModelNotFoundError(ConfigError):
    exit_code = 31
    kind = "model"


class RedactionError(MaskingError):
    exit_code = 40
    kind = "redaction"


class VerificationError(MaskingError):
    """The written output still exposes a masked value (fail closed: no output is released)."""

    exit_code = 20
    kind = "verification"

    def __init__(self, message: str, findings: list | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


class InspectionFindings(MaskingError):
    """``masking inspect`` found bad redactions or leftover personal data."""

    exit_code = 21
    kind = "findings"


EXIT_CODES = {
    cls.kind: cls.exit_code
    for cls in (
        MaskingError,
        InputNotFoundError,
        NotAPdfError,
        EncryptedPdfError,
        CorruptPdfError,
        EmptyPdfError,
        ResourceLimitError,
        ConfigError,
        ModelNotFoundError,
        RedactionError,
        VerificationError,
        InspectionFindings,
    )
}


class UnsupportedContentError(MaskingError):
    """A page cannot be analysed from its text layer (scanned image, undecodable glyphs)."""

    exit_code = 15
    kind = "needs_ocr"


EXIT_CODES[UnsupportedContentError.kind] = UnsupportedContentError.exit_code


class AuditIntegrityError(MaskingError):
    """The audit log does not verify: an event was edited, removed, inserted or reordered."""

    exit_code = 22
    kind = "audit_integrity"


class AuditRecordError(MaskingError, ValueError):
    """An audit event was refused: a field has the wrong shape or a details key is not allowed."""

    exit_code = 23
    kind = "audit_record"


class AuditConfigError(ConfigError):
    """The audit store or key is missing, unreadable or invalid."""

    exit_code = 32
    kind = "audit_config"


for _cls in (AuditIntegrityError, AuditRecordError, AuditConfigError):
    EXIT_CODES[_cls.kind] = _cls.exit_code
del _cls


class OcrUnavailableError(MaskingError):
    """A page needs OCR, but the OCR engine or its language data is not installed (fail closed)."""

    exit_code = 16
    kind = "ocr_unavailable"


class OcrError(MaskingError):
    """The OCR engine failed on a page (crash, timeout, unreadable image): nothing is released."""

    exit_code = 17
    kind = "ocr_failed"


class LedgerError(ConfigError):
    """The batch job ledger cannot be opened, written or migrated."""

    exit_code = 33
    kind = "ledger"


for _cls in (OcrUnavailableError, OcrError, LedgerError):
    EXIT_CODES[_cls.kind] = _cls.exit_code
del _cls


class ReviewPendingError(MaskingError):
    """Applying or releasing a plan while candidates still need an official's decision."""

    exit_code = 24
    kind = "review_pending"


class PlanError(MaskingError):
    """A masking plan that is malformed, belongs to another document, or a bad decision."""

    exit_code = 25
    kind = "plan"
