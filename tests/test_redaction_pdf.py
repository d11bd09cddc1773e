"""End-to-end behaviour of PDF redaction: masked values are really gone; neighbours survive."""

from __future__ import annotations

import json

import pymupdf
import pytest

from masking.errors import VerificationError
from masking.pipeline import Masker
from masking.policy import load_policy, parse_policy
from masking.textmatch import normalise_value

from .conftest import make_pdf, page_text

PNR = "811218-9876"
PHONE = "070-123 45 67"


def all_extractable(data: bytes) -> str:
    """Everything a reader could pull out: text, metadata, outline, annotations, raw objects."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    parts = [p.get_text("text", flags=0) for p in doc]
    parts += [str(v) for v in (doc.metadata or {}).values() if v]
    parts += [str(t) for t in doc.get_toc()]
    parts.append(doc.get_xml_metadata() or "")
    for p in doc:
        for a in p.annots() or []:
            parts.append(json.dumps(a.info))
        for w in p.widgets() or []:
            parts.append(str(w.field_value))
    for x in range(1, doc.xref_length()):
        parts.append(doc.xref_object(x))
        if doc.xref_is_stream(x):
            parts.append((doc.xref_stream(x) or b"").decode("latin-1"))
    doc.close()
    return "\n".join(parts)


def test_personnummer_and_phone_removed_neighbours_survive(masker):
    doc = make_pdf([
        "Beslut Dnr 2024/12345",
        f"Personnummer: {PNR}, telefon {PHONE}",
        "Annan rad precis under med belopp 12 345 kr",
    ], leading=12)
    result = masker.mask_bytes(doc.tobytes())
    text = page_text(result.output)
    assert PNR not in text and "8112189876" not in normalise_value(all_extractable(result.output))
    assert PHONE not in text
    # neighbouring words and lines survive
    assert "Personnummer:" in text
    assert "Annan rad precis under med belopp 12 345 kr" in text
    assert "Dnr 2024/12345" in text
    # labelled with the legal ground
    assert "OSL 21:7" in text
    types = {a.entity_type for a in result.areas}
    assert {"SE_PERSONNUMMER", "PHONE_NUMBER"} <= types


def test_value_split_across_text_objects_and_lines(masker):
    doc = pymupdf.open()
    page = doc.new_page()
    # one personnummer drawn as two text objects
    page.insert_text((72, 72), "Pnr: 811218-", fontsize=11)
    w = pymupdf.get_text_length("Pnr: 811218-", fontsize=11)
    page.insert_text((72 + w, 72), "9876 är sökandens.", fontsize=11)
    # the same value elsewhere, broken over a line end
    page.insert_text((72, 100), "Samma nummer 811218-", fontsize=11)
    page.insert_text((72, 114), "9876 igen.", fontsize=11)
    result = masker.mask_bytes(doc.tobytes())
    squeezed = normalise_value(page_text(result.output))
    assert "8112189876" not in squeezed
    assert "9876" not in page_text(result.output)
    assert "sökandens" in page_text(result.output)


def test_metadata_outline_annotations_fields_attachments_removed(masker):
    doc = make_pdf([f"Ärendet gäller {PNR}."])
    doc.set_metadata({"author": f"Handläggare för {PNR}", "title": f"Beslut {PNR}"})
    doc.set_toc([[1, f"Sökande {PNR}", 1]])
    page = doc[0]
    page.add_text_annot((400, 400), f"Ring {PHONE}")
    w = pymupdf.Widget()
    w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    w.field_name = "pnr"
    w.field_value = PNR
    w.rect = pymupdf.Rect(72, 200, 250, 220)
    page.add_widget(w)
    doc.embfile_add("bilaga.txt", f"personnummer {PNR}".encode(), desc=f"Bilaga {PNR}")
    doc.set_page_labels([{"startpage": 0, "prefix": f"{PNR}-", "style": "D"}])
    result = masker.mask_bytes(doc.tobytes())
    blob = normalise_value(all_extractable(result.output))
    assert "8112189876" not in blob
    assert "0701234567" not in blob
    out = pymupdf.open(stream=result.output, filetype="pdf")
    assert out.embfile_count() == 0
    assert out.get_toc() == []
    assert out[0].first_annot is None and out[0].first_widget is None
    assert not any(out.metadata.get(k) for k in ("author", "title", "subject", "keywords"))


def test_hidden_layer_offpage_and_invisible_text_removed(masker):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Synlig rad utan personuppgifter.", fontsize=11)
    ocg = doc.add_ocg("Dold", on=False)
    page.insert_text((72, 120), f"Dolt lager {PNR}", fontsize=11, oc=ocg)
    page.insert_text((72, 150), f"Osynlig {PHONE}", fontsize=11, render_mode=3)
    page.insert_text((72, 170), f"Vit text {PNR}", fontsize=11, color=(1, 1, 1))
    page.insert_text((700, 900), f"Utanför sidan {PNR}", fontsize=11)
    result = masker.mask_bytes(doc.tobytes())
    blob = normalise_value(all_extractable(result.output))
    assert "8112189876" not in blob and "0701234567" not in blob
    assert "Synlig rad utan personuppgifter." in page_text(result.output)


def test_rotated_page(masker):
    doc = make_pdf([f"Personnummer {PNR} på en roterad sida."])
    doc[0].set_rotation(90)
    result = masker.mask_bytes(doc.tobytes())
    text = page_text(result.output)
    assert "9876" not in text and "roterad sida" in text


def test_image_pixels_under_box_are_destroyed(masker):
    doc = pymupdf.open()
    page = doc.new_page()
    # a grey image behind the text line
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 200, 40), False)
    pix.set_rect(pix.irect, (128,))
    page.insert_image(pymupdf.Rect(60, 55, 400, 85), pixmap=pix)
    page.insert_text((72, 72), f"Personnummer {PNR}", fontsize=11)
    result = masker.mask_bytes(doc.tobytes())
    out = pymupdf.open(stream=result.output, filetype="pdf")
    imgs = out[0].get_images(full=True)
    assert imgs, "the image itself stays (only pixels under the box change)"
    img = pymupdf.Pixmap(out, imgs[0][0])
    values = set(img.samples)
    assert len(values) > 1, "pixels under the redaction box were changed"


def test_name_in_bookmark_metadata_annotation_via_deny_list(analyzer):
    raw = {
        "name": "test-deny",
        "grounds": {"OSL 21:3 a": "Skyddade personuppgifter"},
        "default": {"ground": "OSL 21:3 a", "threshold": 0.4},
        "deny_list": ["Zlatana Qwertyson"],
    }
    masker = Masker(policy=parse_policy(raw), analyzer=analyzer)
    doc = make_pdf(["Beslut om Zlatana Qwertyson och Qwertysons barn.", "Zlatana Qwerty-", "son bor kvar."])
    doc.set_toc([[1, "Zlatana Qwertyson", 1]])
    doc.set_metadata({"author": "Zlatana Qwertyson"})
    doc[0].add_text_annot((300, 300), "Om Zlatana Qwertyson")
    result = masker.mask_bytes(doc.tobytes())
    blob = normalise_value(all_extractable(result.output))
    assert "zlatanaqwertyson" not in blob
    assert "qwertyson" not in blob  # the surname alone and its genitive are masked too
    assert "OSL 21:3 a" in page_text(result.output)
    assert "Beslut om" in page_text(result.output)


def test_failed_verification_withholds_output(masker, tmp_path, monkeypatch):
    import masking.stages.redact as pl  # the redact stage calls the text redaction

    doc = make_pdf([f"Personnummer {PNR}"])
    src = tmp_path / "in.pdf"
    src.write_bytes(doc.tobytes())
    before = src.read_bytes()

    def no_redaction(doc, pages, detections, policy, manual_boxes=()):
        return doc.tobytes(), []  # a broken redactor: nothing removed

    monkeypatch.setattr(pl, "redact_document", no_redaction)
    out = tmp_path / "out.pdf"
    with pytest.raises(VerificationError) as info:
        masker.mask_file(src, out, report_path=tmp_path / "r.json")
    assert not out.exists() and not (tmp_path / "r.json").exists()
    assert "SE_PERSONNUMMER" in str(info.value) and "9876" not in str(info.value)
    assert src.read_bytes() == before


def test_report_has_hashes_grounds_and_no_values(masker, tmp_path):
    doc = make_pdf([f"Sökande {PNR}, tel {PHONE}, e-post anna.svensson@example.se"])
    src = tmp_path / "in.pdf"
    src.write_bytes(doc.tobytes())
    result = masker.mask_file(src, tmp_path / "out.pdf", report_path=tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text())
    import hashlib

    assert report["input"]["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
    assert report["output"]["sha256"] == hashlib.sha256((tmp_path / "out.pdf").read_bytes()).hexdigest()
    assert report["verification"]["passed"] is True
    assert report["policy"]["name"] == "general" and len(report["policy"]["sha256"]) == 64
    assert report["model"]["name"]
    for area in report["masked_areas"]:
        assert {"page", "box", "type", "ground", "score", "recognizer"} <= set(area)
    raw = normalise_value((tmp_path / "report.json").read_text())
    assert "8112189876" not in raw and "0701234567" not in raw and "svensson" not in raw


def test_social_insurance_policy_ground(analyzer):
    masker = Masker(policy=load_policy("social-insurance"), analyzer=analyzer)
    result = masker.mask_bytes(make_pdf([f"Personnummer {PNR}"]).tobytes())
    assert {a.ground for a in result.areas} == {"OSL 28:1"}
    assert "OSL 28:1" in page_text(result.output)


def test_small_box_gets_legend_not_silent_drop(analyzer):
    raw = {
        "name": "tiny",
        "grounds": {"OSL 21:7": "x"},
        "default": {"ground": "OSL 21:7"},
        "deny_list": ["Bo"],
    }
    masker = Masker(policy=parse_policy(raw), analyzer=analyzer)
    result = masker.mask_bytes(make_pdf(["Hej Bo, välkommen."], fontsize=8).tobytes())
    assert any(not a.label_drawn for a in result.areas)
    assert "Maskerat utan etikett i rutan: OSL 21:7" in page_text(result.output)
    assert "välkommen" in page_text(result.output)
