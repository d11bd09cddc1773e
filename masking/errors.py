"""Typed errors and the one place that says what each means to a caller.

Each error class owns its CLI exit code (:class:`ExitCode`, as OCRmyPDF does) and its HTTP
status; a subclass inherits both unless it says otherwise. The CLI exits with
:func:`exit_code_for`, the service answers with :func:`http_status_for`, and batch ledgers store
the exit code. README.md lists the exit codes; keep them stable (scripts rely on them).

Messages never contain personal data: only file-level facts, types, pages and counts.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What ``masking`` exits with."""

    ok = 0
    failure = 1  # a failure without a class of its own (batch: some file failed; eval: leaks)
    usage = 2  # bad command line (argparse)
    input_not_found = 3
    not_pdf = 10
    encrypted = 11
    corrupt = 12
    empty = 13
    limit = 14
    needs_ocr = 15  # a page needs OCR but OCR is switched off: refused, not released unmasked
    ocr_unavailable = 16  # OCR engine or Swedish language data not installed
    ocr_failed = 17
    verification = 20  # the output still exposes a masked value: no output written
    inspection_findings = 21
    audit_integrity = 22
    audit_record = 23
    review_pending = 24
    plan = 25
    config = 30
    model = 31
    audit_config = 32
    ledger = 33
    redaction = 40
    interrupted = 130


class MaskingError(Exception):
    """Base class. ``kind`` names the error in JSON (service, batch ledger, eval), ``exit_code``
    is what the CLI exits with and ``http_status`` what the service answers."""

    exit_code: ExitCode = ExitCode.failure
    http_status: int = 500
    kind = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputNotFoundError(MaskingError):
    exit_code = ExitCode.input_not_found
    http_status = 404
    kind = "not_found"


class NotAPdfError(MaskingError):
    exit_code = ExitCode.not_pdf
    http_status = 422
    kind = "not_pdf"


class EncryptedPdfError(MaskingError):
    exit_code = ExitCode.encrypted
    http_status = 422
    kind = "encrypted"


class CorruptPdfError(MaskingError):
    exit_code = ExitCode.corrupt
    http_status = 422
    kind = "corrupt"


class EmptyPdfError(MaskingError):
    exit_code = ExitCode.empty
    http_status = 422
    kind = "empty"


class ResourceLimitError(MaskingError):
    """The input exceeds a configured limit (pages, page size, image pixels, time)."""

    exit_code = ExitCode.limit
    http_status = 422
    kind = "limit"


class UnsupportedContentError(MaskingError):
    """A page cannot be analysed from its text layer (scanned image, undecodable glyphs)."""

    exit_code = ExitCode.needs_ocr
    http_status = 422
    kind = "needs_ocr"


class OcrUnavailableError(MaskingError):
    """A page needs OCR, but the OCR engine or its language data is not installed (fail closed)."""

    exit_code = ExitCode.ocr_unavailable
    http_status = 422
    kind = "ocr_unavailable"


class OcrError(MaskingError):
    """The OCR engine failed on a page (crash, timeout, unreadable image): nothing is released."""

    exit_code = ExitCode.ocr_failed
    http_status = 422
    kind = "ocr_failed"


class ConfigError(MaskingError):
    """Policy or analyzer configuration is missing or invalid."""

    exit_code = ExitCode.config
    http_status = 422  # e.g. a policy name the service does not offer
    kind = "config"


class ModelNotFoundError(ConfigError):
    exit_code = ExitCode.model
    http_status = 503
    kind = "model"


class AuditConfigError(ConfigError):
    """The audit store or key is missing, unreadable or invalid."""

    exit_code = ExitCode.audit_config
    http_status = 503
    kind = "audit_config"


class LedgerError(ConfigError):
    """The batch job ledger cannot be opened, written or migrated."""

    exit_code = ExitCode.ledger
    kind = "ledger"


class RedactionError(MaskingError):
    exit_code = ExitCode.redaction
    kind = "redaction"


class VerificationError(MaskingError):
    """The written output still exposes a masked value (fail closed: no output is released)."""

    exit_code = ExitCode.verification
    http_status = 422
    kind = "verification"

    def __init__(self, message: str, findings: list | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


class InspectionFindings(MaskingError):
    """``masking inspect`` found bad redactions or leftover personal data."""

    exit_code = ExitCode.inspection_findings
    kind = "findings"


class AuditIntegrityError(MaskingError):
    """The audit log does not verify: an event was edited, removed, inserted or reordered."""

    exit_code = ExitCode.audit_integrity
    kind = "audit_integrity"


class AuditRecordError(MaskingError, ValueError):
    """An audit event was refused: a field has the wrong shape or a details key is not allowed."""

    exit_code = ExitCode.audit_record
    kind = "audit_record"


class ReviewPendingError(MaskingError):
    """Applying or releasing a plan while candidates still need an official's decision."""

    exit_code = ExitCode.review_pending
    http_status = 409
    kind = "review_pending"


class PlanError(MaskingError):
    """A masking plan that is malformed, belongs to another document, or a bad decision."""

    exit_code = ExitCode.plan
    http_status = 422
    kind = "plan"


def exit_code_for(exc: BaseException) -> ExitCode:
    """The CLI exit code for any exception (the error's own, 130 for an interrupt, else 1)."""
    if isinstance(exc, MaskingError):
        return ExitCode(exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.interrupted
    return ExitCode.failure


def http_status_for(exc: BaseException) -> int:
    """The HTTP status the service answers a library error with (500 for anything else)."""
    return exc.http_status if isinstance(exc, MaskingError) else 500
