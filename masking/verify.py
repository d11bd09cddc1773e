"""Fail-closed verification of a redacted PDF.

The written bytes are re-opened and every masked value (held in memory only) is searched for in
every place a reader or extractor could find it: the text layer (all optional content on, no
crop), document metadata and XMP, the outline, page labels, annotations and form fields,
embedded files, and the raw objects and decoded streams. The document must also be a single
revision and carry no annotations, widgets, attachments or JavaScript. Findings name the check,
the page and the entity type, never the value.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

import pymupdf

from recognizers.names.common import name_needs_capital, name_skip

from .pdf import Objects, page_texts, show_all_optional_content
from .textmatch import SqueezedText, find_occurrences, normalise_value

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MaskedValue:
    """A value that must not be extractable from the output (kept in memory only)."""

    key: str  # normalise_value(...) of the value
    entity_type: str
    surface_forms: tuple[str, ...] = ()  # as written in the input, for the raw-object scan

    @property
    def is_name(self) -> bool:
        return self.entity_type == "PERSON"

    @property
    def require_capital(self) -> bool:
        return self.is_name and name_needs_capital(self.key, self.surface_forms)  # as stage decide

    @property
    def skip(self) -> Optional[Callable[[str, int, int], bool]]:
        """Occurrences that are not this value (a car make before a model, a name in an
        institution's hyphenated name: :func:`recognizers.names.common.name_skip`)."""
        return name_skip(self.key) if self.is_name else None  # as stage decide

    def occurrences(self, sq: SqueezedText) -> list[tuple[int, int]]:
        """Where this value occurs in ``sq``: the matching rules of stage *decide*."""
        if self.key not in sq.squeezed:
            return []
        return find_occurrences(
            sq, self.key, allow_genitive=self.is_name, require_capital=self.require_capital, skip=self.skip
        )


@dataclass
class Finding:
    check: str
    entity_type: str
    page: Optional[int] = None  # 1-based
    detail: str = ""
    font_xref: Optional[int] = field(default=None, compare=False)  # a font's name holds the value

    def to_dict(self) -> dict:
        return {"check": self.check, "type": self.entity_type, "page": self.page, "detail": self.detail}

    def describe(self) -> str:
        where = f" on page {self.page}" if self.page else ""
        if self.entity_type == "document":  # about the document, not a masked value: say what
            return f"{self.check}{where}: {self.detail or 'failed'}"
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.check}: a masked {self.entity_type} value is still extractable{where}{extra}"


@dataclass
class VerificationResult:
    passed: bool
    findings: list[Finding] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    rounds: int = 1  # masking rounds before this result (stage verify may mask and check again)

    def to_dict(self) -> dict:
        return {
            "passed": self.passed,
            "checks": self.checks,
            "findings": [f.to_dict() for f in self.findings],
            "rounds": self.rounds,
        }


def values_in_text(text: str, values: Iterable[MaskedValue]) -> list[MaskedValue]:
    """The values that occur in ``text`` (same matching rules as masking)."""
    if not text:
        return []
    sq = SqueezedText.of(text)
    return [v for v in values if v.occurrences(sq)]


def document_strings(doc: pymupdf.Document) -> list[tuple[str, Optional[int], str]]:
    """(check name, page, string) for every document-level string a reader can see."""
    out: list[tuple[str, Optional[int], str]] = []
    for k, v in (doc.metadata or {}).items():
        if v:
            out.append(("metadata", None, str(v)))
    try:
        xmp = doc.get_xml_metadata()
        if xmp:
            out.append(("xmp", None, xmp))
    except Exception:
        pass
    try:
        for item in doc.get_toc(simple=True):
            out.append(("outline", None, str(item[1])))
    except Exception:
        pass
    try:
        for rule in doc.get_page_labels() or []:
            out.append(("page_labels", None, str(rule.get("prefix", ""))))
    except Exception:
        pass
    for page in doc:
        for annot in page.annots() or []:
            info = annot.info or {}
            for key in ("content", "title", "subject"):
                if info.get(key):
                    out.append(("annotation", page.number + 1, str(info[key])))
        for w in page.widgets() or []:
            for s in (w.field_value, w.field_label, w.field_name):
                if s:
                    out.append(("form_field", page.number + 1, str(s)))
    try:
        for i in range(doc.embfile_count()):
            info = doc.embfile_info(i)
            for key in ("filename", "ufilename", "desc", "description"):
                if info.get(key):
                    out.append(("attachment", None, str(info[key])))
            try:
                out.append(("attachment", None, doc.embfile_get(i).decode("utf-8", "replace")))
            except Exception:
                pass
    except Exception:
        pass
    return out


_SKIP_CONTEXT = 40  # bytes after a raw match that MaskedValue.skip reads (a car model)


class _RawScanner:
    """Finds masked values in raw PDF objects (dictionaries and decompressed streams).

    Plain encodings (UTF-8, Latin-1) must stand at word boundaries, so a masked ``Anna`` is not
    found inside a surviving ``Annan``; hex forms (how PyMuPDF writes simple-font text) are used
    only for forms of 8+ characters, where a chance match inside another word is negligible.
    Matching is ASCII case-insensitive (the blob is lower-cased once) and uses plain substring
    search per form, which is far faster than one large regex alternation on big streams; a
    name that matches only capitalised (:attr:`MaskedValue.require_capital`) is not found where
    it starts with an ASCII lower-case letter, nor where :attr:`MaskedValue.skip` says it is not
    the value, as in the text-layer check.
    """

    def __init__(self, values: Iterable[MaskedValue]) -> None:
        self.plain: dict[bytes, MaskedValue] = {}
        self.hexes: dict[bytes, MaskedValue] = {}
        for v in values:
            for form in v.surface_forms:
                form = form.strip()
                if len(form) < 4:
                    continue
                for enc in ("utf-8", "latin-1"):
                    try:
                        self.plain.setdefault(form.encode(enc).lower(), v)
                    except UnicodeEncodeError:
                        continue
                if len(form) >= 8:
                    for enc in ("latin-1", "utf-16-be"):
                        try:
                            self.hexes.setdefault(form.encode(enc).hex().encode("ascii"), v)
                        except UnicodeEncodeError:
                            continue

    @property
    def empty(self) -> bool:
        return not self.plain and not self.hexes

    def find(self, blob: bytes) -> Optional[MaskedValue]:
        if not blob:
            return None
        low = blob.lower()
        for form, v in self.plain.items():
            i = low.find(form)
            while i >= 0:
                j = i + len(form)
                if (i == 0 or not _word_byte(low[i - 1])) and (j >= len(low) or not _word_byte(low[j])):
                    if not (v.require_capital and 0x61 <= blob[i] <= 0x7A) and not (  # vinter is not Vinter
                        v.skip is not None and v.skip(blob[i : j + _SKIP_CONTEXT].decode("latin-1"), 0, j - i)
                    ):  # nor is the Ford of 'Ford Focus' the name Ford
                        return v
                i = low.find(form, i + 1)
        for form, v in self.hexes.items():
            if form in low:
                return v
        return None


# Search scope of the raw-object scan (#13 item 5). Streams that hold no text a reader can find
# are not searched: font programs (a font's name table says "Bitstream Vera", "Times", "Arial";
# glyph names), CID sets and ICC profiles; nor the names a font dictionary gives its font
# (/BaseFont /Times-Roman, /FontName, /FontFamily): a masked "Vera" or "Times" is no leak there
# (font names are searched only for identifiers and values of two words or more: _font_name_keys).
# Image samples are checked by their pixels (OCR), not as bytes. Everything else is searched:
# every dictionary's strings, content streams, XMP, ToUnicode maps, embedded files.
_NOT_TEXT_REF = re.compile(rb"/(?:FontFile[23]?|CIDSet|ICCBased|DestOutputProfile)\s+(\d+)\s+\d+\s+R")
_FONT_DICT = re.compile(rb"/Type\s*/(?:Font|FontDescriptor)(?![A-Za-z])")
_FONT_NAMES = re.compile(
    rb"(/(?:BaseFont|FontName))\s*/[^\s/\[\]<>(){}%]*"
    rb"|(/FontFamily)\s*(?:\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)"
)


def _has_javascript(doc: pymupdf.Document) -> bool:
    """Whether any object is a JavaScript action, holds a script (/JS) or additional actions
    (/AA: on the catalog, pages, annotations and fields, triggers that run scripts). The output
    carries none: a released document runs no code, and scripts can hold personal data that no
    page shows."""
    objects = Objects(doc)
    for xref in range(1, objects.length):
        try:
            obj = objects.get(xref)
            if objects.has(obj, "JS") or objects.has(obj, "AA") or objects.name(obj, "S") == "/JavaScript":
                return True
        except Exception:
            continue
    return False


# A font's glyph metrics: arrays of numbers only (a CIDFont's /W lists glyph ids and widths,
# "5616 5617 434"), no text a reader can find; a masked clearing number "5616" is no leak there.
# Inline in a font dictionary, or an object of its own that is an array of numbers only (/W 9 0 R).
_FONT_METRICS = re.compile(rb"(/(?:W2?|Widths))\s*\[[\d\s.\[\]\-]*\]")
_NUMBER_ARRAY = re.compile(rb"\s*\[[\d\s.\[\]\-]*\]\s*")


def _without_font_names(obj: bytes) -> bytes:
    """A font or font-descriptor dictionary without the names it gives its font and without its
    glyph metrics (number arrays)."""
    if not _FONT_DICT.search(obj):
        return obj
    obj = _FONT_METRICS.sub(lambda m: m.group(1), obj)
    return _FONT_NAMES.sub(lambda m: m.group(1) or m.group(2), obj)


# Font names are not searched for every value (a masked "Vera" is no leak in "Bitstream Vera"), but
# they are visible in the file and could carry a value: they are searched, letters and digits only
# (a name has no spaces: /AnnaAndersson, /ABCDEF+811218-9876), for the values that cannot be a
# font's name by chance: two words or more, or holding a digit or an @ (identifiers).
_FONT_NAME_TOKENS = re.compile(
    rb"/(?:BaseFont|FontName)\s*/([^\s/\[\]<>(){}%]*)|/FontFamily\s*\(((?:\\.|[^\\)])*)\)"
)
_MIN_FONT_KEY = 6


def _squeeze(s: str) -> str:
    return "".join(c for c in s.lower() if c.isalnum())


def _font_name_keys(values: Iterable[MaskedValue]) -> dict[str, MaskedValue]:
    """Squeezed values to search font names for: identifiers and values of two words or more."""
    out: dict[str, MaskedValue] = {}
    for v in values:
        for form in set(v.surface_forms) | {v.key}:
            words = form.split()
            if len(words) >= 2 or any(c.isdigit() for c in form) or "@" in form:
                key = _squeeze(form)
                if len(key) >= _MIN_FONT_KEY:
                    out.setdefault(key, v)
    return out


def _in_font_names(obj: bytes, keys: dict[str, MaskedValue]) -> Optional[MaskedValue]:
    if not keys or not _FONT_DICT.search(obj):
        return None
    for m in _FONT_NAME_TOKENS.finditer(obj):
        raw = m.group(1) if m.group(1) is not None else m.group(2)
        name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda h: bytes([int(h.group(1), 16)]), raw)
        squeezed = _squeeze(name.decode("latin-1"))
        for key, v in keys.items():
            if key in squeezed:
                return v
    return None


def _scan_raw_objects(doc: pymupdf.Document, scanner: "_RawScanner",
                      font_keys: Optional[dict[str, MaskedValue]] = None) -> list[Finding]:
    """Every object dictionary, then every stream that can hold text (see the scope above);
    font names for ``font_keys`` (:func:`_font_name_keys`)."""
    found: list[Finding] = []
    not_text: set[int] = set()
    streams: list[int] = []
    for xref in range(1, doc.xref_length()):
        try:
            obj = doc.xref_object(xref, compressed=False).encode("latin-1", "replace")
            if doc.xref_is_stream(xref):
                streams.append(xref)
        except Exception:
            continue
        not_text.update(int(n) for n in _NOT_TEXT_REF.findall(obj))
        if _NUMBER_ARRAY.fullmatch(obj):
            continue  # numbers only (a font's /W array): nothing a reader can find as text
        v = scanner.find(_without_font_names(obj))
        if v is not None:
            found.append(Finding("raw_objects", v.entity_type, detail=f"object {xref}"))
        elif font_keys:
            v = _in_font_names(obj, font_keys)
            if v is not None:
                found.append(Finding("raw_objects", v.entity_type, detail=f"object {xref} (a font's name)",
                                     font_xref=xref))
    for xref in streams:
        if xref in not_text:
            continue
        try:
            blobs = _stream_text_parts(doc, xref)
        except Exception:
            continue
        for blob in blobs:
            v = scanner.find(blob)
            if v is not None:
                found.append(Finding("raw_objects", v.entity_type, detail=f"object {xref}"))
                break
    return found


# image data that is pixels (decoded by these filters, or none): read by OCR, not searched
_PIXEL_FILTERS = {"", "/FlateDecode", "/LZWDecode", "/RunLengthDecode", "/CCITTFaxDecode", "/JBIG2Decode"}


def _stream_text_parts(doc: pymupdf.Document, xref: int) -> list[bytes]:
    """The parts of a stream where text can be: all of it, except for images. A JPEG image (a
    scanned page) has only the payloads of its header segments (COM comments, APPn/EXIF/XMP …)
    searched — each on its own, so the marker bytes around them do not hide a value — not the
    entropy-coded scan data (compressed pixels, hundreds of kilobytes a page: the slowest part
    of verifying a scan); an image of plain samples is not searched (its pixels are checked by
    OCR); other image formats (JPEG 2000 with its metadata boxes) are searched whole."""
    if doc.xref_get_key(xref, "Subtype")[1] == "/Image":
        kind, filt = doc.xref_get_key(xref, "Filter")
        if filt == "/DCTDecode":
            segments = _jpeg_header_segments(doc.xref_stream_raw(xref) or b"")
            if segments is not None:
                return segments
        elif kind in ("null", "name") and (filt if kind == "name" else "") in _PIXEL_FILTERS:
            return []
        elif filt == "/JPXDecode":  # MuPDF decodes it to pixels: search its boxes as stored
            return [doc.xref_stream_raw(xref) or b""]
    return [doc.xref_stream(xref) or b""]


def _jpeg_header_segments(raw: bytes) -> Optional[list[bytes]]:
    """Payloads of the marker segments before the first SOS; None when ``raw`` is not a JPEG
    that parses that far (then the whole stream is searched)."""
    if raw[:2] != b"\xff\xd8":
        return None
    out: list[bytes] = []
    i = 2
    while i + 4 <= len(raw):
        if raw[i] != 0xFF:
            return None
        marker = raw[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is pixel data
            return out
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            i += 2
            continue
        length = int.from_bytes(raw[i + 2 : i + 4], "big")
        if length < 2:
            return None
        out.append(raw[i + 4 : i + 2 + length])
        i += 2 + length
    return None


def _word_byte(b: int) -> bool:
    """ASCII letters and digits and every non-ASCII byte count as part of a word."""
    return b >= 0x80 or 0x30 <= b <= 0x39 or 0x61 <= b <= 0x7A or 0x41 <= b <= 0x5A


def count_in_file(path: str | Path, needle: bytes, block: int = 1 << 20) -> int:
    """Occurrences of ``needle`` in a file, read in blocks (as ``bytes.count`` on its content)."""
    n = 0
    tail = b""
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(block), b""):
            buf = tail + chunk
            n += buf.count(needle)
            # what could start an occurrence that ends in the next block (too short to hold one,
            # so nothing is counted twice)
            tail = buf[-(len(needle) - 1) :] if len(needle) > 1 else b""
    return n


def verify_pdf_bytes(
    data: bytes, values: Iterable[MaskedValue], expected_pages: Optional[int] = None
) -> VerificationResult:
    return verify_pdf(data, values, expected_pages)


def open_output(source: bytes | Path) -> pymupdf.Document:
    """The output, bytes or a file (read by MuPDF object by object, not loaded whole), opened
    as a PDF."""
    if isinstance(source, (bytes, bytearray)):
        return pymupdf.open(stream=source, filetype="pdf")
    return pymupdf.open(str(source), filetype="pdf")


def verify_pdf(
    source: bytes | Path, values: Iterable[MaskedValue], expected_pages: Optional[int] = None,
    doc: Optional[pymupdf.Document] = None,
) -> VerificationResult:
    """Verify the output, given as bytes or as a file (read by MuPDF object by object, so a
    long document is checked without being held in memory). ``doc``: the output already opened
    from ``source`` (:func:`open_output`; stage verify opens it once for all its checks, so its
    fonts are loaded and its pages interpreted once); it is left open."""
    values = list({(v.key, v.entity_type): v for v in values if v.key}.values())
    result = VerificationResult(passed=True)
    findings = result.findings

    result.checks.append("single_revision")
    from_file = not isinstance(source, (bytes, bytearray))
    eofs = count_in_file(source, b"%%EOF") if from_file else source.count(b"%%EOF")
    if eofs != 1:
        findings.append(Finding("single_revision", "document", detail="more than one revision"))

    own = doc is None
    if doc is None:
        try:
            doc = open_output(source)
        except Exception as exc:
            findings.append(Finding("open", "document", detail=f"output cannot be opened ({type(exc).__name__})"))
            result.passed = False
            return result
    try:
        if expected_pages is not None and doc.page_count != expected_pages:
            findings.append(Finding("page_count", "document", detail="page count changed"))
        show_all_optional_content(doc)

        result.checks.append("text_layer")
        for page in doc:
            text, stream_text = page_texts(page)  # reading order (glyph geometry) and stream order
            for v in values_in_text(text, values) + values_in_text(stream_text, values):
                findings.append(Finding("text_layer", v.entity_type, page.number + 1))
            if from_file:  # MuPDF caches each page's images (a scan: the whole page) until it is full
                pymupdf.TOOLS.store_shrink(100)

        result.checks.append("document_strings")
        for check, pno, s in document_strings(doc):
            for v in values_in_text(s, values):
                findings.append(Finding(check, v.entity_type, pno))

        result.checks.append("structure")
        for page in doc:
            if page.first_annot is not None:
                findings.append(Finding("structure", "document", page.number + 1, "annotations remain"))
            if page.first_widget is not None:
                findings.append(Finding("structure", "document", page.number + 1, "form fields remain"))
        if doc.embfile_count():
            findings.append(Finding("structure", "document", detail="attachments remain"))
        cat = doc.pdf_catalog()
        for key in ("Names", "OpenAction", "AA", "Outlines", "PageLabels", "StructTreeRoot", "AcroForm"):
            kind, val = doc.xref_get_key(cat, key)
            if kind not in ("null",) and val not in ("null", ""):
                findings.append(Finding("structure", "document", detail=f"catalog /{key} present"))

        if _has_javascript(doc):
            findings.append(Finding("structure", "document", detail="JavaScript or additional actions remain"))

        result.checks.append("raw_objects")
        scanner = _RawScanner(values)
        if not scanner.empty:
            findings.extend(_scan_raw_objects(doc, scanner, _font_name_keys(values)))
    finally:
        if own:
            doc.close()
    # de-duplicate identical findings
    seen = set()
    unique = []
    for f in findings:
        k = (f.check, f.entity_type, f.page, f.detail)
        if k not in seen:
            seen.add(k)
            unique.append(f)
    result.findings = unique
    result.passed = not unique
    return result


def masked_values_from(pairs: Iterable[tuple[str, str]]) -> list[MaskedValue]:
    """Build :class:`MaskedValue`s from ``(entity_type, surface text)`` pairs."""
    merged: dict[tuple[str, str], set[str]] = {}
    for etype, surface in pairs:
        key = normalise_value(surface)
        if key:
            merged.setdefault((key, etype), set()).add(surface.strip())
    return [MaskedValue(k, t, tuple(sorted(forms))) for (k, t), forms in merged.items()]
