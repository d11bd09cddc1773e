"""Request-size limit and early back-pressure, before a request body is read (pure ASGI).

* A body larger than ``max_bytes`` is refused with 413: at once when ``Content-Length`` says
  so, else as soon as the streamed body passes the limit (chunked uploads), so an oversized
  upload never sits in memory or on disk.
* An upload to a masking route while the worker pool is full is refused with 503 and
  ``Retry-After`` before its body is read.
"""

from __future__ import annotations

import json
from typing import Callable, Iterable, Optional

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FORM_OVERHEAD = 256 * 1024  # multipart boundaries and the small form fields beside the file


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than the limit of {limit} bytes")


async def _send_json(send: Send, status: int, payload: dict, headers: Optional[dict[str, str]] = None) -> None:
    body = json.dumps(payload).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class UploadLimits:
    def __init__(self, app: ASGIApp, max_bytes: int, busy: Callable[[], Optional[int]],
                 upload_paths: Iterable[str] = ()) -> None:
        self.app = app
        self.max_bytes = int(max_bytes)
        self.limit = self.max_bytes + FORM_OVERHEAD
        self.busy = busy  # returns Retry-After seconds when the pool is full, else None
        self.upload_paths = frozenset(upload_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.limit
            except ValueError:
                await _send_json(send, 400, {"error": "bad_request", "detail": "invalid Content-Length"})
                return
            if too_big:
                await _send_json(send, 413, {"error": "too_large",
                                             "detail": f"the upload is larger than the limit of {self.max_bytes} bytes"},
                                 {"Connection": "close"})
                return
        if scope.get("path") in self.upload_paths:
            retry = self.busy()
            if retry is not None:
                await _send_json(send, 503, {"error": "overloaded",
                                             "detail": "the service is busy: too many documents in progress; retry later"},
                                 {"Retry-After": str(retry)})
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await _send_json(send, 413, {"error": "too_large",
                                         "detail": f"the upload is larger than the limit of {self.max_bytes} bytes"},
                             {"Connection": "close"})
