"""True redaction with PyMuPDF: glyph-tight boxes, applied redactions, labels, sanitising.

* Boxes are built from the detected glyphs, one per text line, trimmed so that a neighbouring
  line or word is never touched: MuPDF removes a glyph when a redaction box meets the glyph's
  box shrunk by 10 % on each side.
* ``apply_redactions`` removes the text, sets the image pixels under the boxes and removes line
  art as the policy says.
* Each box is labelled with its legal ground in an embedded (subsetted) font; a label that does
  not fit is listed in a legend at the foot of the page instead, never silently dropped.
* The pages are then copied into a new document without annotations, form fields, links,
  outline, page labels, structure tree, metadata, XMP, attachments or JavaScript, and saved as a
  full rewrite (garbage collection, clean), never incrementally.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional, Sequence

import pymupdf

from .model import Box, Detection, ManualBox, MaskedArea, PageText
from .optional_content import literal_string_end
from .pdf import EXTRACT_FLAGS, forget_drawn
from .policy import LINE_ART, Policy

log = logging.getLogger(__name__)

LABEL_FONT_NAME = "MaskLbl"
_TRIM_V = 0.15  # fraction of the glyph height trimmed from top and bottom
_TRIM_H = 0.05  # fraction of the first/last glyph width trimmed left/right
_LABEL_MAX_PT = 7.0
_LABEL_MIN_PT = 3.5
_LEGEND_PT = 6.0
_LANG_UNSET = 0  # fz_text_language: none given (what TextWriter.append passes for language=None)


def label_font_path() -> Path:
    return Path(str(resources.files("masking") / "fonts" / "DejaVuSansCondensed.ttf"))


def boxes_for_detection(page: PageText, det: Detection) -> list[Box]:
    """Trimmed boxes (one per line) covering the detection's glyphs."""
    by_line: dict[int, list] = {}
    for g in page.glyphs_for_span(det.start, det.end):
        by_line.setdefault(g.line, []).append(g)
    boxes: list[Box] = []
    for _, glyphs in sorted(by_line.items()):
        first, last = glyphs[0], glyphs[-1]
        x0 = min(g.box[0] for g in glyphs)
        x1 = max(g.box[2] for g in glyphs)
        y0 = min(g.box[1] for g in glyphs)
        y1 = max(g.box[3] for g in glyphs)
        h = y1 - y0
        if h <= 0 or x1 <= x0:
            continue
        x0 += _TRIM_H * max(0.0, first.box[2] - first.box[0])
        x1 -= _TRIM_H * max(0.0, last.box[2] - last.box[0])
        boxes.append((x0, y0 + _TRIM_V * h, x1, y1 - _TRIM_V * h))
    return boxes


# The characters of the cut label font (:func:`_label_font`): Basic Latin, Latin-1 and Latin
# Extended-A, the general punctuation of U+2010-U+2027 (dashes, quotes, bullet, ellipsis).
_LABEL_CHARS = frozenset(range(0x20, 0x7F)) | frozenset(range(0xA0, 0x180)) | frozenset(range(0x2010, 0x2028))


LABEL_FONT_CUT = "DejaVuSansCondensed-label.ttf"


def label_font_cut_path() -> Path:
    """The shipped cut of the label font (:func:`cut_label_font`), written by ``make label-font``."""
    return Path(str(resources.files("masking") / "fonts" / LABEL_FONT_CUT))


def cut_label_font() -> bytes:
    """DejaVu Sans Condensed cut to :data:`_LABEL_CHARS` with fontTools: about 40 KB instead
    of 680 KB, so a document does not embed the whole font for its labels and the save's font
    subsetting does not parse it (same names, metrics and outlines). Raises if fontTools fails."""
    import io

    quiet = logging.getLogger("fontTools")  # its subsetter logs each table it prunes (INFO)
    level = quiet.level
    quiet.setLevel(logging.WARNING)
    try:
        from fontTools import subset

        opts = subset.Options()
        opts.name_IDs, opts.name_languages, opts.name_legacy = ["*"], ["*"], True
        opts.notdef_outline, opts.layout_features = True, []
        opts.drop_tables = [*opts.drop_tables, "FFTM"]  # FontForge's timestamps (not subsettable)
        font = subset.load_font(str(label_font_path()), opts)
        cutter = subset.Subsetter(opts)
        cutter.populate(unicodes=_LABEL_CHARS)
        cutter.subset(font)
        buf = io.BytesIO()
        subset.save_font(font, buf, opts)
        return buf.getvalue()
    finally:
        quiet.setLevel(level)


@lru_cache(maxsize=1)
def _label_font_cut() -> Optional[bytes]:
    """The cut label font (:func:`cut_label_font`), once per process: the shipped file
    (masking/fonts/DejaVuSansCondensed-label.ttf, built by ``make label-font``; a test keeps it
    equal to a fresh cut), else cut here (importing fontTools and cutting took ~0.15-0.3 s CPU
    at a process's first redaction). None if neither works (the whole font is used)."""
    try:
        return label_font_cut_path().read_bytes()
    except OSError:
        pass
    try:
        return cut_label_font()
    except Exception:
        log.debug("label font not cut; the whole font is embedded")
        return None


@lru_cache(maxsize=1)
def _whole_label_font() -> pymupdf.Font:
    return pymupdf.Font(fontfile=str(label_font_path()))


@lru_cache(maxsize=1)
def _label_font() -> pymupdf.Font:
    """The label font as embedded: cut to :data:`_LABEL_CHARS` (:func:`_label_font_cut`)."""
    cut = _label_font_cut()
    return pymupdf.Font(fontbuffer=cut) if cut else _whole_label_font()


def _font_for(text: str) -> pymupdf.Font:
    """The cut label font, or the whole font for a text with a character the cut one lacks."""
    return _label_font() if all(ord(c) in _LABEL_CHARS for c in text) else _whole_label_font()


@lru_cache(maxsize=256)
def _label_width(text: str) -> float:
    """The width of ``text`` in the label font at 1 pt (widths scale with the size; the few
    grounds are measured once, not twice for every box)."""
    return _font_for(text).text_length(text, fontsize=1.0)


def _label_size(rect: pymupdf.Rect, text: str) -> Optional[float]:
    """The largest label size (pt) whose text fits inside ``rect``, or None."""
    font = _label_font()
    height_per_pt = font.ascender - font.descender
    size = min(_LABEL_MAX_PT, rect.height * 0.92 / height_per_pt)
    width_per_pt = _label_width(text)
    size = min(size, rect.width * 0.94 / width_per_pt)
    size = int(size * 2) / 2  # half-point steps
    return size if size >= _LABEL_MIN_PT else None


def _draw_label(writer: pymupdf.TextWriter, rect: pymupdf.Rect, text: str, size: float) -> None:
    font = _label_font()
    width = _label_width(text) * size
    x = rect.x0 + (rect.width - width) / 2
    # baseline so that the ascender..descender band is centred vertically
    y = rect.y0 + rect.height / 2 + (font.ascender + font.descender) / 2 * size
    _show(writer, (x, y), text, _font_for(text), size)


@lru_cache(maxsize=4)
def _mono(font: pymupdf.Font) -> bool:
    """Whether ``font`` is monospaced (raises, as TextWriter.append does, if it cannot be written)."""
    if not font.is_writable:
        raise ValueError("label font cannot be written")
    return bool(font.flags["mono"])


def _show(writer: pymupdf.TextWriter, pos: tuple[float, float], text: str, font: pymupdf.Font, size: float) -> None:
    """``writer.append(pos, text, font=font, fontsize=size)`` without its bookkeeping: append
    bounds all the writer's text so far (``text_rect``) and reads the font's flags on every call,
    ~0.15 ms a label; the glyphs are laid out by the same MuPDF call (``fz_show_string``, page
    coordinates turned as append turns them). A monospaced font is noted for ``write_text``'s
    width repair, as append does."""
    p = pymupdf.Point(pos) * writer.ictm
    trm = pymupdf.mupdf.fz_make_matrix(size, 0, 0, size, p.x, p.y)
    pymupdf.mupdf.fz_show_string(writer.this, font.this, trm, text, 0, 0, 0, _LANG_UNSET)
    if _mono(font):
        writer.used_fonts.add(font)


def _draw_legend(page: pymupdf.Page, grounds: Iterable[str], color: Sequence[float]) -> None:
    """A one-line legend at the foot of the page for boxes too small to carry a label."""
    text = "Maskerat utan etikett i rutan: " + ", ".join(sorted(set(grounds)))
    r = page.rect
    rect = pymupdf.Rect(r.x0 + 18, r.y1 - 14, r.x1 - 18, r.y1 - 4)
    page.insert_font(fontname=LABEL_FONT_NAME, fontbuffer=_font_for(text).buffer)
    page.insert_textbox(rect, text, fontname=LABEL_FONT_NAME, fontsize=_LEGEND_PT, color=(0, 0, 0), align=0)


def under_area(glyph_box: Sequence[float], area: Sequence[float]) -> bool:
    """Whether a glyph lies under a drawn area: its box, trimmed as a detection's box is (the
    ascender/descender band of one line overlaps the next line's), meets the area."""
    x0, y0, x1, y1 = glyph_box
    w, h = x1 - x0, y1 - y0
    x0, x1, y0, y1 = x0 + _TRIM_H * w, x1 - _TRIM_H * w, y0 + _TRIM_V * h, y1 - _TRIM_V * h
    return min(area[2], x1) - max(area[0], x0) > 1e-3 and min(area[3], y1) - max(area[1], y0) > 1e-3


def page_glyph_boxes(page: pymupdf.Page) -> list[Box]:
    """The boxes of the visible characters the page's text layer holds, as MuPDF extracts them
    (what stage verify reads; on an OCR'd page, the searchable layer as written)."""
    raw = page.get_text("rawdict", flags=EXTRACT_FLAGS)
    return [tuple(ch["bbox"]) for block in raw.get("blocks", []) for line in block.get("lines", [])
            for span in line.get("spans", []) for ch in span.get("chars", []) if not ch["c"].isspace()]


def glyphs_meeting(glyph_boxes: Sequence[Box], box: Sequence[float]) -> list[Box]:
    """The glyph boxes under the area ``box`` (:func:`under_area`)."""
    return [g for g in glyph_boxes if under_area(g, box)]


def _core(b: Box) -> pymupdf.Rect:
    """The middle of a glyph's box: a redaction over it removes the glyph (MuPDF takes a glyph
    whose box shrunk by 10 % meets the redaction) without reaching a neighbour."""
    w, h = b[2] - b[0], b[3] - b[1]
    return pymupdf.Rect(b[0] + 0.3 * w, b[1] + 0.3 * h, b[2] - 0.3 * w, b[3] - 0.3 * h)


def label_font_name() -> str:
    """The name the label font's glyphs carry in the output's text (its family name)."""
    return _label_font().name


def redact_page(
    page: pymupdf.Page,
    page_text: PageText,
    detections: Sequence[Detection],
    policy: Policy,
    manual_boxes: Sequence[ManualBox] = (),
    images: Optional[int] = None,
) -> list[MaskedArea]:
    """Add and apply redactions for ``detections`` (and boxes drawn by a reviewer) on one page;
    returns the masked areas. ``images``: what MuPDF does to image pixels under the boxes
    (default ``PDF_REDACT_IMAGE_PIXELS``; ``PDF_REDACT_IMAGE_NONE`` only for a caller that
    destroys those pixels itself, :func:`masking.ocr.pixels.redact_page_pixels`)."""
    style = policy.redaction
    forget_drawn(page.parent)  # the page changes: what was kept of what it draws is stale
    areas: list[MaskedArea] = []
    # the page's own annotations were baked or are dropped; a redaction annotation it still has
    # is applied (and filled) by PyMuPDF's own loop, else the fills are drawn from our boxes
    own_annots = page.first_annot is not None
    fills: list[pymupdf.Rect] = []
    # all boxes as one annotation (_add_redactions) where our redactions are all there is;
    # otherwise one annotation per box, in the order they are made
    one = not own_annots and _fast_annot(page, style.fill) and not any(mb.area for mb in manual_boxes)
    add = fills.append if one else (lambda r: fills.append(_add_redaction(page, r, style.fill)))
    for det in detections:
        det.boxes = boxes_for_detection(page_text, det)
        ground = det.ground or policy.ground_for(det.entity_type)
        for b in det.boxes:
            add(pymupdf.Rect(b))
            areas.append(
                MaskedArea(
                    page=page_text.number,
                    box=b,
                    entity_type=det.entity_type,
                    ground=ground,
                    score=det.score,
                    recognizer=det.recognizer,
                    decided_by=det.decided_by,
                )
            )
    glyph_boxes: Optional[list[Box]] = None
    for mb in manual_boxes:
        rect = pymupdf.Rect(mb.box) & page.rect
        if rect.is_empty:
            continue
        add(rect)
        if mb.area:  # a drawn area: every glyph that meets it goes, not only those MuPDF takes
            if glyph_boxes is None:
                glyph_boxes = page_glyph_boxes(page)
            for g in glyphs_meeting(glyph_boxes, rect):
                page.add_redact_annot(_core(g), fill=False, cross_out=False)
        areas.append(
            MaskedArea(
                page=page_text.number,
                box=tuple(rect),  # type: ignore[arg-type]
                entity_type=mb.entity_type,
                ground=mb.ground or policy.ground_for(mb.entity_type),
                score=1.0,
                recognizer="manual",
                decided_by=mb.decided_by,
            )
        )
    if not areas:
        return areas
    if one:
        _add_redactions(page, fills)
    if images is None:
        images = pymupdf.PDF_REDACT_IMAGE_PIXELS
    if own_annots:
        page.apply_redactions(
            images=images,
            graphics=LINE_ART[style.line_art],
            text=pymupdf.PDF_REDACT_TEXT_REMOVE,
        )
    else:
        _apply_redactions(page, fills, style.fill, LINE_ART[style.line_art], images)
    if style.draw_labels:
        unlabelled: list[str] = []
        # one TextWriter: the embedded label font is written once per page, not once per label
        writer = pymupdf.TextWriter(page.rect)
        drawn = False
        for area in areas:
            rect = pymupdf.Rect(area.box)
            size = _label_size(rect, area.ground)
            area.label_drawn = size is not None
            if size is None:
                unlabelled.append(area.ground)
            else:
                _draw_label(writer, rect, area.ground, size)
                drawn = True
        if drawn:
            writer.write_text(page, color=style.label_color)
        if unlabelled:
            _draw_legend(page, unlabelled, style.label_color)
    return areas


def _fast_annot(page: pymupdf.Page, fill: Optional[Sequence[float]]) -> bool:
    """Whether redaction annotations are made directly on ``page`` (unrotated, a fill colour)
    rather than by PyMuPDF's :meth:`pymupdf.Page.add_redact_annot`."""
    return not page.rotation and isinstance(fill, (tuple, list)) and len(fill) in (1, 3, 4)


def _add_redactions(page: pymupdf.Page, rects: Sequence[pymupdf.Rect]) -> None:
    """One redaction annotation covering ``rects``, one quadrilateral (/QuadPoints) each, for an
    unrotated page whose only annotations are ours: MuPDF redacts each quad of an annotation
    exactly as it redacts the rect of an annotation of its own (text whose shrunk box meets
    it, image pixels under it, line art touching or inside it; quads and annotations are
    tried in the order made), so it removes what one annotation per rect removes, without
    making (and then deleting) an annotation object per box. Our fills are drawn from the rects
    (:func:`_apply_redactions`), so the annotation has no colour and no appearance."""
    mu = pymupdf.mupdf
    annot = mu.pdf_create_annot(page._pdf_page(), mu.PDF_ANNOT_REDACT)
    union = pymupdf.Rect(rects[0])
    for r in rects:
        mu.pdf_add_annot_quad_point(annot, mu.fz_quad_from_rect(mu.FzRect(r.x0, r.y0, r.x1, r.y1)))
        union |= r
    mu.pdf_set_annot_rect(annot, mu.FzRect(union.x0, union.y0, union.x1, union.y1))


def _add_redaction(page: pymupdf.Page, rect: pymupdf.Rect, fill: Optional[Sequence[float]]) -> pymupdf.Rect:
    """Add a redaction annotation over ``rect`` (filled with ``fill`` when applied); returns the
    rect to fill. On an unrotated page it is made as :meth:`pymupdf.Page.add_redact_annot` makes
    it (rect, interior colour, appearance) but without the unique /NM name, whose search over
    all the page's annotations made adding n boxes O(n²): the annotation is applied and gone
    before the page is saved. A rotated page goes through PyMuPDF's own method."""
    if not _fast_annot(page, fill):
        return page.add_redact_annot(rect, fill=fill, cross_out=False).rect
    pdf_page = page._pdf_page()
    annot = pymupdf.mupdf.pdf_create_annot(pdf_page, pymupdf.mupdf.PDF_ANNOT_REDACT)
    pymupdf.mupdf.pdf_set_annot_rect(annot, pymupdf.mupdf.FzRect(*rect))
    colour = pymupdf.mupdf.pdf_new_array(pdf_page.doc(), len(fill))
    for c in fill:
        pymupdf.mupdf.pdf_array_push_real(colour, float(c))
    pymupdf.mupdf.pdf_dict_put(pymupdf.mupdf.pdf_annot_obj(annot), pymupdf.mupdf.PDF_ENUM_NAME_IC, colour)
    pymupdf.mupdf.pdf_update_annot(annot)
    return rect


def _apply_redactions(page: pymupdf.Page, fills: Sequence[pymupdf.Rect], fill: Optional[Sequence[float]],
                      graphics: int, images: Optional[int] = None) -> None:
    """What :meth:`pymupdf.Page.apply_redactions` does for our annotations (MuPDF removes the
    text, image pixels and line art under every redaction annotation of the page; then each
    box is filled), without reading every annotation back: their rects and fill are known."""
    if images is None:
        images = pymupdf.PDF_REDACT_IMAGE_PIXELS
    if not page._apply_redactions(pymupdf.PDF_REDACT_TEXT_REMOVE, images, graphics):
        raise ValueError("Error applying redactions.")
    if not fill or not fills:
        return
    shape = page.new_shape()
    for rect in fills:  # one path of all the boxes, filled and stroked once (the same ink)
        shape.draw_rect(rect)
    shape.finish(fill=fill, color=fill)
    shape.commit()


def sanitized_copy(doc: pymupdf.Document) -> pymupdf.Document:
    """A new document holding only the pages' content (no document-level objects). The pages'
    content is first run through MuPDF's sanitising filter in ``doc`` itself (changed in place;
    every caller discards it afterwards), and its fonts are subset there, where reading and
    redaction have loaded them already: in the copy both would load every font again."""
    cleaned = _clean_contents(doc)
    subset = _subset_fonts(doc)  # after the filter, as the save did it: the glyphs still drawn
    out = pymupdf.open()
    out.insert_pdf(doc, links=False, annots=False, widgets=False)
    if cleaned:
        setattr(out, _CONTENTS_CLEANED, True)  # every page's content through the sanitising filter
    if subset:
        setattr(out, _FONTS_SUBSET, True)
    # what Document.scrub would still find to do in a copy made so (attachments, links,
    # annotations, form fields, thumbnails and the catalog's metadata are not copied): JavaScript
    # actions and XMP streams, done in the one pass over the objects below (sanitise_objects)
    out.set_metadata({})
    try:
        out.del_xml_metadata()
    except Exception:
        pass
    try:
        out.set_toc([])
    except Exception:
        pass
    sanitise_objects(out)
    return out


# Keys whose values are private or replace what the page shows: /PieceInfo (an application's
# private data, on pages, images and Form XObjects), /ActualText and /Alt (words that stand for
# the visible content, also over masked areas: removed everywhere, the simplest safe rule).
PRIVATE_KEYS = ("PieceInfo", "ActualText", "Alt", "LastModified")
_MARKED_TEXT = re.compile(rb"/(ActualText|Alt)\s*(\(|<(?!<))")


def _strip_marked_strings(data: bytes) -> bytes:
    """Content-stream bytes with the strings of ``/ActualText`` and ``/Alt`` in marked-content
    property lists emptied (``/ActualText ()``); the operators stay balanced."""
    out = bytearray()
    pos = 0
    for m in _MARKED_TEXT.finditer(data):
        if m.start() < pos:
            continue
        out += data[pos:m.start()] + b"/" + m.group(1) + b" ()"
        i = m.end()
        if m.group(2) == b"<":
            j = data.find(b">", i)
            pos = len(data) if j < 0 else j + 1
            continue
        pos = literal_string_end(data, i - 1)  # i - 1: the string's "("
    out += data[pos:]
    return bytes(out)


_FONT_PROGRAM_SUBTYPES = ("/Type1C", "/CIDFontType0C", "/OpenType")


def _font_program(objects, obj) -> bool:
    """Whether the stream dictionary ``obj`` (read through :class:`masking.pdf.Objects`) is an
    embedded font program (/FontFile: /Length1-3; /FontFile3: a font /Subtype)."""
    if objects.has(obj, "Length1") or objects.has(obj, "Length2") or objects.has(obj, "Length3"):
        return True
    return objects.name(obj, "Subtype") in _FONT_PROGRAM_SUBTYPES


def sanitise_objects(doc: pymupdf.Document) -> None:
    """One pass over every object of ``doc``: a JavaScript action is emptied and an XMP stream
    (``/Type /Metadata``, on the catalog, images, Form XObjects, fonts) replaced, as
    :meth:`pymupdf.Document.scrub` does; :data:`PRIVATE_KEYS` are removed and ``/ActualText``
    and ``/Alt`` strings in content streams (pages and Form XObjects) emptied."""
    from .pdf import Objects

    objects = Objects(doc)
    for xref in range(1, objects.length):
        try:
            obj = objects.get(xref)
            if objects.name(obj, "S") == "/JavaScript":
                doc.update_object(xref, "<</S/JavaScript/JS()>>")  # a null JavaScript
                continue
            if objects.name(obj, "Type") == "/Metadata":
                doc.update_object(xref, "<<>>")
                doc.update_stream(xref, b"deleted", new=True)
                continue
            present = [key for key in PRIVATE_KEYS if objects.has(obj, key)]
        except Exception:
            continue
        for key in present:
            doc.xref_set_key(xref, key, "null")
        try:
            if not objects.is_stream(xref):
                continue
            if present:
                obj = objects.get(xref)
            if objects.name(obj, "Subtype") == "/Image" or objects.name(obj, "Type") == "/Font":
                continue
            if _font_program(objects, obj):
                continue  # never drawn as content: not decompressed to be searched
            data = objects.stream(xref)
        except Exception:
            continue
        if data and (b"/ActualText" in data or b"/Alt" in data):
            stripped = _strip_marked_strings(data)
            if stripped != data:
                doc.update_stream(xref, stripped)


SAVE_OPTIONS = dict(garbage=4, deflate=True, clean=True, no_new_id=False)

# Set on a document made by sanitized_copy whose pages all went through MuPDF's sanitising content
# filter (Form XObjects included: _clean_contents) — what the save's clean=True runs — so its save
# does not run it again. Any other document (or a page the filter failed on) is cleaned by the save.
_CONTENTS_CLEANED = "_masking_contents_cleaned"


def _clean_contents(doc: pymupdf.Document) -> bool:
    """Run every page's content (and the Form XObjects it draws) through MuPDF's sanitising
    filter, as ``scrub(clean_pages=True)`` does; whether every page went through."""
    try:
        for page in doc:
            page.clean_contents()
    except Exception:
        log.debug("content filter failed; the save cleans the pages")
        return False
    return True


# Set on a document made by sanitized_copy from pages whose fonts were subset already (in the
# source, where their fonts are loaded): its save does not subset them again.
_FONTS_SUBSET = "_masking_fonts_subset"


def _save_options(doc: pymupdf.Document) -> dict:
    if getattr(doc, _CONTENTS_CLEANED, False):
        return {**SAVE_OPTIONS, "clean": False}
    return SAVE_OPTIONS


def _subset_fonts(doc: pymupdf.Document) -> bool:
    """Cut the embedded fonts to the glyphs the pages use (a glyph only masked text drew is
    gone), unless done already (:data:`_FONTS_SUBSET`); whether they are cut."""
    if getattr(doc, _FONTS_SUBSET, False):
        return True
    try:
        doc.subset_fonts()
    except Exception:
        log.debug("font subsetting unavailable; fonts are embedded whole")
        return False
    return True


def save_bytes(doc: pymupdf.Document) -> bytes:
    """Full rewrite: garbage-collected, deflated, cleaned content, no incremental history."""
    _subset_fonts(doc)
    return doc.tobytes(**_save_options(doc))


def save_file(doc: pymupdf.Document, path: str | Path) -> None:
    """As :func:`save_bytes`, written to ``path`` (MuPDF writes it out object by object)."""
    _subset_fonts(doc)
    doc.save(str(path), **_save_options(doc))


def by_page(
    detections: Sequence[Detection], manual_boxes: Sequence[ManualBox], page_count: int
) -> tuple[dict[int, list[Detection]], dict[int, list[ManualBox]]]:
    """Detections and manual boxes grouped by page number; a manual box outside the document
    is an error."""
    dets: dict[int, list[Detection]] = {}
    for det in detections:
        dets.setdefault(det.page, []).append(det)
    boxes: dict[int, list[ManualBox]] = {}
    for mb in manual_boxes:
        if not 0 <= mb.page < page_count:
            raise ValueError(f"manual box on page {mb.page + 1}, but the document has {page_count} pages")
        boxes.setdefault(mb.page, []).append(mb)
    return dets, boxes


def redact_document(
    doc: pymupdf.Document,
    pages: Sequence[PageText],
    detections: Sequence[Detection],
    policy: Policy,
    manual_boxes: Sequence[ManualBox] = (),
) -> tuple[bytes, list[MaskedArea]]:
    """Redact ``doc`` in place, then return the sanitised output bytes and the masked areas
    (documents with OCR'd pages go through :func:`masking.ocr.redaction.redact_scanned_to_file`)."""
    dets, boxes = by_page(detections, manual_boxes, doc.page_count)
    areas: list[MaskedArea] = []
    for pno in sorted(set(dets) | set(boxes)):
        areas.extend(redact_page(doc[pno], pages[pno], dets.get(pno, []), policy, boxes.get(pno, [])))
    clean = sanitized_copy(doc)
    try:
        data = save_bytes(clean)
    finally:
        clean.close()
    return data, areas


if __name__ == "__main__":  # make label-font: write the shipped cut
    label_font_cut_path().write_bytes(cut_label_font())
    print(f"wrote {label_font_cut_path()}")
