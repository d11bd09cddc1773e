"""The whole governed flow on a document full of personal data, logging at DEBUG: no value may
appear in any log line, audit event, plan, report, listing, draft decision or error message."""

from __future__ import annotations

import io
import json
import logging

import pytest

from masking.audit import open_audit_log
from masking.disclosure import build_masking_list, decision_draft
from masking.errors import MaskingError
from masking.review import apply_plan, create_plan, release
from masking.synth import generate_document, render_pdf


def _values(doc) -> set[str]:
    vals = {e.text for page in doc.entities for e in page}
    vals |= set(doc.metadata_values)
    # names also as their parts (a surname alone would be a leak too)
    parts = {p for v in vals for p in v.replace(",", " ").split() if len(p) >= 4 and p.isalpha()}
    return {v for v in vals | parts if len(v) >= 4}


@pytest.mark.parametrize("kind", ["decision_letter", "people_table"])
def test_no_value_in_logs_audit_reports_or_errors(masker, tmp_path, caplog, kind) -> None:
    doc = generate_document(3, seed=515, name_split="heldout", kind=kind)
    data = render_pdf(doc)
    values = _values(doc)
    assert len(values) > 10
    caplog.set_level(logging.DEBUG)
    produced: list[str] = []
    log = open_audit_log(str(tmp_path / "a.sqlite3"), key=bytes(32))
    try:
        plan = create_plan(masker, data, audit=log, actor="u-9")
        produced.append(plan.to_json())
        try:  # an error path: apply while review is pending (if anything is pending)
            if plan.blocking():
                apply_plan(masker, data, plan, audit=log)
        except MaskingError as exc:
            produced.append(str(exc))
        if plan.blocking():
            plan.reject([plan.blocking()[0].id], actor="u-9", reason="Bedömt som offentligt")
            rest = [c.id for c in plan.blocking()]
            if rest:
                plan.accept(rest, actor="u-9")
        result = apply_plan(masker, data, plan, audit=log, actor="u-9", append_list=True)
        release(plan, result, actor="u-9", audit=log)
        produced.append(json.dumps(result.report, ensure_ascii=False))
        listing = build_masking_list(result.areas, masker.policy)
        produced.append(json.dumps(listing, ensure_ascii=False))
        produced.append(decision_draft(listing, masker.policy))
        buf = io.StringIO()
        log.export(buf)
        produced.append(buf.getvalue())
        assert log.verify().ok
    finally:
        log.close()
    produced.append("\n".join(r.getMessage() for r in caplog.records))
    produced.append(caplog.text)
    blob = "\n".join(produced).lower()
    leaked = sorted(v for v in values if v.lower() in blob)
    assert not leaked, f"{len(leaked)} personal values appear in logs/records"
