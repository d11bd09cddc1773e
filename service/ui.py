"""The review web page (server-rendered Jinja2 + vendored htmx; Swedish interface text).

An official logs in once with an API key (registrar or reviewer); the page keeps a signed
session cookie (see :mod:`service.auth`). The page calls the same :class:`DocumentService`
methods as the API: nothing is decided here that the library does not decide.

Flow: list + upload → review (page images with colour-coded boxes per entity type, candidate
list, accept / reject with reason / change ground / all occurrences, draw a box, mask a text,
keyboard shortcuts) → completion gate (apply is possible only when no candidate needs a
decision) → preview of the masked pages with the verification result → release → download.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional

from fastapi import APIRouter, Depends, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from masking import errors as me
from masking.disclosure import type_name
from masking.entities import COLOURS as ENTITY_COLOURS

from . import messages as msg
from . import storage
from .api import Svc, Upload, upload
from .auth import PERMISSIONS, SESSION_COOKIE, Principal, optional_session, require
from .documents import DocumentService, read_meta
from .errors import ServiceError
from .keys import verify_key
from .pool import PoolError

log = logging.getLogger("service")
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

# one colour per entity type (boxes and legend); anything else gets the manual colour
COLOURS = ENTITY_COLOURS  # masking/entities.py: the one table of entity types (MANUAL last)
SOURCES = msg.SOURCES
STATUS = msg.STATUS
DOC_STATUS = msg.DOC_STATUS
try:
    from zoneinfo import ZoneInfo

    _STOCKHOLM: Any = ZoneInfo("Europe/Stockholm")
except Exception:  # no time zone data: UTC
    _STOCKHOLM = _dt.timezone.utc
PAGE_ERRORS = (ServiceError, me.MaskingError, PoolError, RequestValidationError)  # shown on a page; else a 500


def _message(exc: BaseException) -> str:
    """The Swedish sentence for an error (service/messages.py); never the English detail."""
    if isinstance(exc, ServiceError):
        return msg.error_text(exc.kind, exc.detail)
    if isinstance(exc, me.MaskingError):
        return msg.error_text(exc.kind, exc.message)
    if isinstance(exc, PoolError):
        return msg.error_text(exc.kind, str(exc))
    if isinstance(exc, RequestValidationError):
        fields = {str(e.get("loc", ("", ""))[-1]) for e in exc.errors()}
        return msg.error_text("validation", "file_missing" if "file" in fields else None)
    return msg.error_text("internal")


def _render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
    base = {"request": request, "colours": COLOURS, "type_name": type_name, "sources": SOURCES, "statuses": STATUS,
            "doc_status": DOC_STATUS, "roles": msg.ROLES, "error_text": msg.error_text}
    resp = templates.TemplateResponse(request, name, {**base, **ctx}, status_code=status)
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _login_redirect(request: Optional[Request] = None) -> Response:
    """To the login form; an htmx request (session expired mid-review) gets the whole page moved."""
    if request is not None and request.headers.get("HX-Request"):
        return Response(status_code=200, headers={"HX-Redirect": "/ui/login"})
    return RedirectResponse("/ui/login", status_code=303)


def _display_box(box: list[float], g: dict) -> dict[str, float]:
    """A box in PDF points (unrotated) → percent of the displayed (rotated) page."""
    a, b, c, d, e, f = g["matrix"]
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    w, h = g["width"] or 1.0, g["height"] or 1.0
    return {"left": 100 * min(xs) / w, "top": 100 * min(ys) / h, "width": 100 * (max(xs) - min(xs)) / w,
            "height": 100 * (max(ys) - min(ys)) / h}


def to_pdf_box(box: list[float], g: dict) -> list[float]:
    """A box drawn on the displayed page (points) → PDF points in the unrotated page space."""
    a, b, c, d, e, f = g["matrix"]
    det = a * d - b * c
    if not det:
        return list(box)
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    ie, if_ = -(ia * e + ic * f), -(ib * e + id_ * f)
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        xs.append(ia * x + ic * y + ie)
        ys.append(ib * x + id_ * y + if_)
    return [min(xs), min(ys), max(xs), max(ys)]


def _context(s: DocumentService, doc_id: str) -> dict[str, dict[str, str]]:
    """Each candidate's words in their line (written by the worker; the registrar's screen only)."""
    path = s.dir(doc_id) / storage.CONTEXT
    try:
        return storage.read_json(path) if path.exists() else {}
    except (OSError, ValueError):
        return {}


def _groups(plan, context: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """Candidates grouped by value (the same value on any page): one entry, one decision for
    all its occurrences. Ordered by the first occurrence."""
    by_ref: dict[str, list] = {}
    for c in sorted(plan.candidates, key=lambda c: (c.page, c.start)):
        by_ref.setdefault(c.value_ref, []).append(c)
    groups = []
    for members in by_ref.values():
        first = members[0]
        statuses = {c.status for c in members}
        status = statuses.pop() if len(statuses) == 1 else "mixed"
        grounds = {c.effective_ground for c in members}
        manual = all(c.source == "manual" for c in members)
        groups.append({
            "key": first.id, "ids": [c.id for c in members], "members": members, "type": first.entity_type,
            "status": status, "needs": any(c.status == "pending" and not c.auto for c in members),
            "auto": all(c.auto for c in members), "pages": sorted({c.page + 1 for c in members}),
            "score": max(c.score for c in members), "ground": first.effective_ground if len(grounds) == 1 else None,
            "changed": any(c.ground for c in members), "manual": manual,
            "source": msg.source_text(first.recognizer, first.validation, first.entity_type, first.source),
            "reasons": sorted({c.reason for c in members if c.reason}),
            "decided_by": sorted({c.decided_by for c in members if c.decided_by}),
            "occurrences": [{"cid": c.id, "page": c.page + 1, **context.get(c.id, {})} for c in members],
        })
    return groups


def _workspace(s: DocumentService, p: Principal, doc_id: str) -> dict[str, Any]:
    row = s.live(p, doc_id)
    plan = s.plan(doc_id)
    geometry = {g["page"]: g for g in s.geometry(doc_id)}
    groups = _groups(plan, _context(s, doc_id))
    group_of = {cid: g["key"] for g in groups for cid in g["ids"]}
    pages = []
    for n in range(1, plan.pages + 1):
        g = geometry[n]
        boxes = []
        for c in plan.candidates:
            if c.page + 1 == n:
                for b in c.boxes:
                    boxes.append({"cid": c.id, "group": group_of[c.id], "type": c.entity_type, "status": c.status,
                                  "auto": c.auto, "drawn": False, **_display_box(list(b), g)})
        for m in plan.manual_areas:
            if m.page + 1 == n:
                boxes.append({"cid": m.id, "group": m.id, "type": m.entity_type, "status": m.status, "auto": False,
                              "drawn": True, **_display_box(list(m.box), g)})
        pages.append({"number": n, "width": g["width"], "height": g["height"], "boxes": boxes})
    counts = plan.counts()
    types = sorted({c.entity_type for c in plan.candidates} | {m.entity_type for m in plan.manual_areas})
    return {"row": row, "plan": plan, "pages": pages, "counts": counts, "types": types, "groups": groups,
            "grounds": plan.policy.get("grounds") or {}, "principal": p, "error": None}


ErrorView = Callable[[Request, BaseException], Awaitable[Response]]


def _principal(request: Request) -> Optional[Principal]:
    return getattr(request.state, "principal", None)


def _status(exc: BaseException, default: int) -> int:
    return exc.status if isinstance(exc, ServiceError) else default


def message_page(default_status: int = 422, back: Optional[str] = None) -> ErrorView:
    """An error view: the message page (with a link back to ``back``, formatted with the path
    parameters)."""

    async def view(request: Request, exc: BaseException) -> Response:
        ctx = {"principal": _principal(request), "error": _message(exc)}
        if back:
            ctx["back"] = back.format(**request.path_params)
        return _render(request, "message.html", ctx, status=_status(exc, default_status))

    return view


def on_error(view: ErrorView):
    """Decorator: the page a handler's errors are shown on (default: :func:`message_page`)."""

    def mark(endpoint):
        endpoint.error_view = view
        return endpoint

    return mark


class Page(APIRoute):
    """A review-page route. Not logged in (or the session ended): to the login form. A refused
    or failed request (wrong CSRF token, role, state, a library or pool error) is shown on the
    handler's error view, never as JSON."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()
        view: ErrorView = getattr(self.endpoint, "error_view", None) or message_page()

        async def page(request: Request) -> Response:
            try:
                return await handler(request)
            except PAGE_ERRORS as exc:
                if isinstance(exc, ServiceError) and exc.status == 401:
                    return _login_redirect(request)
                return await view(request, exc)
            except StarletteHTTPException:
                raise
            except Exception as exc:  # a bug: the page says so in Swedish; the log names the type only
                log.error("unexpected %s on a review page", type(exc).__name__)
                return _render(request, "message.html", {"principal": _principal(request),
                                                         "error": msg.error_text("internal")}, status=500)

        return page


router = APIRouter(prefix="/ui", include_in_schema=False, route_class=Page)


def user(action: str = "ui"):
    """A dependency: the official logged in on the review page (session cookie; a change must
    carry the CSRF token), whose role may do ``action``."""
    return Depends(require(action, session=True))


# --- login ---------------------------------------------------------------------------------------


@router.get("", include_in_schema=False)
async def ui_root(p: Optional[Principal] = Depends(optional_session)) -> RedirectResponse:
    return RedirectResponse("/ui/documents" if p else "/ui/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> HTMLResponse:
    return _render(request, "login.html", {"error": None})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, api_key: str = Form("")) -> Response:
    key = verify_key(request.app.state.db, api_key)
    if key is None or key.role not in PERMISSIONS["ui"]:
        text = msg.error_text("login_invalid" if key is None else "login_role")
        return _render(request, "login.html", {"error": text}, status=401 if key is None else 403)
    value, _csrf = request.app.state.sessions.issue(key)
    resp = RedirectResponse("/ui/documents", status_code=303)
    secure = request.url.scheme == "https" or request.app.state.settings.cookie_secure
    resp.set_cookie(SESSION_COOKIE, value, max_age=request.app.state.settings.session_max_age_s, httponly=True,
                    samesite="strict", secure=secure, path="/")
    return resp


@router.post("/logout")
async def logout(p: Principal = user()) -> Response:
    resp = _login_redirect()
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


# --- documents -----------------------------------------------------------------------------------


def _local_time(iso_utc: Optional[str]) -> str:
    """``2026-12-03T13:24:30Z`` as Swedish local time, ``2026-12-03 14:24:30``."""
    if not iso_utc:
        return ""
    try:
        t = _dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return iso_utc
    return t.astimezone(_STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S")


def _document_rows(s: DocumentService, p: Principal) -> list[dict[str, Any]]:
    """The document list: file name and case reference (meta.json), status, what is still to be
    decided, uploader, when uploaded and last changed, and why a failed one failed."""
    out = []
    for r in s.list_documents(p, "review"):
        meta = read_meta(s.dir(r.id)) if not r.purged else {}
        pending = None
        if not r.purged and r.status in ("review", "applied"):
            try:
                pending = s.plan(r.id).counts()["blocking"]
            except (OSError, ValueError, me.MaskingError):
                pending = None
        out.append({"row": r, "file_name": meta.get("file_name"), "case_ref": meta.get("case_ref"), "pending": pending,
                    "created": _local_time(r.created), "updated": _local_time(r.updated),
                    "error": msg.error_text(r.error_kind, r.error) if r.error_kind else None})
    return out


def _documents_page(request: Request, s: DocumentService, p: Principal, error: Optional[str] = None,
                    status: int = 200) -> HTMLResponse:
    return _render(request, "documents.html", {"principal": p, "rows": _document_rows(s, p), "error": error,
                                               "policies": sorted(s.settings.policies),
                                               "default_policy": s.settings.default_policy}, status=status)


async def _on_documents_page(request: Request, exc: BaseException) -> Response:
    p = _principal(request)
    if p is None:  # not past the login check
        return await message_page()(request, exc)
    return _documents_page(request, request.app.state.documents, p, _message(exc), _status(exc, 422))


@router.get("/documents", response_class=HTMLResponse)
async def documents(request: Request, s: Svc, p: Principal = user("documents.read")) -> Response:
    return _documents_page(request, s, p)


@router.post("/documents", response_class=HTMLResponse)
@on_error(_on_documents_page)
async def create(request: Request, s: Svc, p: Principal = user("documents.create"),
                 up: Upload = Depends(upload)) -> Response:
    form = await request.form()  # parsed already: the file part's name, for the document list
    name = getattr(form.get("file"), "filename", None)
    row = await s.create_review(p, up.file, dataclasses.replace(up.options, file_name=name))
    return RedirectResponse(f"/ui/documents/{row.id}", status_code=303)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
async def review_page(document_id: str, request: Request, s: Svc, p: Principal = user("documents.read")) -> Response:
    row = s.live(p, document_id)
    if row.status not in ("review", "applied", "released"):
        raise ServiceError(409, "state", f"the document is {row.status}")
    return _render(request, "review.html", _workspace(s, p, document_id))


async def _on_workspace(request: Request, exc: BaseException) -> Response:
    """A decision that could not be made is shown in the workspace; a refused one (403, 404,
    410) on the message page."""
    if isinstance(exc, ServiceError) and exc.status in (403, 404, 410):
        return await message_page()(request, exc)
    return _workspace_part(request, request.path_params["document_id"], _message(exc))


def _workspace_part(request: Request, document_id: str, error: Optional[str] = None) -> HTMLResponse:
    p = _principal(request)
    assert p is not None
    ctx = _workspace(request.app.state.documents, p, document_id)
    ctx["error"] = error
    return _render(request, "_workspace.html", ctx)


def _float(v: str) -> float:
    x = float(v)
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError
    return x


@router.post("/documents/{document_id}/decide", response_class=HTMLResponse)
@on_error(_on_workspace)
async def decide(document_id: str, request: Request, s: Svc, p: Principal = user("documents.decide"),
                 action: str = Form(""), ids: list[str] = Form([]), reason: str = Form(""), ground: str = Form(""),
                 all_occurrences: str = Form("")) -> Response:
    await s.decide(p, document_id, action, [i for i in ids if i], reason=reason or None, ground=ground or None,
                   all_occurrences=all_occurrences in ("on", "true", "1"))
    return _workspace_part(request, document_id)


@router.post("/documents/{document_id}/box", response_class=HTMLResponse)
@on_error(_on_workspace)
async def draw_box(document_id: str, request: Request, s: Svc, p: Principal = user("documents.decide"),
                   page: str = Form(""), x0: str = Form(""), y0: str = Form(""), x1: str = Form(""), y1: str = Form(""),
                   box_ground: str = Form(""), entity_type: str = Form(""), all_occurrences: str = Form("")) -> Response:
    """A box drawn on the displayed page image (points of the rotated page)."""
    s.live(p, document_id)
    try:
        number = int(page)
        shown = [_float(v) for v in (x0, y0, x1, y1)]
    except ValueError:
        raise ServiceError(422, "validation", "box_coordinates: a box needs a page and four numbers") from None
    geometry = {g["page"]: g for g in s.geometry(document_id)}
    if number not in geometry:
        raise ServiceError(422, "validation", "box_page: no such page")
    await s.add_box(p, document_id, number, to_pdf_box(shown, geometry[number]), ground=box_ground or None,
                    entity_type=entity_type or "MANUAL", all_occurrences=all_occurrences in ("on", "true", "1"))
    return _workspace_part(request, document_id)


@router.post("/documents/{document_id}/text", response_class=HTMLResponse)
@on_error(_on_workspace)
async def mask_text(document_id: str, request: Request, s: Svc, p: Principal = user("documents.decide"),
                    text: str = Form(""), entity_type: str = Form(""), ground: str = Form("")) -> Response:
    s.live(p, document_id)
    if not 2 <= len(text.strip()) <= 200:
        raise ServiceError(422, "validation", "text_length: 2-200 characters")
    await s.add_text(p, document_id, text.strip(), entity_type=entity_type or "PERSON", ground=ground or None)
    return _workspace_part(request, document_id)


async def _on_review_page(request: Request, exc: BaseException) -> Response:
    """Apply refused (the completion gate) or failed: the review page with the reason."""
    p = _principal(request)
    if p is None or (isinstance(exc, ServiceError) and exc.status == 403):
        return await message_page()(request, exc)
    try:
        ctx = _workspace(request.app.state.documents, p, request.path_params["document_id"])
    except (ServiceError, me.MaskingError) as exc2:
        return await message_page(404)(request, exc2)
    ctx["error"] = _message(exc)
    return _render(request, "review.html", ctx, status=409 if isinstance(exc, me.ReviewPendingError) else 422)


@router.post("/documents/{document_id}/apply", response_class=HTMLResponse)
@on_error(_on_review_page)
async def apply(document_id: str, s: Svc, append_list: bool = Form(False),
                p: Principal = user("documents.apply")) -> Response:
    await s.apply(p, document_id, append_list=append_list)
    return RedirectResponse(f"/ui/documents/{document_id}/preview", status_code=303)


@router.get("/documents/{document_id}/preview", response_class=HTMLResponse)
async def preview(document_id: str, request: Request, s: Svc, p: Principal = user("documents.read")) -> Response:
    check = s.verification(p, document_id)
    row = s.live(p, document_id)
    report_pages = s.geometry(document_id)
    plan = s.plan(document_id)
    report = storage.read_json(s.dir(document_id) / storage.REPORT)
    input_pages = int(report.get("input", {}).get("pages", len(report_pages)))
    output_pages = input_pages + int((report.get("masking_list") or {}).get("appended_pages", 0))
    return _render(request, "preview.html", {"principal": p, "row": row, "check": check, "report": report,
                                             "pages": list(range(1, output_pages + 1)), "input_pages": input_pages,
                                             "counts": plan.counts(), "error": None})


@router.post("/documents/{document_id}/release", response_class=HTMLResponse)
@on_error(message_page(409, back="/ui/documents/{document_id}/preview"))
async def release(document_id: str, s: Svc, confirm: str = Form(""),
                  p: Principal = user("documents.release")) -> Response:
    if confirm != "yes":
        raise ServiceError(422, "validation", "confirm_release: confirm that the preview was checked")
    await s.release(p, document_id)
    return RedirectResponse(f"/ui/documents/{document_id}/preview", status_code=303)


@router.get("/{rest:path}", response_class=HTMLResponse)
async def not_a_page(rest: str, request: Request, p: Optional[Principal] = Depends(optional_session)) -> Response:
    """Any other address under /ui: a Swedish page, not the API's JSON."""
    return _render(request, "message.html", {"principal": p, "error": msg.error_text("not_found", "no such page")},
                   status=404)
