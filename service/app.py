"""The FastAPI application factory: ``create_app(settings)``.

Startup opens the service database (SQLite, or PostgreSQL shared by several instances), the
storage directory (0700), the audit log and the masking worker pool (local processes, or the
Dask cluster with ``scheduler``), warmed in the background: ``/ready`` answers 503 until every
worker has loaded the model; and it starts the retention task. ``masking serve`` runs it with uvicorn.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
from pathlib import Path
from typing import AsyncIterator, Optional

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.routing import APIRoute
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from masking import __version__

from . import anonymize_api, api, errors, openapi, ui
from .auth import Principal, Sessions, require
from .db import ServiceDB
from .documents import DocumentService
from .limits import UploadLimits
from .metrics import CONTENT_TYPE_LATEST, Metrics, MetricsMiddleware
from .pool import WorkerPool
from .settings import Settings, load_settings
from .storage import Storage, ensure_private_dir

log = logging.getLogger("service")
STATIC = Path(__file__).parent / "static"

DESCRIPTION = """
Masking (maskning) of Swedish public-agency PDFs with true redaction, as a service.

* **Integrations** (role `integration`): `POST /v1/redact` returns the masked, verified PDF
  (or `202` and a job id for large files or with `Prefer: respond-async`); the job's report,
  maskeringsförteckning and decision draft are under `/v1/jobs/{job_id}/…`.
* **Review** (roles `registrar`, `reviewer`): upload → candidates with page images →
  decisions → apply (mask + verify) → release (registrar) → download. The review page is at
  `/ui`.
* **Audit** (role `auditor`): `/v1/audit/events`, `/v1/audit/verify`.

Authenticate with `Authorization: Bearer <API key>` (`masking keys create --role ROLE`).
Errors are `{"error": kind, "detail": one line}` and never contain personal data.
"""


def _session_secret(settings: Settings) -> str:
    """The key that signs session cookies: the setting, else ``session.key`` in the storage
    directory, made once. Every instance sharing the storage directory reads the same key (a
    cookie issued by one host is good on the others); several starting at once agree on the
    first one written (a complete file is linked into place, never overwritten). It is not kept
    in the database, which would then hold all that is needed to forge a session."""
    if settings.session_secret:
        return settings.session_secret
    path = settings.storage_dir / "session.key"
    if not path.exists():
        tmp = path.with_name(f".session.key.{secrets.token_hex(8)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48))
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:  # another instance was first: use its key
                pass
        finally:
            tmp.unlink(missing_ok=True)
    return path.read_text().strip()


def make_pool(settings: Settings, metrics: Metrics) -> WorkerPool:
    """The instance's masking workers: its own processes, or the Dask cluster (``scheduler``)."""
    common = dict(queue_wait_s=settings.queue_wait_s, retry_after_max_s=settings.retry_after_max_s,
                  on_restart=lambda reason: metrics.restarts.labels(reason=reason).inc())
    if settings.scheduler:
        from .dask_pool import DaskPool

        return DaskPool(settings.scheduler, settings.pool_workers, settings.queue_limit, settings.job_timeout_s,
                        settings.worker_config(), **common)
    return WorkerPool(settings.pool_workers, settings.queue_limit, settings.job_timeout_s,
                      settings.worker_config(), **common)


class SecurityHeaders:
    """No sniffing, no framing, no referrer; a strict CSP on the review page (scripts from
    this server only: htmx and review.js are vendored, nothing from a CDN)."""

    CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
           "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_ui = str(scope.get("path", "")).startswith("/ui")

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY")]
                if is_ui:
                    headers.append((b"content-security-policy", self.CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_wrapper)


def create_app(settings: Optional[Settings] = None, *, warm: bool = True) -> FastAPI:
    settings = settings or load_settings()
    metrics = Metrics()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from masking.audit import open_audit_log

        ensure_private_dir(settings.storage_dir)
        db = ServiceDB(settings.database)
        store = Storage(settings.documents_dir)
        audit = open_audit_log(settings.audit_url, key=settings.audit_key)
        pool = make_pool(settings, metrics)
        await pool.start(warm=False)
        app.state.db = db
        app.state.pool = pool
        app.state.sessions = Sessions(_session_secret(settings), settings.session_max_age_s)
        app.state.documents = DocumentService(settings, db, store, pool, metrics, audit)
        prepare_routes(app)
        tasks = [asyncio.create_task(_retention(app.state.documents, settings.cleanup_interval_s)),
                 asyncio.create_task(_job_runner(app.state.documents, settings.job_takeover_s))]
        if warm:
            tasks.append(asyncio.create_task(pool.warm_up()))
        try:
            yield
        finally:
            for t in tasks:
                t.cancel()
            for t in list(app.state.documents._jobs):
                t.cancel()
            try:  # its unfinished jobs: another instance may take them over at once
                db.release_jobs(app.state.documents.instance)
            except Exception as exc:  # noqa: BLE001 - then after job_takeover_s
                log.error("unfinished jobs not handed over: %s", type(exc).__name__)
            await pool.close()
            audit.close()
            db.close()

    app = FastAPI(title="masking", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.settings = settings
    app.state.metrics = metrics
    errors.install(app)
    openapi.install(app)  # roles, error kinds and examples on every operation
    app.include_router(api.router)
    app.include_router(anonymize_api.router)  # POST /v1/anonymize (masking anonymize over HTTP)
    app.include_router(ui.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="masking API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/swagger/favicon-32x32.png")

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/ui", status_code=303)

    @app.get("/health", tags=["operations"])
    async def health() -> dict:
        """Liveness: the HTTP process answers (no authentication)."""
        return {"status": "ok", "version": __version__}

    @app.get("/ready", tags=["operations"],
             responses={503: {"description": "not ready (the same body, status `not_ready`)",
                              "content": {"application/json": {}}}})
    async def ready(request: Request) -> JSONResponse:
        """Readiness: workers started, database and storage usable (no authentication)."""
        state = request.app.state
        checks = {
            "workers": bool(state.pool.ready),
            "database": await asyncio.to_thread(state.db.ping),  # a database host that is away must not stall the loop
            "storage": os.access(settings.documents_dir, os.W_OK),
        }
        ok = all(checks.values())
        body = {"status": "ready" if ok else "not_ready", "checks": checks, "load": state.pool.load,
                "queue_limit": state.pool.queue_limit}
        if state.pool.init_error:  # e.g. the model is missing: the workers cannot start
            body["workers_error"] = state.pool.init_error
        return JSONResponse(body, status_code=200 if ok else 503)

    @app.get("/metrics", tags=["operations"], response_class=Response,
             responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text format"}})
    async def prometheus(request: Request, p: Principal = Depends(require("metrics"))) -> Response:
        """Prometheus metrics (role admin): requests, durations, pages, detections by type, failures."""
        metrics.inflight.set(request.app.state.pool.load)
        return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)

    def busy() -> Optional[int]:
        pool = getattr(app.state, "pool", None)
        if pool is not None and pool.saturated:
            metrics.rejected.inc()
            return pool.retry_after()
        return None

    app.add_middleware(UploadLimits, max_bytes=settings.max_upload_bytes, busy=busy, upload_paths=upload_paths(api.router, ui.router))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app


def prepare_routes(app: FastAPI) -> None:
    """Build the routes before the first request. FastAPI builds an included router's routes
    (each one's dependencies and pydantic models: 0.14 s CPU for this API, 0.44 s on a loaded
    2-core machine) when the first request reaches the router, on the event loop, so the first
    requests (all of a load test's first clients) waited for it. Matching any request against
    every route builds them (Starlette's public ``matches``; the build is cached)."""
    scope = {"type": "http", "method": "GET", "path": "/", "root_path": "", "headers": [], "query_string": b""}
    for route in app.router.routes:
        try:
            route.matches(dict(scope))
        except Exception:  # noqa: BLE001 - only a head start: the first request builds what is left
            log.debug("route not prepared: %s", type(route).__name__)


def upload_paths(*routers: APIRouter) -> list[str]:
    """The paths of the routes that take a document upload (the :func:`service.api.upload`
    dependency): refused with 503 before their body is read while the pool is full."""

    def uses_upload(dependant) -> bool:
        return any(d.call is api.upload or uses_upload(d) for d in dependant.dependencies)

    return [r.path for router in routers for r in router.routes if isinstance(r, APIRoute) and uses_upload(r.dependant)]


async def _retention(documents: DocumentService, interval: float) -> None:
    while True:
        try:
            n = await asyncio.to_thread(documents.purge_expired)
            if n:
                log.info("retention: deleted the files of %d document(s)", n)
        except Exception as exc:  # keep the loop alive; the next round retries
            log.error("retention failed: %s", type(exc).__name__)
        await asyncio.sleep(interval)


async def _job_runner(documents: DocumentService, takeover_s: float) -> None:
    """Say this instance is alive (its asynchronous jobs are not taken over), and take over the
    jobs of instances silent for ``takeover_s`` seconds."""
    while True:
        try:
            await asyncio.to_thread(documents.db.heartbeat, documents.instance)
            n = documents.resume_jobs(takeover_s)
            if n:
                log.warning("took over %d job(s) of a stopped instance", n)
        except Exception as exc:  # keep the loop alive; the next round retries
            log.error("job heartbeat failed: %s", type(exc).__name__)
        await asyncio.sleep(takeover_s / 4)


def create_app_from_env() -> FastAPI:
    """For ``uvicorn --factory service.app:create_app_from_env`` (settings from env/file)."""
    return create_app(load_settings())
