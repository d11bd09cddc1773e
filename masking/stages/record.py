"""Stage *record*: audit events from the stage results (never a value).

Every channel — ``masking redact`` (cli), ``masking batch`` (batch), the service's one-shot
masking (api) and applying a reviewed plan — records a run through a :class:`Recorder`:

* ``upload`` when the document was opened (pages, bytes; the case reference as a keyed HMAC),
  where the channel receives documents (the service, the review flow);
* ``analysis``, ``application`` (every masked area: page, box, type, ground, detector, score,
  decided by ``auto`` or the official) and ``verification`` once the output passed
  (:class:`masking.audit.events.AutomaticMasking`, which a batch worker returns to the process
  that holds the log); the review flow recorded its analysis when the plan was made;
* a ``verification`` with outcome ``withheld`` when the output was withheld (fail closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..audit.events import AutomaticMasking, record_withheld
from ..errors import MaskingError, VerificationError


def summary(result: Any) -> AutomaticMasking:
    """The picklable audit summary of a masked document (:class:`masking.stages.run.Result`)."""
    return AutomaticMasking.from_result(result)


def record_upload(audit: Any, *, actor: str, role: str, document_id: str, input_sha256: str, pages: int,
                  size: int, channel: Optional[str] = None, case_ref: Optional[str] = None) -> None:
    details: dict[str, Any] = {"pages": pages, "bytes": size}
    if channel:
        details["channel"] = channel
    if case_ref:
        details["case_ref"] = audit.value_hmac(case_ref)
    audit.record("upload", actor=actor, role=role, document_id=document_id, input_sha256=input_sha256,
                 details=details)


@dataclass
class Recorder:
    """Who runs a masking and how it is recorded; :func:`masking.stages.run` calls it."""

    audit: Any
    actor: str
    role: str
    document_id: str
    channel: Optional[str] = None  # cli | batch | api | web; None for the review flow
    upload: bool = False  # record the upload when the document is opened
    analysis: bool = True  # record the analysis with the application (False: done with the plan)
    case_ref: Optional[str] = None  # the case system's reference, recorded as a keyed HMAC
    withheld_on: type = VerificationError  # which failures record a withheld verification

    def opened(self, *, input_sha256: str, pages: int, size: int) -> None:
        if self.upload:
            record_upload(self.audit, actor=self.actor, role=self.role, document_id=self.document_id,
                          input_sha256=input_sha256, pages=pages, size=size, channel=self.channel,
                          case_ref=self.case_ref)

    def applied(self, result: Any) -> None:
        summary(result).record(self.audit, actor=self.actor, role=self.role, document_id=self.document_id,
                               channel=self.channel, analysis=self.analysis)

    def failed(self, exc: MaskingError, *, input_sha256: Optional[str]) -> None:
        if isinstance(exc, self.withheld_on):
            record_withheld(self.audit, actor=self.actor, role=self.role, document_id=self.document_id,
                            input_sha256=input_sha256, channel=self.channel)
