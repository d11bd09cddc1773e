"""Lay out and draw an :class:`~masking.indep.doc.IndepDoc` as a PDF (its own layout engine).

Fonts vary per document: DejaVu Sans (shipped in ``masking/fonts``), DejaVu Sans Condensed, and
Liberation Sans / Serif where installed (their hyphen and space come out of PDF text extraction
as soft hyphen and no-break space, as in PDFs made by office software). Paragraphs are wrapped
to the text width, fields drawn at two tab stops, tables inside grid lines, and ``cols`` blocks as
two columns side by side. A page that does not fit is drawn again with a smaller font.
"""

from __future__ import annotations

import pymupdf

from .doc import Block, IndepDoc
from .fonts import FONT_FILES, _font, available_fonts

W, H = 595.0, 842.0
ML, MR, MT, MB = 62.0, 56.0, 60.0, 60.0
TW = W - ML - MR
class _Painter:
    def __init__(self, page: pymupdf.Page | None, font: str, scale: float) -> None:
        self.page = page
        reg, bold = FONT_FILES[font if font in available_fonts() else "dejavu"]
        self.files = {False: str(reg), True: str(bold)}
        self.names = {False: "IndepR", True: "IndepB"}
        self.scale = scale
        if page is not None:
            for b, name in self.names.items():
                page.insert_font(fontname=name, fontfile=self.files[b])

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return _font(self.files[bold]).text_length(text, fontsize=size)

    def text(self, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
        if self.page is not None and text.strip():
            self.page.insert_text((x, y), text, fontname=self.names[bold], fontsize=size)

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        out: list[str] = []
        for hard in text.split("\n"):
            words = hard.split(" ")
            cur = ""
            for word in words:
                cand = word if not cur else cur + " " + word
                if cur and self.width(cand, size, bold) > width:
                    out.append(cur)
                    cur = word
                else:
                    cur = cand
            out.append(cur)
        return out

    def paras(self, blocks: list[Block], x: float, y: float, width: float) -> float:
        for b in blocks:
            size = b.size * self.scale
            lead = size * 1.32
            for line in self.wrap(b.frag.text, width - b.indent, size, b.bold):
                self.text(x + b.indent, y + size, line, size, b.bold)
                y += lead
            y += lead * (0.45 if b.bold else 0.25)
        return y

    def block(self, b: Block, y: float) -> float:
        s = self.scale
        if b.kind == "para":
            return self.paras([b], ML, y, TW)
        if b.kind == "field":
            size = b.size * s
            tab = 150.0
            label_lines = self.wrap(b.label, tab - 8, size, True)
            value_lines = self.wrap(b.frag.text, TW - tab, size)
            for i in range(max(len(label_lines), len(value_lines))):
                if i < len(label_lines):
                    self.text(ML, y + size, label_lines[i], size, True)
                if i < len(value_lines):
                    self.text(ML + tab, y + size, value_lines[i], size)
                y += size * 1.35
            return y + size * 0.2
        if b.kind == "rule":
            if self.page is not None:
                self.page.draw_line((ML, y + 4), (W - MR, y + 4), color=(0.3, 0.3, 0.3), width=0.5)
            return y + 10
        if b.kind == "cols":
            gutter = 18.0
            cw = (TW - gutter) / 2
            y1 = self.paras(b.left, ML, y, cw)
            y2 = self.paras(b.right, ML + cw + gutter, y, cw)
            return max(y1, y2) + 4
        if b.kind == "table":
            ncols = max(len(r) for r in b.rows)
            size = 9.0 * s
            pad = 3.0
            natural = [0.0] * ncols
            for r in b.rows:
                for j, c in enumerate(r):
                    longest = max((self.width(part, size, b.header) for part in c.text.split("\n")), default=0)
                    natural[j] = max(natural[j], longest + 2 * pad)
            total = sum(natural)
            widths = [w * TW / total for w in natural] if total > TW else [w + (TW - total) / ncols for w in natural]
            for i, r in enumerate(b.rows):
                bold = b.header and i == 0
                cells = [self.wrap(c.text, widths[j] - 2 * pad, size, bold) for j, c in enumerate(r)]
                nlines = max(len(c) for c in cells)
                h = nlines * size * 1.3 + 2 * pad
                x = ML
                for j in range(ncols):
                    if self.page is not None:
                        rect = pymupdf.Rect(x, y, x + widths[j], y + h)
                        self.page.draw_rect(rect, color=(0, 0, 0), width=0.5, fill=(0.9, 0.9, 0.9) if bold else None)
                    if j < len(cells):
                        for k, line in enumerate(cells[j]):
                            self.text(x + pad, y + pad + size * (1 + 1.3 * k) - size * 0.15, line, size, bold)
                    x += widths[j]
                y += h
            return y + 6
        return y


def _draw(page: pymupdf.Page | None, blocks: list[Block], font: str, scale: float) -> float:
    p = _Painter(page, font, scale)
    y = MT
    for b in blocks:
        y = p.block(b, y)
    return y


def render_pdf(doc: IndepDoc) -> bytes:
    pdf = pymupdf.open()
    try:
        for blocks in doc.blocks:
            scale = 1.0
            while scale > 0.55 and _draw(None, blocks, doc.font, scale) > H - MB:
                scale -= 0.05
            page = pdf.new_page(width=W, height=H)
            _draw(page, blocks, doc.font, scale)
        meta = {"title": "", "author": "", "subject": "", "keywords": "", "creator": "Microsoft Word",
                "producer": "masking.indep"}
        meta.update({k: v for k, v in doc.metadata.items() if k in meta})
        pdf.set_metadata(meta)
        pdf.subset_fonts()
        return pdf.tobytes(garbage=4, deflate=True)
    finally:
        pdf.close()
