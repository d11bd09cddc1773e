"""Review workflow: plan → decide → apply → verify → release, with the audit log."""

from __future__ import annotations

import io
import json

import pytest

from masking import entities
from masking.audit import open_audit_log
from masking.errors import PlanError, ReviewPendingError
from masking.review import MaskingPlan, add_text, apply_plan, create_plan, release
from tests.conftest import make_pdf, page_text

PNR = "19811218-9876"
KEY = bytes(range(32))
LINES = [
    f"Sökande: Anna Svensson, personnummer {PNR}.",
    "Se 1234-123 456 7 ovan.",  # a bank-account shape without context: proposed for review only
    "Anna Svensson har lämnat in ett läkarintyg.",
    "Handläggare noterar att Fjällbo hörde av sig.",
]


@pytest.fixture()
def pdf() -> bytes:
    return make_pdf(LINES).tobytes()


@pytest.fixture()
def audit(tmp_path):
    log = open_audit_log(str(tmp_path / "audit.sqlite3"), key=KEY)
    yield log
    log.close()


def _pending(plan: MaskingPlan):
    return plan.blocking()


def test_plan_has_auto_and_review_candidates_without_text(masker, pdf, audit) -> None:
    plan = create_plan(masker, pdf, audit=audit)
    types = {(c.entity_type, c.auto) for c in plan.candidates}
    assert (entities.SE_PERSONNUMMER, True) in types and (entities.PERSON, True) in types
    assert (entities.SE_BANK_ACCOUNT, False) in types
    dumped = plan.to_json()
    assert "Svensson" not in dumped and PNR not in dumped and "1234-123" not in dumped
    assert all(c.value_ref.startswith("hmac-sha256:") for c in plan.candidates)
    # the same name twice is linked by its HMAC
    refs = [c.value_ref for c in plan.candidates if c.entity_type == entities.PERSON]
    assert len(refs) != len(set(refs))


def test_apply_refused_while_pending_then_accept_masks(masker, pdf, audit) -> None:
    plan = create_plan(masker, pdf, audit=audit)
    (weak,) = _pending(plan)
    with pytest.raises(ReviewPendingError):
        apply_plan(masker, pdf, plan, audit=audit)
    plan.accept([weak.id], actor="u-1001")
    result = apply_plan(masker, pdf, plan, actor="u-1001", audit=audit)
    text = page_text(result.output)
    assert PNR not in text and "Svensson" not in text and "1234-123 456 7" not in text
    assert result.report["review"]["counts"]["blocking"] == 0
    assert "u-1001" in {a.decided_by for a in result.areas}


def test_reject_needs_a_reason_and_keeps_the_text(masker, pdf, audit) -> None:
    plan = create_plan(masker, pdf, audit=audit)
    (weak,) = _pending(plan)
    with pytest.raises(PlanError):
        plan.reject([weak.id], actor="u-1001", reason=" ")
    plan.reject([weak.id], actor="u-1001", reason="Myndighetens eget referensnummer")
    result = apply_plan(masker, pdf, plan, audit=audit)
    assert "1234-123 456 7" in page_text(result.output)
    assert PNR not in page_text(result.output)


def test_reject_all_occurrences_and_change_ground(masker, pdf, audit) -> None:
    plan = create_plan(masker, pdf, audit=audit)
    names = [c for c in plan.candidates if c.entity_type == entities.PERSON and c.source == "analyzer"]
    first = names[0]
    same = [c for c in plan.candidates if c.value_ref == first.value_ref]
    assert len(same) >= 2
    plan.reject([first.id], actor="u-1", reason="Offentlig företrädare", all_occurrences=True)
    assert all(c.status == "rejected" for c in same)
    pnr = next(c for c in plan.candidates if c.entity_type == entities.SE_PERSONNUMMER)
    plan.change_ground([pnr.id], "OSL 21:1", actor="u-1")
    with pytest.raises(PlanError):
        plan.change_ground([pnr.id], "OSL 99:1", actor="u-1")
    plan.accept([c.id for c in _pending(plan)], actor="u-1")
    result = apply_plan(masker, pdf, plan, audit=audit)
    assert "Anna Svensson" in page_text(result.output)
    grounds = {a.ground for a in result.areas if a.entity_type == entities.SE_PERSONNUMMER}
    assert grounds == {"OSL 21:1"}


def test_manual_box_and_text(masker, pdf, audit) -> None:
    plan = create_plan(masker, pdf, audit=audit)
    plan.accept([c.id for c in _pending(plan)], actor="u-2")
    # "Fjällbo" (a nickname the recognizers do not know) at every occurrence
    added = add_text(plan, masker, pdf, "Fjällbo", actor="u-2", audit=audit)
    assert len(added) == 1 and added[0].status == "accepted"
    # a box over the word "läkarintyg" on line 3
    import pymupdf

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    (rect,) = doc[0].search_for("läkarintyg")
    doc.close()
    plan.add_box(1, [rect.x0, rect.y0, rect.x1, rect.y1], actor="u-2", ground="OSL 21:1", entity_type="HEALTH_NOTE")
    with pytest.raises(PlanError):
        plan.add_box(2, [0, 0, 10, 10], actor="u-2")
    result = apply_plan(masker, pdf, plan, audit=audit)
    text = page_text(result.output)
    assert "Fjällbo" not in text and "läkarintyg" not in text and "lämnat in ett" in text
    manual = [a for a in result.areas if a.recognizer == "manual"]
    assert {a.entity_type for a in manual} == {"HEALTH_NOTE", entities.PERSON}
    with pytest.raises(PlanError):
        add_text(plan, masker, pdf, "Finns inte", actor="u-2")


def test_plan_round_trips_through_json_and_resumes(masker, pdf) -> None:
    plan = create_plan(masker, pdf)
    plan.accept([plan.candidates[0].id], actor="u-3")
    again = MaskingPlan.from_json(plan.to_json())
    assert again.to_dict() == plan.to_dict()
    again.accept([c.id for c in again.blocking()], actor="u-3")
    assert apply_plan(masker, pdf, again).verification.passed


def test_plan_for_another_document_is_refused(masker, pdf) -> None:
    plan = create_plan(masker, pdf)
    other = make_pdf(["Ett helt annat brev."]).tobytes()
    with pytest.raises(PlanError):
        apply_plan(masker, other, plan)
    with pytest.raises(PlanError):
        MaskingPlan.from_json('{"schema": "something else"}')


def test_tampered_candidate_position_is_refused(masker, pdf) -> None:
    plan = create_plan(masker, pdf)
    plan.accept([c.id for c in plan.blocking()], actor="u-4")
    pnr = next(c for c in plan.candidates if c.entity_type == entities.SE_PERSONNUMMER)
    pnr.start += 3  # the plan no longer points at the value it was made for
    with pytest.raises(PlanError):
        apply_plan(masker, pdf, plan)


def test_protected_identity_forces_review_and_masks_locating_data(masker) -> None:
    data = make_pdf(
        [
            "Sökande: Anna Svensson, Storgatan 12 B, 123 45 Stockholm.",
            "Hon arbetar på Kvarnbyns Bageri AB och nås på 070-123 45 67.",
        ]
    ).tobytes()
    plan = create_plan(masker, data, protected_identity=True)
    assert plan.policy["protected_identity"] is True
    assert plan.candidates and all(not c.auto for c in plan.candidates)
    types = {c.entity_type for c in plan.candidates}
    assert {entities.SE_ADDRESS, entities.WORKPLACE, entities.PHONE_NUMBER} <= types
    with pytest.raises(ReviewPendingError):
        apply_plan(masker, data, plan)
    plan.accept([c.id for c in plan.candidates], actor="u-5")
    result = apply_plan(masker, data, plan)
    text = page_text(result.output)
    assert "Storgatan" not in text and "Kvarnbyns" not in text and "070-123" not in text
    assert {a.ground for a in result.areas if a.entity_type == entities.SE_ADDRESS} == {"OSL 21:3 a"}


def test_release_and_audit_trail(masker, pdf, audit) -> None:
    plan = create_plan(masker, pdf, audit=audit, actor="u-6")
    plan.accept([c.id for c in plan.blocking()], actor="u-6")
    from masking.review import record_decision

    record_decision(audit, plan, plan.history[-1])
    result = apply_plan(masker, pdf, plan, actor="u-6", audit=audit)
    rec = release(plan, result, actor="u-6", audit=audit)
    assert rec["outcome"] == "partial" and rec["output_sha256"] == result.report["output"]["sha256"]
    kinds = [e.kind for e in audit.events(document_id=plan.document_id)]
    assert kinds == ["upload", "analysis", "decision", "application", "verification", "release"]
    assert audit.verify().ok
    buf = io.StringIO()
    audit.export(buf)
    exported = buf.getvalue()
    assert "Svensson" not in exported and PNR not in exported and "1234-123" not in exported
    # every exported line is JSON with areas that carry page, box, type and ground
    events = [json.loads(line) for line in exported.splitlines()]
    assert any(a["ground"] == "OSL 21:7" for e in events for a in e["areas"])


def test_release_refused_with_pending(masker, pdf) -> None:
    plan = create_plan(masker, pdf)
    plan.accept([c.id for c in plan.blocking()], actor="u-7")
    result = apply_plan(masker, pdf, plan)
    plan.candidates[0].status = "pending"
    plan.candidates[0].auto = False
    with pytest.raises(ReviewPendingError):
        release(plan, result, actor="u-7")
