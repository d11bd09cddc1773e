"""What the requester gets besides the masked document.

* A **maskeringsförteckning**: for each masked area its page, position, the *type* of data and
  the legal ground, never the content (JSON via :func:`build_masking_list`, and a PDF page via
  :func:`masking_list_pdf` that can be appended to the released document).
* A **draft decision** in Swedish (:func:`decision_draft`): the official completes it. It cites
  each provision used with the number of masked areas, asks for the case-specific reasons the
  law requires (a paraphrase of the provision is not enough, FL 32 §; JO 1990/91 s. 101), and
  explains how to appeal: to the kammarrätt, sent to the agency, within three weeks from the day
  the requester was notified (OSL 6 kap. 7–8 §§, FL 43–44 §§).
"""

from __future__ import annotations

import datetime as _dt
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


def _position(box, page_height: Optional[float]) -> str:
    if not page_height:
        return ""
    mid = (box[1] + box[3]) / 2 / page_height
    return "övre delen" if mid < 1 / 3 else "mittre delen" if mid < 2 / 3 else "nedre delen"


def build_masking_list(
    areas: Iterable[MaskedArea],
    policy: Policy,
    document_id: Optional[str] = None,
    page_heights: Optional[dict[int, float]] = None,
) -> dict[str, Any]:
    """The maskeringsförteckning as JSON-ready data (types, places and grounds; no content)."""
    items = []
    for a in sorted(areas, key=lambda a: (a.page, a.box[1], a.box[0])):
        items.append(
            {
                "page": a.page + 1,
                "box": round_box(a.box),
                "position": _position(a.box, (page_heights or {}).get(a.page)),
                "type": a.entity_type,
                "type_sv": type_name(a.entity_type),
                "ground": a.ground,
                "ground_text": policy.grounds.get(a.ground, ""),
            }
        )
    grounds = Counter(i["ground"] for i in items)
    return {
        "schema": LIST_SCHEMA,
        "title": "Maskeringsförteckning",
        "document_id": document_id,
        "policy": {"name": policy.name, "version": policy.version, "sha256": policy.sha256},
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "count": len(items),
        "by_ground": dict(sorted(grounds.items())),
        "grounds": {g: policy.grounds.get(g, "") for g in sorted(grounds)},
        "items": items,
    }


def _grouped(listing: dict[str, Any]) -> "OrderedDict[tuple[int, str, str], int]":
    """Rows for the PDF page: page, type, ground → number of areas (one line per kind)."""
    rows: "OrderedDict[tuple[int, str, str], int]" = OrderedDict()
    for i in listing["items"]:
        k = (i["page"], i["type_sv"], i["ground"])
        rows[k] = rows.get(k, 0) + 1
    return rows


def masking_list_pdf(listing: dict[str, Any]) -> bytes:
    """The maskeringsförteckning as PDF page(s) (A4, embedded font), ready to append."""
    doc = pymupdf.open()
    font = pymupdf.Font(fontfile=str(font_path("DejaVuSans.ttf")))
    bold = pymupdf.Font(fontfile=str(font_path("DejaVuSans-Bold.ttf")))
    width, height = pymupdf.paper_size("a4")
    margin = 56.0
    rows = list(_grouped(listing).items())

    def new_page():
        page = doc.new_page(width=width, height=height)
        return page, pymupdf.TextWriter(page.rect), margin

    page, tw, y = new_page()
    y += 20
    tw.append((margin, y), "Maskeringsförteckning", font=bold, fontsize=16)
    y += 22
    n = listing["count"]
    summary = ("1 maskerat område" if n == 1 else f"{n} maskerade områden") + (
        ". Innehållet i de maskerade uppgifterna redovisas inte."
    )
    tw.append((margin, y), summary, font=font, fontsize=9.5)
    y += 24
    cols = (margin, margin + 50, margin + 270, margin + 360)
    header = ("Sida", "Typ av uppgift", "Antal", "Grund")

    def draw_header(tw, y):
        for x, h in zip(cols, header):
            tw.append((x, y), h, font=bold, fontsize=10)
        return y + 16

    y = draw_header(tw, y)
    for (pno, tname, ground), n in rows:
        if y > height - margin - 60:
            tw.write_text(page)
            page, tw, y = new_page()
            y = draw_header(tw, y + 20)
        for x, text in zip(cols, (str(pno), tname, str(n), ground)):
            tw.append((x, y), text, font=font, fontsize=10)
        y += 14
    y += 18
    for code, wording in listing.get("grounds", {}).items():
        if y > height - margin:
            tw.write_text(page)
            page, tw, y = new_page()
        tw.append((margin, y), f"{code}: {wording}", font=font, fontsize=8.5)
        y += 12
    tw.write_text(page)
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
