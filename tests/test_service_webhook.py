"""Job webhooks (service/webhook.py): a job with a callback URL is announced, when it finishes,
by a signed POST without personal data; deliveries are retried a bounded number of times and
never fail the job; the URL (its query string) never reaches the log. A local HTTP receiver
stands in for the case system and checks the signature as a receiver would."""

from __future__ import annotations

import asyncio
import http.server
import json
import logging
import threading
import time

import pytest

from service import webhook
from tests.service_support import NAME, PNR, WEBHOOK_KEY, sample_pdf, shared_service, upload_file


class Receiver:
    """An HTTP server on 127.0.0.1 that records each POST and answers with the next status of
    ``statuses`` (the last one repeats)."""

    def __init__(self, statuses=(200,)) -> None:
        self.statuses = list(statuses)
        self.requests: list[tuple[dict, bytes]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = outer.statuses.pop(0) if len(outer.statuses) > 1 else outer.statuses[0]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/masking"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait(self, n: int, limit_s: float = 120.0) -> None:
        deadline = time.monotonic() + limit_s
        while len(self.requests) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.requests) >= n, f"{len(self.requests)} of {n} deliveries arrived"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture(scope="session")
def svc(request):
    return shared_service(request)


def _signed(headers: dict, body: bytes) -> dict:
    """What a receiver does: check the signature over the raw body, then parse it."""
    assert webhook.verify(WEBHOOK_KEY.encode(), body, headers.get("x-masking-signature"))
    assert not webhook.verify(b"another key", body, headers.get("x-masking-signature"))
    assert not webhook.verify(WEBHOOK_KEY.encode(), body + b" ", headers.get("x-masking-signature"))
    return json.loads(body)


def _wait_job(svc, job_id: str) -> dict:
    for _ in range(600):
        view = svc.client.get(f"/v1/jobs/{job_id}", headers=svc.h("integration")).json()
        if view["status"] not in ("queued", "running"):
            return view
        time.sleep(0.1)
    raise AssertionError("job did not finish")


def test_finished_job_is_announced_signed_and_without_personal_data(svc, receiver) -> None:
    r = svc.client.post("/v1/redact", files=upload_file(sample_pdf()), headers={**svc.h("integration"),
                        "Prefer": "respond-async"}, data={"callback_url": receiver.url + "?token=s3cret-token"})
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    receiver.wait(1)
    headers, body = receiver.requests[0]
    payload = _signed(headers, body)
    assert headers["content-type"] == "application/json" and headers["x-masking-event"] == "job.finished"
    assert payload["job_id"] == job_id and payload["status"] == "done" and payload["event"] == "job.finished"
    assert payload["masked_areas"] >= 3 and payload["pages"] == 1 and payload["by_type"]["SE_PERSONNUMMER"] >= 1
    assert payload["links"]["result"] == f"/v1/jobs/{job_id}/result" and payload["error"] is None
    assert headers["x-masking-delivery"] == payload["delivery_id"]
    text = body.decode()
    for value in (PNR, NAME, "Svensson", "Anna", "070-123", "intyg", "s3cret"):
        assert value not in text
    view = _wait_job(svc, job_id)
    assert view["status"] == "done" and view["masked_areas"] == payload["masked_areas"]


def test_failed_job_is_announced_with_its_error_kind(svc, receiver) -> None:
    r = svc.client.post("/v1/redact", files=upload_file(b"%PDF-1.7\nnot really a pdf " + b"x" * 100),
                        headers={**svc.h("integration"), "Prefer": "respond-async"}, data={"callback_url": receiver.url})
    assert r.status_code == 202
    receiver.wait(1)
    payload = _signed(*receiver.requests[0])
    assert payload["status"] == "failed" and payload["error"]["kind"] in ("corrupt", "not_pdf", "empty")
    assert set(payload["error"]) == {"kind"}  # the kind only, no message


def test_retried_with_backoff_then_delivered(svc) -> None:
    rec = Receiver(statuses=(503, 500, 200))
    try:
        r = svc.client.post("/v1/redact", files=upload_file(sample_pdf()),
                            headers={**svc.h("integration"), "Prefer": "respond-async"}, data={"callback_url": rec.url})
        rec.wait(3)
        time.sleep(0.3)
        assert len(rec.requests) == 3  # delivered on the third attempt, then no more
        bodies = {body for _, body in rec.requests}
        assert len(bodies) == 1  # the same delivery each time (one delivery id, one signature)
        assert _signed(*rec.requests[-1])["job_id"] == r.json()["job_id"]
    finally:
        rec.close()


def test_undeliverable_webhook_is_bounded_never_fails_the_job_nor_logs_the_url(svc, caplog) -> None:
    rec = Receiver(statuses=(500,))
    caplog.set_level(logging.INFO, logger="service")
    try:
        r = svc.client.post("/v1/redact", files=upload_file(sample_pdf()),
                            headers={**svc.h("integration"), "Prefer": "respond-async"},
                            data={"callback_url": rec.url + "?token=s3cret-token"})
        job_id = r.json()["job_id"]
        rec.wait(3)
        deadline = time.monotonic() + 30
        while "not delivered" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        assert len(rec.requests) == 3  # webhook_attempts, then it stops
        assert _wait_job(svc, job_id)["status"] == "done"
        assert f"webhook for job {job_id} not delivered after 3" in caplog.text
        assert "s3cret" not in caplog.text and "127.0.0.1" not in caplog.text and "/hooks/" not in caplog.text
    finally:
        rec.close()


def test_a_4xx_answer_is_not_retried() -> None:
    rec = Receiver(statuses=(404,))
    try:
        config = webhook.WebhookConfig(b"k", ("http://127.0.0.1:",), attempts=4, backoff_s=0.01)
        result = asyncio.run(webhook.deliver(rec.url, webhook.job_payload({"job_id": "j", "status": "done"}), config, "j"))
        assert result == webhook.Delivery(False, 1, "404") and len(rec.requests) == 1
    finally:
        rec.close()


def test_unreachable_receiver_is_bounded() -> None:
    config = webhook.WebhookConfig(b"k", ("http://127.0.0.1:",), attempts=2, backoff_s=0.01, timeout_s=2)
    result = asyncio.run(webhook.deliver("http://127.0.0.1:9/x", webhook.job_payload({"job_id": "j", "status": "done"}),
                                         config, "j"))
    assert not result.delivered and result.attempts == 2


@pytest.mark.parametrize("url", ["http://example.org/hook", "ftp://127.0.0.1:21/x", "http://user:pw@127.0.0.1:80/x",
                                 "not a url"])
def test_callback_only_to_allowed_addresses(svc, url) -> None:
    r = svc.client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"),
                        data={"callback_url": url})
    assert r.status_code == 422 and r.json()["error"] == "callback"
    assert url not in r.text


def test_callbacks_refused_when_not_configured() -> None:
    with pytest.raises(Exception) as exc:
        webhook.check_url("http://127.0.0.1:8080/x", webhook.WebhookConfig(None, ()))
    assert getattr(exc.value, "kind", None) == "callback"
    assert webhook.check_url(None, webhook.WebhookConfig(None, ())) is None
