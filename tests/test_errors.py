"""Exit codes and HTTP statuses: owned by the error classes, one mapping for CLI and service."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from masking import errors as me
from masking.errors import ExitCode, exit_code_for, http_status_for

ROOT = Path(__file__).resolve().parent.parent

# the contract (README.md, "Exit codes"): scripts rely on these numbers
CONTRACT = [
    (me.MaskingError, 1, 500),
    (me.InputNotFoundError, 3, 404),
    (me.NotAPdfError, 10, 422),
    (me.EncryptedPdfError, 11, 422),
    (me.CorruptPdfError, 12, 422),
    (me.EmptyPdfError, 13, 422),
    (me.ResourceLimitError, 14, 422),
    (me.UnsupportedContentError, 15, 422),
    (me.OcrUnavailableError, 16, 422),
    (me.OcrError, 17, 422),
    (me.VerificationError, 20, 422),
    (me.InspectionFindings, 21, 500),
    (me.AuditIntegrityError, 22, 500),
    (me.AuditRecordError, 23, 500),
    (me.ReviewPendingError, 24, 409),
    (me.PlanError, 25, 422),
    (me.ConfigError, 30, 422),
    (me.ModelNotFoundError, 31, 503),
    (me.AuditConfigError, 32, 503),
    (me.LedgerError, 33, 422),
]


@pytest.mark.parametrize("cls,code,status", CONTRACT, ids=lambda x: getattr(x, "__name__", str(x)))
def test_each_error_class_owns_its_exit_code_and_http_status(cls, code, status) -> None:
    exc = cls("a message")
    assert isinstance(exc.exit_code, ExitCode)
    assert exit_code_for(exc) == code
    assert http_status_for(exc) == status


def test_every_error_class_is_in_the_contract() -> None:
    classes = {c for c in vars(me).values() if isinstance(c, type) and issubclass(c, me.MaskingError)}
    assert classes - {c for c, _, _ in CONTRACT} == {me.RedactionError}  # internal: 40, never released


def test_exit_codes_listed_in_the_readme_are_the_enum() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    para = text[text.index("Exit codes: 0 ok"):]
    para = para[: para.index("\n\n")]
    listed = {int(n) for n in re.findall(r"(?<![\w:])(\d{1,3})(?=[\s/])", para)}
    assert listed == {c.value for c in ExitCode} - {ExitCode.redaction, ExitCode.interrupted}


def test_other_exceptions() -> None:
    assert exit_code_for(KeyboardInterrupt()) == 130
    assert exit_code_for(RuntimeError("x")) == 1
    assert http_status_for(RuntimeError("x")) == 500


def test_the_service_reads_the_same_mapping() -> None:
    errors = pytest.importorskip("service.errors")
    assert not hasattr(errors, "STATUS_BY_ERROR")
    for cls, _, status in CONTRACT:
        assert errors.status_for(cls("m")) == status
    assert errors.to_response(me.ReviewPendingError("pending")).status_code == 409
