"""Back-pressure by waiting (issue 14 item 6): a request that finds the masking workers busy waits
in a bounded queue; beyond the bound, or after waiting ``queue_wait_s``, 503 with a Retry-After
computed from the queue and the measured task durations, never longer than the keep-alive."""

from __future__ import annotations

import functools
import threading
import time

import pytest

from service.pool import Overloaded, WorkerPool
from service.settings import load_settings
from tests import service_support
from tests.conftest import page_text
from tests.service_support import PNR, sample_pdf, shared_service, upload_file


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _pool(size: int = 2, queue_limit: int = 8, cap: int = 30) -> WorkerPool:
    pool = WorkerPool(size, queue_limit, 60, {}, retry_after_max_s=cap, initial_task_s=2.0)
    pool._clock = FakeClock()
    return pool


def test_retry_after_is_the_work_ahead_at_the_measured_pace() -> None:
    pool = _pool()
    assert pool.retry_after() == 1  # idle, prior of 2 s per task over 2 workers
    pool._clock.now += 10  # that promise has passed
    pool.observe(4.0)
    assert pool.task_s == 4.0  # the first measurement replaces the prior
    pool._inflight = 8  # 2 running, 6 waiting
    assert pool.retry_after() == 14  # (6 waiting + itself) x 4 s / 2 workers
    # clients refused together are told to come back one after the other
    assert [pool.retry_after() for _ in range(3)] == [16, 18, 20]
    pool._clock.now += 60  # every promise has passed
    assert pool.retry_after() == 14


def test_retry_after_follows_a_moving_average_and_stays_within_its_cap() -> None:
    pool = _pool(size=1, queue_limit=100, cap=30)
    pool.observe(4.0)
    pool.observe(14.0)
    assert pool.task_s == pytest.approx(6.0)  # 4 + 0.2 x (14 - 4)
    pool._inflight = 100
    assert all(1 <= pool.retry_after() <= 30 for _ in range(50))


def test_the_cap_on_retry_after_is_below_the_keep_alive(monkeypatch, tmp_path) -> None:
    from masking.errors import ConfigError

    s = load_settings(env={}, storage_dir=tmp_path, keep_alive_s=20)
    assert 1 <= s.retry_after_max_s < s.keep_alive_s
    with pytest.raises(ConfigError):
        load_settings(env={}, storage_dir=tmp_path, keep_alive_s=5)
    import uvicorn

    from masking.cli import main

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    monkeypatch.setenv("MASKING_SERVICE_STORAGE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("MASKING_SERVICE_KEEP_ALIVE_S", "42")
    monkeypatch.delenv("MASKING_SERVICE_CONFIG", raising=False)
    assert main(["serve", "--port", "8124"]) == 0
    assert seen["timeout_keep_alive"] == 42  # uvicorn keeps idle connections open that long


@pytest.fixture(scope="session")
def service_session(request):
    return shared_service(request)


@pytest.fixture(scope="module")
def svc(service_session):
    return service_session


def _until(condition, limit_s: float = 60.0) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, "the condition was never met"
        time.sleep(0.01)


def test_a_task_that_waits_longer_than_its_bound_is_refused_and_no_worker_is_lost(svc, tmp_path) -> None:
    pool, portal = svc.app.state.pool, svc.client.portal
    gate = tmp_path / "go"
    slow = portal.start_task_soon(pool.run, service_support.wait_for_file, {"path": str(gate)})
    try:
        _until(lambda: pool.load == pool.size)
        with pytest.raises(Overloaded) as exc:  # the fake slow task holds the only worker
            portal.call(functools.partial(pool.run, service_support.wait_for_file, {"path": str(gate)}, wait_s=0.05))
        assert 1 <= exc.value.retry_after <= pool.retry_after_max_s
        assert pool.load == pool.size  # its place was given back
    finally:
        gate.touch()
        assert slow.result(timeout=60) is True
    # the worker the refused task waited for is still in the pool
    assert portal.call(functools.partial(pool.run, service_support.wait_for_file, {"path": str(gate)}, wait_s=60))


def test_a_request_queued_while_the_workers_are_busy_is_served_without_503(svc, tmp_path) -> None:
    pool, portal = svc.app.state.pool, svc.client.portal
    assert pool.queue_limit > pool.size  # there is room to wait
    gate = tmp_path / "go"
    slow = portal.start_task_soon(pool.run, service_support.wait_for_file, {"path": str(gate)})
    answer: dict = {}

    def client() -> None:
        answer["r"] = svc.client.post("/v1/redact", files=upload_file(sample_pdf()), headers=svc.h("integration"))

    t = threading.Thread(target=client)
    try:
        _until(lambda: pool.load == pool.size)
        t.start()
        _until(lambda: pool.load == pool.size + 1)  # admitted, waiting for the busy worker
        assert "r" not in answer
    finally:
        gate.touch()
        assert slow.result(timeout=60) is True
        t.join(120)
    r = answer["r"]
    assert r.status_code == 200, r.text
    assert PNR not in page_text(r.content)


def test_no_503_asks_for_a_wait_longer_than_the_cap() -> None:
    from service.errors import to_response
    from service.pool import PoolClosed

    r = to_response(PoolClosed(), retry_cap=10)
    assert r.status_code == 503 and r.headers["retry-after"] == "10"
    r = to_response(Overloaded(3), retry_cap=10)
    assert r.status_code == 503 and r.headers["retry-after"] == "3"
