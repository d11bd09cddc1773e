"""Maskeringsförteckning (JSON and PDF page) and the draft decision."""

from __future__ import annotations

import json

import pymupdf

from masking.api import text_page
from masking.cli import main
from masking.disclosure import build_masking_list, decision_draft, masking_list_pdf, provision
from masking.entities import LABELS_SV
from masking.model import MaskedArea
from masking.policy import load_policy
from masking.review import apply_plan, create_plan
from tests.conftest import make_pdf, page_text

PNR = "19811218-9876"


def _areas() -> list[MaskedArea]:
    return [
        MaskedArea(0, (72, 70, 200, 82), "PERSON", "OSL 21:7", 0.9, "x"),
        MaskedArea(0, (72, 700, 200, 712), "ICD10_CODE", "OSL 21:1", 0.9, "x"),
        MaskedArea(1, (72, 300, 200, 312), "SE_PERSONNUMMER", "OSL 21:7", 1.0, "x"),
    ]


def test_masking_list_has_places_types_and_grounds() -> None:
    listing = build_masking_list(_areas(), load_policy("general"), "d-1", {0: 842.0, 1: 842.0})
    assert listing["count"] == 3 and listing["by_ground"] == {"OSL 21:1": 1, "OSL 21:7": 2}
    first = listing["items"][0]
    assert first["page"] == 1 and first["position"] == "övre delen" and first["type_sv"] == "namn"
    assert "21 kap. 7 §" in first["ground_text"]
    json.dumps(listing)  # serialisable


def test_masking_list_pdf_page() -> None:
    pdf = masking_list_pdf(build_masking_list(_areas(), load_policy("general")))
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    text = doc[0].get_text()
    assert "Maskeringsförteckning" in text and "personnummer" in text and "OSL 21:1" in text
    assert all(f[3] for f in doc[0].get_fonts())  # fonts embedded (file extension present)


def test_decision_draft_cites_provisions_and_appeal() -> None:
    listing = build_masking_list(_areas(), load_policy("general"))
    text = decision_draft(listing, load_policy("general"), agency="Försäkringskassan")
    assert "21 kap. 1 §" in text and "21 kap. 7 §" in text
    # the provisions used, chapter and section written out, each with its count
    assert "- 21 kap. 7 § offentlighets- och sekretesslagen (2009:400) (OSL 21:7): 2 maskerade områden" in text
    assert "- 21 kap. 1 § offentlighets- och sekretesslagen (2009:400) (OSL 21:1): 1 maskerat område" in text
    assert "kammarrätten" in text and "tre veckor" in text and "Försäkringskassan" in text
    assert "delvis" in text and "[ange varför" in text  # the official must add case reasons


def test_list_appended_to_released_document_and_verified(masker) -> None:
    data = make_pdf([f"Sökande: Anna Svensson, personnummer {PNR}."]).tobytes()
    plan = create_plan(masker, data)
    assert not plan.blocking()
    result = apply_plan(masker, data, plan, append_list=True)
    doc = pymupdf.open(stream=result.output, filetype="pdf")
    assert doc.page_count == 2 and "Maskeringsförteckning" in doc[1].get_text()
    assert PNR not in page_text(result.output) and result.verification.passed
    assert result.report["input"]["pages"] == 1 and result.report["masking_list"]["appended_pages"] == 1


A4 = (595.0, 842.0, 0)


def test_provision_written_out() -> None:
    assert provision("OSL 21:7") == "21 kap. 7 § offentlighets- och sekretesslagen (2009:400)"
    assert provision("OSL 21:3 a") == "21 kap. 3 a § offentlighets- och sekretesslagen (2009:400)"
    assert provision("GDPR art. 9") == "GDPR art. 9"  # another code stays as it is


def test_masking_list_places_each_area_in_mm_and_grid() -> None:
    listing = build_masking_list(_areas(), load_policy("general"), "d-1", page_sizes={0: A4, 1: A4})
    first, last = listing["items"][0], listing["items"][-1]
    # (72, 70, 200, 82) pt: 25.4 mm from the left, 24.7 mm from the top, 45.2 × 4.2 mm; centre in B1
    assert first["number"] == 1 and first["mm"] == {"x": 25.4, "y": 24.7, "width": 45.2, "height": 4.2}
    assert first["grid"] == "B1" and first["position"] == "övre delen"
    assert listing["items"][1]["grid"] == "B9" and listing["items"][1]["position"] == "nedre delen"
    assert last["page"] == 2 and last["number"] == 3
    assert listing["pages"]["1"] == {"width_mm": 209.9, "height_mm": 297.0}
    assert listing["provisions"]["OSL 21:7"].startswith("21 kap. 7 §")


def test_masking_list_position_as_the_reader_sees_a_rotated_page() -> None:
    # a page 595 × 842 pt with /Rotate 90 is shown 842 wide, 595 high; a box at the top left of
    # the unrotated page is at the top right of the page as shown
    area = MaskedArea(0, (10, 20, 50, 40), "PERSON", "OSL 21:7", 0.9, "x")
    item = build_masking_list([area], load_policy("general"), page_sizes={0: (842.0, 595.0, 90)})["items"][0]
    assert item["mm"] == {"x": round((842 - 40) / 72 * 25.4, 1), "y": round(10 / 72 * 25.4, 1),
                          "width": round(20 / 72 * 25.4, 1), "height": round(40 / 72 * 25.4, 1)}
    assert item["grid"] == "H1"


def _filled_boxes(page: pymupdf.Page) -> int:
    return sum(1 for d in page.get_drawings() if d.get("fill") == (0.0, 0.0, 0.0) for it in d["items"] if it[0] == "re")


def test_masking_list_pdf_lists_every_area_with_place_and_a_thumbnail() -> None:
    listing = build_masking_list(_areas(), load_policy("general"), "d-1", page_sizes={0: A4, 1: A4})
    doc = pymupdf.open(stream=masking_list_pdf(listing), filetype="pdf")
    text = doc[0].get_text()
    assert "Sida 1 (2 områden)" in text and "Sida 2 (1 område)" in text
    # one row per area: number, type, ground, mm from the top-left (left, top; width × height), grid square
    for row in ("namn", "OSL 21:7", "25, 25; 45 × 4", "B1", "uppgift om hälsa (diagnoskod)", "OSL 21:1", "B9",
                "personnummer"):
        assert row in text, row
    assert "millimeter från sidans övre vänstra hörn" in text
    # the thumbnails: one black box per area, on the page outline (nothing of the content)
    assert _filled_boxes(doc[0]) == 3
    assert doc[0].get_images() == []


def test_masking_list_pdf_many_areas_over_several_pages() -> None:
    areas = [MaskedArea(i // 75, (72 + (i % 3) * 150, 60 + (i % 25) * 30, 150 + (i % 3) * 150, 70 + (i % 25) * 30),
                        "PHONE_NUMBER", "OSL 21:7", 1.0, "x") for i in range(150)]
    listing = build_masking_list(areas, load_policy("general"), page_sizes={0: A4, 1: A4})
    doc = pymupdf.open(stream=masking_list_pdf(listing), filetype="pdf")
    assert doc.page_count > 1
    text = "".join(p.get_text() for p in doc)
    first_column = [w[4] for p in doc for w in p.get_text("words") if abs(w[0] - 56) < 1 and w[4].isdigit()]
    assert first_column == ["150"] + [str(n) for n in range(1, 151)]  # the count, then every area's row in order
    assert "Sida 1 (forts.)" in text and "Sida 2 (75 områden)" in text
    assert sum(_filled_boxes(p) for p in doc) == 150


def _only_types_grounds_positions(text: str, policy) -> None:
    """Every word of the appended pages is a place (numbers, grid squares), a type's label, a ground,
    or the list's own fixed wording: nothing from the document."""
    import re

    words = lambda s: set(re.findall(r"\w+", s.lower()))  # noqa: E731
    empty = build_masking_list([MaskedArea(0, (1, 1, 2, 2), "PERSON", "OSL 21:7", 1.0, "x")], policy,
                               page_sizes={0: A4})
    allowed = words("".join(p.get_text() for p in pymupdf.open(stream=masking_list_pdf(empty), filetype="pdf")))
    allowed |= words(" ".join(LABELS_SV.values())) | words(" ".join(f"{k} {v}" for k, v in policy.grounds.items()))
    allowed |= {"områden", "maskerade", "forts"}
    for w in words(text):
        assert w.isdigit() or re.fullmatch(r"[a-h]\d{1,2}", w) or w in allowed, w


def test_appended_list_holds_no_personal_data_and_passes_verification(masker) -> None:
    data = make_pdf([f"Sökande: Anna Svensson, personnummer {PNR}.", "Telefon 070-123 45 67.",
                     "Anna Svensson har lämnat in ett läkarintyg."]).tobytes()
    plan = create_plan(masker, data)
    if plan.blocking():
        plan.accept([c.id for c in plan.blocking()], "registrar-1")
    result = apply_plan(masker, data, plan, append_list=True)
    assert result.verification.passed and result.report["masking_list"]["appended_pages"] >= 1
    doc = pymupdf.open(stream=result.output, filetype="pdf")
    listed = "".join(doc[i].get_text() for i in range(1, doc.page_count))
    assert "Sida 1" in listed and "Maskeringsförteckning" in listed and "mm" in listed
    for value in (PNR, "Svensson", "Anna", "070-123", "läkarintyg"):
        assert value not in listed
    _only_types_grounds_positions(listed, masker.policy)
    # and the analyzer finds no personal data on the appended pages
    assert masker.detect([text_page(listed)]) == []


def test_cli_append_disclosure(tmp_path, masker) -> None:
    src, out, rep = tmp_path / "in.pdf", tmp_path / "out.pdf", tmp_path / "rep.json"
    make_pdf([f"Sökande: personnummer {PNR}", "Beslut enligt 28 kap. 1 § SFS 2010:110"]).save(src)
    assert main(["redact", str(src), "-o", str(out), "--report", str(rep), "--append-disclosure", "--no-audit"]) == 0
    report = json.loads(rep.read_text())
    assert report["verification"]["passed"] and report["masking_list"]["appended_pages"] == 1
    doc = pymupdf.open(out)
    assert doc.page_count == 2 and "Maskeringsförteckning" in doc[1].get_text()
    assert "personnummer" in doc[1].get_text() and "9876" not in page_text(out.read_bytes())
