"""Maskeringsförteckning (JSON and PDF page) and the draft decision."""

from __future__ import annotations

import json

import pymupdf

from masking.disclosure import build_masking_list, decision_draft, masking_list_pdf
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
