"""HTTP statuses for the library's typed errors and the service's own, as one JSON shape.

Every error response is ``{"error": "<kind>", "detail": "<one line>"}``: the kind is the
library's ``MaskingError.kind`` (``not_pdf``, ``encrypted``, ``corrupt``, ``empty``,
``limit``, ``needs_ocr``, ``verification``, ``review_pending``, ``plan`` …) or the service's
(``unauthorized``, ``forbidden``, ``not_found``, ``too_large``, ``overloaded``, ``timeout``
…). Messages come from the library, which never puts personal data in them, or are fixed
here; an unexpected exception answers 500 ``internal`` with no detail from the exception.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from masking import errors as me

from .pool import JobTimeout, Overloaded, PoolClosed, PoolError, TaskFailed, WorkerCrashed, WorkerInitFailed

log = logging.getLogger("service")

class ServiceError(Exception):
    """An error the service raises itself (auth, ownership, state)."""

    def __init__(self, status: int, kind: str, detail: str, headers: Optional[dict[str, str]] = None) -> None:
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.detail = detail
        self.headers = headers or {}


def unauthorized(detail: str = "missing or invalid API key") -> ServiceError:
    return ServiceError(401, "unauthorized", detail, {"WWW-Authenticate": 'Bearer realm="masking"'})


def forbidden(detail: str = "your role may not do this") -> ServiceError:
    return ServiceError(403, "forbidden", detail)


def not_found(what: str = "document") -> ServiceError:
    return ServiceError(404, "not_found", f"no such {what}")


def conflict(kind: str, detail: str) -> ServiceError:
    return ServiceError(409, kind, detail)


def status_for(exc: BaseException) -> int:
    """A library error's HTTP status: each error class owns it (masking/errors.py)."""
    return me.http_status_for(exc)


def body(kind: str, detail: Any) -> dict:
    return {"error": kind, "detail": detail}


def to_response(exc: BaseException, retry_cap: int = 30) -> JSONResponse:
    """The response for any error raised while serving a request (``retry_cap``: the longest
    Retry-After the service sends, shorter than its keep-alive)."""
    if isinstance(exc, ServiceError):
        return JSONResponse(body(exc.kind, exc.detail), status_code=exc.status, headers=exc.headers)
    if isinstance(exc, Overloaded):
        return JSONResponse(body(exc.kind, str(exc)), status_code=503, headers={"Retry-After": str(exc.retry_after)})
    if isinstance(exc, JobTimeout):
        return JSONResponse(body(exc.kind, str(exc)), status_code=504)
    if isinstance(exc, (PoolClosed, WorkerInitFailed)):
        return JSONResponse(body(exc.kind, str(exc)), status_code=503, headers={"Retry-After": str(min(30, retry_cap))})
    if isinstance(exc, (WorkerCrashed, TaskFailed, PoolError)):
        return JSONResponse(body(exc.kind, str(exc)), status_code=500)
    if isinstance(exc, me.MaskingError):
        status = status_for(exc)
        if status >= 500:
            log.error("service error %s", exc.kind)
        return JSONResponse(body(exc.kind, exc.message), status_code=status)
    log.error("unexpected %s", type(exc).__name__)
    return JSONResponse(body("internal", "internal error"), status_code=500)


def _validation_detail(exc: RequestValidationError) -> list[dict]:
    out = []
    for e in exc.errors():  # never echo the input back (it may be a document's text)
        out.append({"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))})
    return out


def install(app: FastAPI) -> None:
    async def service_error(request: Request, exc: Exception) -> JSONResponse:
        settings = getattr(request.app.state, "settings", None)
        return to_response(exc, getattr(settings, "retry_after_max_s", 30))

    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kinds = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                 413: "too_large", 415: "unsupported_media_type"}
        return JSONResponse(body(kinds.get(exc.status_code, "http"), exc.detail), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(body("validation", _validation_detail(exc)), status_code=422)

    app.add_exception_handler(ServiceError, service_error)
    app.add_exception_handler(me.MaskingError, service_error)
    app.add_exception_handler(PoolError, service_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, service_error)
