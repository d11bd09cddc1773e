"""The HTTP API, version 1 (OpenAPI at /docs and /openapi.json).

Every endpoint needs ``Authorization: Bearer <API key>`` (or the review page's session cookie)
except the open ones: ``/health``, ``/ready``, ``/docs``, ``/openapi.json``, ``/static/…`` and
the review page's login ``/ui/login``. Document and job ids are random UUIDs; nothing personal is
ever put in a URL (deny-list terms, case references and texts travel in request bodies).

Adding an endpoint: a handler here whose caller is ``Depends(require(<permission>))`` (the
roles per permission are the one table :data:`service.auth.PERMISSIONS`); what it does to a
document goes in :class:`service.documents.DocumentService`, and what must run in a masking
process is a function in :mod:`service.worker` handed to ``pool.run``. An upload takes the
:func:`upload` dependency (which also puts it under early back-pressure); a product of both
jobs and review documents is added once in :func:`_add_product_routes`. The role matrix in
``tests/test_service_roles.py`` must list it, and :data:`service.openapi.EXAMPLES` its request and
response examples (tests fail until they do: ``tests/test_openapi_document.py``); the roles, the
error kinds and the error schema are added to the OpenAPI document by :mod:`service.openapi`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Annotated, Any, BinaryIO, Literal, Optional

from fastapi import APIRouter, Depends, File, Form, Header, Path, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field, field_validator

from . import storage
from .auth import Principal, require
from .documents import DocumentService, UploadOptions, deny_terms, source_size
from .errors import ServiceError, not_found
from .keys import create_key, describe
from .metrics import REQUEST_START, server_timing

router = APIRouter(prefix="/v1")


class ErrorBody(BaseModel):
    error: str = Field(description="the kind (each response lists those it can carry): validation, not_pdf, "
                                   "encrypted, corrupt, empty, limit, needs_ocr, verification, plan, "
                                   "review_pending, not_applied, not_released, released, not_ready, job_failed, "
                                   "unauthorized, forbidden, csrf, not_found, expired, too_large, overloaded, "
                                   "timeout, internal, …")
    detail: Any = Field(description="one line, never personal data")


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "missing or invalid API key"},
    403: {"model": ErrorBody, "description": "the key's role may not do this"},
    422: {"model": ErrorBody, "description": "invalid request or document (reason in `error`)"},
}
DOC_ERRORS = {**ERRORS, 404: {"model": ErrorBody, "description": "no such document (or another organisation's)"},
              409: {"model": ErrorBody, "description": "not possible in the document's state"},
              410: {"model": ErrorBody, "description": "the files were deleted (retention)"}}
WORK_ERRORS = {413: {"model": ErrorBody, "description": "upload larger than the limit"},
               503: {"model": ErrorBody, "description": "busy: retry after `Retry-After` seconds"},
               504: {"model": ErrorBody, "description": "processing took longer than the time limit"}}
PDF = {"content": {"application/pdf": {}}, "description": "a PDF"}
PNG = {"content": {"image/png": {}}, "description": "a PNG image of the page"}


def svc(request: Request) -> DocumentService:
    return request.app.state.documents


Svc = Annotated[DocumentService, Depends(svc)]


@dataclass(frozen=True)
class Upload:
    file: BinaryIO  # the request body's file part, spooled to disk beyond 1 MB: copied on in blocks, never read whole
    options: UploadOptions


async def upload(
    s: Svc,
    file: UploadFile = File(description="the PDF"),
    policy: Optional[str] = Form(None, description="policy name offered by the service (default: its default)"),
    case_ref: Optional[str] = Form(None, description="the case system's reference (diarienummer): a keyed HMAC in the database (filter with ?case_ref=); shown in the review page's document list from the document's own directory, deleted with its files"),
    deny_list: list[str] = Form([], description="terms always masked (e.g. names from the case), repeated or one per line"),
    protected_identity: bool = Form(False, description="skyddade personuppgifter: mask locating data too"),
) -> Upload:
    """A dependency: the uploaded PDF (at most ``max_upload_bytes``) and its options (the API
    and the review page)."""
    limit = s.settings.max_upload_bytes
    await file.seek(0)
    if source_size(file.file) > limit:
        raise ServiceError(413, "too_large", f"the upload is larger than the limit of {limit} bytes")
    return Upload(file.file, UploadOptions(policy=policy, protected_identity=protected_identity,
                                      deny_list=deny_terms(deny_list), case_ref=case_ref))


def _pdf(path, name: str) -> FileResponse:
    return FileResponse(path, media_type="application/pdf", filename=name,
                        headers={"Cache-Control": "no-store"})


# --- who am I ------------------------------------------------------------------------------------


class WhoAmI(BaseModel):
    key_id: str
    org: str
    user: str
    role: str


@router.get("/whoami", response_model=WhoAmI, tags=["auth"], responses=ERRORS)
async def whoami(p: Principal = Depends(require("whoami"))) -> WhoAmI:
    """The caller's key id, organisation, user and role (to check a key before using it)."""
    return WhoAmI(key_id=p.key_id, org=p.org, user=p.actor, role=p.role)


# --- one-shot redaction (integrations) ------------------------------------------------------------


class _Status(BaseModel):
    """What a job's and a review document's status share (documents.DocumentService views)."""

    status: str
    created: str
    updated: str
    expires: str
    policy: str
    protected_identity: bool
    pages: Optional[int] = None
    masked_areas: Optional[int] = None
    input_sha256: Optional[str] = None
    output_sha256: Optional[str] = None
    error: Optional[dict[str, Optional[str]]] = None
    links: dict[str, str]


class JobStatus(_Status):
    job_id: str
    status: str = Field(description="queued, running, done, failed, deleted or expired")


@router.post(
    "/redact",
    tags=["redact"],
    status_code=200,
    responses={200: {**PDF, "description": "the masked, verified PDF; headers X-Job-Id and Link point to its "
                                          "report, maskeringsförteckning and decision draft"},
               202: {"model": JobStatus, "description": "accepted as a job (large file, or Prefer: respond-async)"},
               **ERRORS, **WORK_ERRORS},
)
async def redact(
    request: Request,
    s: Svc,
    p: Principal = Depends(require("redact")),
    up: Upload = Depends(upload),
    append_list: bool = Form(False, description="append the maskeringsförteckning as the last page(s)"),
    callback_url: Optional[str] = Form(None, max_length=2000,
                                       description="POSTed to (HMAC-signed, no personal data) when the job finishes; "
                                                   "only under the service's webhook_url_prefixes"),
    prefer: Optional[str] = Header(None, description="`respond-async` to get 202 and a job id at once"),
) -> Response:
    """One-shot masking for integrations: the PDF is masked by the policy alone, verified (fail
    closed) and returned (200, `application/pdf`). A file above the synchronous limit, or a request
    with `Prefer: respond-async`, answers 202 with the job's status at once: poll `Location`, or give
    `callback_url` to be called when the job finishes (`X-Masking-Signature`: HMAC-SHA256 of the
    body; see the README's integration guide). The masked PDF, report,
    maskeringsförteckning and decision draft stay under `/v1/jobs/{job_id}/…` until the
    retention period ends."""
    t_handler = time.monotonic()
    run_async = bool(prefer and "respond-async" in prefer.lower())
    opts = replace(up.options, append_list=append_list, callback_url=callback_url)
    timing: dict[str, float] = {}
    # the download is audited with the outcome, before the answer
    job_id, summary = await s.redact(p, up.file, opts, run_async, timing=timing, download="api")
    if summary is None:
        view = s.job_view(s.get(p, job_id, "job"))
        return JSONResponse(view, status_code=202, headers={"Location": view["links"]["self"]})
    arrived = request.scope.get(REQUEST_START)
    if arrived is not None:  # the body received and parsed, the key checked
        timing["upload"] = t_handler - arrived
    timing["total"] = time.monotonic() - (arrived if arrived is not None else t_handler)
    base = f"/v1/jobs/{job_id}"
    return FileResponse(
        s.dir(job_id) / storage.OUTPUT, media_type="application/pdf", filename=f"masked-{job_id}.pdf",
        headers={"X-Job-Id": job_id, "Cache-Control": "no-store", "Server-Timing": server_timing(timing),
                 "Link": f'<{base}/report>; rel="report", <{base}/masking-list>; rel="masking-list", '
                         f'<{base}/decision-draft>; rel="decision-draft"'},
    )


@router.get("/jobs", response_model=list[JobStatus], tags=["redact"], responses=ERRORS)
async def list_jobs(s: Svc, limit: int = Query(50, ge=1, le=500), p: Principal = Depends(require("redact"))) -> list[dict]:
    """The organisation's jobs, newest first."""
    return [s.job_view(r) for r in s.list_documents(p, "job", limit=limit)]


class CaseQuery(BaseModel):
    case_ref: str = Field(min_length=1, max_length=200)
    limit: int = Field(50, ge=1, le=500)


@router.post("/jobs/search", response_model=list[JobStatus], tags=["redact"], responses=ERRORS)
async def search_jobs(s: Svc, q: CaseQuery, p: Principal = Depends(require("redact"))) -> list[dict]:
    """Jobs of a case reference (sent in the body, not the URL; matched by its keyed HMAC)."""
    return [s.job_view(r) for r in s.list_documents(p, "job", case_ref=q.case_ref, limit=q.limit)]


@router.get("/jobs/{job_id}", response_model=JobStatus, tags=["redact"], responses=DOC_ERRORS)
async def job_status(job_id: str, s: Svc, p: Principal = Depends(require("redact"))) -> dict:
    """A job's status (`queued`, `running`, `done`, `failed`, `deleted`, `expired`) and, once done, the
    links to its result and products: what a client polls after a 202."""
    return s.job_view(s.get(p, job_id, "job"))


# --- review flow -------------------------------------------------------------------------------------


class DocumentStatus(_Status):
    document_id: str
    status: str = Field(description="analysing, review, applied, released, failed, deleted or expired")
    counts: Optional[dict[str, int]] = None


@router.post("/documents", response_model=DocumentStatus, status_code=201, tags=["review"],
             responses={**ERRORS, **WORK_ERRORS})
async def create_document(s: Svc, p: Principal = Depends(require("documents.create")),
                          up: Upload = Depends(upload)) -> JSONResponse:
    """Upload a document for review: it is analysed into candidates (all pending)."""
    row = await s.create_review(p, up.file, up.options)
    view = s.document_view(row, s.plan(row.id))
    return JSONResponse(view, status_code=201, headers={"Location": view["links"]["self"]})


@router.get("/documents", response_model=list[DocumentStatus], tags=["review"], responses=ERRORS)
async def list_documents(s: Svc, limit: int = Query(100, ge=1, le=500),
                         p: Principal = Depends(require("documents.read"))) -> list[dict]:
    """The organisation's review documents, newest first."""
    return [s.document_view(r) for r in s.list_documents(p, "review", limit=limit)]


@router.get("/documents/{document_id}", response_model=DocumentStatus, tags=["review"], responses=DOC_ERRORS)
async def get_document(document_id: str, s: Svc, p: Principal = Depends(require("documents.read"))) -> dict:
    """A review document's status, decision counts and links (what its state allows next)."""
    row = s.get(p, document_id)
    plan = s.plan(document_id) if not row.purged and row.status in ("review", "applied", "released") else None
    return s.document_view(row, plan)


@router.get("/documents/{document_id}/candidates", tags=["review"], responses=DOC_ERRORS)
async def candidates(document_id: str, s: Svc, p: Principal = Depends(require("documents.read"))) -> dict:
    """The masking plan: candidates (page 1-based, boxes in PDF points in the unrotated page space,
    type, score, recognizer, explanation, proposed ground, value HMAC, auto, status), manual
    areas, decision history and page geometry (to draw boxes on the page images)."""
    row = s.live(p, document_id)
    if row.status not in ("review", "applied", "released"):
        raise ServiceError(409, "state", f"the document is {row.status}")
    out = s.plan(document_id).to_dict()
    out["page_geometry"] = s.geometry(document_id)
    return out


@router.get("/documents/{document_id}/pages/{page}.png", tags=["review"], response_class=FileResponse,
            responses={200: PNG, **DOC_ERRORS, **WORK_ERRORS})
async def page_image(document_id: str, page: int, s: Svc, p: Principal = Depends(require("documents.read"))):
    """Page ``page`` (1-based) of the upload, rendered on the server."""
    path = await s.page_image(p, document_id, page, masked=False)
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


class Decision(BaseModel):
    action: Literal["accept", "reject", "change_ground", "delete"] = Field(
        description="delete: undo a drawn box (m…) or a text entry added by an official, until release")
    ids: list[Annotated[str, Field(max_length=32)]] = Field(min_length=1, max_length=10000)
    reason: Optional[str] = Field(None, max_length=500, description="required to reject")
    ground: Optional[str] = Field(None, max_length=64, description="required to change the ground (one of the policy's)")
    all_occurrences: bool = Field(False, description="also every other occurrence of the same value")


class DecisionResult(BaseModel):
    counts: dict[str, int]
    changed: list[dict[str, Any]]


@router.post("/documents/{document_id}/decisions", response_model=DecisionResult, tags=["review"],
             responses=DOC_ERRORS)
async def decide(document_id: str, d: Decision, s: Svc, p: Principal = Depends(require("documents.decide"))) -> dict:
    """Accept, reject (with a reason) or change the ground of candidates and drawn boxes (ids
    `m…`), or delete a drawn box or a text entry (undo); `all_occurrences` applies the decision to
    every occurrence of the same value. Audited; 409 `released` once released."""
    return await s.decide(p, document_id, d.action, d.ids, reason=d.reason, ground=d.ground,
                          all_occurrences=d.all_occurrences)


class BoxIn(BaseModel):
    page: int = Field(ge=1, le=100000, description="1-based")
    box: list[Annotated[float, Field(allow_inf_nan=False, ge=-1e6, le=1e6)]] = Field(
        min_length=4, max_length=4, description="[x0, y0, x1, y1] in PDF points (unrotated page space)")
    ground: Optional[str] = Field(None, max_length=64)
    entity_type: str = Field("MANUAL", max_length=64)
    all_occurrences: bool = Field(False, description="also mask, and check, the words under the box everywhere")


class BoxResult(BaseModel):
    counts: dict[str, int]
    area: dict[str, Any]


@router.post("/documents/{document_id}/boxes", response_model=BoxResult, tags=["review"], responses=DOC_ERRORS)
async def add_box(document_id: str, b: BoxIn, s: Svc, p: Principal = Depends(require("documents.decide"))) -> dict:
    """Mask an area drawn by the official: what lies under it on that page (text, image pixels,
    line art), verified there; the words under it everywhere only with `all_occurrences`."""
    return await s.add_box(p, document_id, b.page, b.box, ground=b.ground, entity_type=b.entity_type,
                           all_occurrences=b.all_occurrences)


class TextIn(BaseModel):
    text: str = Field(min_length=2, max_length=200, description="masked at every occurrence in the document")
    entity_type: str = Field("PERSON", max_length=64)
    ground: Optional[str] = Field(None, max_length=64)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text must not be blank")
        return v


@router.post("/documents/{document_id}/texts", response_model=DecisionResult, tags=["review"],
             responses={**DOC_ERRORS, **WORK_ERRORS})
async def add_text(document_id: str, t: TextIn, s: Svc, p: Principal = Depends(require("documents.decide"))) -> dict:
    """Mask a text at every occurrence (sent in the body, never in the URL)."""
    return await s.add_text(p, document_id, t.text, entity_type=t.entity_type, ground=t.ground)


class ApplyIn(BaseModel):
    append_list: bool = Field(False, description="append the maskeringsförteckning as the last page(s)")


class ApplyResult(BaseModel):
    document_id: str
    status: str
    masked_areas: int
    by_type: dict[str, int]
    output_pages: Optional[int] = None
    output_sha256: str
    verification: dict[str, Any]


@router.post("/documents/{document_id}/apply", response_model=ApplyResult, tags=["review"],
             responses={**DOC_ERRORS, **WORK_ERRORS})
async def apply(document_id: str, s: Svc, body: Optional[ApplyIn] = None,
                p: Principal = Depends(require("documents.apply"))) -> dict:
    """Mask as decided and verify (fail closed). 409 ``review_pending`` while candidates need a decision."""
    return await s.apply(p, document_id, append_list=bool(body and body.append_list))


@router.get("/documents/{document_id}/preview/{page}.png", tags=["review"], response_class=FileResponse,
            responses={200: PNG, **DOC_ERRORS, **WORK_ERRORS})
async def preview_image(document_id: str, page: int, s: Svc, p: Principal = Depends(require("documents.read"))):
    """Page ``page`` of the masked output (after apply), for the final check before release."""
    path = await s.page_image(p, document_id, page, masked=True)
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "no-store"})


@router.get("/documents/{document_id}/verification", tags=["review"], responses=DOC_ERRORS)
async def verification(document_id: str, s: Svc, p: Principal = Depends(require("documents.read"))) -> dict:
    """The verification of the masked output, and whether the stored output is still the one verified."""
    return s.verification(p, document_id)


@router.post("/documents/{document_id}/release", tags=["review"], responses=DOC_ERRORS)
async def release(document_id: str, s: Svc, p: Principal = Depends(require("documents.release"))) -> dict:
    """Release the verified output (the release record; no content)."""
    return await s.release(p, document_id)


# --- what a finished job and an applied document share: products, download, deletion -----------------


@dataclass(frozen=True)
class Kind:
    """Jobs (one-shot, integrations) and review documents: the same files under another path,
    with their own permissions. The handlers below are registered once per kind."""

    kind: str  # DocumentRow.kind
    name: str  # in route names (OpenAPI operation ids): job_report, document_report, delete_job …
    param: str  # the id's path parameter
    tag: str
    read: str  # permission: the products
    download: str  # permission: the masked PDF
    delete: str  # permission: deleting the files
    output: str  # the masked PDF's path segment, and its route name
    output_name: str

    @property
    def path(self) -> str:
        return f"/{self.name}s/{{{self.param}}}"


JOBS = Kind("job", "job", "job_id", "redact", read="redact", download="redact", delete="redact",
            output="result", output_name="job_result")
DOCUMENTS = Kind("review", "document", "document_id", "review", read="documents.read", download="documents.download",
                 delete="documents.delete", output="download", output_name="download")


def _add_product_routes(k: Kind) -> None:
    reader = Depends(require(k.read))

    @router.get(f"{k.path}/{k.output}", name=k.output_name, tags=[k.tag], response_class=FileResponse,
                responses={200: PDF, **DOC_ERRORS})
    async def output(s: Svc, doc_id: str = Path(alias=k.param), p: Principal = Depends(require(k.download))) -> FileResponse:
        """The masked, verified PDF (a review document once it is released)."""
        row, path = s.output(p, doc_id, k.kind)
        await s.record_download(p, row, "api" if p.via == "key" else "web")
        return _pdf(path, f"masked-{doc_id}.pdf")

    @router.get(f"{k.path}/report", name=f"{k.name}_report", tags=[k.tag], responses=DOC_ERRORS)
    async def report(s: Svc, doc_id: str = Path(alias=k.param), p: Principal = reader) -> dict:
        """The masking report: per area page, box, type, ground, score, detector; never text."""
        return storage.read_json(s.product(p, doc_id, storage.REPORT, k.kind))

    @router.get(f"{k.path}/masking-list", name=f"{k.name}_masking_list", tags=[k.tag], responses=DOC_ERRORS)
    async def masking_list(s: Svc, doc_id: str = Path(alias=k.param), p: Principal = reader) -> dict:
        """The maskeringsförteckning (JSON)."""
        return storage.read_json(s.product(p, doc_id, storage.LIST_JSON, k.kind))

    @router.get(f"{k.path}/masking-list.pdf", name=f"{k.name}_masking_list_pdf", tags=[k.tag],
                response_class=FileResponse, responses={200: PDF, **DOC_ERRORS})
    async def masking_list_pdf(s: Svc, doc_id: str = Path(alias=k.param), p: Principal = reader) -> FileResponse:
        """The maskeringsförteckning as PDF (made when first asked for)."""
        s.product(p, doc_id, storage.LIST_JSON, k.kind)  # finished, and its files are there
        return _pdf(await s.list_pdf(doc_id), f"maskeringsforteckning-{doc_id}.pdf")

    @router.get(f"{k.path}/decision-draft", name=f"{k.name}_decision_draft", tags=[k.tag],
                response_class=PlainTextResponse,
                responses={200: {"content": {"text/plain": {}}, "description": "draft decision (Swedish)"}, **DOC_ERRORS})
    async def decision_draft(s: Svc, doc_id: str = Path(alias=k.param), p: Principal = reader) -> PlainTextResponse:
        """A draft decision (Swedish) citing the grounds used."""
        text = s.product(p, doc_id, storage.DRAFT, k.kind).read_text(encoding="utf-8")
        return PlainTextResponse(text, headers={"Cache-Control": "no-store"})

    @router.delete(k.path, name=f"delete_{k.name}", status_code=204, tags=[k.tag], responses=DOC_ERRORS)
    async def delete(s: Svc, doc_id: str = Path(alias=k.param), p: Principal = Depends(require(k.delete))) -> Response:
        """Delete the files now (the record, without content, stays)."""
        await s.delete(p, doc_id, k.kind)
        return Response(status_code=204)


_add_product_routes(JOBS)
_add_product_routes(DOCUMENTS)


# --- text analysis -------------------------------------------------------------------------------------


class AnalyzeIn(BaseModel):
    text: str = Field(max_length=1_000_000)
    policy: Optional[str] = Field(None, max_length=64)


class Entity(BaseModel):
    start: int
    end: int
    type: str
    score: float
    recognizer: str


class AnalyzeResult(BaseModel):
    entities: list[Entity]


@router.post("/analyze", response_model=AnalyzeResult, tags=["analyze"], responses={**ERRORS, **WORK_ERRORS})
async def analyze(a: AnalyzeIn, s: Svc, p: Principal = Depends(require("analyze"))) -> dict:
    """Detections in plain text with the same decisions as PDF masking (offsets, types, scores)."""
    return {"entities": await s.analyze(p, a.text, a.policy)}


# --- audit ---------------------------------------------------------------------------------------------------


@router.get("/audit/events", tags=["audit"], responses=ERRORS)
async def audit_events(
    s: Svc,
    start: Optional[str] = Query(None, alias="from", max_length=40, description="ISO-8601, first time included"),
    end: Optional[str] = Query(None, alias="to", max_length=40, description="ISO-8601, first time excluded"),
    document_id: Optional[str] = Query(None, max_length=36),
    kind: Optional[str] = Query(None, max_length=32),
    after_seq: int = Query(0, ge=0, le=2**62, description="page on: the last seq you have"),
    limit: int = Query(100, ge=1, le=1000),
    p: Principal = Depends(require("audit.read")),
) -> dict:
    """Audit events of the organisation's documents, in seq order (no values, only HMACs)."""
    events = await s.audit_events(p, start, end, document_id, kind, after_seq, limit)
    return {"events": events, "next_after_seq": events[-1]["seq"] if events else after_seq}


@router.get("/audit/verify", tags=["audit"], responses=ERRORS)
async def audit_verify(s: Svc, p: Principal = Depends(require("audit.verify"))) -> dict:
    """Verify the whole log: hash chain, MACs, anchors and signed head."""
    return await s.audit_verify()


# --- API keys (admin) -----------------------------------------------------------------------------------------


class KeyIn(BaseModel):
    role: Literal["registrar", "reviewer", "auditor", "integration", "admin"]
    user: Optional[str] = Field(None, max_length=64, description="the official's or system's id (default: key-<id>)")


@router.get("/keys", tags=["keys"], responses=ERRORS)
async def list_keys(s: Svc, p: Principal = Depends(require("keys.manage"))) -> list[dict]:
    """The organisation's API keys (ids, users, roles, revocation; never a key or its hash)."""
    return [describe(k) for k in s.db.keys(p.org)]


@router.post("/keys", status_code=201, tags=["keys"], responses=ERRORS)
async def new_key(k: KeyIn, s: Svc, p: Principal = Depends(require("keys.manage"))) -> dict:
    """A new key for the admin's organisation; the key is in this answer only."""
    from masking.errors import ConfigError

    try:
        secret, rec = create_key(s.db, k.role, org=p.org, actor=k.user)
    except ConfigError as exc:
        raise ServiceError(422, "validation", exc.message) from None
    return {"key": secret, "key_id": rec.key_id, "org": rec.org, "user": rec.actor, "role": rec.role}


@router.delete("/keys/{key_id}", status_code=204, tags=["keys"],
               responses={**ERRORS, 404: {"model": ErrorBody, "description": "no such key in the organisation"}})
async def revoke_key(key_id: str, s: Svc, p: Principal = Depends(require("keys.manage"))) -> Response:
    """Revoke a key at once (its sessions end at their next request)."""
    if not s.db.revoke_key(key_id, org=p.org):
        raise not_found("key")
    return Response(status_code=204)

