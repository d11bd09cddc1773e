"""What the requester gets besides the masked document.

* A **maskeringsförteckning**: for each masked area its number, page, place (millimetres from
  the top-left corner of the page as shown, and a grid square), the *type* of data and the legal
  ground, never the content (JSON via :func:`build_masking_list`, and PDF pages via
  :func:`masking_list_pdf`, with a thumbnail of each page showing where its areas lie, that can be
  appended to the released document and are then verified with it).
* A **draft decision** in Swedish (:func:`decision_draft`): the official completes it. It names
  each provision used (OSL chapter and section, :func:`provision`) with the number of masked areas, asks for the case-specific reasons the
  law requires (a paraphrase of the provision is not enough, FL 32 §; JO 1990/91 s. 101), and
  explains how to appeal: to the kammarrätt, sent to the agency, within three weeks from the day
  the requester was notified (OSL 6 kap. 7–8 §§, FL 43–44 §§).
"""

from __future__ import annotations

import datetime as _dt
import re
from importlib import resources
from pathlib import Path
from collections import Counter, OrderedDict
from typing import Any, Iterable, Optional

import pymupdf

from .entities import LABELS_SV, label_sv
from .model import MaskedArea, round_box
from .policy import Policy

LIST_SCHEMA = "masking.list/1"


def font_path(name: str) -> Path:
    return Path(str(resources.files("masking") / "fonts" / name))

TYPE_NAMES_SV: dict[str, str] = LABELS_SV  # masking/entities.py: the one table of entity types


def type_name(entity_type: str) -> str:
    return label_sv(entity_type)


PT_PER_MM = 72 / 25.4
GRID_COLUMNS = "ABCDEFGH"  # the thumbnail's grid: columns A–H from the left,
GRID_ROWS = 10  # rows 1–10 from the top
PageSize = tuple[float, float, int]  # as displayed: width, height (PDF points), rotation (0/90/180/270)


def _displayed(box, size: PageSize) -> tuple[float, float, float, float]:
    """A box in the page's unrotated space (text and redaction coordinates) as a reader sees it
    (the page's /Rotate applied), origin top-left."""
    w, h, rot = size
    x0, y0, x1, y1 = box
    if rot % 360 == 90:
        xs, ys = (w - y0, w - y1), (x0, x1)
    elif rot % 360 == 180:
        xs, ys = (w - x0, w - x1), (h - y0, h - y1)
    elif rot % 360 == 270:
        xs, ys = (y0, y1), (h - x0, h - x1)
    else:
        xs, ys = (x0, x1), (y0, y1)
    return min(xs), min(ys), max(xs), max(ys)


def _position(box, page_height: Optional[float]) -> str:
    if not page_height:
        return ""
    mid = (box[1] + box[3]) / 2 / page_height
    return "övre delen" if mid < 1 / 3 else "mittre delen" if mid < 2 / 3 else "nedre delen"


def _grid(box, size: PageSize) -> str:
    """The grid square of the box's centre (A1 top left … H10 bottom right)."""
    w, h, _ = size
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    col = min(len(GRID_COLUMNS) - 1, max(0, int(cx / w * len(GRID_COLUMNS))))
    row = min(GRID_ROWS - 1, max(0, int(cy / h * GRID_ROWS)))
    return f"{GRID_COLUMNS[col]}{row + 1}"


def _mm(v: float) -> float:
    return round(v / PT_PER_MM, 1)


def build_masking_list(
    areas: Iterable[MaskedArea],
    policy: Policy,
    document_id: Optional[str] = None,
    page_heights: Optional[dict[int, float]] = None,
    page_sizes: Optional[dict[int, PageSize]] = None,
) -> dict[str, Any]:
    """The maskeringsförteckning as JSON-ready data (types, places and grounds; no content).

    With ``page_sizes`` (0-based page → displayed width, height, rotation) each area also gets
    its place as the reader sees the page: ``mm`` (left, top, width, height in millimetres from
    the page's top-left corner) and ``grid`` (the square of the thumbnail's grid), and the
    listing the pages' sizes (``pages``) for the thumbnails."""
    sizes = page_sizes or {}
    heights = {k: v[1] for k, v in sizes.items()} or (page_heights or {})
    placed = []
    for a in areas:
        size = sizes.get(a.page)
        shown = _displayed(a.box, size) if size else tuple(a.box)
        placed.append((a, size, shown))
    placed.sort(key=lambda t: (t[0].page, t[2][1], t[2][0]))
    items = []
    for n, (a, size, shown) in enumerate(placed, 1):
        item = {
            "number": n,
            "page": a.page + 1,
            "box": round_box(a.box),
            "position": _position(shown, heights.get(a.page)),
            "type": a.entity_type,
            "type_sv": type_name(a.entity_type),
            "ground": a.ground,
            "ground_text": policy.grounds.get(a.ground, ""),
        }
        if size:
            item["mm"] = {"x": _mm(shown[0]), "y": _mm(shown[1]), "width": _mm(shown[2] - shown[0]),
                          "height": _mm(shown[3] - shown[1])}
            item["grid"] = _grid(shown, size)
        items.append(item)
    grounds = Counter(i["ground"] for i in items)
    out = {
        "schema": LIST_SCHEMA,
        "title": "Maskeringsförteckning",
        "document_id": document_id,
        "policy": {"name": policy.name, "version": policy.version, "sha256": policy.sha256},
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "count": len(items),
        "by_ground": dict(sorted(grounds.items())),
        "grounds": {g: policy.grounds.get(g, "") for g in sorted(grounds)},
        "provisions": {g: provision(g) for g in sorted(grounds)},
        "items": items,
    }
    if sizes:
        out["pages"] = {str(k + 1): {"width_mm": _mm(w), "height_mm": _mm(h)} for k, (w, h, _) in sorted(sizes.items())}
    return out


_OSL = re.compile(r"OSL\s+(\d+)\s*:\s*(\d+(?:\s*[a-z])?)\s*$")


def provision(code: str) -> str:
    """A ground's code written out as a provision: ``OSL 21:7`` → ``21 kap. 7 § offentlighets- och
    sekretesslagen (2009:400)``; any other code as it is."""
    m = _OSL.match(code.strip())
    if not m:
        return code
    return f"{m.group(1)} kap. {m.group(2)} § offentlighets- och sekretesslagen (2009:400)"


# --- the PDF -----------------------------------------------------------------------------------

_MARGIN = 56.0
_THUMB_W = 88.0  # the page thumbnail's width (points); its height follows the page's shape
_THUMB_H_MAX = 124.0
_ROW = 12.0
_SIZE = 8.5
# columns of the table: number, type, ground, position (mm), grid square
_COLS = (0.0, 22.0, 176.0, 236.0, 334.0)
_TABLE_W = 372.0
_GREY = (0.55, 0.55, 0.55)


def _fit(font: pymupdf.Font, text: str, width: float, size: float = _SIZE) -> float:
    """The font size (at most ``size``, at least 5.5) at which ``text`` fits ``width``."""
    n = font.text_length(text, fontsize=size)
    return size if n <= width else max(5.5, size * width / n)


def _thumbnail(page: pymupdf.Page, x: float, y: float, size: PageSize, items: list[dict], font: pymupdf.Font) -> float:
    """A miniature of the source page at (x, y): its outline, the grid (A–H, 1–10) and each
    masked area as a filled box with its number. Nothing of the page's content. Returns its
    height."""
    w, h, _ = size
    scale = min(_THUMB_W / w, _THUMB_H_MAX / h)
    tw, th = w * scale, h * scale
    ox, oy = x + 8, y + 8  # room for the column letters and row numbers
    shape = page.new_shape()
    for i in range(1, len(GRID_COLUMNS)):
        gx = ox + tw * i / len(GRID_COLUMNS)
        shape.draw_line((gx, oy), (gx, oy + th))
    for j in range(1, GRID_ROWS):
        gy = oy + th * j / GRID_ROWS
        shape.draw_line((ox, gy), (ox + tw, gy))
    shape.finish(color=(0.85, 0.85, 0.85), width=0.3)
    shape.draw_rect(pymupdf.Rect(ox, oy, ox + tw, oy + th))
    shape.finish(color=(0, 0, 0), width=0.6)
    for it in items:
        mm = it["mm"]
        r = pymupdf.Rect(ox + mm["x"] * PT_PER_MM * scale, oy + mm["y"] * PT_PER_MM * scale,
                         ox + (mm["x"] + mm["width"]) * PT_PER_MM * scale,
                         oy + (mm["y"] + mm["height"]) * PT_PER_MM * scale)
        if r.width < 1.2:  # a tiny area stays visible
            r.x1 = r.x0 + 1.2
        if r.height < 1.2:
            r.y1 = r.y0 + 1.2
        shape.draw_rect(r)
    shape.finish(color=None, fill=(0, 0, 0), width=0)
    shape.commit()
    tw_ = pymupdf.TextWriter(page.rect)
    for i, c in enumerate(GRID_COLUMNS):
        tw_.append((ox + tw * (i + 0.5) / len(GRID_COLUMNS) - 1.5, oy - 2), c, font=font, fontsize=5)
    for j in range(GRID_ROWS):
        label = str(j + 1)
        tw_.append((ox - 2 - font.text_length(label, fontsize=5), oy + th * (j + 0.5) / GRID_ROWS + 1.8), label,
                   font=font, fontsize=5)
    if len(items) <= 30:  # numbers beside the boxes while they stay readable
        for it in items:
            mm = it["mm"]
            bx = ox + (mm["x"] + mm["width"]) * PT_PER_MM * scale + 1
            by = oy + (mm["y"] + mm["height"] / 2) * PT_PER_MM * scale + 2
            tw_.append((min(bx, ox + tw - 4), by), str(it["number"]), font=font, fontsize=4.5)
    tw_.write_text(page, color=_GREY)
    return th + 10


def masking_list_pdf(listing: dict[str, Any]) -> bytes:
    """The maskeringsförteckning as PDF page(s) (A4, embedded font), ready to append: every
    masked area with its number, page, type, ground and place (millimetres from the page's
    top-left corner, and the square of a grid), beside a thumbnail of each page that shows
    where the areas lie. Types, grounds and positions only: never the content."""
    doc = pymupdf.open()
    font = pymupdf.Font(fontfile=str(font_path("DejaVuSans.ttf")))
    bold = pymupdf.Font(fontfile=str(font_path("DejaVuSans-Bold.ttf")))
    width, height = pymupdf.paper_size("a4")
    bottom = height - _MARGIN
    pages = listing.get("pages") or {}
    state: dict[str, Any] = {}

    def new_page() -> None:
        if state.get("tw") is not None:
            state["tw"].write_text(state["page"])
        page = doc.new_page(width=width, height=height)
        state.update(page=page, tw=pymupdf.TextWriter(page.rect), y=_MARGIN)

    def text(x: float, y: float, s: str, f=font, size: float = _SIZE) -> None:
        state["tw"].append((x, y), s, font=f, fontsize=size)

    def paragraph(s: str, size: float = _SIZE, f=font, width_: float = width - 2 * _MARGIN) -> None:
        line = ""
        for word in s.split(" "):
            trial = f"{line} {word}".strip()
            if f.text_length(trial, fontsize=size) > width_ and line:
                text(_MARGIN, state["y"], line, f, size)
                state["y"] += size * 1.35
                line = word
            else:
                line = trial
        if line:
            text(_MARGIN, state["y"], line, f, size)
            state["y"] += size * 1.35

    def header_row() -> None:
        heads = ("Nr", "Typ av uppgift", "Grund", "Läge (mm)", "Rutnät")
        for k, (x, head) in enumerate(zip(_COLS, heads)):
            limit = (_COLS[k + 1] if k + 1 < len(_COLS) else _TABLE_W) - x - 4
            text(_MARGIN + x, state["y"], head, bold, _fit(bold, head, limit, 8))
        state["y"] += _ROW

    new_page()
    state["y"] += 20
    text(_MARGIN, state["y"], "Maskeringsförteckning", bold, 16)
    state["y"] += 22
    n = listing["count"]
    paragraph(("1 maskerat område" if n == 1 else f"{n} maskerade områden")
              + ". Innehållet i de maskerade uppgifterna redovisas inte.", 9.5)
    if pages:
        paragraph("Läge (mm) anges i millimeter från sidans övre vänstra hörn, som sidan visas: avståndet "
                  "från vänsterkanten och från överkanten; därefter områdets bredd × höjd. Kolumnen Rutnät anger rutan "
                  "i miniatyren av sidan (kolumner A–H från vänster, rader 1–10 uppifrån); där är varje "
                  "maskerat område svart och märkt med sitt nummer.", 8)
    state["y"] += 10

    by_page: "OrderedDict[int, list[dict]]" = OrderedDict()
    for i in listing["items"]:
        by_page.setdefault(i["page"], []).append(i)
    for pno, items in by_page.items():
        size = pages.get(str(pno))
        geometry = (size["width_mm"] * PT_PER_MM, size["height_mm"] * PT_PER_MM, 0) if size else None
        thumb_h = 0.0
        if geometry:
            scale = min(_THUMB_W / geometry[0], _THUMB_H_MAX / geometry[1])
            thumb_h = geometry[1] * scale + 10
        if state["y"] + 16 + max(thumb_h, 3 * _ROW) > bottom:
            new_page()
        count = "1 område" if len(items) == 1 else f"{len(items)} områden"
        text(_MARGIN, state["y"], f"Sida {pno} ({count})", bold, 10.5)
        state["y"] += 14
        top = state["y"]
        if geometry:
            _thumbnail(state["page"], _MARGIN + _TABLE_W + 6, top - 8, geometry, items if items and "mm" in items[0] else [], font)
        header_row()
        for it in items:
            if state["y"] > bottom:
                new_page()
                text(_MARGIN, state["y"], f"Sida {pno} (forts.)", bold, 10.5)
                state["y"] += 14
                top = state["y"]
                header_row()
            mm = it.get("mm")
            place = (f"{mm['x']:.0f}, {mm['y']:.0f}; {mm['width']:.0f} × {mm['height']:.0f}" if mm
                     else it.get("position") or "")
            cells = (str(it.get("number", "")), it["type_sv"], it["ground"], place, it.get("grid", ""))
            for k, (x, cell) in enumerate(zip(_COLS, cells)):
                limit = (_COLS[k + 1] if k + 1 < len(_COLS) else _TABLE_W) - x - 4
                text(_MARGIN + x, state["y"], cell, font, _fit(font, cell, limit))
            state["y"] += _ROW
        state["y"] = max(state["y"], top + thumb_h - 8) + 10
    state["y"] += 8
    for code, wording in listing.get("grounds", {}).items():
        if state["y"] > bottom:
            new_page()
        paragraph(f"{code}: {wording or provision(code)}", 8.5)
    state["tw"].write_text(state["page"])
    doc.subset_fonts()  # only the glyphs used: a few kB instead of the whole font
    data = doc.tobytes(garbage=4, deflate=True)
    doc.close()
    return data


def append_pdf(document: bytes, extra: bytes) -> bytes:
    """``document`` with the pages of ``extra`` appended (full rewrite, no incremental save)."""
    doc = pymupdf.open(stream=document, filetype="pdf")
    add = pymupdf.open(stream=extra, filetype="pdf")
    try:
        doc.insert_pdf(add)
        doc.subset_fonts()
        return doc.tobytes(garbage=4, deflate=True, clean=True)
    finally:
        add.close()
        doc.close()


def decision_draft(listing: dict[str, Any], policy: Policy, agency: str = "[myndighetens namn]") -> str:
    """A draft decision (Swedish) for the official to complete; cites every provision used."""
    by_ground = listing.get("by_ground", {})
    types_by_ground: dict[str, list[str]] = {}
    for i in listing["items"]:
        names = types_by_ground.setdefault(i["ground"], [])
        if i["type_sv"] not in names:
            names.append(i["type_sv"])
    outcome = "delvis" if listing["count"] else "i sin helhet"
    lines = [
        f"{agency}",
        "",
        "BESLUT",
        "",
        "Datum: [datum]",
        "Diarienummer: [diarienummer]",
        "",
        "Begäran om utlämnande av allmän handling",
        "",
        "Beslut",
        f"{agency} lämnar ut handlingen [beteckning] {outcome}.",
    ]
    if listing["count"]:
        lines += [
            "De uppgifter som är maskerade i handlingen lämnas inte ut. En maskeringsförteckning med",
            "sida, plats, typ av uppgift och grund för varje maskering bifogas.",
            "",
            "Tillämpade bestämmelser",
        ]
        for code in sorted(by_ground):
            n = by_ground[code]
            count = "1 maskerat område" if n == 1 else f"{n} maskerade områden"
            lines.append(f"- {provision(code)} ({code}): {count}")
        lines += [
            "",
            "Skäl för beslutet",
        ]
        for code in sorted(by_ground):
            wording = policy.grounds.get(code) or listing.get("grounds", {}).get(code, code)
            kinds = ", ".join(types_by_ground.get(code, []))
            n = by_ground[code]
            count = "1 maskerat område" if n == 1 else f"{n} maskerade områden"
            lines += [
                f"- {wording} ({count}: {kinds}).",
                "  Bedömning i det enskilda fallet: [ange varför uppgifterna omfattas av sekretess",
                "  och hur skaderekvisitet är uppfyllt för just dessa uppgifter]",
            ]
        lines += [
            "",
            "Övriga uppgifter i handlingen omfattas inte av sekretess och lämnas ut.",
        ]
    lines += [
        "",
        "Hur man överklagar",
        "Om du vill överklaga beslutet ska du skriva till kammarrätten. Skrivelsen ska dock skickas",
        f"eller lämnas till {agency}. Överklagandet ska ha kommit in inom tre veckor från den dag",
        "du fick del av beslutet. Ange vilket beslut du överklagar, hur du vill att beslutet ska",
        "ändras och varför. (6 kap. 7–8 §§ offentlighets- och sekretesslagen, 43–44 §§",
        "förvaltningslagen)",
        "",
        "Beslutet har fattats av [namn, befattning].",
        "",
        f"Underlag: maskeringsförteckning, policy {policy.name} {policy.version}.",
    ]
    return "\n".join(lines) + "\n"
