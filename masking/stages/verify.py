"""Stage *verify*: one interface for every check of the output (fail closed).

Input: the redacted output (:class:`~masking.stages.redact.Redacted`), the pages and what was
masked. Output: :class:`Verified` — the :class:`masking.verify.VerificationResult` and the
report's ``ocr`` section. The checks: every masked value is searched for in the output's text
layer, metadata, outline, annotations, fields, attachments and raw objects, with exactly one
revision (:func:`masking.verify.verify_pdf`); then the pixels under each masked area of every
OCR'd page (and of any page where a box overlaps an image) are read again
(:func:`masking.ocr.after_redaction`). Any finding withholds the output
(:class:`masking.errors.VerificationError`, exit 20).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..errors import VerificationError
from ..model import Detection, ManualBox, PageText
from ..ocr import OcrSettings, after_redaction
from ..verify import MaskedValue, VerificationResult, masked_values_from, verify_pdf
from .read import text_under_box
from .redact import Redacted
from .visual import CHECK as VISUAL_CHECK, VisualCheck, verify_regions


@dataclass
class Verified:
    verification: VerificationResult
    ocr_report: Optional[dict] = None  # the report's "ocr" section (no text)

    @property
    def passed(self) -> bool:
        return self.verification.passed

    def raise_if_failed(self, name: str) -> None:
        if not self.verification.passed:
            summary = "; ".join(f.describe() for f in self.verification.findings[:5])
            raise VerificationError(
                f"{name}: verification failed, output withheld: {summary}",
                findings=[f.to_dict() for f in self.verification.findings],
            )


def masked_values(
    pages: Sequence[PageText], detections: Sequence[Detection], manual_boxes: Sequence[ManualBox] = ()
) -> list[MaskedValue]:
    """What must not be extractable from the output: each detection's text, and the text under
    every box an official drew (in memory only)."""
    pairs = [(d.entity_type, pages[d.page].text[d.start : d.end]) for d in detections]
    for mb in manual_boxes:
        if 0 <= mb.page < len(pages):
            pairs.extend((mb.entity_type, w) for w in text_under_box(pages[mb.page], mb.box))
    return masked_values_from(pairs)


def verify(
    redacted: Redacted,
    pages: Sequence[PageText],
    values: Sequence[MaskedValue],
    ocr: OcrSettings,
    timings: Optional[dict[str, float]] = None,
    visual: Optional[VisualCheck] = None,
) -> Verified:
    """Text layer and objects, then pixels (see the module's description); with ``visual``, the
    ink the text layer does not explain is read and analysed (:mod:`masking.stages.visual`)."""
    verification = verify_pdf(redacted.output, values, expected_pages=redacted.output_pages)
    ocr_report = after_redaction(redacted.output, pages, redacted.areas, verification, ocr, timings)
    if visual is not None:
        found = verify_regions(redacted.output, pages, visual)
        verification.checks.append(VISUAL_CHECK)
        if found:
            verification.findings.extend(found)
            verification.passed = False
    return Verified(verification, ocr_report)
