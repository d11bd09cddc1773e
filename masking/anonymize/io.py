"""Inputs and outputs of ``masking anonymize``: PDFs (and scans), plain text and JSONL in;
text, JSONL, a new text PDF or a Word document (DOCX) out.

A PDF's pages (text layer, or OCR for scanned pages, as ``masking redact`` reads them) are the
parts of one document; a JSONL record is one document whose parts are its text fields
(``--text-field``, default ``text``); a text file is one document of one part. The PDF output is
a *new* document set from the pseudonymised text (DejaVu Sans, A4), not an edited original; the
DOCX output likewise (python-docx): one paragraph per line, a page break between a document's parts
(a PDF's pages), no metadata of the input (the core properties hold a neutral title only).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..files import atomic_write
from .errors import AnonymizeInputError

PDF_SUFFIXES = frozenset({".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
DOCX_SUFFIXES = frozenset({".docx"})  # read back by deanonymize only
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FORMATS = ("text", "jsonl", "pdf", "docx")
PAGE_BREAK = "\f"


@dataclass(frozen=True)
class InputFile:
    path: Path
    kind: str  # pdf | text | jsonl


def collect_inputs(paths: Sequence[str | Path]) -> list[InputFile]:
    """The files named, and the PDF/text/JSONL/DOCX files under directories named (sorted)."""
    out: list[InputFile] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in PDF_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES | DOCX_SUFFIXES)
        elif p.is_file():
            files = [p]
        else:
            from ..errors import InputNotFoundError

            raise InputNotFoundError(f"input not found: {p.name}")
        for f in files:
            suf = f.suffix.lower()
            kind = ("pdf" if suf in PDF_SUFFIXES else "jsonl" if suf in JSONL_SUFFIXES
                    else "docx" if suf in DOCX_SUFFIXES else "text")
            out.append(InputFile(f, kind))
    return out


def read_text(path: Path) -> str:
    """A text input's content; not UTF-8 is a bad input (exit 2), never an internal error."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AnonymizeInputError(f"{path.name}: not UTF-8 text") from None


def read_jsonl(path: Path, fields: Sequence[str]) -> list[dict]:
    records = []
    # split on newlines only (as reading the file line by line did): JSON text may hold U+2028
    for lineno, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            raise AnonymizeInputError(f"{path.name} line {lineno}: not JSON") from None
        if not isinstance(rec, dict) or not any(isinstance(rec.get(k), str) for k in fields):
            raise AnonymizeInputError(f"{path.name} line {lineno}: no text field {list(fields)}")
        records.append(rec)
    return records


def text_fields(rec: dict, fields: Sequence[str]) -> list[str]:
    return [k for k in fields if isinstance(rec.get(k), str)]


def write_text(path: Path, parts: Sequence[str]) -> bytes:
    data = PAGE_BREAK.join(parts).encode("utf-8")
    atomic_write(path, data)
    return data


def write_jsonl(path: Path, records: Sequence[dict]) -> bytes:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    atomic_write(path, data)
    return data


def _wrap(raw: str, font, size: float, max_width: float) -> list[str]:  # type: ignore[no-untyped-def]
    """Lines of ``raw`` no wider than ``max_width`` as drawn (measured in the font, so nothing
    runs off the page: base64 tokens are wider than average text); a word wider than a line is
    cut where it fills the line."""
    lines: list[str] = []
    current = ""
    for word in raw.split():
        candidate = f"{current} {word}" if current else word
        if font.text_length(candidate, fontsize=size) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while font.text_length(word, fontsize=size) > max_width:
            low, high = 1, len(word)  # the longest head that fits (at least one character)
            while low < high:
                mid = (low + high + 1) // 2
                if font.text_length(word[:mid], fontsize=size) <= max_width:
                    low = mid
                else:
                    high = mid - 1
            low = _cut_inside_token(word, low)
            lines.append(word[:low])
            word = word[low:]
        current = word
    lines.append(current)
    return lines


def _cut_inside_token(word: str, fits: int) -> int:
    """Where to cut ``word`` when its first ``fits`` characters fill the line: inside an encrypted
    token if one allows it (after its ``[``, before its ``]``), where :func:`read_pdf_text` joins
    the pieces again; a cut beside a token (``…]`` | ``.``) would read back as a line break."""
    best = 0
    for m in _ANY_TOKEN.finditer(word):
        s, e = m.start(), m.end()
        if s + 1 <= fits:
            best = max(best, min(fits, e - 1))
    return best or fits


_ANY_TOKEN = re.compile(r"\[ENC:[^\]\s]*\]")


def text_pdf(parts: Sequence[str], title: str = "Pseudonymiserad text") -> bytes:
    """A new A4 PDF of the text (one part per page or more), wrapped to the page's width as drawn,
    in DejaVu Sans."""
    import pymupdf

    font = Path(__file__).resolve().parents[1] / "fonts" / "DejaVuSans.ttf"
    size, lead, margin = 10.0, 13.0, 56.0
    doc = pymupdf.open()
    width, height = pymupdf.paper_size("a4")
    per_page = int((height - 2 * margin) // lead)
    measure = pymupdf.Font(fontfile=str(font))
    for part in parts:
        lines: list[str] = []
        for raw in part.replace(PAGE_BREAK, "\n").split("\n"):
            lines.extend(_wrap(raw, measure, size, width - 2 * margin))
        for i in range(0, max(1, len(lines)), per_page):
            page = doc.new_page(width=width, height=height)
            chunk = lines[i : i + per_page]
            if chunk:
                page.insert_text((margin, margin + size), "\n".join(chunk), fontsize=size, lineheight=lead / size,
                                 fontname="dejavu", fontfile=str(font))
    doc.set_metadata({"title": title, "producer": "masking anonymize", "creator": "masking anonymize"})
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def read_pdf_text(path: Path) -> str:
    """The text a reader sees in a PDF that :func:`text_pdf` wrote (pages joined by a form feed),
    for ``masking deanonymize``: an encrypted token the writer had to break over a line (a word
    longer than the line) is joined again. Layout is the writer's (lines wrapped at 90
    characters), so the decrypted text holds the values exactly and the words, not the line
    breaks, of the original."""
    import pymupdf
    import regex

    token = regex.compile(r"\[ENC:[A-Z0-9_]+:[kul]:[A-Za-z0-9+/_-]+={0,2}\]")
    try:
        doc = pymupdf.open(str(path))
    except Exception:  # noqa: BLE001 - any unreadable file is the same answer
        raise AnonymizeInputError(f"{path.name}: not a readable PDF") from None
    try:
        pages = [page.get_text("text").rstrip("\n") for page in doc]
    finally:
        doc.close()
    out: list[str] = []
    for page in pages:
        lines = page.split("\n")
        text = lines[0]
        for line in lines[1:]:
            start = text.rfind("[")
            tail = text[start:] if start >= 0 and "]" not in text[start:] else ""
            m = token.fullmatch(tail, partial=True) if tail else None
            text += line if m is not None and m.partial else "\n" + line
        out.append(text)
    joined = out[0] if out else ""
    for page in out[1:]:  # a token broken at the foot of a page
        start = joined.rfind("[")
        tail = joined[start:] if start >= 0 and "]" not in joined[start:] else ""
        m = token.fullmatch(tail, partial=True) if tail else None
        joined += page if m is not None and m.partial else PAGE_BREAK + page
    return joined


def write_pdf(path: Path, parts: Sequence[str]) -> bytes:
    data = text_pdf(parts)
    atomic_write(path, data)
    return data


def docx_bytes(parts: Sequence[str], title: str = "Pseudonymiserad text") -> bytes:
    """A Word document of ``parts``: one paragraph per line, a page break between parts. Its core
    properties are set to a neutral title and nothing else (python-docx's template names an
    author and dates of its own)."""
    import datetime
    import io as _io

    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    props = d.core_properties
    epoch = datetime.datetime(2000, 1, 1)
    props.title, props.author, props.last_modified_by, props.comments = title, "", "", ""
    props.keywords, props.subject, props.category = "", "", ""
    props.created = props.modified = epoch
    props.last_printed = epoch
    for i, part in enumerate(parts):
        lines = part.split("\n")
        for j, line in enumerate(lines):
            para = d.add_paragraph(line)
            if i < len(parts) - 1 and j == len(lines) - 1:
                para.add_run().add_break(WD_BREAK.PAGE)
    buf = _io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def write_docx(path: Path, parts: Sequence[str]) -> bytes:
    data = docx_bytes(parts)
    atomic_write(path, data)
    return data


def read_docx_text(path: Path) -> str:
    """The text of a DOCX that :func:`docx_bytes` wrote (parts joined by a form feed), for
    ``masking deanonymize``."""
    import docx

    try:
        d = docx.Document(str(path))
    except Exception:  # noqa: BLE001 - any unreadable file is the same answer
        raise AnonymizeInputError(f"{path.name}: not a readable DOCX") from None
    parts: list[list[str]] = [[]]
    for para in d.paragraphs:
        parts[-1].append(para.text)
        if any(br.get(_W_TYPE) == "page" for br in para._p.iter(_W_BR)):
            parts.append([])
    if len(parts) > 1 and not parts[-1]:
        parts.pop()
    return PAGE_BREAK.join("\n".join(lines) for lines in parts)


_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_BR = _W_NS + "br"
_W_TYPE = _W_NS + "type"
