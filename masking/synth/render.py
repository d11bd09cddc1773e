"""Render a :class:`~masking.synth.model.SynthDoc` to PDF with PyMuPDF.

Each page's text is drawn line by line exactly as in ``doc.pages[i]`` (so the text extracted
from the PDF matches the ground truth), with the embedded DejaVu Sans fonts. Table rows (cells
joined by a tab in the page text) are drawn cell by cell inside real vector grid lines. The
document information (title/author) and the outline come from the document; in some documents
they contain a person's name on purpose, a realistic leak that masking must clean.
"""

from __future__ import annotations

import pymupdf

from .layout import (
    CELL_PADDING,
    CELL_SEPARATOR,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    STYLES,
    TEXT_WIDTH,
    Style,
    font_bytes,
    text_width,
)
from .model import SynthDoc

_FONT_NAMES = {False: "DejaVuSans", True: "DejaVuSans-Bold"}
_HEADER_FILL = (0.88, 0.88, 0.88)


def _baseline(top: float, style: Style, size: float | None = None) -> float:
    size = size or style.size
    return top + (style.leading - size) / 2 + size * 0.82


def _draw_text(page: pymupdf.Page, x: float, y: float, text: str, style: Style, size: float) -> None:
    if text:
        page.insert_text((x, y), text, fontname=_FONT_NAMES[style.bold], fontsize=size)


def _table_block(page: pymupdf.Page, rows: list[tuple[str, Style]], top: float) -> float:
    """Draw consecutive table rows with grid lines; returns the y below the block."""
    cells = [text.split(CELL_SEPARATOR) for text, _ in rows]
    ncols = max(len(c) for c in cells)
    widths = [0.0] * ncols
    for row, (_, style) in zip(cells, rows):
        for j, cell in enumerate(row):
            widths[j] = max(widths[j], text_width(cell, style) + 2 * CELL_PADDING)
    total = sum(widths)
    scale = min(1.0, TEXT_WIDTH / total) if total else 1.0
    if scale < 1.0:
        widths = [w * scale for w in widths]
    else:  # spread the spare width over the columns
        spare = (TEXT_WIDTH - total) / ncols
        widths = [w + spare for w in widths]
    y = top
    for row, (_, style) in zip(cells, rows):
        height = style.leading
        size = style.size * scale
        x = MARGIN_LEFT
        for j in range(ncols):
            rect = pymupdf.Rect(x, y, x + widths[j], y + height)
            page.draw_rect(rect, color=(0, 0, 0), fill=_HEADER_FILL if style.bold else None, width=0.6)
            if j < len(row):
                _draw_text(page, x + CELL_PADDING * scale, _baseline(y, style, size), row[j], style, size)
            x += widths[j]
        y += height
    return y


def _draw_page(page: pymupdf.Page, text: str, styles: list[str]) -> None:
    lines = text.split("\n")
    if len(styles) != len(lines):
        styles = ["normal"] * len(lines)
    footer_height = sum(STYLES[s].leading for s in styles if STYLES[s].footer)
    footer_y = PAGE_HEIGHT - MARGIN_BOTTOM - footer_height
    y = MARGIN_TOP
    i = 0
    while i < len(lines):
        style = STYLES[styles[i]]
        if style.table:
            block: list[tuple[str, Style]] = []
            while i < len(lines) and STYLES[styles[i]].table:
                block.append((lines[i], STYLES[styles[i]]))
                i += 1
            y = _table_block(page, block, y)
            continue
        if style.footer:
            _draw_text(page, MARGIN_LEFT, _baseline(footer_y, style), lines[i], style, style.size)
            page.draw_line((MARGIN_LEFT, footer_y - 2), (PAGE_WIDTH - MARGIN_RIGHT, footer_y - 2),
                           color=(0.5, 0.5, 0.5), width=0.4)
            footer_y += style.leading
        else:
            x = MARGIN_LEFT
            if style.align == "right":
                x = PAGE_WIDTH - MARGIN_RIGHT - text_width(lines[i], style)
            _draw_text(page, x, _baseline(y, style), lines[i], style, style.size)
            y += style.leading
        i += 1


def render_pdf(doc: SynthDoc) -> bytes:
    """The document as an A4 PDF (fonts embedded and subset, metadata and outline set)."""
    pdf = pymupdf.open()
    try:
        for i, text in enumerate(doc.pages):
            page = pdf.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
            for bold, name in _FONT_NAMES.items():
                page.insert_font(fontname=name, fontbuffer=font_bytes(bold))
            styles = doc.styles[i] if i < len(doc.styles) else []
            _draw_page(page, text, styles)
        metadata = {"title": "", "author": "", "subject": "", "keywords": "", "creator": "masking.synth",
                    "producer": "masking.synth (PyMuPDF)"}
        metadata.update({k: v for k, v in doc.metadata.items() if k in metadata})
        pdf.set_metadata(metadata)
        if doc.outline:
            pdf.set_toc([[level, title, min(max(page, 1), len(doc.pages))] for level, title, page in doc.outline])
        pdf.subset_fonts()
        return pdf.tobytes(garbage=4, deflate=True, use_objstms=1)
    finally:
        pdf.close()
