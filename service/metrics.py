"""Prometheus metrics and the access log: requests, durations, pages, detections by type,
failures; never values.

Labels are fixed words only: the route *template* (``/v1/documents/{document_id}``, never a
document id), the method, the status code, an entity type, an error kind. Each app has its own
registry (metrics are per HTTP worker process; scrape each, or run one HTTP worker).

The access log (logger ``service.access``) is written here too, with the same route template
in place of the path: a raw path or query string can hold a name someone typed into a URL.
``masking serve`` switches uvicorn's own access log (raw paths) off.
"""

from __future__ import annotations

import copy
import logging
import time
from typing import Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_TYPE_LATEST", "Metrics", "MetricsMiddleware"]

access_log = logging.getLogger("service.access")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter("masking_http_requests_total", "HTTP requests", ["method", "route", "status"], registry=r)
        self.duration = Histogram(
            "masking_http_request_duration_seconds", "HTTP request duration", ["method", "route"], registry=r,
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
        )
        self.documents = Counter("masking_documents_total", "Documents processed", ["flow", "outcome"], registry=r)
        self.pages = Counter("masking_pages_total", "Pages processed (analysed or masked)", ["flow"], registry=r)
        self.detections = Counter("masking_detections_total", "Detections by entity type", ["entity_type"], registry=r)
        self.failures = Counter("masking_failures_total", "Failures by kind", ["kind"], registry=r)
        self.rejected = Counter("masking_rejected_total", "Requests refused by back-pressure (503)", registry=r)
        self.restarts = Counter("masking_worker_restarts_total", "Masking workers replaced", ["reason"], registry=r)
        self.inflight = Gauge("masking_jobs_in_flight", "Masking tasks running or waiting", registry=r)

    def observe_detections(self, by_type: dict[str, int]) -> None:
        for etype, n in by_type.items():
            self.detections.labels(entity_type=str(etype)).inc(int(n))

    def failure(self, kind: str) -> None:
        self.failures.labels(kind=kind).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


def uvicorn_logging(level: str = "info") -> dict:
    """uvicorn's settings for ``masking serve``: its access log (raw paths) off, and the
    service's loggers (``service.access`` to stdout, the rest to stderr) at ``level``."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["service_access"] = {"formatter": "default", "class": "logging.StreamHandler",
                                            "stream": "ext://sys.stdout"}
    config["loggers"]["service"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    config["loggers"]["service.access"] = {"handlers": ["service_access"], "level": level.upper(), "propagate": False}
    return {"access_log": False, "log_config": config, "log_level": level}


def _route(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "<unmatched>"


REQUEST_START = "masking.request_start"  # in the ASGI scope: when the request arrived (time.monotonic)


def server_timing(phases: dict[str, float]) -> str:
    """A ``Server-Timing`` header value (milliseconds per phase, names only: no content)."""
    return ", ".join(f"{name};dur={seconds * 1000:.1f}" for name, seconds in phases.items())


class MetricsMiddleware:
    """Counts every request by method, route template and status, times it and writes the access
    log line (pure ASGI)."""

    def __init__(self, app: ASGIApp, metrics: Metrics, skip: Iterable[str] = ()) -> None:
        self.app = app
        self.metrics = metrics
        self.skip = frozenset(skip)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        scope[REQUEST_START] = time.monotonic()
        status = {"code": 500}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = _route(scope)
            method = scope.get("method", "GET")
            seconds = time.perf_counter() - start
            access_log.info("%s %s %d %.0f ms", method, route, status["code"], seconds * 1000)
            if route not in self.skip:
                self.metrics.requests.labels(method=method, route=route, status=str(status["code"])).inc()
                self.metrics.duration.labels(method=method, route=route).observe(seconds)
