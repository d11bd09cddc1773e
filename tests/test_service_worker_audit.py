"""service.worker's audit for one-shot tasks: the upload written as it happens (in a thread),
the outcome's events handed back to the HTTP process, everything written here on a failure."""

from __future__ import annotations

import threading

import pytest

from service.worker import _DeferredAudit


class FakeLog:
    def __init__(self, fail: bool = False) -> None:
        self.written: list[str] = []
        self.fail = fail
        self.gate = threading.Event()

    def record(self, kind: str, **kwargs) -> None:
        self.gate.wait(5)
        if self.fail:
            raise OSError("disk full")
        self.written.append(kind)

    def value_hmac(self, value: str) -> str:
        return "hmac-sha256:x"


def test_the_upload_is_written_beside_the_work_and_the_outcome_handed_back() -> None:
    log = FakeLog()
    audit = _DeferredAudit(log)
    audit.record("upload", actor="a", role="integration")
    assert log.written == []  # still writing: the task goes on meanwhile
    audit.record("application", actor="a", role="integration")
    audit.record("verification", actor="a", role="integration")
    log.gate.set()
    audit.wait()
    assert log.written == ["upload"]
    assert [k for k, _ in audit.events] == ["application", "verification"]
    assert audit.value_hmac("KS 1") == "hmac-sha256:x"


def test_on_a_failure_everything_is_written_here_in_order() -> None:
    log = FakeLog()
    audit = _DeferredAudit(log)
    audit.record("upload", actor="a", role="integration")
    audit.record("verification", actor="a", role="integration")
    log.gate.set()
    audit.flush()
    assert log.written == ["upload", "verification"] and audit.events == []


def test_a_failed_upload_write_fails_the_task() -> None:
    log = FakeLog(fail=True)
    log.gate.set()
    audit = _DeferredAudit(log)
    audit.record("upload", actor="a", role="integration")
    with pytest.raises(OSError):
        audit.wait()
    audit.wait()  # reported once
