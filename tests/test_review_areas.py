"""Drawn boxes are areas (#15 item 1): what lies under a box on its page is masked (glyphs,
image pixels, line art) and verified there; the words it covers are masked and checked
everywhere only when the official asks for all occurrences; boxes and text entries can be undone
(deleted, or rejected with a reason) until release, and the audit records both."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from masking.audit import open_audit_log
from masking.errors import PlanError
from masking.model import ManualBox
from masking.redact import label_font_name
from masking.review import MaskingPlan, add_text, apply_plan, create_plan
from masking.stages.verify import verify_areas
from masking.verify import masked_values_from, verify_pdf_bytes
from tests.conftest import page_text

KEY = bytes(range(32))
LINES = [
    "Datum: 2026-11-30",
    "Anna Svensson har lämnat in ett läkarintyg.",
    "BESLUT fattas av nämnden den 2026-11-30.",
    "Handläggare noterar att Fjällbo hörde av sig.",
]
IMAGE = pymupdf.Rect(330, 60, 450, 180)
ART = pymupdf.Rect(72, 200, 220, 240)
BLUE = (0, 0, 1)


def _document() -> bytes:
    """A heading (its word repeats below), a date line, body text, an image and line art."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 56), "BESLUT", fontsize=16, fontname="helv")
    y = 80
    for line in LINES:
        page.insert_text((72, y), line, fontsize=11, fontname="helv")
        y += 16
    a = np.zeros((60, 60, 3), dtype=np.uint8)
    a[::4, :, :] = 255  # stripes: not uniform, so blanking shows
    a[:, :, 0] = 200
    pix = pymupdf.Pixmap(pymupdf.csRGB, 60, 60, a.tobytes(), False)
    page.insert_image(IMAGE, pixmap=pix)
    page.draw_rect(ART, color=BLUE, fill=(0.6, 0.8, 1.0), width=2)
    page.draw_line((ART.x0, ART.y1 + 10), (ART.x1, ART.y1 + 10), color=BLUE, width=1)
    data = doc.tobytes()
    doc.close()
    return data


@pytest.fixture()
def pdf() -> bytes:
    return _document()


@pytest.fixture()
def audit(tmp_path):
    log = open_audit_log(str(tmp_path / "audit.sqlite3"), key=KEY)
    yield log
    log.close()


def _rect(pdf: bytes, needle: str, index: int = 0) -> pymupdf.Rect:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc[0].search_for(needle)[index]


def _padded(r: pymupdf.Rect, pad: float = 1.0) -> list[float]:
    return [r.x0 - pad, r.y0 - pad, r.x1 + pad, r.y1 + pad]


def _decided(masker, pdf, audit=None) -> MaskingPlan:
    plan = create_plan(masker, pdf, audit=audit)
    if plan.blocking():
        plan.accept([c.id for c in plan.blocking()], actor="u-1")
    return plan


def _glyphs_in(data: bytes, box) -> str:
    """The characters whose centres lie in ``box``, the labels (in the label font) aside."""
    x0, y0, x1, y1 = box
    out = []
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for block in doc[0].get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    if span["font"] == label_font_name():
                        continue
                    for ch in span["chars"]:
                        cx, cy = (ch["bbox"][0] + ch["bbox"][2]) / 2, (ch["bbox"][1] + ch["bbox"][3]) / 2
                        if x0 < cx < x1 and y0 < cy < y1 and not ch["c"].isspace():
                            out.append(ch["c"])
    return "".join(out)


def _images_only(data: bytes, box) -> np.ndarray:
    """Grey pixels of ``box`` with all text and line art removed: what the images hold there."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    page = doc[0]
    page.add_redact_annot(page.rect, fill=False)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                          graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED, text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    r = pymupdf.Rect(box)
    pix = page.get_pixmap(dpi=144, clip=pymupdf.Rect(r.x0 + 1, r.y0 + 1, r.x1 - 1, r.y1 - 1), colorspace=pymupdf.csGRAY)
    doc.close()
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]


def _fill_fraction(data: bytes, box) -> float:
    """The share of pixels in ``box`` (rendered as a reader sees it) that are black, the fill."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        r = pymupdf.Rect(box)
        pix = doc[0].get_pixmap(dpi=144, clip=pymupdf.Rect(r.x0 + 1, r.y0 + 1, r.x1 - 1, r.y1 - 1),
                                colorspace=pymupdf.csGRAY)
    a = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
    return float((a < 30).mean())


def test_box_over_a_heading_text_image_and_line_art_applies_and_verifies(masker, pdf) -> None:
    plan = _decided(masker, pdf)
    heading = _padded(_rect(pdf, "BESLUT", 0))
    word = _padded(_rect(pdf, "läkarintyg"))
    date = _padded(_rect(pdf, "Datum: 2026-11-30"))
    image = [IMAGE.x0 + 20, IMAGE.y0 + 20, IMAGE.x1 - 20, IMAGE.y1 - 20]
    art = [ART.x0 - 5, ART.y0 - 5, ART.x1 + 5, ART.y1 + 15]
    for box in (heading, word, date, image, art):
        plan.add_box(1, box, actor="u-1")
    result = apply_plan(masker, pdf, plan)  # before: 422, every word under a box had to vanish everywhere
    assert result.verification.passed and "drawn_areas" in result.verification.checks
    out = result.output
    text = page_text(out)
    # under each box nothing is left; the same words elsewhere and the rest of the page stay
    for box in (heading, word, date):
        assert _glyphs_in(out, box) == ""
    assert "läkarintyg" not in text
    assert verify_pdf_bytes(out, masked_values_from([("MANUAL", "läkarintyg")])).passed  # text, raw objects
    assert "BESLUT fattas av nämnden den 2026-11-30." in text  # the heading's word below stays
    assert "har lämnat in ett" in text and "Fjällbo hörde av sig" in text
    # pixels: the fill covers every box; the image's own pixels under its box are destroyed
    for box in (heading, word, date, image, art):
        assert _fill_fraction(out, box) > 0.6
    under = _images_only(out, image)
    assert int(under.max()) - int(under.min()) < 8
    # line art under the box is gone from the page, not only painted over
    with pymupdf.open(stream=out, filetype="pdf") as doc:
        blue = [d for d in doc[0].get_drawings() if d.get("color") and tuple(round(c) for c in d["color"]) == BLUE]
    assert not any(pymupdf.Rect(d["rect"]).intersects(pymupdf.Rect(art)) for d in blue)


def test_box_with_all_occurrences_masks_its_words_everywhere(masker, pdf) -> None:
    plan = _decided(masker, pdf)
    plan.add_box(1, _padded(_rect(pdf, "BESLUT", 0)), actor="u-1", all_occurrences=True)
    result = apply_plan(masker, pdf, plan)
    text = page_text(result.output)
    assert "BESLUT" not in text and "fattas av nämnden" in text
    assert verify_pdf_bytes(result.output, masked_values_from([("MANUAL", "BESLUT")])).passed
    assert len([a for a in result.areas if a.recognizer == "manual"]) == 2


def test_partly_covered_glyphs_go_neighbouring_lines_stay(masker, pdf) -> None:
    plan = _decided(masker, pdf)
    r = _rect(pdf, "läkarintyg")
    # half of the word, the box's edges cutting glyphs; its band touches the lines above and below
    plan.add_box(1, [r.x0 + 0.3 * r.width, r.y0, r.x1 - 0.3 * r.width, r.y1], actor="u-1")
    out = apply_plan(masker, pdf, plan).output
    text = page_text(out)
    assert "läkarintyg" not in text and "Datum: 2026-11-30" in text and "BESLUT fattas" in text


def test_undo_a_box_and_a_text_entry_before_release(masker, pdf, audit) -> None:
    plan = _decided(masker, pdf, audit)
    from masking.review import record_decision

    word = _padded(_rect(pdf, "läkarintyg"))
    box = plan.add_box(1, word, actor="u-1")
    record_decision(audit, plan, plan.history[-1])
    added = add_text(plan, masker, pdf, "Fjällbo", actor="u-1", audit=audit)
    # undo: delete the box and the text entry; the plan no longer holds them
    plan.delete([box.id], actor="u-1")
    record_decision(audit, plan, plan.history[-1])
    plan.delete([added[0].id], actor="u-1", all_occurrences=True)
    record_decision(audit, plan, plan.history[-1])
    assert not plan.manual_areas and not any(c.source == "manual" for c in plan.candidates)
    assert [h.action for h in plan.history][-4:] == ["add_box", "add_text", "delete", "delete"]
    # a proposal of the analysis is rejected, never deleted
    with pytest.raises(PlanError):
        plan.delete([plan.candidates[0].id], actor="u-1")
    # a second box, rejected: a reason is needed; it stays in the plan, not masked
    again = plan.add_box(1, word, actor="u-1")
    record_decision(audit, plan, plan.history[-1])
    assert again.id != box.id  # ids are never reused
    with pytest.raises(PlanError):
        plan.reject([again.id], actor="u-1", reason=" ")
    plan.reject([again.id], actor="u-1", reason="Ingen sekretess")
    record_decision(audit, plan, plan.history[-1])
    assert plan.area(again.id).status == "rejected" and plan.counts()["manual_areas"] == 0
    assert MaskingPlan.from_json(plan.to_json()).area(again.id).reason == "Ingen sekretess"
    text = page_text(apply_plan(masker, pdf, plan, audit=audit).output)
    assert "läkarintyg" in text and "Fjällbo" in text
    # the audit: the box added, removed (delete), the text added and removed, the second box removed
    decisions = [e for e in audit.events(document_id=plan.document_id) if e.kind == "decision"]
    boxes = [(a.decision, a.detector) for e in decisions for a in e.areas]
    assert boxes.count(("added", "manual")) == 3 and boxes.count(("removed", "manual")) == 3
    rejected = decisions[-1]
    assert rejected.details.get("reason_ref", "").startswith("hmac-sha256:")
    dumped = "\n".join(str(e.to_dict()) for e in decisions)
    assert "Ingen sekretess" not in dumped and "Fjällbo" not in dumped


def _with_box(draw_over) -> tuple[bytes, ManualBox]:
    doc = pymupdf.open()
    page = doc.new_page()
    box = pymupdf.Rect(72, 60, 200, 80)
    page.insert_text((80, 74), "Hemligt", fontsize=11, fontname="helv")
    page.draw_rect(box, color=None, fill=(0, 0, 0))
    draw_over(page, box)
    data = doc.tobytes()
    doc.close()
    return data, ManualBox(0, tuple(box), area=True)


def test_area_check_finds_text_and_uncovered_pixels() -> None:
    clean, mb = _with_box(lambda page, box: None)
    assert [f.detail for f in verify_areas(clean, [mb], (0, 0, 0))] == ["text under a drawn box"]
    # no text under it, but something drawn over the fill
    def over(page, box):
        page.add_redact_annot(box, fill=False)
        page.apply_redactions()
        page.draw_rect(box, color=None, fill=(0, 0, 0))
        page.draw_rect(pymupdf.Rect(box.x0 + 10, box.y0 + 5, box.x0 + 40, box.y1 - 5), color=None, fill=(1, 1, 1))

    painted, mb = _with_box(over)
    assert [f.detail for f in verify_areas(painted, [mb], (0, 0, 0))] == ["a drawn box is not covered"]

    def covered(page, box):
        page.add_redact_annot(box, fill=(0, 0, 0))
        page.apply_redactions()

    ok, mb = _with_box(covered)
    assert verify_areas(ok, [mb], (0, 0, 0)) == []


@pytest.mark.parametrize("rotation", [90, 270])
def test_box_on_a_turned_page(masker, rotation) -> None:
    """Boxes are in the unrotated page space (as the glyphs'); the area check renders the page
    turned, so a wrong mapping would find white where the fill should be."""
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(LINES):
        page.insert_text((72, 80 + 16 * i), line, fontsize=11, fontname="helv")
    page.set_rotation(rotation)
    pdf = doc.tobytes()
    doc.close()
    from masking.pdf import extract_page_text

    with pymupdf.open(stream=pdf, filetype="pdf") as d:
        pt = extract_page_text(d[0])
    i = pt.text.index("läkarintyg")
    glyphs = pt.glyphs_for_span(i, i + len("läkarintyg"))
    box = [min(g.box[0] for g in glyphs) - 1, min(g.box[1] for g in glyphs) - 1,
           max(g.box[2] for g in glyphs) + 1, max(g.box[3] for g in glyphs) + 1]
    plan = _decided(masker, pdf)
    plan.add_box(1, box, actor="u-1")
    result = apply_plan(masker, pdf, plan)
    assert result.verification.passed and "drawn_areas" in result.verification.checks
    text = page_text(result.output)
    assert "läkarintyg" not in text and "har lämnat in ett" in text and "BESLUT fattas" in text


def test_deleting_a_text_entry_keeps_the_analysis_proposals_of_the_same_value(masker, pdf) -> None:
    plan = _decided(masker, pdf)
    added = add_text(plan, masker, pdf, "Fjällbo", actor="u-1")
    proposed = next(c for c in plan.candidates if c.source != "manual")
    proposed.value_ref = added[0].value_ref  # the analysis proposed the same value elsewhere
    plan.delete([added[0].id], actor="u-1", all_occurrences=True)
    assert not any(c.source == "manual" for c in plan.candidates)
    assert any(c.id == proposed.id for c in plan.candidates)
    with pytest.raises(PlanError):  # named itself, a proposal is rejected, not deleted
        plan.delete([proposed.id], actor="u-1", all_occurrences=True)


def test_box_on_a_scanned_page(masker) -> None:
    """A scan (an image, OCR'd by the pipeline): the box's pixels are covered and its word leaves
    the searchable layer; the words beside it stay in that layer."""
    src = pymupdf.open()
    page = src.new_page()
    for i, line in enumerate(["Ärendet gäller läkarintyg och annat.", "BESLUT fattas idag."]):
        page.insert_text((72, 80 + 24 * i), line, fontsize=14, fontname="helv")
    (word,) = page.search_for("läkarintyg")
    pix = page.get_pixmap(dpi=200)
    src.close()
    doc = pymupdf.open()
    doc.new_page().insert_image(doc[0].rect, pixmap=pix)
    pdf = doc.tobytes()
    doc.close()
    plan = _decided(masker, pdf)
    box = _padded(word, 2)
    plan.add_box(1, box, actor="u-1")
    result = apply_plan(masker, pdf, plan)
    assert result.verification.passed and "drawn_areas" in result.verification.checks
    text = page_text(result.output)
    assert "läkarintyg" not in text and "gäller" in text and "och annat" in text and "BESLUT fattas" in text
    assert _fill_fraction(result.output, box) > 0.6
    under = _images_only(result.output, box)
    assert int(under.max()) - int(under.min()) < 8  # the scan's own pixels there are destroyed
