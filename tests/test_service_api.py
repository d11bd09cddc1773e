"""HTTP service: one-shot redaction, jobs, the review flow, errors, limits and failure behaviour."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import stat
import uuid

import pymupdf
import pytest

from tests.conftest import page_text
from service import worker
from tests import service_support
from tests.service_support import NAME, PNR, sample_pdf, shared_service, upload_file


@pytest.fixture(scope="session")
def service_session(request):
    return shared_service(request)


@pytest.fixture(scope="module")
def svc(service_session):
    return service_session


@pytest.fixture(scope="module")
def client(svc):
    return svc.client


def _review_doc(svc, **form) -> dict:
    r = svc.client.post("/v1/documents", files=upload_file(sample_pdf()), data=form, headers=svc.h("registrar"))
    assert r.status_code == 201, r.text
    return r.json()


# --- health, readiness, docs --------------------------------------------------------------------


def test_health_and_ready_need_no_key(client) -> None:
    assert client.get("/health").json()["status"] == "ok"
    r = client.get("/ready")
    assert r.status_code == 200 and r.json()["checks"] == {"workers": True, "database": True, "storage": True}


def test_openapi_lists_the_v1_endpoints_and_docs_need_no_cdn(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/v1/redact", "/v1/jobs/{job_id}", "/v1/documents/{document_id}/decisions",
                 "/v1/documents/{document_id}/release", "/v1/analyze", "/v1/audit/events", "/v1/audit/verify"):
        assert path in spec["paths"], path
    assert "bearer" in json.dumps(spec["components"]["securitySchemes"]).lower()
    html = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


# --- one-shot redaction --------------------------------------------------------------------------


def test_redact_returns_the_masked_pdf_and_job_products(svc, client) -> None:
    data = sample_pdf()
    r = client.post("/v1/redact", files=upload_file(data), data={"case_ref": "KS 2026/123"}, headers=svc.h("integration"))
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = page_text(r.content)
    assert PNR not in text and "Svensson" not in text and "070-123 45 67" not in text
    assert "lämnat in ett läkarintyg" in text
    job = r.headers["x-job-id"]
    assert uuid.UUID(job).version == 4 and "Anna" not in r.headers.get("content-disposition", "")
    status = client.get(f"/v1/jobs/{job}", headers=svc.h("integration")).json()
    assert status["status"] == "done" and status["pages"] == 1 and status["masked_areas"] >= 3
    report = client.get(f"/v1/jobs/{job}/report", headers=svc.h("integration")).json()
    assert report["verification"]["passed"] and report["input"]["sha256"] == hashlib.sha256(data).hexdigest()
    listing = client.get(f"/v1/jobs/{job}/masking-list", headers=svc.h("integration")).json()
    assert listing["count"] == report["summary"]["masked_areas"] and listing["document_id"] == job
    pdf = client.get(f"/v1/jobs/{job}/masking-list.pdf", headers=svc.h("integration"))
    assert pdf.content.startswith(b"%PDF") and "Maskeringsförteckning" in page_text(pdf.content)
    draft = client.get(f"/v1/jobs/{job}/decision-draft", headers=svc.h("integration"))
    assert draft.headers["content-type"].startswith("text/plain") and "kammarrätten" in draft.text
    again = client.get(f"/v1/jobs/{job}/result", headers=svc.h("integration"))
    assert again.content == r.content
    dumped = json.dumps([status, report, listing]) + draft.text
    assert "Svensson" not in dumped and PNR not in dumped and "KS 2026/123" not in dumped
    found = client.post("/v1/jobs/search", json={"case_ref": "KS 2026/123"}, headers=svc.h("integration")).json()
    assert [j["job_id"] for j in found] == [job]


def test_redact_says_where_its_time_went_in_server_timing(svc, client) -> None:
    r = client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"))
    assert r.status_code == 200
    phases = {}
    for item in r.headers["server-timing"].split(","):
        name, _, dur = item.strip().partition(";dur=")
        phases[name] = float(dur)
    for name in ("upload", "accept", "queue", "dispatch", "task", "pipeline", "analyze", "verify", "audit_wait",
                 "products", "reply", "record", "finish", "total"):
        assert name in phases and phases[name] >= 0, name
    assert phases["task"] >= phases["pipeline"] and phases["total"] >= phases["task"]
    assert all(n.isidentifier() for n in phases)  # names and numbers only, nothing of the document


def test_redact_audits_upload_outcome_and_download_in_order(svc, client) -> None:
    data = sample_pdf()
    r = client.post("/v1/redact", files=upload_file(data), headers=svc.h("integration"))
    job = r.headers["x-job-id"]
    ev = client.get("/v1/audit/events", params={"document_id": job}, headers=svc.h("auditor")).json()["events"]
    assert [e["kind"] for e in ev] == ["upload", "application", "verification", "download"]
    assert [e["seq"] for e in ev] == list(range(ev[0]["seq"], ev[0]["seq"] + 4))  # nothing else in between here
    out = hashlib.sha256(r.content).hexdigest()
    assert ev[1]["output_sha256"] == out and ev[3]["output_sha256"] == out
    assert ev[3]["details"] == {"channel": "api"} and all(e["input_sha256"] == hashlib.sha256(data).hexdigest() for e in ev)
    assert "Svensson" not in json.dumps(ev) and PNR not in json.dumps(ev)
    assert client.get("/v1/audit/verify", headers=svc.h("auditor")).json()["ok"] is True


def test_redact_with_deny_list_protected_identity_and_appended_list(svc, client) -> None:
    data = sample_pdf(["Handläggare noterar att Fjällbo hörde av sig.", "Adress: Storgatan 12, 123 45 Småstad."])
    r = client.post("/v1/redact", files=upload_file(data), headers=svc.h("integration"),
                    data={"deny_list": ["Fjällbo"], "protected_identity": "true", "append_list": "true"})
    assert r.status_code == 200, r.text
    text = page_text(r.content)
    assert "Fjällbo" not in text and "Storgatan 12" not in text
    assert "Maskeringsförteckning" in text  # appended as the last page
    report = client.get(f"/v1/jobs/{r.headers['x-job-id']}/report", headers=svc.h("integration")).json()
    assert report["policy"]["protected_identity"] is True and report["masking_list"]["appended_pages"] >= 1


def test_large_or_async_upload_becomes_a_job(svc, client) -> None:
    r = client.post("/v1/redact", files=upload_file(sample_pdf()), headers={**svc.h("integration"),
                                                                          "Prefer": "respond-async"})
    assert r.status_code == 202
    job = r.json()["job_id"]
    assert r.headers["location"] == f"/v1/jobs/{job}"
    status = _wait_job(svc, job)
    assert status["status"] == "done" and "result" in status["links"]
    # above sync_max_bytes (200 kB here) the answer is always a job
    big = sample_pdf(pages=1)
    doc = pymupdf.open(stream=big, filetype="pdf")
    doc.set_metadata({"subject": "x" * 300_000})
    r = client.post("/v1/redact", files=upload_file(doc.tobytes()), headers=svc.h("integration"))
    assert r.status_code == 202
    assert _wait_job(svc, r.json()["job_id"])["status"] == "done"


def _wait_job(svc, job: str) -> dict:
    import time

    for _ in range(600):
        status = svc.client.get(f"/v1/jobs/{job}", headers=svc.h("integration")).json()
        if status["status"] not in ("queued", "running"):
            return status
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_a_failed_job_has_a_reason_and_its_upload_is_deleted(svc, client) -> None:
    r = client.post("/v1/redact", files=upload_file(b"not a pdf at all"),
                    headers={**svc.h("integration"), "Prefer": "respond-async"})
    status = _wait_job(svc, r.json()["job_id"])
    assert status["status"] == "failed" and status["error"]["kind"] == "not_pdf"
    res = client.get(f"/v1/jobs/{status['job_id']}/result", headers=svc.h("integration"))
    assert res.status_code == 410  # a failed upload is deleted at once


@pytest.mark.parametrize(
    "data,kind",
    [
        (b"hello, this is text", "not_pdf"),
        (b"%PDF-1.7\n1 0 obj garbage", "corrupt"),
        (b"", "empty"),
        ("encrypted", "encrypted"),
        ("six_pages", "limit"),
    ],
)
def test_bad_inputs_are_422_with_a_reason(svc, client, data, kind) -> None:
    if data == "encrypted":
        doc = pymupdf.open(stream=sample_pdf(), filetype="pdf")
        data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
    elif data == "six_pages":
        data = sample_pdf(pages=6)  # the test service allows 5
    r = client.post("/v1/redact", files=upload_file(data), headers=svc.h("integration"))
    assert r.status_code == 422 and r.json()["error"] == kind, r.text
    assert "Svensson" not in r.text and "Anna_Svensson" not in r.text
    r = client.post("/v1/documents", files=upload_file(data), headers=svc.h("registrar"))
    assert r.status_code == 422 and r.json()["error"] == kind


def test_unknown_policy_is_422_and_paths_are_never_policies(svc, client) -> None:
    for policy in ("nope", "/etc/passwd", "../masking/policies/general.yaml"):
        r = client.post("/v1/redact", files=upload_file(sample_pdf()), data={"policy": policy},
                        headers=svc.h("integration"))
        assert r.status_code == 422 and r.json()["error"] == "config"
    r = client.post("/v1/redact", files=upload_file(sample_pdf()), data={"policy": "social-insurance"},
                    headers=svc.h("integration"))
    assert r.status_code == 200


def test_upload_size_limit_is_413(svc, client) -> None:
    limit = svc.app.state.settings.max_upload_bytes
    just_over = b"%PDF-1.7\n" + b"0" * limit  # over the file limit, within the form allowance
    r = client.post("/v1/redact", files=upload_file(just_over), headers=svc.h("integration"))
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    huge = b"%PDF-1.7\n" + b"0" * (limit + 1_000_000)  # refused on Content-Length, body never read
    r = client.post("/v1/documents", files=upload_file(huge), headers=svc.h("registrar"))
    assert r.status_code == 413


def test_text_analysis(svc, client) -> None:
    text = f"Ring {NAME} på 070-123 45 67, personnummer {PNR}."
    r = client.post("/v1/analyze", json={"text": text}, headers=svc.h("integration"))
    assert r.status_code == 200
    types = {e["type"] for e in r.json()["entities"]}
    assert {"PERSON", "PHONE_NUMBER", "SE_PERSONNUMMER"} <= types
    e = next(e for e in r.json()["entities"] if e["type"] == "SE_PERSONNUMMER")
    assert text[e["start"]:e["end"]] == PNR and "text" not in e
    too_long = client.post("/v1/analyze", json={"text": "a" * 100_001}, headers=svc.h("registrar"))
    assert too_long.status_code == 413


# --- review flow -----------------------------------------------------------------------------------


def test_review_flow_from_upload_to_download(svc, client) -> None:
    doc = _review_doc(svc)
    did = doc["document_id"]
    assert doc["status"] == "review" and doc["counts"]["blocking"] == 1
    plan = client.get(f"/v1/documents/{did}/candidates", headers=svc.h("reviewer")).json()
    assert plan["page_geometry"][0]["width"] == 595.0
    cands = plan["candidates"]
    assert all(c["page"] == 1 and c["boxes"] and c["proposed_ground"] for c in cands)
    assert "Svensson" not in json.dumps(plan) and PNR not in json.dumps(plan)
    png = client.get(f"/v1/documents/{did}/pages/1.png", headers=svc.h("reviewer"))
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get(f"/v1/documents/{did}/pages/2.png", headers=svc.h("reviewer")).status_code == 404

    # the completion gate: apply is refused while a candidate needs a decision
    r = client.post(f"/v1/documents/{did}/apply", headers=svc.h("reviewer"))
    assert r.status_code == 409 and r.json()["error"] == "review_pending"
    weak = next(c for c in cands if not c["auto"])
    r = client.post(f"/v1/documents/{did}/decisions", json={"action": "reject", "ids": [weak["id"]]},
                    headers=svc.h("reviewer"))
    assert r.status_code == 422 and r.json()["error"] == "plan"  # a rejection needs a reason
    r = client.post(f"/v1/documents/{did}/decisions",
                    json={"action": "reject", "ids": [weak["id"]], "reason": "Myndighetens referensnummer"},
                    headers=svc.h("reviewer"))
    assert r.status_code == 200 and r.json()["counts"]["blocking"] == 0
    name = next(c for c in cands if c["entity_type"] == "PERSON")
    r = client.post(f"/v1/documents/{did}/decisions", json={"action": "change_ground", "ids": [name["id"]],
                                                          "ground": "OSL 21:1", "all_occurrences": True},
                    headers=svc.h("registrar"))
    assert r.status_code == 200 and len(r.json()["changed"]) >= 2
    # a drawn box over "läkarintyg", and a text masked everywhere
    src = pymupdf.open(stream=sample_pdf(), filetype="pdf")
    (rect,) = src[0].search_for("läkarintyg")
    r = client.post(f"/v1/documents/{did}/boxes", json={"page": 1, "box": [rect.x0, rect.y0, rect.x1, rect.y1],
                                                      "ground": "OSL 21:1"}, headers=svc.h("reviewer"))
    assert r.status_code == 200 and r.json()["area"]["entity_type"] == "MANUAL"
    r = client.post(f"/v1/documents/{did}/texts", json={"text": "vid frågor", "entity_type": "PERSON"},
                    headers=svc.h("reviewer"))
    assert r.status_code == 200 and r.json()["changed"][0]["status"] == "accepted"

    # apply, preview, verify
    assert client.post(f"/v1/documents/{did}/release", headers=svc.h("registrar")).status_code == 409
    r = client.post(f"/v1/documents/{did}/apply", json={"append_list": True}, headers=svc.h("reviewer"))
    assert r.status_code == 200 and r.json()["verification"]["passed"], r.text
    assert r.json()["output_pages"] == 2
    prev = client.get(f"/v1/documents/{did}/preview/1.png", headers=svc.h("reviewer"))
    assert prev.content.startswith(b"\x89PNG") and prev.content != png.content
    v = client.get(f"/v1/documents/{did}/verification", headers=svc.h("reviewer")).json()
    assert v["passed"] and v["output_intact"] and "raw_objects" in v["checks"]
    assert client.get(f"/v1/documents/{did}/download", headers=svc.h("registrar")).status_code == 409
    listing = client.get(f"/v1/documents/{did}/masking-list", headers=svc.h("reviewer")).json()
    assert {"MANUAL", "PERSON", "SE_PERSONNUMMER"} <= {i["type"] for i in listing["items"]}
    # every area placed for the requester: mm from the page's top-left corner and a grid square
    assert all(set(i["mm"]) == {"x", "y", "width", "height"} and i["grid"][0] in "ABCDEFGH" for i in listing["items"])
    draft = client.get(f"/v1/documents/{did}/decision-draft", headers=svc.h("reviewer")).text
    assert "21 kap. 1 §" in draft and "Tillämpade bestämmelser" in draft
    for code, n in listing["by_ground"].items():  # each provision used, with its count
        assert f"({code}): {n} maskerade områden" in draft or f"({code}): 1 maskerat område" in draft
    report = client.get(f"/v1/documents/{did}/report", headers=svc.h("reviewer")).json()
    assert report["review"]["counts"]["rejected"] == 1 and report["verification"]["passed"]
    lpdf = client.get(f"/v1/documents/{did}/masking-list.pdf", headers=svc.h("reviewer"))
    assert lpdf.headers["content-type"] == "application/pdf" and "Maskeringsförteckning" in page_text(lpdf.content)

    # release (registrar only), download, then the document is frozen
    assert client.post(f"/v1/documents/{did}/release", headers=svc.h("reviewer")).status_code == 403
    rec = client.post(f"/v1/documents/{did}/release", headers=svc.h("registrar")).json()
    assert rec["released_by"] == "registrar-1" and rec["outcome"] == "partial"
    out = client.get(f"/v1/documents/{did}/download", headers=svc.h("registrar"))
    text = page_text(out.content)
    assert PNR not in text and "Svensson" not in text and "läkarintyg" not in text and "vid frågor" not in text
    assert "1234-123 456 7" in text  # rejected: stays
    assert hashlib.sha256(out.content).hexdigest() == v["output_sha256"]
    with pymupdf.open(stream=out.content, filetype="pdf") as released:  # the förteckning, appended and released
        last = released[-1].get_text()
    assert "Maskeringsförteckning" in last and f"Sida 1 ({listing['count']} områden)" in last
    assert PNR not in last and "Svensson" not in last
    r = client.post(f"/v1/documents/{did}/decisions", json={"action": "accept", "ids": [weak["id"]]},
                    headers=svc.h("registrar"))
    assert r.status_code == 409 and r.json()["error"] == "released"
    assert client.get(f"/v1/documents/{did}", headers=svc.h("reviewer")).json()["status"] == "released"

    # the original upload is untouched and read-only
    d = svc.app.state.documents.dir(did)
    assert hashlib.sha256((d / "input.pdf").read_bytes()).hexdigest() == doc["input_sha256"]
    assert stat.S_IMODE(os.stat(d / "input.pdf").st_mode) == 0o400

    # the audit trail of the document, as the auditor sees it
    ev = client.get("/v1/audit/events", params={"document_id": did}, headers=svc.h("auditor")).json()["events"]
    kinds = [e["kind"] for e in ev]
    for k in ("upload", "analysis", "decision", "application", "verification", "release", "download"):
        assert k in kinds, k
    assert "Svensson" not in json.dumps(ev) and PNR not in json.dumps(ev) and "referensnummer" not in json.dumps(ev)
    assert client.get("/v1/audit/events", params={"document_id": did},
                      headers=svc.h("other_auditor")).json()["events"] == []
    assert client.get("/v1/audit/verify", headers=svc.h("auditor")).json()["ok"] is True


def test_a_decision_after_apply_makes_the_preview_stale(svc, client) -> None:
    did = _review_doc(svc)["document_id"]
    cands = client.get(f"/v1/documents/{did}/candidates", headers=svc.h("registrar")).json()["candidates"]
    client.post(f"/v1/documents/{did}/decisions", json={"action": "accept", "ids": [c["id"] for c in cands]},
                headers=svc.h("registrar"))
    assert client.post(f"/v1/documents/{did}/apply", headers=svc.h("registrar")).status_code == 200
    client.post(f"/v1/documents/{did}/decisions", json={"action": "reject", "ids": [cands[0]["id"]],
                                                       "reason": "Offentlig företrädare"}, headers=svc.h("registrar"))
    assert client.get(f"/v1/documents/{did}", headers=svc.h("registrar")).json()["status"] == "review"
    assert client.post(f"/v1/documents/{did}/release", headers=svc.h("registrar")).status_code == 409
    assert client.get(f"/v1/documents/{did}/preview/1.png", headers=svc.h("registrar")).status_code == 409


def test_bad_decisions_are_422(svc, client) -> None:
    did = _review_doc(svc)["document_id"]
    h = svc.h("registrar")
    assert client.post(f"/v1/documents/{did}/decisions", json={"action": "accept", "ids": ["c9999"]},
                       headers=h).status_code == 422
    assert client.post(f"/v1/documents/{did}/decisions", json={"action": "change_ground", "ids": ["c0001"],
                                                              "ground": "OSL 99:9"}, headers=h).status_code == 422
    assert client.post(f"/v1/documents/{did}/boxes", json={"page": 2, "box": [0, 0, 10, 10]},
                       headers=h).status_code == 422
    assert client.post(f"/v1/documents/{did}/boxes", json={"page": 1, "box": [10, 10, 0, 0]},
                       headers=h).status_code == 422
    assert client.post(f"/v1/documents/{did}/boxes", json={"page": 1, "box": [0, 0, 10, 10], "entity_type": "x y"},
                       headers=h).status_code == 422
    assert client.post(f"/v1/documents/{did}/texts", json={"text": "Finns inte i texten"},
                       headers=h).status_code == 422


# --- ownership, deletion, retention ------------------------------------------------------------------


def test_another_organisations_document_does_not_exist(svc, client) -> None:
    did = _review_doc(svc)["document_id"]
    for path in ("", "/candidates", "/pages/1.png", "/verification", "/report"):
        r = client.get(f"/v1/documents/{did}{path}", headers=svc.h("other"))
        assert r.status_code == 404, path
    assert client.post(f"/v1/documents/{did}/decisions", json={"action": "accept", "ids": ["c0001"]},
                       headers=svc.h("other")).status_code == 404
    assert client.delete(f"/v1/documents/{did}", headers=svc.h("other")).status_code == 404
    assert did not in [d["document_id"] for d in client.get("/v1/documents", headers=svc.h("other")).json()]
    assert client.get("/v1/documents/not-a-uuid", headers=svc.h("registrar")).status_code == 404
    r = client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"))
    job = r.headers["x-job-id"]
    other_integration = svc.h("other")  # a registrar of org-b: 403 before ownership is even looked at
    assert client.get(f"/v1/jobs/{job}", headers=other_integration).status_code == 403
    from service.keys import create_key

    key, _ = create_key(svc.app.state.db, "integration", org="org-b")
    assert client.get(f"/v1/jobs/{job}", headers={"Authorization": f"Bearer {key}"}).status_code == 404
    # a job id is not a review document and vice versa
    assert client.get(f"/v1/documents/{job}", headers=svc.h("registrar")).status_code == 404


def test_delete_and_retention_remove_the_files(svc, client) -> None:
    import datetime as dt

    did = _review_doc(svc)["document_id"]
    d = svc.app.state.documents.dir(did)
    assert d.exists()
    assert client.delete(f"/v1/documents/{did}", headers=svc.h("registrar")).status_code == 204
    assert not d.exists()
    r = client.get(f"/v1/documents/{did}/candidates", headers=svc.h("registrar"))
    assert r.status_code == 410 and r.json()["error"] == "expired"

    r = client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"))
    gone = r.headers["x-job-id"]
    assert client.delete(f"/v1/jobs/{gone}", headers=svc.h("integration")).status_code == 204
    assert not svc.app.state.documents.dir(gone).exists()
    assert client.get(f"/v1/jobs/{gone}", headers=svc.h("integration")).json()["status"] == "deleted"
    assert client.get(f"/v1/jobs/{gone}/report", headers=svc.h("integration")).status_code == 410

    did = _review_doc(svc)["document_id"]
    r = client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"))
    job = r.headers["x-job-id"]
    docs = svc.app.state.documents
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=25)  # the test service keeps files 24 h
    assert docs.purge_expired(now=later) >= 2
    assert not docs.dir(did).exists() and not docs.dir(job).exists()
    assert client.get(f"/v1/jobs/{job}/result", headers=svc.h("integration")).status_code == 410
    assert client.get(f"/v1/jobs/{job}", headers=svc.h("integration")).json()["status"] == "expired"


def test_storage_permissions_and_nothing_personal_stored_or_logged(svc, client, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    data = sample_pdf()
    r = client.post("/v1/redact", files=upload_file(data, "Anna_Svensson_19811218-9876.pdf"),
                    data={"deny_list": "Fjällbo\nKarl Karlsson", "case_ref": "Anna Svensson ärende"},
                    headers=svc.h("integration"))
    assert r.status_code == 200
    s = svc.app.state.settings
    assert stat.S_IMODE(os.stat(s.storage_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(s.documents_dir).st_mode) == 0o700
    d = svc.app.state.documents.dir(r.headers["x-job-id"])
    assert stat.S_IMODE(os.stat(d).st_mode) == 0o700
    for f in ("output.pdf", "report.json", "masking-list.json"):
        assert stat.S_IMODE(os.stat(d / f).st_mode) == 0o600, f
    assert stat.S_IMODE(os.stat(s.database).st_mode) == 0o600
    db_bytes = s.database.read_bytes() + b"".join(p.read_bytes() for p in s.storage_dir.glob("service.sqlite3*"))
    audit_bytes = b"".join(p.read_bytes() for p in svc.root.glob("audit.sqlite3*"))
    for secret in ("Svensson", PNR, "Fjällbo", "Karlsson", "ärende"):
        assert secret.encode() not in db_bytes, secret
        assert secret.encode() not in audit_bytes, secret
        assert secret not in caplog.text, secret
        assert secret not in r.headers.get("content-disposition", "")


# --- limits and failure behaviour --------------------------------------------------------------------


def test_back_pressure_is_503_with_retry_after(svc, client, tmp_path) -> None:
    pool = svc.app.state.pool
    gate = tmp_path / "go"
    futures = [client.portal.start_task_soon(pool.run, service_support.wait_for_file, {"path": str(gate)})
               for _ in range(pool.queue_limit)]
    try:
        for _ in range(200):  # the tasks are admitted on the app's event loop
            if pool.saturated:
                break
            import time

            time.sleep(0.01)
        assert pool.saturated
        r = client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"))
        assert r.status_code == 503 and r.json()["error"] == "overloaded"
        # computed from the queue and the measured task durations; never longer than the keep-alive
        assert 1 <= int(r.headers["retry-after"]) <= svc.app.state.settings.retry_after_max_s
        assert svc.app.state.settings.retry_after_max_s < svc.app.state.settings.keep_alive_s
        r = client.post("/v1/documents", files=upload_file(sample_pdf()), headers=svc.h("registrar"))
        assert r.status_code == 503 and r.json()["error"] == "overloaded"  # every upload route
        r = client.post("/v1/documents/" + str(uuid.uuid4()) + "/apply", headers=svc.h("registrar"))
        assert r.status_code == 404  # not an upload: refused by the pool only when it gets there
        assert client.get("/health").status_code == 200
    finally:
        gate.touch()
        assert all(f.result(timeout=60) for f in futures)
    assert client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration")).status_code == 200


def test_a_crashed_worker_is_replaced_and_the_service_goes_on(svc, client) -> None:
    from service.pool import WorkerCrashed

    pool = svc.app.state.pool
    before = pool.restarts
    with pytest.raises(WorkerCrashed):
        client.portal.call(pool.run, service_support.crash, {})
    assert pool.restarts == before + 1
    r = client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"))
    assert r.status_code == 200 and PNR not in page_text(r.content)
    metrics = client.get("/metrics", headers=svc.h("admin")).text
    assert 'masking_worker_restarts_total{reason="crashed"}' in metrics


def test_a_job_over_the_time_limit_is_stopped(svc, client, tmp_path) -> None:
    from service.pool import JobTimeout

    pool = svc.app.state.pool
    never = tmp_path / "never"
    with pytest.raises(JobTimeout):
        client.portal.call(functools.partial(pool.run, service_support.wait_for_file,
                                             {"path": str(never)}, timeout=0.3))
    assert client.portal.call(pool.run, worker.ping, {}) > 0  # a fresh worker took over


def test_a_task_is_a_function_not_a_name(svc, client) -> None:
    pool = svc.app.state.pool
    for task in ("ping", "service.worker:ping", lambda: 1):
        with pytest.raises(TypeError):
            client.portal.call(pool.run, task, {})
    assert pool.load == 0 and client.portal.call(pool.run, worker.ping, {}) > 0


def test_timeouts_and_crashes_map_to_504_and_500(svc, client, monkeypatch) -> None:
    from service.pool import JobTimeout, WorkerCrashed

    pool = svc.app.state.pool
    for exc, status, kind in ((JobTimeout(60), 504, "timeout"), (WorkerCrashed(), 500, "worker_crashed")):
        async def boom(*args, _exc=exc, ticket=None, **kwargs):
            if ticket is not None:
                ticket.release()
            raise _exc

        monkeypatch.setattr(pool, "run", boom)
        r = client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"))
        assert r.status_code == status and r.json()["error"] == kind
        job = client.get("/v1/jobs", headers=svc.h("integration")).json()[0]
        assert job["status"] == "failed" and job["error"]["kind"] == kind
    monkeypatch.undo()
    assert pool.load == 0


def test_the_access_log_names_route_templates_not_paths(svc, client, caplog) -> None:
    caplog.set_level(logging.INFO, logger="service.access")
    assert client.get("/v1/jobs/Anna-Svensson-19811218", headers=svc.h("integration")).status_code == 404
    client.get("/v1/documents/Anna-Svensson/report", params={"q": "Karlsson"}, headers=svc.h("registrar"))
    client.get("/nowhere/Anna-Svensson")
    lines = [r.getMessage() for r in caplog.records if r.name == "service.access"]
    assert any(line.startswith("GET /v1/jobs/{job_id} 404 ") for line in lines), lines
    assert any(line.startswith("GET /v1/documents/{document_id}/report 404 ") for line in lines), lines
    assert any(line.startswith("GET <unmatched> 404 ") for line in lines), lines
    for secret in ("Svensson", "19811218", "Karlsson"):
        assert secret not in caplog.text, secret


def test_metrics_have_types_and_routes_but_no_values_or_ids(svc, client) -> None:
    r = client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"))
    job = r.headers["x-job-id"]
    client.get(f"/v1/jobs/{job}", headers=svc.h("integration"))
    m = client.get("/metrics", headers=svc.h("admin"))
    assert m.status_code == 200
    text = m.text
    assert 'masking_detections_total{entity_type="SE_PERSONNUMMER"}' in text
    assert 'route="/v1/jobs/{job_id}"' in text and "masking_http_request_duration_seconds_bucket" in text
    assert "masking_pages_total" in text and "masking_failures_total" in text
    assert job not in text and "Svensson" not in text and PNR not in text


def test_concurrent_decisions_are_not_lost(svc, client) -> None:
    from concurrent.futures import ThreadPoolExecutor

    did = _review_doc(svc)["document_id"]
    cands = client.get(f"/v1/documents/{did}/candidates", headers=svc.h("registrar")).json()["candidates"]

    def accept(cid: str) -> int:
        return client.post(f"/v1/documents/{did}/decisions", json={"action": "accept", "ids": [cid]},
                           headers=svc.h("reviewer")).status_code

    with ThreadPoolExecutor(4) as ex:
        assert set(ex.map(accept, [c["id"] for c in cands])) == {200}
    after = client.get(f"/v1/documents/{did}/candidates", headers=svc.h("registrar")).json()
    assert {c["status"] for c in after["candidates"]} == {"accepted"}
    assert len(after["history"]) == len(cands)
