"""The library's facade: :class:`Masker` (load once, mask many documents).

A document goes through the stages of :mod:`masking.stages` (intake → read → detect → decide →
redact → verify → record) by :func:`masking.stages.run`; :class:`Masker` holds what a run needs
besides the document (policy, analyzer, limits, OCR settings) and keeps the public API:
:meth:`Masker.mask_file`, :meth:`Masker.mask_bytes`, :meth:`Masker.detect`.

Fail closed: the output is released only after verification confirms that no masked value can
be extracted; otherwise :class:`~masking.errors.VerificationError` is raised and nothing is
written. The input is read once and never modified.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pymupdf

from .model import Detection, PageText
from .stages.detect import detect_page
from .stages.intake import Source, intake
from .stages.read import check_page_content, read, text_under_box
from .stages.redact import atomic_write
from .stages.run import Result, Setup, build_report, run, run_many

MaskingResult = Result  # the name the library has used

__all__ = ["Masker", "MaskingResult", "atomic_write", "build_report", "check_page_content", "text_under_box"]


class Masker(Setup):
    """Masks personal data in PDFs according to a policy. Reuse one instance per process.

    ``Masker(policy=None, analyzer=None, analyzer_config=None, limits=DEFAULT_LIMITS, ocr=None)``
    """

    def analyze_page(self, page: PageText) -> list[Detection]:
        """All analyzer detections on a page at or above the policy's lowest threshold."""
        return detect_page(self.analyzer, page, self.decider)

    def detect(
        self,
        pages: Sequence[PageText],
        include_review: bool = False,
        deny_list: Sequence[str] = (),
    ) -> list[Detection]:
        """Detections to mask: the analyzer's findings decided by the policy
        (:meth:`masking.stages.decide.Decider.decide`: thresholds, allow/deny lists, protected
        identity, every occurrence of a masked value)."""
        found = [self.analyze_page(page) for page in pages]
        return self.decider.decide(pages, found, include_review=include_review, deny_list=deny_list)

    def open_document(self, data: bytes | Path, name: str = "input") -> tuple[pymupdf.Document, list[PageText]]:
        """Stages *intake* and *read*: the open, normalised document and its pages' text. The
        caller closes the document."""
        opened = intake(Source.of(data, name), self.limits)
        try:
            pages = read(opened, self.ocr, keep_glyphs=True)  # the caller may close the document first
        except BaseException:
            opened.close()
            raise
        return opened.doc, pages

    def mask_bytes(self, data: bytes, name: str = "input") -> Result:
        """Automatic mode: every detection at or above the policy's threshold is masked."""
        return run(data, self, name=name)  # type: ignore[return-value]

    def mask_many(self, items: Iterable[bytes | Path]) -> Iterator[Result]:
        """Automatic mode for a run of documents (PDF or image bytes, or files' paths), one
        result each, in order, output in memory: as :meth:`mask_bytes` one by one, except that
        the next document's OCR runs while this one is analysed, redacted and verified
        (:func:`masking.stages.run.run_many`). A document that fails raises its error in its turn."""
        return run_many(items, self)

    def mask_file(
        self, in_path: str | Path, out_path: str | Path, report_path: str | Path | None = None
    ) -> Result:
        """Mask the file ``in_path`` into ``out_path`` (written only after verification passed,
        under a temporary name, then renamed). The input is opened from its file, not read into
        memory, and hashed block by block; a document with scanned pages is written to
        ``out_path`` chunk by chunk and the result's ``output`` is empty, so memory does not grow
        with the page count."""
        return run(Path(in_path), self, sink=out_path, report_path=report_path)  # type: ignore[return-value]
