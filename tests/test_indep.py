"""The independent evaluation generator (masking.indep): deterministic, truthful, complete, renderable."""

from __future__ import annotations

import pymupdf
import pytest

from masking.entities import ADDRESS_TYPES, STRUCTURED_IDENTIFIERS
from masking.evaluate import _locate
from masking.indep import KIND_ORDER, generate_document, generate_documents, render_pdf
from masking.pdf import extract_page_text, prepare_for_redaction
from masking.textmatch import SqueezedText

N = 2 * len(KIND_ORDER)


@pytest.fixture(scope="module")
def docs():
    return generate_documents(N, seed=11)


def test_deterministic_per_seed(docs):
    again = generate_documents(N, seed=11)
    assert [d.truth() for d in docs] == [d.truth() for d in again]
    other = generate_documents(N, seed=12)
    assert [d.pages for d in docs] != [d.pages for d in other]
    a = pymupdf.open(stream=render_pdf(docs[0]), filetype="pdf")
    b = pymupdf.open(stream=render_pdf(generate_document(0, 11)), filetype="pdf")
    assert [p.get_text("words") for p in a] == [p.get_text("words") for p in b]


def test_every_span_matches_its_text(docs):
    for d in docs:
        for i, text in enumerate(d.pages):
            for e in d.entities[i] + d.keep[i]:
                assert text[e.start : e.end] == e.text, (d.id, e.type, e.form)
                assert e.text.strip() == e.text and e.text, (d.id, e.type, e.form)


def test_every_kind_and_type_occurs(docs):
    assert {d.kind for d in docs} == set(KIND_ORDER)
    types = {e.type for d in docs for page in d.entities for e in page}
    expected = set(STRUCTURED_IDENTIFIERS) | set(ADDRESS_TYPES) | {"PERSON", "HEALTH", "ICD10_CODE"}
    assert expected <= types, expected - types
    keeps = {e.type for d in docs for page in d.keep for e in page}
    assert {"DATE", "AMOUNT", "DNR", "SFS", "ORGNR", "AGENCY", "PROCESS_WORD"} <= keeps
    forms = {e.form for d in generate_documents(60, seed=3) for page in d.entities for e in page}
    for prefix in ("pnr:", "snr:", "nordic:no-fnr", "nordic:dk-cpr", "nordic:fi-hetu", "acct:", "card:", "iban:",
                   "swish", "phone:", "addr:foreign-street", "addr:box", "addr:street:after-c/o", "property:",
                   "id:lma", "health:med", "health:unit", "health:tx", "name:genitive", "name:inverted",
                   "name:full:lower"):
        assert any(f.startswith(prefix) for f in forms), prefix
    assert any(f.endswith("+unicode") for f in forms)


def test_every_value_is_in_the_rendered_text(docs):
    """What the truth says is on a page can be found in the PDF's extracted text (all fonts, layouts)."""
    fonts = set()
    for d in docs:
        fonts.add(d.font)
        pdf = pymupdf.open(stream=render_pdf(d), filetype="pdf")
        prepare_for_redaction(pdf)
        assert pdf.page_count == len(d.pages)
        for pno in range(pdf.page_count):
            sq = SqueezedText.of(extract_page_text(pdf[pno]).text)
            for e in d.entities[pno] + d.keep[pno]:
                assert _locate(sq, e.text, e.type, 0) is not None, (d.id, e.type, e.form)
        pdf.close()
    assert len(fonts) >= 2


def test_scans_render(docs):
    from masking.synth.scan import render_scanned_pdf

    d = docs[0]
    scan, skews = render_scanned_pdf(render_pdf(d), seed=5)
    pdf = pymupdf.open(stream=scan, filetype="pdf")
    assert pdf.page_count == len(d.pages) == len(skews)
    assert pdf[0].get_text().strip() == ""  # image only: the text must come from OCR
    assert pdf[0].get_images()
    pdf.close()


def test_eval_scores_independent_documents_by_form(masker):
    from masking.evaluate import evaluate_corpus, format_eval, format_side_by_side

    r = evaluate_corpus(None, n=4, seed=7, masker=masker, generator="independent")
    assert r["generator"] == "independent" and r["documents"] == 4
    forms = r["recall_by_form"]
    assert forms and all(v["n"] >= 1 for v in forms.values())
    assert sum(v["n"] for v in forms.values()) == sum(r["support"].values())
    assert "health" in r["recall_groups"]
    text = format_eval(r)
    assert "health" in text
    side = format_side_by_side({"own": r, "independent": r})
    assert "independent" in side.splitlines()[0] and "recall: health" in side
    with pytest.raises(ValueError):
        evaluate_corpus(None, n=1, masker=masker, generator="nonesuch")
