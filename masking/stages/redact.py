"""Stage *redact*: one interface for text and scanned pages.

Input: the opened document, its pages, what is masked (:class:`masking.model.Detection`s and
boxes drawn by an official, :class:`masking.model.ManualBox`) and the policy (grounds, style).
Output: :class:`Redacted` — the sanitised output (bytes, or a temporary file for a document with
scanned pages) and the masked areas (:class:`masking.model.MaskedArea`).

Text documents are redacted in place and saved to bytes (:func:`masking.redact.redact_document`);
documents with OCR'd pages chunk by chunk into a file beside the final output
(:func:`masking.ocr.redaction.redact_scanned_to_file`), so a long scan is never held whole. Both
use the same :func:`masking.redact.redact_page`. Scanned pages get their searchable layer (the
OCR words that remain) first; the maskeringsförteckning can be appended as the last page(s).
Nothing here is released: stage *verify* decides that.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import pymupdf

from ..disclosure import append_pdf, build_masking_list, masking_list_pdf
from ..files import atomic_write  # noqa: F401  (re-exported: run, pipeline)
from ..model import Detection, ManualBox, MaskedArea, PageText
from ..ocr import OcrSettings, before_redaction, has_ocr_pages
from ..ocr.redaction import redact_scanned_to_file, temp_path_beside
from ..pdf import forget_drawn
from ..policy import Policy
from ..redact import redact_document, save_bytes
from .intake import Opened


@dataclass
class Redacted:
    output: bytes | Path  # a Path is a temporary file: removed by discard(), or renamed by release_to()
    areas: list[MaskedArea]
    input_pages: int
    output_pages: int  # with the appended maskeringsförteckning, if any
    listing: Optional[dict] = None  # the maskeringsförteckning (no content), when appended
    document_id: Optional[str] = None  # named in the maskeringsförteckning

    @property
    def in_file(self) -> bool:
        return isinstance(self.output, Path)

    def discard(self) -> None:
        """Remove the temporary file of a withheld or failed output (nothing of it stays)."""
        if isinstance(self.output, Path):
            try:
                self.output.unlink()
            except FileNotFoundError:
                pass

    def release_to(self, path: Optional[Path]) -> tuple[bytes, Optional[Path]]:
        """After verification passed: a temporary file takes ``path``'s name (then the bytes are
        empty), or is read and removed; bytes stay bytes."""
        if not isinstance(self.output, Path):
            return self.output, None
        if path is not None:
            fsync(self.output)
            os.replace(self.output, path)
            return b"", Path(path)
        data = self.output.read_bytes()
        self.output.unlink()
        return data, None


def redact(
    opened: Opened,
    pages: Sequence[PageText],
    detections: Sequence[Detection],
    policy: Policy,
    ocr: OcrSettings,
    *,
    manual_boxes: Sequence[ManualBox] = (),
    beside: Optional[Path] = None,
    append_list: bool = False,
    document_id: Optional[str] = None,
) -> Redacted:
    """Redact (see the module's description). A document with scanned pages is written to a
    temporary file beside ``beside`` (the final output's path, so it is renamed, not copied)."""
    doc = opened.doc
    forget_drawn(doc)  # the pages change from here on
    before_redaction(doc, pages, detections, manual_boxes, ocr)  # searchable layer of scans
    output: bytes | Path
    if has_ocr_pages(pages):  # scans: chunk by chunk into a file, never whole in memory
        output = temp_path_beside(Path(beside) if beside else None)
        try:
            areas = redact_scanned_to_file(doc, pages, detections, policy, manual_boxes, path=output)
        except BaseException:
            output.unlink(missing_ok=True)
            raise
    else:
        output, areas = redact_document(doc, pages, detections, policy, manual_boxes=manual_boxes)
    result = Redacted(output, areas, doc.page_count, doc.page_count, document_id=document_id)
    if append_list:  # the maskeringsförteckning as the last page(s), verified with the rest
        try:
            sizes = {p.number: (p.width, p.height, p.rotation) for p in pages}
            result.listing = build_masking_list(areas, policy, document_id=document_id, page_sizes=sizes)
            extra = masking_list_pdf(result.listing)
            if isinstance(output, Path):
                append_file(output, extra)
            else:
                result.output = append_pdf(output, extra)
            result.output_pages = _page_count(result.output)
        except BaseException:
            result.discard()
            raise
    return result


def redact_more(redacted: Redacted, boxes: Sequence[ManualBox], pages: Sequence[PageText], policy: Policy
                ) -> list[MaskedArea]:
    """Another masking round on the output itself (stage *verify* still read personal data in
    it): ``boxes`` are redacted as drawn boxes are (pixels, glyphs, touched line art), the output
    sanitised and rewritten in place (bytes, or its temporary file); a maskeringsförteckning is
    rebuilt with every area. Returns the new areas (also added to ``redacted.areas``)."""
    from ..redact import by_page, redact_page, sanitized_copy, save_file

    if isinstance(redacted.output, Path):
        doc = pymupdf.open(str(redacted.output), filetype="pdf")
    else:
        doc = pymupdf.open(stream=redacted.output, filetype="pdf")
    new: list[MaskedArea] = []
    try:
        if redacted.listing is not None and doc.page_count > redacted.input_pages:
            doc.delete_pages(range(redacted.input_pages, doc.page_count))  # rebuilt below
        _, per_page = by_page((), boxes, redacted.input_pages)
        for pno, page_boxes in sorted(per_page.items()):
            stub = PageText(pno, pages[pno].width, pages[pno].height, pages[pno].rotation, "", [], [])
            new.extend(redact_page(doc[pno], stub, (), policy, page_boxes))
        clean = sanitized_copy(doc)
    finally:
        doc.close()
    try:
        if isinstance(redacted.output, Path):
            tmp = temp_path_beside(redacted.output)
            try:
                save_file(clean, tmp)
                os.replace(tmp, redacted.output)
            finally:
                tmp.unlink(missing_ok=True)
        else:
            redacted.output = save_bytes(clean)
    finally:
        clean.close()
    redacted.areas.extend(new)
    if redacted.listing is not None:
        heights = {p.number: p.height for p in pages}
        redacted.listing = build_masking_list(redacted.areas, policy, document_id=redacted.document_id,
                                              page_heights=heights)
        extra = masking_list_pdf(redacted.listing)
        if isinstance(redacted.output, Path):
            append_file(redacted.output, extra)
        else:
            redacted.output = append_pdf(redacted.output, extra)
        redacted.output_pages = _page_count(redacted.output)
    return new


def rename_fonts(redacted: Redacted, xrefs: Sequence[int]) -> None:
    """Replace the names that the font objects ``xrefs`` of the output give their font
    (``/BaseFont``, ``/FontName``, ``/FontFamily``) by neutral ones, the same old name by the same
    new one (a subset prefix kept), so a masked value in a font's name is removed; the font
    program, which draws the glyphs, is kept. The output is rewritten in place."""
    from ..redact import SAVE_OPTIONS

    if isinstance(redacted.output, Path):
        doc = pymupdf.open(str(redacted.output), filetype="pdf")
    else:
        doc = pymupdf.open(stream=redacted.output, filetype="pdf")
    try:
        renamed: dict[str, str] = {}
        for xref in xrefs:
            for key in ("BaseFont", "FontName"):
                kind, val = doc.xref_get_key(xref, key)
                if kind == "name":
                    prefix, _, base = val.lstrip("/").rpartition("+")
                    new = renamed.setdefault(base, f"MaskedFont{len(renamed) + 1}")
                    doc.xref_set_key(xref, key, "/" + (f"{prefix}+{new}" if prefix else new))
            if doc.xref_get_key(xref, "FontFamily")[0] == "string":
                doc.xref_set_key(xref, "FontFamily", "(MaskedFont)")
        if isinstance(redacted.output, Path):
            tmp = temp_path_beside(redacted.output)
            try:
                doc.save(str(tmp), **SAVE_OPTIONS)
                os.replace(tmp, redacted.output)
            finally:
                tmp.unlink(missing_ok=True)
        else:
            redacted.output = doc.tobytes(**SAVE_OPTIONS)
    finally:
        doc.close()


def _page_count(output: bytes | Path) -> int:
    if isinstance(output, Path):
        with pymupdf.open(str(output), filetype="pdf") as d:
            return d.page_count
    with pymupdf.open(stream=output, filetype="pdf") as d:
        return d.page_count


def append_file(path: Path, extra: bytes) -> None:
    """Append the pages of ``extra`` to the PDF file ``path``: a full rewrite as in
    :func:`masking.disclosure.append_pdf`, but from the file, so the document is not loaded
    whole (its pages' content is clean already; the appended pages are cleaned on their own)."""
    with pymupdf.open(stream=extra, filetype="pdf") as add:
        extra = save_bytes(add)  # fonts subset, content cleaned
    tmp = temp_path_beside(path)
    try:
        with pymupdf.open(str(path)) as doc, pymupdf.open(stream=extra, filetype="pdf") as add:
            doc.insert_pdf(add)
            doc.save(str(tmp), garbage=4, deflate=True, no_new_id=False)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
