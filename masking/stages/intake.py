"""Stage *intake*: open and classify a document, within limits.

Input: a :class:`Source` (PDF or image bytes, or the path of a file). Output: an :class:`Opened`
document, normalised for redaction (:func:`masking.pdf.prepare_for_redaction`): images
(TIFF/PNG/JPEG) have become image-only PDF pages, encrypted/corrupt/empty inputs and inputs over
a limit are typed errors. Whether each page is read from its text layer or by OCR is decided by
stage *read*, page by page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pymupdf

from ..errors import MaskingError
from ..ocr import as_pdf
from ..pdf import DEFAULT_LIMITS, Limits, check_input, open_pdf, prepare_for_redaction, sha256_bytes, sha256_file


@dataclass(frozen=True)
class Source:
    """What is to be masked: bytes, or a file read by MuPDF as it needs it (never whole)."""

    data: bytes | Path
    name: str = "input"

    @classmethod
    def of(cls, source: "Source | bytes | str | Path", name: Optional[str] = None) -> "Source":
        if isinstance(source, Source):
            return source
        if isinstance(source, (bytes, bytearray, memoryview)):
            return cls(bytes(source), name or "input")
        path = Path(source)
        return cls(path, name or path.name)

    @property
    def path(self) -> Optional[Path]:
        return self.data if isinstance(self.data, Path) else None

    def sha256(self) -> str:
        """The input's SHA-256 (a file is hashed block by block)."""
        return sha256_file(self.data) if isinstance(self.data, Path) else sha256_bytes(self.data)

    def size(self) -> int:
        return self.data.stat().st_size if isinstance(self.data, Path) else len(self.data)

    def check(self, limits: Limits = DEFAULT_LIMITS) -> None:
        """A file must exist, be regular, non-empty and within the size limit (bytes are checked
        when opened)."""
        if isinstance(self.data, Path):
            check_input(self.data, limits)

    def state(self) -> Optional[tuple[int, int]]:
        """Size and modification time of a file source (None for bytes): to notice a file that
        changed while it was read."""
        if not isinstance(self.data, Path):
            return None
        st = self.data.stat()
        return st.st_size, st.st_mtime_ns

    def check_unchanged(self, before: Optional[tuple[int, int]]) -> None:
        if before is not None and self.state() != before:
            raise MaskingError(f"{self.name}: the input changed while it was read")


@dataclass
class Opened:
    """An opened, normalised document. ``doc`` is changed in place by stage *redact* (scanned
    documents are redacted in copies)."""

    source: Source
    doc: pymupdf.Document

    @property
    def page_count(self) -> int:
        return self.doc.page_count

    def close(self) -> None:
        self.doc.close()


def intake(source: Source, limits: Limits = DEFAULT_LIMITS) -> Opened:
    """Open ``source`` as a PDF (images become image-only PDF pages) and normalise it for
    redaction (optional content on, annotations and fields baked in, off-page content clipped)."""
    doc = open_pdf(as_pdf(source.data, source.name, limits), name=source.name, limits=limits)
    try:
        prepare_for_redaction(doc)
    except BaseException:
        doc.close()
        raise
    return Opened(source, doc)
