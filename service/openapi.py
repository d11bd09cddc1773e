"""The OpenAPI document for integrators: per operation its role, its error kinds and examples.

FastAPI builds the document from the routes; :func:`install` adds what it cannot know:

* ``x-required-role`` (the roles allowed, from the route's ``require(<permission>)`` dependency
  and the one table :data:`service.auth.PERMISSIONS`; an empty list and ``security: []`` for
  the open operations) and the same in words at the end of the description;
* the error responses every operation can give (401/403 where a key is needed, 422 where it
  takes input, 500), each with the error schema, the kinds it can carry and an example;
* an example of the request (body or parameters) and of the response, from :data:`EXAMPLES`
  (keyed by route name) and :data:`PARAMETER_EXAMPLES`.

``tests/test_openapi_document.py`` fails when an operation lacks a description, an example, a
role or its error responses: a new endpoint adds its examples here.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from .auth import PERMISSIONS, permission_of

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}

# status -> (what it means, the error kinds it carries)
ERROR_KINDS: dict[int, tuple[str, tuple[str, ...]]] = {
    401: ("missing, invalid or revoked API key (or session)", ("unauthorized",)),
    403: ("the key's role may not do this (or a session's change without its CSRF token)", ("forbidden", "csrf")),
    404: ("no such document, job or key (another organisation's is not found either)", ("not_found",)),
    409: ("not possible in the document's or job's state",
          ("review_pending", "not_applied", "not_released", "released", "not_ready", "job_failed", "state", "busy")),
    410: ("the files were deleted (retention period passed, or deleted on request)", ("expired",)),
    413: ("the upload is larger than the limit", ("too_large",)),
    422: ("invalid request, or a document that cannot be masked safely",
          ("validation", "not_pdf", "encrypted", "corrupt", "empty", "limit", "needs_ocr", "ocr_unavailable",
           "ocr_failed", "config", "verification", "plan", "callback")),
    500: ("internal error (no detail from the exception)", ("internal", "worker_crashed", "pool")),
    503: ("busy or not ready: retry after `Retry-After` seconds", ("overloaded", "closed", "worker_init", "model",
                                                                 "audit_config")),
    504: ("processing took longer than the time limit", ("timeout",)),
}

ERROR_EXAMPLES: dict[int, dict[str, Any]] = {
    401: {"error": "unauthorized", "detail": "missing or invalid API key"},
    403: {"error": "forbidden", "detail": "the role reviewer may not do this"},
    404: {"error": "not_found", "detail": "no such document"},
    409: {"error": "review_pending", "detail": "2 candidate(s) still need a decision (first: c0003); accept or "
                                               "reject them before applying"},
    410: {"error": "expired", "detail": "the files were deleted (retention period passed, or deleted on request)"},
    413: {"error": "too_large", "detail": "the upload is larger than the limit of 52428800 bytes"},
    422: {"error": "validation", "detail": [{"loc": ["body", "action"], "msg": "Input should be 'accept', "
                                                     "'reject' or 'change_ground'", "type": "literal_error"}]},
    500: {"error": "internal", "detail": "internal error"},
    503: {"error": "overloaded", "detail": "all masking workers are busy; retry later"},
    504: {"error": "timeout", "detail": "the masking job took longer than 120 s"},
}

DOC_ID = "3f1c2a9e-8b7d-4c55-9e21-6a0d3b4f5c17"
JOB_ID = "9b2e7c41-0d3a-4f6e-8a15-2c7b9e0f4d63"
SHA = "5d41402abc4b2a76b9719d911017c592ae2b6c1e0f3d6a7b8c9d0e1f2a3b4c5d"
TIME = "2026-12-03T09:15:02+00:00"
PDF_EXAMPLE = "%PDF-1.7 … (binary: the PDF)"
PNG_EXAMPLE = "(binary: a PNG image)"

PARAMETER_EXAMPLES: dict[str, Any] = {
    "document_id": DOC_ID,
    "job_id": JOB_ID,
    "page": 1,
    "key_id": "a1b2c3d4e5f6",
    "limit": 50,
    "from": "2026-12-01T00:00:00Z",
    "to": "2026-12-04T00:00:00Z",
    "kind": "decision",
    "after_seq": 0,
    "prefer": "respond-async",
}

_LINKS = {"self": f"/v1/jobs/{JOB_ID}", "result": f"/v1/jobs/{JOB_ID}/result", "report": f"/v1/jobs/{JOB_ID}/report",
          "masking_list": f"/v1/jobs/{JOB_ID}/masking-list", "masking_list_pdf": f"/v1/jobs/{JOB_ID}/masking-list.pdf",
          "decision_draft": f"/v1/jobs/{JOB_ID}/decision-draft"}
JOB = {"job_id": JOB_ID, "status": "done", "created": TIME, "updated": TIME, "expires": "2026-12-04T09:15:02+00:00",
       "policy": "general", "protected_identity": False, "pages": 2, "masked_areas": 5, "input_sha256": SHA,
       "output_sha256": SHA, "error": None, "links": _LINKS}
_DOC_BASE = f"/v1/documents/{DOC_ID}"
DOCUMENT = {"document_id": DOC_ID, "status": "review", "created": TIME, "updated": TIME,
            "expires": "2026-12-04T09:15:02+00:00", "policy": "general", "protected_identity": False, "pages": 2,
            "masked_areas": None, "input_sha256": SHA, "output_sha256": None, "error": None,
            "counts": {"pending": 2, "accepted": 0, "rejected": 0, "auto": 6},
            "links": {"self": _DOC_BASE, "candidates": f"{_DOC_BASE}/candidates",
                      "page_image": f"{_DOC_BASE}/pages/{{page}}.png"}}
CANDIDATE = {"id": "c0003", "page": 1, "start": 112, "end": 126, "boxes": [[72.0, 84.2, 161.3, 96.1]],
             "entity_type": "SE_BANK_ACCOUNT", "score": 0.45, "recognizer": "SeBankAccountRecognizer",
             "validation": "unchecked", "explanation": "bank account shape, no context", "source": "analyzer",
             "proposed_ground": "OSL 21:7", "value_ref": "7c1e9a…", "auto": False, "status": "accepted",
             "ground": None, "decided_by": "registrar-1", "decided_at": TIME, "reason": None}
COUNTS = {"pending": 1, "accepted": 1, "rejected": 0, "auto": 6}
LISTING = {"schema": "masking.list/1", "title": "Maskeringsförteckning", "document_id": DOC_ID,
           "policy": {"name": "general", "version": "1", "sha256": SHA}, "created": TIME, "count": 1,
           "by_ground": {"OSL 21:7": 1},
           "grounds": {"OSL 21:7": "Sekretess enligt 21 kap. 7 § offentlighets- och sekretesslagen (2009:400)"},
           "provisions": {"OSL 21:7": "21 kap. 7 § offentlighets- och sekretesslagen (2009:400)"},
           "pages": {"1": {"width_mm": 209.9, "height_mm": 297.0}},
           "items": [{"number": 1, "page": 1, "box": [72.0, 70.1, 200.4, 82.0], "position": "övre delen",
                      "mm": {"x": 25.4, "y": 24.7, "width": 45.3, "height": 4.2}, "grid": "B1",
                      "type": "SE_PERSONNUMMER", "type_sv": "personnummer", "ground": "OSL 21:7",
                      "ground_text": "Sekretess enligt 21 kap. 7 § offentlighets- och sekretesslagen (2009:400)"}]}
REPORT = {"schema": "masking.report/1", "created": TIME, "input": {"sha256": SHA, "pages": 1},
          "output": {"sha256": SHA, "bytes": 48213},
          "summary": {"masked_areas": 1, "detections": 1, "by_type": {"SE_PERSONNUMMER": 1}, "unlabelled_boxes": 0},
          "masked_areas": [{"page": 1, "box": [72.0, 70.1, 200.4, 82.0], "type": "SE_PERSONNUMMER",
                            "ground": "OSL 21:7", "score": 1.0, "recognizer": "SePersonnummerRecognizer",
                            "label_drawn": True, "decided_by": None}],
          "verification": {"passed": True, "checks": ["text_layer", "document_strings", "structure", "raw_objects"],
                           "findings": []}}
DRAFT = ("[myndighetens namn]\n\nBESLUT\n…\nTillämpade bestämmelser\n- 21 kap. 7 § offentlighets- och "
         "sekretesslagen (2009:400) (OSL 21:7): 1 maskerat område\n…")

# route name -> {"request": body example, "response": example of the success response}
EXAMPLES: dict[str, dict[str, Any]] = {
    "whoami": {"response": {"key_id": "a1b2c3d4e5f6", "org": "agency", "user": "case-system", "role": "integration"}},
    "redact": {"request": {"file": PDF_EXAMPLE, "policy": "general", "case_ref": "KS 2026/1234",
                           "deny_list": ["Fjällbo"], "protected_identity": False, "append_list": True,
                           "callback_url": "https://case-system.example/hooks/masking?token=…"},
               "response": PDF_EXAMPLE, "responses": {202: {**JOB, "status": "queued", "pages": None,
                                                             "masked_areas": None, "output_sha256": None,
                                                             "links": {"self": f"/v1/jobs/{JOB_ID}"}}}},
    "list_jobs": {"response": [JOB]},
    "search_jobs": {"request": {"case_ref": "KS 2026/1234", "limit": 50}, "response": [JOB]},
    "job_status": {"response": JOB},
    "create_document": {"request": {"file": PDF_EXAMPLE, "policy": "general", "case_ref": "KS 2026/1234",
                                    "deny_list": ["Fjällbo"], "protected_identity": False},
                        "response": DOCUMENT},
    "list_documents": {"response": [DOCUMENT]},
    "get_document": {"response": DOCUMENT},
    "candidates": {"response": {"schema": "masking.plan/1", "document_id": DOC_ID, "input_sha256": SHA, "pages": 2,
                                "candidates": [CANDIDATE], "manual_areas": [], "history": [],
                                "page_geometry": [{"page": 1, "width": 595.0, "height": 842.0, "rotation": 0,
                                                   "matrix": [1, 0, 0, 1, 0, 0]}]}},
    "page_image": {"response": PNG_EXAMPLE},
    "decide": {"request": {"action": "accept", "ids": ["c0003"], "all_occurrences": True},
               "response": {"counts": COUNTS, "changed": [CANDIDATE]}},
    "add_box": {"request": {"page": 1, "box": [72.0, 300.0, 300.0, 320.0], "ground": "OSL 21:7"},
                "response": {"counts": COUNTS, "area": {"id": "m0001", "page": 1, "box": [72.0, 300.0, 300.0, 320.0],
                                                        "entity_type": "MANUAL", "ground": "OSL 21:7",
                                                        "decided_by": "registrar-1", "decided_at": TIME}}},
    "add_text": {"request": {"text": "Fjällbo", "entity_type": "SE_ADDRESS"},
                 "response": {"counts": COUNTS, "changed": [{**CANDIDATE, "id": "t0001", "entity_type": "SE_ADDRESS"}]}},
    "apply": {"request": {"append_list": True},
              "response": {"document_id": DOC_ID, "status": "applied", "masked_areas": 7,
                           "by_type": {"PERSON": 3, "SE_PERSONNUMMER": 1, "PHONE_NUMBER": 1, "SE_BANK_ACCOUNT": 1,
                                       "MANUAL": 1},
                           "output_pages": 3, "output_sha256": SHA, "verification": {"passed": True, "checks": 6}}},
    "preview_image": {"response": PNG_EXAMPLE},
    "verification": {"response": {"document_id": DOC_ID, "passed": True, "checks": ["text_layer", "raw_objects"],
                                  "findings": [], "output_sha256": SHA, "output_intact": True}},
    "release": {"response": {"document_id": DOC_ID, "released_by": "registrar-1", "released_at": TIME,
                             "input_sha256": SHA, "output_sha256": SHA, "outcome": "partial", "masked_areas": 7}},
    "analyze": {"request": {"text": "Ring 070-123 45 67 efter kl. 9.", "policy": "general"},
                "response": {"entities": [{"start": 5, "end": 18, "type": "PHONE_NUMBER", "score": 0.95,
                                           "recognizer": "SePhoneRecognizer"}]}},
    "anonymize": {"response": {"texts": ["[PERSON_1] ([SE_PERSONNUMMER_1]) ringde. [PERSON_1]s bil står på "
                                         "[SE_ADDRESS_1]."],
                               "report": {"operator": "tag", "scope": "document", "key_id": None, "replacements": 4,
                                          "by_type": {"PERSON": 2, "SE_ADDRESS": 1, "SE_PERSONNUMMER": 1},
                                          "persons": 1}}},
    "audit_events": {"response": {"events": [{"seq": 41, "event_id": "e7a0c2d4-1b3f-4e5a-9c8d-0f1e2d3c4b5a",
                                              "time": TIME, "kind": "decision", "actor": "registrar-1",
                                              "role": "registrar", "document_id": DOC_ID,
                                              "details": {"action": "accept", "targets": ["c0003"]},
                                              "prev_hash": "9f2c…", "hash": "1a7b…", "mac": "c04e…"}],
                                  "next_after_seq": 41}},
    "audit_verify": {"response": {"ok": True, "checked": 41, "first_bad_seq": None, "reason": None, "last_seq": 41,
                                  "anchors": 2, "warnings": [], "message": "41 events verified"}},
    "list_keys": {"response": [{"key_id": "a1b2c3d4e5f6", "org": "agency", "user": "case-system",
                                "role": "integration", "created": TIME, "revoked": None}]},
    "new_key": {"request": {"role": "integration", "user": "case-system"},
                "response": {"key": "msk_a1b2c3d4e5f6_…", "key_id": "a1b2c3d4e5f6", "org": "agency",
                             "user": "case-system", "role": "integration"}},
    "revoke_key": {},
    "health": {"response": {"status": "ok", "version": "1.0.0"}},
    "ready": {"response": {"status": "ready", "checks": {"workers": True, "database": True, "storage": True},
                           "load": 0, "queue_limit": 64},
              "responses": {503: {"status": "not_ready", "checks": {"workers": False, "database": True,
                                                                    "storage": True}, "load": 0, "queue_limit": 64}}},
    "prometheus": {"response": "# HELP masking_requests_total HTTP requests\n# TYPE masking_requests_total counter\n…"},
}
for _kind, _id in (("job", JOB_ID), ("document", DOC_ID)):
    EXAMPLES[f"{_kind}_report"] = {"response": REPORT}
    EXAMPLES[f"{_kind}_masking_list"] = {"response": {**LISTING, "document_id": _id}}
    EXAMPLES[f"{_kind}_masking_list_pdf"] = {"response": PDF_EXAMPLE}
    EXAMPLES[f"{_kind}_decision_draft"] = {"response": DRAFT}
    EXAMPLES[f"delete_{_kind}"] = {}
EXAMPLES["job_result"] = {"response": PDF_EXAMPLE}
EXAMPLES["download"] = {"response": PDF_EXAMPLE}


def _routes(app: FastAPI) -> Iterable[tuple[APIRoute, str, str]]:
    """Each API route with its full path and name (FastAPI ≥ 0.16x keeps included routers as
    one entry of ``app.routes``; ``iter_route_contexts`` unfolds them)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # an older FastAPI: included routes are copied into app.routes
        for r in app.routes:
            if isinstance(r, APIRoute):
                yield r, r.path_format, r.name
        return
    for ctx in iter_route_contexts(app.routes):
        r = ctx.original_route
        if isinstance(r, APIRoute):
            yield r, ctx.path_format or r.path_format, ctx.name or r.name


# responses that are not errors in the error schema: /ready's 503 is the readiness body
NOT_ERROR_BODY = {("ready", 503)}


def roles_of(route: APIRoute) -> list[str]:
    """The roles allowed to call ``route`` (empty: open, no key needed)."""
    perm = permission_of(route.dependant)
    return sorted(PERMISSIONS[perm]) if perm else []


def _error_response(status: int, given: Optional[dict]) -> dict:
    meaning, kinds = ERROR_KINDS[status]
    base = (given or {}).get("description") or meaning
    kinds_text = ", ".join(f"`{k}`" for k in kinds)
    if "Error kinds:" not in base:
        base = f"{base}. Error kinds: {kinds_text}"
    content = {"application/json": {"schema": ERROR_REF, "example": ERROR_EXAMPLES[status]}}
    out = dict(given or {})
    out.update(description=base, content=content)
    return out


def _operations(app: FastAPI) -> Iterable[tuple[APIRoute, str, str, str]]:
    """(route, path, name, method) of every operation in the document."""
    for route, path, name in _routes(app):
        if route.include_in_schema:
            for method in sorted(route.methods - {"HEAD"}):
                yield route, path, name, method.lower()


def annotate(schema: dict, app: FastAPI) -> dict:
    """Roles, error responses and examples on every operation of ``schema`` (built from ``app``)."""
    from .api import ErrorBody

    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorBody", ErrorBody.model_json_schema())
    for route, path, name, method in _operations(app):
        op = schema["paths"][path][method]
        roles = roles_of(route)
        op["x-required-role"] = roles
        who = (f"Role: {', '.join(f'`{r}`' for r in roles)}** (permission `{permission_of(route.dependant)}`)"
               if roles else "Open: no API key needed.**")
        op["description"] = (op.get("description") or "").rstrip() + f"\n\n**{who}"
        if not roles:
            op["security"] = []
        responses = op.setdefault("responses", {})
        statuses = {500}
        if roles:
            statuses |= {401, 403}
        if op.get("parameters") or op.get("requestBody"):
            statuses.add(422)
        statuses |= {int(s) for s in responses if s.isdigit() and int(s) >= 400 and int(s) in ERROR_KINDS}
        for status in sorted(statuses):
            if (name, status) not in NOT_ERROR_BODY:
                responses[str(status)] = _error_response(status, responses.get(str(status)))
        ex = EXAMPLES.get(name, {})
        for p in op.get("parameters", []):
            if p["name"] in PARAMETER_EXAMPLES:
                p["example"] = PARAMETER_EXAMPLES[p["name"]]
        body = op.get("requestBody", {}).get("content", {})
        for media in body.values():
            if "request" in ex:
                media["example"] = ex["request"]
        for status, resp in responses.items():
            if (name, int(status)) in NOT_ERROR_BODY:
                example = ex.get("responses", {}).get(int(status))
            elif status.startswith("2"):
                example = ex.get("responses", {}).get(int(status), ex.get("response"))
            else:
                continue
            for media in resp.get("content", {}).values():
                if example is not None and "example" not in media:
                    media["example"] = example
    return schema


WEBHOOK_EXAMPLE = {"event": "job.finished", "delivery_id": "0c9e4f7a-5b2d-4e1c-8a3f-6d7b2e9c1a40", "time": TIME,
                   "job_id": JOB_ID, "status": "done", "pages": 2, "masked_areas": 5,
                   "by_type": {"PERSON": 3, "SE_PERSONNUMMER": 1, "PHONE_NUMBER": 1}, "output_sha256": SHA,
                   "error": None, "links": _LINKS}


def _webhooks() -> dict:
    """The callback a job with ``callback_url`` makes (OpenAPI 3.1 ``webhooks``)."""
    nullable_int = {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    body = {"type": "object", "required": ["event", "delivery_id", "time", "job_id", "status"], "properties": {
        "event": {"const": "job.finished"}, "delivery_id": {"type": "string", "description": "the same on each retry"},
        "time": {"type": "string"}, "job_id": {"type": "string"}, "status": {"enum": ["done", "failed"]},
        "pages": nullable_int, "masked_areas": nullable_int,
        "by_type": {"type": "object", "additionalProperties": {"type": "integer"}},
        "output_sha256": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "error": {"anyOf": [{"type": "object", "properties": {"kind": {"type": "string"}}}, {"type": "null"}]},
        "links": {"type": "object", "additionalProperties": {"type": "string"}}}}
    return {"job.finished": {"post": {
        "summary": "A job finished (sent to the job's callback_url)",
        "description": "POSTed by the service when a job given `callback_url` is done or failed. No personal data. "
                       "`X-Masking-Signature: sha256=<hex>` is the HMAC-SHA256 of the raw body under the service's "
                       "`webhook_key`: verify it before trusting the body. Answer 2xx; on a network error, 408, 429 "
                       "or 5xx the delivery is retried with exponential backoff (`webhook_attempts` at most); a "
                       "failed delivery never fails the job: poll `GET /v1/jobs/{job_id}`.",
        "x-required-role": [],
        "parameters": [{"name": "X-Masking-Signature", "in": "header", "required": True,
                        "schema": {"type": "string"}, "example": "sha256=3b6f…"},
                       {"name": "X-Masking-Delivery", "in": "header", "required": True,
                        "schema": {"type": "string"}, "example": WEBHOOK_EXAMPLE["delivery_id"]}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": body, "example": WEBHOOK_EXAMPLE}}},
        "responses": {"200": {"description": "received (any 2xx)"}},
    }}}


def install(app: FastAPI) -> None:
    """Serve the annotated document at ``/openapi.json`` (built once)."""

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            app.openapi_schema = annotate(schema, app)
            app.openapi_schema["webhooks"] = _webhooks()
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
