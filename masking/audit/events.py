"""Audit events of a masking run (``masking redact``, ``masking batch``, the service, applying
a reviewed plan).

A run records the same facts in up to three events: ``analysis`` (how many detections),
``application`` (every masked area: page, box, type, ground, detector, score, decided by
``auto`` or the official) and ``verification`` (passed, how many checks). The record stage
(:mod:`masking.stages.record`) decides which a channel writes; this module depends on nothing
above the audit package.

:class:`AutomaticMasking` is the plain, picklable summary of one masked document, built from a
:class:`~masking.pipeline.MaskingResult` where the work was done (a batch worker, possibly on
another machine) and recorded where the audit log is open (the process that runs the job). It
holds no text of the document: the areas carry boxes and types only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .model import AuditArea

# page (0-based), box, type, ground, detector, score, decided by
AreaTuple = tuple[int, tuple[float, float, float, float], str, Optional[str], str, float, str]


@dataclass(frozen=True)
class AutomaticMasking:
    """What an audit log needs to know about one automatically masked document."""

    input_sha256: str
    output_sha256: str
    pages: int
    detections: int
    policy: dict[str, Any]  # name, sha256, version
    model: dict[str, Any]  # name, version
    verification_passed: bool
    checks: int
    areas: tuple[AreaTuple, ...] = field(default=())
    ocr_used: bool = False

    @classmethod
    def from_result(cls, result: Any) -> "AutomaticMasking":
        """From a :class:`masking.pipeline.MaskingResult` (its report and masked areas)."""
        rep = result.report
        pol = rep.get("policy") or {}
        mod = rep.get("model") or {}
        return cls(
            input_sha256=rep["input"]["sha256"],
            output_sha256=rep["output"]["sha256"],
            pages=int(rep["input"]["pages"]),
            detections=int(rep.get("summary", {}).get("detections", 0)),
            policy={k: pol[k] for k in ("name", "sha256", "version") if pol.get(k) is not None},
            model={k: str(mod[k]) for k in ("name", "version") if mod.get(k) is not None},
            verification_passed=bool(result.verification.passed),
            checks=len(result.verification.checks),
            areas=tuple(
                (a.page, tuple(float(v) for v in a.box), a.entity_type, a.ground, a.recognizer, float(a.score),
                 getattr(a, "decided_by", None) or "auto")
                for a in result.areas
            ),
            ocr_used=bool(rep.get("ocr")),
        )

    def audit_areas(self) -> list[AuditArea]:
        return [
            AuditArea(page=p + 1, box=box, type=t, ground=g, detector=d, score=min(1.0, max(0.0, s)),
                      decided_by=by, decision="masked")
            for p, box, t, g, d, s, by in self.areas
        ]

    def record(self, audit: Any, *, actor: str, role: str, document_id: str, channel: Optional[str],
               analysis: bool = True) -> None:
        """Write the analysis (unless ``analysis`` is false: the review flow recorded it when the
        plan was made), application and verification events for this document."""
        common = dict(actor=actor, role=role, document_id=document_id, input_sha256=self.input_sha256,
                      policy=self.policy or None, model=self.model or None)
        via = {"channel": channel} if channel else {}
        if analysis:
            audit.record("analysis", **common, details={
                "detections": self.detections, "pages": self.pages, **via, "ocr_used": self.ocr_used})
        audit.record("application", **common, output_sha256=self.output_sha256, areas=self.audit_areas(),
                     details={"masked_areas": len(self.areas), "pages": self.pages, **via})
        audit.record("verification", **common, output_sha256=self.output_sha256, details={
            "verification_passed": self.verification_passed, "checks": self.checks, **via})


def record_withheld(audit: Any, *, actor: str, role: str, document_id: str, input_sha256: Optional[str],
                    channel: Optional[str]) -> None:
    """An output that failed verification and was not written (fail closed)."""
    via = {"channel": channel} if channel else {}
    audit.record("verification", actor=actor, role=role, document_id=document_id, input_sha256=input_sha256,
                 details={"verification_passed": False, "outcome": "withheld", **via})
