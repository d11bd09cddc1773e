"""Job webhooks: when a job that carries a callback URL finishes, the service POSTs its outcome.

* The body is JSON without personal data: the event, a delivery id, the job id, its status
  (``done`` or ``failed``), pages, masked areas, counts per type, the error *kind* of a failed
  job, the links to fetch the products, and the time.
* ``X-Masking-Signature: sha256=<hex>`` is the HMAC-SHA256 of the exact body bytes under the
  service's ``webhook_key``: the receiver recomputes it over the raw body it read and compares
  in constant time (:func:`verify`) before trusting anything in it; the delivery id and time in
  the signed body let it refuse replays.
* Delivery is retried with exponential backoff (``webhook_backoff_s`` · 2^n) on a network error,
  a 408, 429 or 5xx answer, at most ``webhook_attempts`` times; another 4xx ends it at once.
  Redirects are not followed. A failed delivery never fails the job (the client can always poll
  ``GET /v1/jobs/{job_id}``) and is logged with the job id, attempt and reason only: never the
  URL (its query string may hold the receiver's token).
* Callbacks are accepted only to URLs under one of ``webhook_url_prefixes`` and only when a
  key is configured (else 422 ``callback``): the service never calls an address an operator did
  not allow. The URL is held in memory for the job's run; it is not stored or logged.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import urlsplit

from .errors import ServiceError

log = logging.getLogger("service")

SIGNATURE_HEADER = "X-Masking-Signature"
EVENT = "job.finished"
MAX_URL_CHARS = 2000
RETRY_STATUSES = frozenset({408, 425, 429})


@dataclass(frozen=True)
class WebhookConfig:
    key: Optional[bytes]
    prefixes: tuple[str, ...]
    attempts: int = 5
    backoff_s: float = 2.0
    timeout_s: float = 10.0

    @classmethod
    def from_settings(cls, settings: Any) -> "WebhookConfig":
        key = getattr(settings, "webhook_key", None)
        raw = getattr(settings, "webhook_url_prefixes", "") or ""
        prefixes = tuple(p.strip() for p in (raw.split(",") if isinstance(raw, str) else raw) if p and p.strip())
        return cls(key.encode("utf-8") if key else None, prefixes, int(getattr(settings, "webhook_attempts", 5)),
                   float(getattr(settings, "webhook_backoff_s", 2.0)), float(getattr(settings, "webhook_timeout_s", 10.0)))


def check_url(url: Optional[str], config: WebhookConfig) -> Optional[str]:
    """The callback URL a client gave, if the service may call it (ServiceError 422 ``callback``
    otherwise; the message never repeats the URL)."""
    if url is None or not url.strip():
        return None
    url = url.strip()
    if config.key is None or not config.prefixes:
        raise ServiceError(422, "callback", "callbacks are not configured on this service (webhook_key, "
                                            "webhook_url_prefixes); poll the job instead")
    parts = urlsplit(url)
    if len(url) > MAX_URL_CHARS or parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        raise ServiceError(422, "callback", "callback_url must be an http(s) URL without credentials")
    if not any(url.startswith(p) for p in config.prefixes):
        raise ServiceError(422, "callback", "callback_url is not under an address this service may call "
                                            "(webhook_url_prefixes)")
    return url


def sign(key: bytes, body: bytes) -> str:
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def verify(key: bytes, body: bytes, signature: Optional[str]) -> bool:
    """For receivers (and tests): does ``signature`` sign exactly ``body``?"""
    return bool(signature) and hmac.compare_digest(sign(key, body), str(signature))


def job_payload(view: dict[str, Any], by_type: Optional[dict[str, int]] = None) -> dict[str, Any]:
    """The body for a finished job, from its status view (no names, no values, no file names)."""
    error = view.get("error") or None
    return {
        "event": EVENT,
        "delivery_id": str(uuid.uuid4()),
        "time": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "job_id": view["job_id"],
        "status": view["status"],
        "pages": view.get("pages"),
        "masked_areas": view.get("masked_areas"),
        "by_type": dict(sorted((by_type or {}).items())),
        "output_sha256": view.get("output_sha256"),
        "error": {"kind": error.get("kind")} if error else None,
        "links": view.get("links", {}),
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:  # a redirect is an answer, not followed
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _post(url: str, body: bytes, headers: dict[str, str], timeout_s: float) -> int:
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(req, timeout=timeout_s) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


@dataclass(frozen=True)
class Delivery:
    delivered: bool
    attempts: int
    last: str  # the last answer: an HTTP status, or an exception's class name


async def deliver(url: str, payload: dict[str, Any], config: WebhookConfig, job_id: str) -> Delivery:
    """POST ``payload`` to ``url``, signed, with retries. Never raises (but on cancellation)."""
    assert config.key is not None
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": "masking-webhook/1",
               SIGNATURE_HEADER: sign(config.key, body), "X-Masking-Event": payload["event"],
               "X-Masking-Delivery": payload["delivery_id"]}
    last = ""
    for attempt in range(1, config.attempts + 1):
        try:
            status = await asyncio.to_thread(_post, url, body, headers, config.timeout_s)
            last = str(status)
            if 200 <= status < 300:
                log.info("webhook for job %s delivered (attempt %d)", job_id, attempt)
                return Delivery(True, attempt, last)
            retry = status >= 500 or status in RETRY_STATUSES
        except Exception as exc:  # network, TLS, timeout: the message may hold the URL; only the class is kept
            last, retry = type(exc).__name__, True
        log.warning("webhook for job %s: attempt %d of %d failed (%s)", job_id, attempt, config.attempts, last)
        if not retry or attempt == config.attempts:
            break
        await asyncio.sleep(config.backoff_s * 2 ** (attempt - 1))
    log.warning("webhook for job %s not delivered after %d attempt(s); the job's status can be polled", job_id,
                attempt)
    return Delivery(False, attempt, last)
